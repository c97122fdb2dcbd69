"""Open documents as the language server keeps them: text, version, line starts.

Kept here rather than in pygls's workspace because LSP ends lines only at ``\\n``, ``\\r\\n`` and
``\\r`` (pygls 2.1 splits with ``str.splitlines``, which also breaks at U+2028, form feeds and
others, and so applies an edit after such a character to the wrong line), and because an
out-of-range position must clamp to the end of its line (pygls moves it one character back).

Positions are converted in the encoding negotiated with the client: UTF-16 code units (the LSP
default), UTF-8 bytes or UTF-32 code points. This module does not import pygls.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from urllib.parse import unquote, urlparse

from backyard_lint import formats
from backyard_lint.positions import LineIndex, line_starts, utf16_len

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
ENCODINGS = (UTF16, UTF8, UTF32)
_BREAK_RE = re.compile(r"\r\n?|\n")


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return utf16_len(text)


def _char_units(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == UTF16:
        return 2 if cp > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return 1


class _Index(LineIndex):
    """A :class:`LineIndex` whose line starts are kept up to date edit by edit."""

    def __init__(self, text: str, starts: list[int]) -> None:  # no super(): starts are given
        self.text = text
        self.starts = starts


def uri_to_path(uri: str) -> Path | None:
    """The file-system path of a ``file:`` URI; None for other schemes (untitled buffers)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if len(path) >= 3 and path[0] == "/" and path[2] == ":":  # file:///C:/... on Windows
        path = path[1:]
    return Path(path)


def format_for(language_id: str | None, uri: str) -> str:
    """The format to lint as: from the editor's language id, else from the file name."""
    if language_id:
        fmt = formats.by_language_id(language_id)
        if fmt is not None:
            return fmt
    path = uri_to_path(uri)
    return formats.detect(path.name if path else urlparse(uri).path)


class Document:
    """One open text document."""

    def __init__(self, uri: str, text: str, version: int | None = None, language_id: str = ""):
        self.uri = uri
        self.version = version
        self.language_id = language_id
        self.path = uri_to_path(uri)
        self.fmt = format_for(language_id, uri)
        self._text = text
        self._starts = line_starts(text)

    @property
    def text(self) -> str:
        return self._text

    @property
    def index(self) -> LineIndex:
        return _Index(self._text, self._starts)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def _line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end (before the line break) of 0-based ``line``."""
        start = self._starts[line]
        if line + 1 < len(self._starts):
            end = self._starts[line + 1]
            text = self._text
            if end > start and text[end - 1] == "\n":
                end -= 1
            if end > start and text[end - 1] == "\r":
                end -= 1
        else:
            end = len(self._text)
        return start, end

    def offset_at(self, line: int, character: int, encoding: str = UTF16) -> int:
        """Code-point offset of an LSP position, clamped: a line past the end means the end of
        the text, a character past the end of its line means the end of that line."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self._text)
        start, end = self._line_bounds(line)
        if character <= 0:
            return start
        segment = self._text[start:end]
        if encoding == UTF32 or segment.isascii():
            return start + min(character, len(segment))
        count = 0
        for i, ch in enumerate(segment):
            count += _char_units(ch, encoding)
            if count > character:  # inside this character: stay before it
                return start + i
            if count == character:
                return start + i + 1
        return end

    def position_at(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """0-based (line, character) of a code-point offset, in ``encoding`` units."""
        offset = max(0, min(offset, len(self._text)))
        line = bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        return line, units(self._text[start:offset], encoding)

    def line_text(self, line: int) -> str:
        start, end = self._line_bounds(line)
        return self._text[start:end]

    def replace(self, start: int, end: int, new: str) -> None:
        """Replace ``text[start:end]`` by ``new`` and update the line starts locally."""
        old_text = self._text
        start = max(0, min(start, len(old_text)))
        end = max(start, min(end, len(old_text)))
        text = old_text[:start] + new + old_text[end:]
        starts = self._starts
        head = starts[: bisect_left(starts, start)] or [0]
        # A line start in [start, start + len(new)] depends on the new text and the character
        # either side of it: rescan that window (a "\r" just before it may pair with a "\n").
        lo = max(0, start - 1)
        hi = start + len(new)
        middle = [
            m.end()
            for m in _BREAK_RE.finditer(text, lo, min(len(text), hi + 2))
            if start <= m.end() <= hi and m.end() > 0
        ]
        delta = len(new) - (end - start)
        tail = [s + delta for s in starts[bisect_right(starts, end) :]]
        self._text = text
        self._starts = head + middle + tail

    def apply_change(
        self, range_: tuple[int, int, int, int] | None, new: str, encoding: str = UTF16
    ) -> None:
        """Apply one ``didChange`` content change: ``range_`` is (start line, start character,
        end line, end character) in ``encoding`` units, or None to replace the whole text."""
        if range_ is None:
            self._text = new
            self._starts = line_starts(new)
            return
        sl, sc, el, ec = range_
        start = self.offset_at(sl, sc, encoding)
        end = self.offset_at(el, ec, encoding)
        if end < start:  # a reversed range: treat it as the span between the two points
            start, end = end, start
        self.replace(start, end, new)
