"""A match and the views of its sentence that the signals read.

Every view is cut from one sentence, found by :func:`backyard_lint.sentences.sentence_bounds`
in a bounded window of the document (``Span.around``), so the cost of a view never depends on
the document's length. For this sentence, with the match ``Russia's backyard``::

    In Tashkent (a hub), traders say, and the ministry agrees, that Uzbekistan is not
    Russia's backyard but a partner; Astana agrees.

the views are (white space and loose quotation marks normalised)::

    match       "Russia's backyard"
    head        "In Tashkent (a hub), traders say, and the ministry agrees, that Uzbekistan
                 is not  "                        the sentence before the match
    before      ", traders say, and the ministry agrees, that Uzbekistan is not  "
                                                  head after its last ; : ( ) - or dash
    clause      " the ministry agrees, that Uzbekistan is not  "
                                                  before after its last ", and", "but" ...
    after       " but a partner"                  the rest, up to the next hard break
    near_after  " but a partner "                 the first 8 words of after
    sentence    the whole sentence

A test (``tests/readings/test_span.py``) checks these views. ``text``, ``lo``, ``hi``,
``start`` and ``end`` are the window and offsets in it: the sentence is ``text[lo:hi]``, the
match ``text[start:end]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from backyard_lint.model import Rule
from backyard_lint.readings.common import AFTER_REACH, CLAUSE_HARD, CLAUSE_SOFT, norm
from backyard_lint.readings.lazy import Lazy
from backyard_lint.sentences import sentence_bounds

# Signals before a label are looked for in this many characters at most: every one of them is
# local, and the bound keeps the cost per match small even in a run-on sentence.
REACH = 320
# How much of the document either side of a match a reading may see: the sentence window of
# ``sentence_bounds`` plus the reach of paired quotation marks (``quoted``).
WINDOW = 2400
TAG_REACH = WINDOW  # how far back an open quotation or citation tag is looked for

T = TypeVar("T")


class view(Generic[T]):
    """A view computed on first read and kept in the instance, like ``functools.cached_property``
    but without the lock that Python 3.11's takes on every first read: about ten views are
    read once for each of the many matches of a long document."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> view[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | view[T]:
        if obj is None:
            return self
        value = self.compute(obj)
        obj.__dict__[self.name] = value  # read from there from now on (no __set__ here)
        return value


@dataclass(frozen=True)
class Span:
    text: str
    lo: int
    hi: int
    start: int
    end: int
    rule: Rule

    @classmethod
    def around(cls, text: str, start: int, end: int, rule: Rule) -> Span:
        """The span of ``text[start:end]`` in a window of the document around it."""
        base = max(0, start - WINDOW)
        window = text[base : min(len(text), end + WINDOW)]
        s, e = start - base, end - base
        lo, hi = sentence_bounds(window, s, e)
        return cls(window, lo, hi, s, e, rule)

    @view
    def match(self) -> str:
        return self.text[self.start : self.end]

    @view
    def head(self) -> str:
        """The sentence before the match (its last ``REACH`` characters at most)."""
        return norm(last(self.text[self.lo : self.start])) + " "

    @view
    def before(self) -> str:
        """The sentence before the match, up to the last hard clause break (; : dash bracket)."""
        head = last(self.text[self.lo : self.start])
        cut = 0
        for m in CLAUSE_HARD.finditer(head):
            cut = m.end()
        return norm(head[cut:]) + " "

    @view
    def clause(self) -> str:
        """``before`` cut again at the last coordinating or subordinating conjunction."""
        head = self.before
        cut = 0
        for m in CLAUSE_SOFT.finditer(head):
            cut = m.end()
        return head[cut:]

    @view
    def after(self) -> str:
        """The sentence after the match, up to the next hard clause break."""
        tail = self.text[self.end : self.hi]
        m = CLAUSE_HARD.search(tail)
        return norm(tail[: m.start()] if m else tail)

    @view
    def near_after(self) -> str:
        """The first few words after the match, with a space before them."""
        found = AFTER_REACH.match(self.after.lstrip() + " ")
        return " " + (found.group() if found else "")

    @view
    def sentence(self) -> str:
        return norm(self.text[self.lo : self.hi])

    @view
    def raw_before(self) -> str:
        """The sentence before the match as written (marks kept), its last ``REACH`` chars."""
        return last(self.text[self.lo : self.start])

    @view
    def raw_after(self) -> str:
        """The sentence after the match as written (marks kept)."""
        return self.text[self.end : self.hi]

    @view
    def line_start(self) -> int:
        """Offset of the start of the match's line in ``text``."""
        return self.text.rfind("\n", 0, self.start) + 1


def open_tag(span: Span, tags: Lazy) -> str:
    """The name of a tag (matched by ``tags``: groups "/" and name) still open before the
    match, as the HTML adapter leaves quotation and citation tags for reading; or ""."""
    depth: dict[str, int] = {}
    for m in tags.finditer(span.text, max(0, span.start - TAG_REACH), span.start):
        name = m.group(2).lower()
        depth[name] = max(0, depth.get(name, 0) + (-1 if m.group(1) else 1))
    return next((name for name, d in depth.items() if d > 0), "")


def last_blank_line(text: str, lo: int, hi: int) -> int:
    """The offset of the line break that ends the last line of white space only (``[ \t\r]``)
    in ``text[lo:hi]`` (both its line breaks inside), or -1: what the last match of
    ``\n[ \t\r]*(?=\n)`` searched in that stretch ends at, found from the right."""
    end = text.rfind("\n", lo, hi)
    while end > lo:
        start = text.rfind("\n", lo, end)
        if start < 0:
            return -1
        if not text[start + 1 : end].strip(" \t\r"):
            return end
        end = start
    return -1


def last(s: str) -> str:
    """The last ``REACH`` characters of ``s``, starting at a word."""
    if len(s) <= REACH:
        return s
    cut = s.find(" ", len(s) - REACH)
    return s[cut:] if cut >= 0 else s[-REACH:]
