"""What every match of a trigger pattern must contain: strings the fast path looks for first.

Compiling the trigger patterns is the largest cost of a small run, and most texts hold none of
the words they need, so the prefilter (``core/prefilter.py``) first looks for plain strings with
one small RE2 set of literals (cheap to compile: docs/performance.md), and then compiles and runs
only the triggers whose requirement a text meets. The command's fast path and the full path
share it.

A requirement is a small formula in disjunctive normal form, compared case-insensitively:

- a *factor* is a tuple of strings, one of which occurs in the text;
- a *clause* is a tuple of factors that all hold at once;
- a *requirement* is a tuple of clauses, one of which holds for every match.

``(?:its|his)\\s+own\\s+back\\s*(?:yard|garden)`` requires ``(("back", ...), ("garden", "yard"))``:
one clause of two factors ("its", "his" and "own" are too short or too common to help; "back"
carries what follows it, see below). A top-level alternation gives a clause per branch,
and short runs of alternatives and small character classes are multiplied out into longer, more
selective strings (``[Ss]tan-?[Ll]ands?`` requires ``stanland`` or ``stan-land``). A run of
exact strings that the pattern does not end with gets the first characters of what must follow
it (``core/follow.py``): in ``[Ss]tan[\\s-]*[Cc]ountry``, "stan" followed by a character that
is not a letter, or by "co" ("standard" and "instance" hold "stan" and neither).

The analysis must be sound, or the prefilter would skip a pattern that matches (a missed
finding), so it is conservative: it reads the pattern with Python's own parser, refuses syntax
the two engines might read differently, drops anything it cannot read as plain characters (a
dropped part only weakens the requirement), and answers None (no requirement: the trigger is
always run) when it is not sure or finds nothing of at least ``MIN_LENGTH`` characters.

It runs when the rule cache is written (the cache keeps the answer for every trigger pattern)
and when a rule set without a cached index is first searched.
"""

from __future__ import annotations

import math

from backyard_lint.core.follow import WILD, Starts
from backyard_lint.core.regex_tree import TreeReader

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    Factor: TypeAlias = frozenset[str]  # one of these strings occurs
    Clause: TypeAlias = frozenset[Factor]  # every factor holds
    Dnf: TypeAlias = frozenset[Clause]  # one clause holds; {frozenset()} is "no requirement"
    Requirement: TypeAlias = tuple[tuple[tuple[str, ...], ...], ...]

MIN_LENGTH = 3  # a shorter string occurs in nearly every text: no use as a filter
MAX_EXACT = 16  # strings in a set of exact alternatives before it is cut into factors
MAX_CLAUSES = 8
MAX_FACTORS = 3  # per clause: the most selective ones
# RE2 syntax that Python's parser reads differently, or not at all: give up on these.
_REFUSED = ("\\C", "\\Q", "\\E", "\\z", "\\x{", "[[:", "(?U", "(?s", "(?m", "(?P=", "(?<")
_TRUE: Dnf = frozenset({frozenset()})
_NOT_A_LETTER = "(?-i:[^A-Za-z])"
# Between a run and what must follow it ("stan" FOLLOWS "co"): the gate ignores it; the strength
# of a factor counts what follows as one character more of its run.
FOLLOWS = "\1"
MAX_FOLLOWED = 8  # strings of a run with what follows appended, at most


def requirement(pattern: str) -> Requirement | None:
    """The strings every match of ``pattern`` contains (see the module's docstring), or None
    when there is no usable requirement or the pattern is unsure."""
    tree, parser = _parse(pattern)
    if tree is None:
        return None
    analysis = _Analysis(parser)
    found = analysis.dnf(analysis.sequence(list(tree)))
    if found == _TRUE:
        return None
    return tuple(
        sorted(tuple(sorted(tuple(sorted(factor)) for factor in clause)) for clause in found)
    )


def escape(literal: str) -> str:
    """``literal`` as an RE2 pattern: letters and digits as they are, ``follow.WILD`` as any
    character but an ASCII letter whatever the case flag, anything else escaped."""
    return "".join(_escaped(c) for c in literal)


def _escaped(c: str) -> str:
    if c.isalnum():
        return c
    if c == WILD:
        return _NOT_A_LETTER
    return "" if c == FOLLOWS else f"\\x{{{ord(c):x}}}"


def _parse(pattern: str) -> tuple[Any, Any]:
    import re

    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as _parser

    # A Unicode class (\pZ, \p{Greek}) is never a literal: read it as \s, a class Python knows.
    pattern = re.sub(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])", r"\1\\s", pattern)
    if any(token in pattern for token in _REFUSED):
        return None, _parser
    try:
        return _parser.parse(pattern), _parser
    except Exception:  # not Python's syntax: unsure
        return None, _parser


def _fold(char: str) -> str:
    """The gate compares without case (RE2's ``(?i)``): ASCII letters are kept lower-case, so
    that ``[Ss]`` is one character. Other characters are kept as they are; RE2 folds them."""
    return char.lower() if char.isascii() else char


def _stem(s: str) -> str:
    """A string without what follows its run (see ``_Analysis.followed``)."""
    return s.split(FOLLOWS, 1)[0]


def _shortest(factor: Factor | tuple[str, ...]) -> int:
    """The length of the shortest string, without what follows its run."""
    return min((len(_stem(s)) for s in factor), default=0)


def strength(factor: Factor | tuple[str, ...]) -> float:
    """How selective a factor is, roughly: longer strings are rarer, and each doubling of the
    number of alternatives costs a character and a half."""
    followed = all(FOLLOWS in s for s in factor)  # what follows counts as one more character
    stems = len({_stem(s) for s in factor})
    return _shortest(factor) + followed - 1.5 * math.log2(max(stems, 1))


def _minimal(strings: frozenset[str]) -> Factor:
    """The same factor without strings that contain another of its strings (any text that
    holds the longer holds the shorter)."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


class _Analysis(TreeReader):
    """Reads a parsed pattern. An item gives either a frozenset of exact strings (the item
    matches one of them and nothing else; ``""`` is an empty match) or a Dnf."""

    # -- formulas ----------------------------------------------------------------------------

    def dnf(self, info: frozenset[str] | Dnf) -> Dnf:
        if not _is_exact(info):
            return info  # type: ignore[return-value]
        strings: frozenset[str] = info  # type: ignore[assignment]
        if _shortest(strings) < MIN_LENGTH:
            return _TRUE
        return frozenset({frozenset({_minimal(strings)})})

    @staticmethod
    def both(a: Dnf, b: Dnf) -> Dnf:
        """Both hold: every pair of clauses; when that is too many, every clause of one side
        with the other side as one factor; else the more selective side."""
        if a == _TRUE:
            return b
        if b == _TRUE:
            return a
        if len(a) * len(b) <= MAX_CLAUSES:
            return _normal(frozenset(_trim(ca | cb) for ca in a for cb in b))
        few, many = sorted((a, b), key=len)
        if len(many) <= MAX_CLAUSES:
            (merged,) = _merged(few)
            return _normal(frozenset(_trim(clause | merged) for clause in many))
        return max(a, b, key=_dnf_strength)

    @staticmethod
    def either(a: Dnf, b: Dnf) -> Dnf:
        """One holds: every clause of both, or one factor that any clause implies."""
        if a == _TRUE or b == _TRUE:
            return _TRUE
        union = _normal(a | b)
        if len(union) <= MAX_CLAUSES:
            return union
        return _merged(union)

    # -- the parse tree ----------------------------------------------------------------------

    def sequence(self, items: list[tuple[Any, Any]]) -> frozenset[str] | Dnf:
        """A concatenation: exact strings multiply out while they stay few; the rest of the
        sequence is the conjunction of its parts. Exact only if every item is."""
        exact: frozenset[str] | None = frozenset({""})  # the run of exact items so far
        whole = True  # every item so far is exact, in one run
        found: Dnf = _TRUE
        for at, (op, arg) in enumerate(items):
            info = self.item(op, arg)
            if _is_exact(info):
                strings: frozenset[str] = info  # type: ignore[assignment]
                if exact is None:
                    exact = strings
                    continue
                product = frozenset(a + b for a in exact for b in strings)
                if len(product) <= MAX_EXACT:
                    exact = product
                    continue
                found = self.both(found, self.dnf(exact))
                exact, whole = strings, False
                continue
            if exact is not None:
                found = self.both(found, self.dnf(self.followed(exact, items[at:])))
                exact = None
            whole = False
            found = self.both(found, info)  # type: ignore[arg-type]
        if exact is not None:
            if whole:
                return exact
            found = self.both(found, self.dnf(exact))
        return found

    def followed(self, run: frozenset[str], rest: list[tuple[Any, Any]]) -> frozenset[str]:
        """A run of exact strings with the first characters of what must follow it in its
        sequence appended (``core/follow.py``), when that keeps them few; else the run."""
        after = Starts(self.p).sequence(rest)
        # A string that ends with another adds nothing once both are followed ("_stan" and
        # "stan"); one that only contains another does ("spheres" and "sphere").
        run = frozenset(a for a in run if not any(b != a and a.endswith(b) for b in run))
        if after is None or "" in after or len(run) * len(after) > MAX_FOLLOWED:
            return run
        return frozenset(a + FOLLOWS + b for a in run for b in after)

    def literal(self, char: str) -> frozenset[str]:
        return frozenset({_fold(char)})

    def zero_width(self) -> frozenset[str]:
        return frozenset({""})  # leaving it out only widens the match

    def other(self) -> Dnf:
        return _TRUE  # any character, a category, a back-reference: nothing to require

    def branch(self, branches: list[list[tuple[Any, Any]]]) -> frozenset[str] | Dnf:
        infos = [self.sequence(branch) for branch in branches]
        if all(_is_exact(i) for i in infos):
            union: frozenset[str] = frozenset().union(*infos)  # type: ignore[arg-type]
            if len(union) <= MAX_EXACT:
                return union
        result = self.dnf(infos[0])
        for info in infos[1:]:
            result = self.either(result, self.dnf(info))
        return result

    def repeat(self, low: int, high: int, sub: list[tuple[Any, Any]]) -> frozenset[str] | Dnf:
        inner = self.sequence(sub)
        exact = _is_exact(inner)
        if high == 0:
            return frozenset({""})
        if low == 0:
            if high == 1 and exact:
                return inner | frozenset({""})  # type: ignore[operator, arg-type]
            return _TRUE
        if exact and low == high and len(inner) ** low <= MAX_EXACT:
            product = frozenset({""})
            for _ in range(low):
                product = frozenset(a + b for a in product for b in inner)  # type: ignore[operator]
            return product
        return self.dnf(inner)  # at least one repetition

    def char_class(self, items: list[tuple[Any, Any]]) -> frozenset[str] | Dnf:
        found = self.members(items, 8)
        if found is None or found[1]:  # a negation, a category, a wide range
            return _TRUE
        chars = frozenset(_fold(c) for c in found[0])
        return chars if 0 < len(chars) <= 4 else _TRUE


def _is_exact(info: frozenset[str] | Dnf) -> bool:
    """Whether an item's reading is a set of exact strings (else it is a formula; neither is
    ever empty)."""
    return isinstance(next(iter(info)), str)


def _normal(dnf: Dnf) -> Dnf:
    """The formula without clauses that imply another clause (a text that meets the larger
    meets the smaller); one with an empty clause holds for any text."""
    if frozenset() in dnf:
        return _TRUE
    return frozenset(c for c in dnf if not any(other < c for other in dnf))


def _trim(clause: Clause) -> Clause:
    """A clause of at most MAX_FACTORS factors (dropping one only weakens it): the most
    selective, and beside it only short lists of longer strings, which sharpen the filter
    without making the set of literals to look for much larger ("its", "his" or a list of
    forty nouns next to "backyard" or "soviet" would add cost and rule out next to nothing)."""
    usable = [f for f in clause if _shortest(f) >= MIN_LENGTH]
    usable.sort(key=lambda f: (strength(f), sorted(f)), reverse=True)
    kept = usable[:1] + [
        f for f in usable[1:] if _shortest(f) > MIN_LENGTH and len({_stem(s) for s in f}) <= 8
    ]
    return frozenset(kept[:MAX_FACTORS])


def _merged(dnf: Dnf) -> Dnf:
    """One clause of one factor that ``dnf`` implies: each clause implies its strongest factor,
    so the formula implies their union."""
    strings = frozenset(s for clause in dnf for s in max(clause, key=strength))
    return frozenset({frozenset({_minimal(strings)})})


def _dnf_strength(dnf: Dnf) -> float:
    """A formula is as selective as its weakest clause; a clause as its strongest factor."""
    return min((max((strength(f) for f in clause), default=0.0) for clause in dnf), default=0.0)
