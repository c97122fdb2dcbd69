"""Reading a pattern parsed by Python's own parser (``re._parser``), one item at a time: the
literal analysis (``core/literals.py``) and what follows a run (``core/follow.py``) read the same
items in their own terms, each overriding one method per kind of item."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any


class TreeReader:
    """Dispatches an item ``(op, arg)`` of the parse tree to the method for its kind."""

    def __init__(self, parser: Any) -> None:
        self.p = parser  # the parser module, whose constants name the kinds of items

    def item(self, op: Any, arg: Any) -> Any:
        p = self.p
        if op is p.LITERAL:
            return self.literal(chr(arg))
        if op is p.IN:
            return self.char_class(arg)
        if op is p.AT or op is p.ASSERT or op is p.ASSERT_NOT:
            return self.zero_width()
        if op is p.SUBPATTERN:
            return self.sequence(list(arg[-1]))
        if op is p.BRANCH:
            return self.branch([list(branch) for branch in arg[1]])
        if op in (p.MAX_REPEAT, p.MIN_REPEAT, getattr(p, "POSSESSIVE_REPEAT", p.MAX_REPEAT)):
            low, high, sub = arg
            return self.repeat(low, high, list(sub))
        return self.other()  # any character, a negated literal, a back-reference

    def members(
        self, items: list[tuple[Any, Any]], widest: int
    ) -> tuple[set[str], set[Any]] | None:
        """A character class's characters (a range of at most ``widest`` spelled out) and its
        categories (``\\s``, ``\\d``...); None for a negation or a wider range."""
        p = self.p
        chars: set[str] = set()
        categories: set[Any] = set()
        for op, arg in items:
            if op is p.LITERAL:
                chars.add(chr(arg))
            elif op is p.RANGE and arg[1] - arg[0] < widest:
                chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
            elif op is p.CATEGORY:
                categories.add(arg)
            else:
                return None
        return chars, categories

    def sequence(self, items: list[tuple[Any, Any]]) -> Any:
        raise NotImplementedError

    def literal(self, char: str) -> Any:
        raise NotImplementedError

    def char_class(self, items: list[tuple[Any, Any]]) -> Any:
        raise NotImplementedError

    def zero_width(self) -> Any:
        raise NotImplementedError

    def branch(self, branches: list[list[tuple[Any, Any]]]) -> Any:
        raise NotImplementedError

    def repeat(self, low: int, high: int, sub: list[tuple[Any, Any]]) -> Any:
        raise NotImplementedError

    def other(self) -> Any:
        raise NotImplementedError
