"""Signal ``owner``: a pronoun owner ("its backyard", "their own backyard") belongs to the
nearest plausible owner named before it.

A rule's pronoun pattern matches "its backyard" in any sentence that names the rule's power, so
in "Beijing courts Astana while Moscow guards its backyard" both the China and the Russia rules
match. The owner is the power named nearest before the pronoun that can stand for it: for
"its", "his" and "her" a single power (``powers``), not one of two joined by "and" or a comma
("Russia and China ... its backyard" is neither's); for "their" a people or group in the plural
(``power_peoples``: "the Russians", "Moscow's elites") or two powers joined. When that owner is
not one of the rule's own powers (its ``powers`` hint), the match is another power's backyard:
read as ``literal`` for this rule (the other power's rule reads it as a use). "Our" names no
owner in the text and is left to the rule's own conditions.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.common import AP, LEX, Reading
from backyard_lint.readings.lazy import Lazy
from backyard_lint.readings.span import Span

_PRONOUN = Lazy(r"(its|his|her|their)\b", re.IGNORECASE)
_POWERS = LEX.alt("powers")
_PEOPLES = LEX.alt("power_peoples")
# A proper name is matched in its own case ("US" is not "us"); "the Kremlin's", "Russia's".
_NAME = rf"(?<![\w.])(?:{_POWERS})(?![\w])(?:{AP}s?)?"
_OWNER = Lazy(
    rf"(?P<pair>{_NAME}\s*(?:,|and|&)\s*(?:the\s+)?{_NAME})"
    rf"|(?P<people>(?:{_NAME}\s+)?(?i:{_PEOPLES})\b)"
    rf"|(?P<one>{_NAME})"
)
_POSSESSIVE = Lazy(AP + r"s?$")


_POWER_LIST = tuple(p.lower() for p in LEX.entries("powers"))


def _names(found: str) -> set[str]:
    """The powers named in ``found``; a people alone stands for the power whose name begins
    like it ("Russians", "the Chinese")."""
    names = {
        _POSSESSIVE.sub("", m.group()).lower()
        for m in re.finditer(rf"(?<![\w.])(?:{_POWERS})(?![\w])", found)
    }
    if not names:
        last = found.split()[-1].lower()
        names = {p for p in _POWER_LIST if len(p) >= 4 and last[:4] == p[:4]}
    return names


def _nearest(head: str, plural: bool) -> tuple[str, set[str]] | None:
    """The nearest plausible owner in ``head`` (its text and the powers it names)."""
    best: re.Match[str] | None = None
    for m in _OWNER.finditer(head):
        if (m.group("pair") or m.group("people")) if plural else m.group("one"):
            best = m
    if best is None:
        return None
    return best.group().strip(), _names(best.group())


def owner(span: Span) -> Reading | None:
    pronoun = _PRONOUN.match(span.match)
    own = {p.lower() for p in span.rule.hint("powers")}
    if pronoun is None or not own:
        return None
    plural = pronoun.group(1).lower() == "their"
    found = _nearest(span.head, plural)
    if found is None:
        return None
    text, names = found
    if not names or names & own:
        return None  # the rule's own power, or a people named without a power
    return Context.LITERAL, f"{pronoun.group(1)}: the owner named nearest is {text}"
