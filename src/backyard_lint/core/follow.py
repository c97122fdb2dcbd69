"""What may follow a run of exact strings in a pattern: its first characters, for the literal
analysis (``core/literals.py``).

A literal can be weak on its own and strong with what must come after it. In
``\\b[Ss]tan[\\s\\pZ]*-?[\\s\\pZ]*(?:[Cc]ountr(?:y|ies)|[Nn]ations?)``, "stan" occurs in nearly
every technical text ("standard", "instance"), but a match has after "stan" either a character
that is not a letter, or "co", or "na": "stan" followed by one of those is rare.
``Starts.sequence`` reads the rest of a sequence and gives those beginnings; the analysis
appends them to the run.

The beginnings are strings of at most ``DEPTH`` characters, folded as the analysis folds them
(ASCII letters in lower case). ``WILD`` stands for one character that is not an ASCII letter;
the gate looks for it as ``(?-i:[^A-Za-z])`` (``literals.escape``), and nothing after it is read.
A string shorter than ``DEPTH`` that does not end with ``WILD`` is a whole match: the next
item's beginnings are appended to it. The reading must be sound (a beginning left out would
make the prefilter skip a text that matches), so anything unsure gives None.
"""

from __future__ import annotations

from backyard_lint.core.regex_tree import TreeReader

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

WILD = "\0"  # one character that is not an ASCII letter
DEPTH = 2  # characters read past a run
MAX_STARTS = 16  # beginnings kept; more gives None (too many to be worth looking for)
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def complete(s: str) -> bool:
    """Whether ``s`` says all that is read of a match: ``DEPTH`` characters, or up to WILD."""
    return len(s) >= DEPTH or s.endswith(WILD)


def _cut(s: str) -> str:
    wild = s.find(WILD)
    return (s[: wild + 1] if wild >= 0 else s)[:DEPTH]


def concat(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The beginnings of a match of one item followed by another."""
    if a is None or b is None:
        return None
    out = {x for x in a if complete(x)}
    out.update(_cut(x + y) for x in a if not complete(x) for y in b)
    return frozenset(out) if len(out) <= MAX_STARTS else None


class Starts(TreeReader):
    """The beginnings of a match of items of a parsed pattern (None: unsure)."""

    def sequence(self, items: list[tuple[Any, Any]]) -> frozenset[str] | None:
        found: frozenset[str] | None = frozenset({""})
        for op, arg in items:
            if found is None or all(complete(s) for s in found):
                break
            found = concat(found, self.item(op, arg))
        return found

    def literal(self, char: str) -> frozenset[str]:
        return frozenset({_char(char)})

    def zero_width(self) -> frozenset[str]:
        return frozenset({""})

    def other(self) -> None:
        return None  # any character, a negated literal, a back-reference: unsure

    def branch(self, branches: list[list[tuple[Any, Any]]]) -> frozenset[str] | None:
        out: set[str] = set()
        for branch in branches:
            one = self.sequence(branch)
            if one is None:
                return None
            out |= one
        return frozenset(out) if len(out) <= MAX_STARTS else None

    def repeat(self, low: int, high: int, sub: list[tuple[Any, Any]]) -> frozenset[str] | None:
        """Each further repetition only lengthens what is not yet complete, so ``DEPTH`` + 1
        of them reach every beginning that more would give."""
        one = self.sequence(list(sub))
        found: frozenset[str] | None = frozenset({""})
        for _ in range(min(low, DEPTH + 1)):
            found = concat(found, one)
        every = found
        for _ in range(min(high - low, DEPTH + 1)):
            found = concat(found, one)
            if found is None or every is None:
                return None
            every = every | found
        return every if every is None or len(every) <= MAX_STARTS else None

    def char_class(self, items: list[tuple[Any, Any]]) -> frozenset[str] | None:
        found = self.members(items, 128)
        if found is None:  # a negation: may hold letters
            return None
        members, categories = found
        if not categories <= {self.p.CATEGORY_SPACE, self.p.CATEGORY_DIGIT}:
            return None  # a word class: letters (a Unicode class such as \pZ comes as \s)
        chars = {_char(c) for c in members} | ({WILD} if categories else set())
        return frozenset(chars) if len(chars - {WILD}) <= 4 else None


def _char(c: str) -> str:
    """A character as a beginning: an ASCII letter in lower case, another ASCII character as
    WILD, any other as itself (the gate compares it without case, as RE2 folds it)."""
    if c.isascii():
        lower = c.lower()
        return lower if lower in _LETTERS else WILD
    return c
