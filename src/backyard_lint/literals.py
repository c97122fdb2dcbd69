"""Required literals of a trigger pattern: strings one of which every match must contain.

The fast path (``quick.py``) first looks for these literals, case-insensitively, with a small
RE2 set that compiles in well under a millisecond, and then compiles only the trigger patterns
whose requirements are all met in the input (compiling all of them is the largest cost of a
small run). A pattern has several requirements when its top-level sequence has several parts
with literals ("back" and one of "yard", "garden"): a match meets every one of them.
That is sound only if the literals are truly required, so the analysis is conservative: it
reads the pattern with Python's own parser, refuses any syntax the two engines might read
differently, and answers None (no usable literal: the pattern is always compiled) whenever it
is not sure, or when the best literal is shorter than ``MIN_LENGTH``.

It runs when the rule cache is written; the cache keeps the answer for every trigger pattern.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

MIN_LENGTH = 3
# RE2 syntax that Python's parser reads differently, or not at all: give up on these.
_REFUSED = ("\\C", "\\Q", "\\E", "\\z", "\\x{", "[[:", "(?U", "(?s", "(?m", "(?P=", "(?<")


def required(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (compared
    case-insensitively), or None when there are none worth using or the pattern is unsure."""
    tree, p = _parse(pattern)
    if tree is None:
        return None
    return _usable(_sequence(list(tree), p))


def required_all(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Several requirements that every match of ``pattern`` meets at once: one for each part of
    the pattern's top-level sequence that has one (a pattern wrapped in one group is read
    inside it). None when there is none worth using or the pattern is unsure."""
    tree, p = _parse(pattern)
    if tree is None:
        return None
    items = list(tree)
    while len(items) == 1 and items[0][0] is p.SUBPATTERN:
        items = list(items[0][1][-1])
    factors: list[frozenset[str] | None] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is p.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            factors.append(frozenset({"".join(run)}))
            run = []
        if op is not None:
            factors.append(_item(op, arg, p))
    usable = sorted({f for f in (_usable(x) for x in factors) if f})
    return tuple(usable) if usable else None


def _parse(pattern: str) -> tuple[Any, Any]:
    import re
    from re import _parser  # type: ignore[attr-defined]

    # A Unicode class (\pZ, \p{Greek}) is never a literal: read it as \s, a class Python knows.
    pattern = re.sub(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])", r"\1\\s", pattern)
    if any(token in pattern for token in _REFUSED):
        return None, _parser
    try:
        return _parser.parse(pattern), _parser
    except Exception:  # not Python's syntax: unsure
        return None, _parser


def _usable(found: frozenset[str] | None) -> tuple[str, ...] | None:
    if not found or min(len(s) for s in found) < MIN_LENGTH:
        return None
    return tuple(sorted(found))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective requirement: the longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items: list[tuple[Any, Any]], p: Any) -> frozenset[str] | None:
    """A concatenation: every item matches, so any one item's requirement holds; consecutive
    literal characters make one string."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, arg in items:
        if op is p.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        best = _better(best, _item(op, arg, p))
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def _item(op: Any, arg: Any, p: Any) -> frozenset[str] | None:
    if op is p.SUBPATTERN:
        return _sequence(list(arg[-1]), p)
    if op is p.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _sequence(list(branch), p)
            if found is None:
                return None  # one alternative needs no literal: neither does the whole
            union |= found
        return frozenset(union)
    if op is p.MAX_REPEAT or op is p.MIN_REPEAT:
        low, _high, sub = arg
        return _sequence(list(sub), p) if low >= 1 else None
    return None  # classes, anchors, any character, look-arounds: no requirement


def escape(literal: str) -> str:
    """``literal`` as an RE2 pattern: letters and digits as they are, anything else escaped."""
    return "".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in literal)
