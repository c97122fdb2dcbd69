"""Markup-tolerant forms of a rule's pattern, rewritten token by token.

The prefilter and ``RuleSet.locate`` search the raw text, where inline markup may sit between
the words of a label ("Russia's <em>backyard</em>"). They search a widened form of each pattern:
a white-space run (``\\s+``, ``\\s*``, ``[\\s\\pZ]+``, ``[\\s\\pZ]*``) may also be markup, a word
boundary ``\\b`` may also be an underscore, and (prefilter only) a bounded optional repeat
``X{0,N}`` becomes ``X*``. Each rewrite makes the pattern match a superset of what it matched,
so no file is lost.

The rewriting reads the pattern as RE2 does: an escape (``\\\\b`` is a backslash and a ``b``,
not a word boundary), a character class (``[\\s+]`` and ``[{0,9}]`` hold characters, not a
run or a repeat) and a quoted stretch (``\\Q...\\E``) are single tokens and are never rewritten
inside. A widened form that RE2 then refuses is reported by :func:`problem` as a rule error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from backyard_lint.visible import printable

# Between words, the prefilter also accepts a tag, an emphasis, strike-through or blockquote
# mark, a no-break space written as a character reference, a link's brackets, destination or
# reference label, a backquote, or a footnote reference ("Russia's [backyard](url)",
# "Russia's[^1] backyard", "Russia's `backyard <url>`_").
FOOTNOTE_REF = r"\[\^[^\[\]\s]+\]|\[[^\[\]\s]+\]_"  # Markdown's [^1], reST's [#]_
MARKUP_GAP = (
    r"(?:[\s\pZ*_~>\[\]`]|<[^<>]*>|&(?:nbsp|#0*160|#x0*a0);|\]\([^()]*\)|\]\[[^\[\]]*\]|"
    + FOOTNOTE_REF
    + ")"
)
# ``RuleSet.locate``: any run of characters that are not word characters, list numbers, tags,
# character references, code spans, or a link's destination or reference label.
REGION_GAP = (
    r"(?:\W|\d+[.)]|<[^<>]*>|&#?\w+;|`[^`]*`|\]\([^()]*\)|\]\[[^\[\]]*\]|" + FOOTNOTE_REF + ")"
)
EDGE = r"(?:\b|_)"  # a word boundary may also be an emphasis underscore: "_Russia's_ backyard"

_SPACE_ATOMS = frozenset((r"\s", r"[\s\pZ]"))
_REPEAT = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_BOUNDED_OPTIONAL = re.compile(r"\{0,\d+\}")

Token = tuple[str, str]  # (kind, text): kind is esc, class, quote, repeat or char


def tokens(regex: str) -> Iterator[Token]:
    """``regex`` as RE2 reads it, one atom or operator at a time."""
    i, n = 0, len(regex)
    while i < n:
        c = regex[i]
        if c == "\\" and i + 1 < n:
            nxt = regex[i + 1]
            if nxt == "Q":  # a quoted stretch runs to \E or the end
                end = regex.find(r"\E", i + 2)
                stop = n if end < 0 else end + 2
                yield "quote", regex[i:stop]
                i = stop
                continue
            j = i + 2
            if nxt in "pPx" and j < n and regex[j] == "{":
                j = regex.find("}", j) + 1 or n
            elif nxt in "pP":
                j = min(n, j + 1)
            elif nxt == "x":
                j = min(n, j + 2)
            yield "esc", regex[i:j]
            i = j
        elif c == "[":
            j = _class_end(regex, i)
            yield "class", regex[i:j]
            i = j
        elif c in "*+?":
            yield "repeat", c
            i += 1
        elif c == "{" and (m := _REPEAT.match(regex, i)) and (m.group(1) or m.group(2)):
            yield "repeat", m.group(0)
            i = m.end()
        else:
            yield "char", c
            i += 1


def _class_end(regex: str, start: int) -> int:
    """The offset just past the character class that opens at ``start``."""
    i, n = start + 1, len(regex)
    if i < n and regex[i] == "^":
        i += 1
    if i < n and regex[i] == "]":  # a leading ']' is a member
        i += 1
    while i < n:
        c = regex[i]
        if c == "\\":
            i += 2
        elif regex.startswith("[:", i) and (close := regex.find(":]", i + 2)) > 0:
            i = close + 2
        elif c == "]":
            return i + 1
        else:
            i += 1
    return n


def widen(regex: str, gap: str, *, unbound: bool = False) -> str:
    """``regex`` with white-space runs widened to ``gap``, word boundaries to :data:`EDGE` and,
    when ``unbound``, ``{0,N}`` repeats made unbounded."""
    out: list[str] = []
    pending: str | None = None  # a white-space atom waiting for its repeat
    for kind, text in tokens(regex):
        if pending is not None:
            if kind == "repeat" and text in "+*":
                out.append(gap + text)
                pending = None
                continue
            out.append(pending)
            pending = None
        if kind in ("esc", "class") and text in _SPACE_ATOMS:
            pending = text
        elif kind == "esc" and text == r"\b":
            out.append(EDGE)
        elif unbound and kind == "repeat" and _BOUNDED_OPTIONAL.fullmatch(text):
            out.append("*")
        else:
            out.append(text)
    if pending is not None:
        out.append(pending)
    return "".join(out)


def markup_tolerant(regex: str) -> str:
    """The prefilter's form (white space may be inline markup)."""
    return widen(regex, MARKUP_GAP)


def region_tolerant(regex: str) -> str:
    """``RuleSet.locate``'s form (white space may be any markup)."""
    return widen(regex, REGION_GAP)


def trigger_form(regex: str) -> str:
    """The prefilter set's form: markup-tolerant, with bounded optional repeats unbounded (a
    superset that compiles to a smaller automaton)."""
    return widen(regex, MARKUP_GAP, unbound=True)


def refusal(regex: str) -> str | None:
    """RE2's reason for refusing ``regex``, or None when it compiles."""
    import re2  # local: the rule loader imports this module

    options = re2.Options()
    options.log_errors = False
    try:
        re2.compile(regex, options)
    except Exception as exc:  # re2 raises its own error type
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        return printable(str(detail), invisible=True)
    return None


def problem(regex: str, case_sensitive: bool, *, exact_only: bool = False) -> str | None:
    """Why a form of ``regex`` (valid RE2) that the engine compiles cannot be used, or None
    (``exact_only``: an exception, which is only searched as written)."""
    forms = (("exact", str), ("markup-tolerant", trigger_form), ("region", region_tolerant))
    for name, form in forms[:1] if exact_only else forms:
        widened = form(regex)
        if not case_sensitive:
            widened = f"(?i:{widened})"
        detail = refusal(widened)
        if detail:
            flags = "" if case_sensitive else " under case-insensitive matching"
            return f"its {name} form{flags} is refused by RE2 ({detail})"
    return None
