"""Regular expressions compiled on first use: the one start-up trick of the classifier.

The signals hold about a hundred patterns, several of them long alternations of word lists.
Python's ``re`` takes about 45 ms to compile them all, a quarter of a run on one small file with
a label, while one match's reading uses about a third of them: the first signal that holds ends
the reading, and cheap gates keep the costly patterns from most sentences. A :class:`Lazy` is a
constant like a compiled pattern; it is compiled when first searched, and from then on its
methods are the compiled pattern's own, so a search costs no more than on ``re.Pattern``.
It holds nothing that could go stale: the pattern text is fixed when the module is imported.

A costly pattern may name what every text it matches must contain (``needs``: an RE2
pattern, compiled in microseconds and searched in one linear pass, case-insensitive). Where the
text lacks it, the search answers "no match" without compiling or running the pattern: a plain
use of a label never compiles the long alternations of verbs and frames. A test checks on every
sentence of the test data that a pattern never matches where its ``needs`` does not.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from backyard_lint.core.prefilter import load_re2, options

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub")


def gate(pattern: str) -> Callable[[str], bool]:
    """A cheap test (RE2, one linear pass over a text, case-insensitive) for ``pattern``."""
    engine = load_re2()  # RE2 itself: the wrapper's search costs more than the search
    compiled = engine.RE2(f"(?i:{pattern})".encode(), options(engine))
    if not compiled.ok():
        raise ValueError(f"invalid gate {pattern!r}: {compiled.error()}")
    unanchored = engine.RE2.Anchor.UNANCHORED

    def found(s: str) -> bool:
        data = s.encode("utf-8", "surrogatepass")
        return bool(compiled.Match(unanchored, data, 0, len(data))[0][0] >= 0)

    return found


class Lazy:
    """A regular expression compiled when first used; offers ``re.Pattern``'s search methods.
    With ``needs``, a text without a match of ``needs`` is answered without the pattern."""

    def __init__(self, pattern: str, flags: int = 0, needs: str | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self.needs = needs
        self._gate: Callable[[str], bool] | None = None  # built from ``needs`` on first use
        self._re: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern. Without a gate, compiling binds its methods onto this object,
        so that later calls go straight to ``re`` without this class in between."""
        if self._re is None:
            self._re = re.compile(self.pattern, self.flags)
            if self.needs is None:
                for name in _METHODS:
                    setattr(self, name, getattr(self._re, name))
        return self._re

    def _may_match(self, string: str, pos: int, endpos: int) -> bool:
        if self.needs is None:
            return True
        if self._gate is None:
            self._gate = gate(self.needs)
        part = string if pos == 0 and endpos >= len(string) else string[pos:endpos]
        return self._gate(part)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not self._may_match(string, pos, endpos):
            return None
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not self._may_match(string, pos, endpos):
            return None
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        if not self._may_match(string, pos, endpos):
            return None
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if not self._may_match(string, pos, endpos):
            return iter(())
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if not self._may_match(string, pos, endpos):
            return []
        return self.compiled().findall(string, pos, endpos)

    def sub(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> str:
        if not self._may_match(string, 0, len(string)):
            return string
        return self.compiled().sub(repl, string, count)

    def __repr__(self) -> str:
        return f"Lazy({self.pattern!r}, {self.flags!r}, needs={self.needs!r})"
