"""Searching a text with RE2 on its UTF-8 bytes, encoded once (the engine's matching).

RE2's Python wrapper encodes the whole string on every search and converts offsets in Python;
an :class:`Encoded` text is encoded once for every pattern that searches it, and only the
offsets of matches are converted back to code points. ``sentence_of`` cuts the sentence around
a match (encoded), so that checking a match costs the same in a long document as in a short one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import re2

from backyard_lint.core.prefilter import load_re2
from backyard_lint.core.prefilter import options as prefilter_options

_RE2 = load_re2()  # RE2's compiled module (``import re2`` has loaded it)
_UNANCHORED = _RE2.RE2.Anchor.UNANCHORED
_MULTI = re.compile(r"[^\x00-\x7f]")
_PIECE = 1 << 20  # characters encoded at a time by ``utf8``


def utf8(text: str) -> bytes:
    """``text`` in UTF-8 (a lone surrogate kept, as ``surrogatepass`` does), encoded a million
    characters at a time when it is long and not ASCII: Python encodes a whole text into room
    for three bytes a character, which for a long document was the largest block of memory
    the lint held."""
    if len(text) <= _PIECE or text.isascii():
        return text.encode("utf-8", "surrogatepass")
    return b"".join(
        [text[i : i + _PIECE].encode("utf-8", "surrogatepass") for i in range(0, len(text), _PIECE)]
    )


def compile_raw(pattern: str, max_mem: int = 0) -> Any:
    """``pattern`` compiled by RE2 itself, to search UTF-8 bytes (see ``Encoded``). Its groups
    do not capture: only where a match starts and ends is read, and RE2 finds that much faster
    when it need not track groups (the match is the same). ``max_mem``: RE2's memory budget in
    bytes (0: its default); a pattern too large for it raises ``re2.error``."""
    opts = prefilter_options(_RE2, max_mem)
    opts.never_capture = True
    compiled = _RE2.RE2(pattern.encode("utf-8"), opts)
    if not compiled.ok():
        raise re2.error(compiled.error())
    return compiled


class Encoded:
    """A text and its UTF-8 bytes, encoded once for every pattern that searches it.

    RE2's Python wrapper encodes the whole string on every search (and converts offsets in
    Python), which made searching a stretch cost once per pattern; here the patterns search the
    bytes and only the offsets of matches are converted back to code points."""

    __slots__ = ("_extra", "_multi", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = utf8(text)
        self._multi: list[int] | None = None  # byte offsets of the characters past ASCII
        self._extra: list[int] = []  # the bytes past one per character, summed up to each

    def spans(self, regex: Any, lo: int = 0, hi: int = -1) -> Iterator[tuple[int, int]]:
        """The non-empty matches of ``regex`` (``compile_raw``) in ``text[lo:hi]`` (``hi`` -1:
        to the end), left to right, in code points (as the wrapper's ``finditer`` steps past
        an empty match by one character). The text around the stretch is context for ``\\b``."""
        data = self.data
        end = len(data) if hi < 0 else self.byte(hi)
        pos = self.byte(lo) if lo else 0
        match = regex.Match
        while True:
            s, e = match(_UNANCHORED, data, pos, end)[0]
            if s < 0:
                return
            if s != e:
                yield self.offset(s), self.offset(e)
            if pos == end:
                return
            if e == pos:
                lead = data[pos]
                pos += 1 if lead < 0xC0 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
            else:
                pos = e

    def found(self, regex: Any, lo: int, hi: int) -> bool:
        """Whether ``regex`` (``compile_raw``) matches in ``text[lo:hi]``."""
        return bool(regex.Match(_UNANCHORED, self.data, self.byte(lo), self.byte(hi))[0][0] >= 0)

    def byte(self, at: int) -> int:
        """The byte offset of code point offset ``at``."""
        if len(self.data) == len(self.text):
            return at
        return len(self.text[:at].encode("utf-8", "surrogatepass"))

    def offset(self, at: int) -> int:
        """The code point offset of byte offset ``at`` (a character boundary)."""
        if len(self.data) == len(self.text):
            return at
        if self._multi is None:
            self._multi, total = [], 0
            for m in _MULTI.finditer(self.text):
                self._multi.append(m.start() + total)
                total += len(m.group().encode("utf-8", "surrogatepass")) - 1
                self._extra.append(total)
        k = bisect_left(self._multi, at)
        return at - self._extra[k - 1] if k else at


def sentence_of(
    text: str, start: int, end: int, bounds: Callable[[str, int, int], tuple[int, int]]
) -> tuple[Encoded, int, int, int]:
    """The sentence around ``text[start:end]`` as ``(chunk, lo, hi, offset)``: search
    ``chunk[lo:hi]``, where ``chunk`` (encoded) starts at ``offset`` in ``text`` and keeps one
    character of context either side (so ``\\b``, ``^`` and ``$`` read as in the whole text).

    Encoding the whole text per match would make the cost per match grow with the document's
    length."""
    lo, hi = bounds(text, start, end)
    offset = max(0, lo - 1)
    return Encoded(text[offset : hi + 1]), lo - offset, hi - offset, offset


def excepted(
    exceptions: Sequence[Any], around: tuple[Encoded, int, int, int], start: int, end: int
) -> bool:
    """True when an exception pattern matches a stretch of the sentence ``around``
    (``sentence_of``) that covers the whole span."""
    chunk, lo, hi, offset = around
    start, end = start - offset, end - offset
    for regex in exceptions:
        for s, e in chunk.spans(regex, lo, hi):  # (an empty match covers no span)
            if s <= start and e >= end:
                return True
            if s > start:
                break
    return False
