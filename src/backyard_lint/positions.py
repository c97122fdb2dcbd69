"""Offsets to lines and columns, computed only at the edges (output, editors)."""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAKS = ("\r\n", "\n", "\r")
_BREAK_RE = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line."""
    starts = [0]
    if "\r" in text:  # one regex scan, linear in the text
        starts.extend(m.end() for m in _BREAK_RE.finditer(text))
        return starts
    find = text.find  # only "\n": each search starts where the last one ended
    at = find("\n")
    while at >= 0:
        at += 1
        starts.append(at)
        at = find("\n", at)
    return starts


class LineIndex:
    """Maps code-point offsets in one text to 1-based lines and columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def line_of(self, offset: int) -> int:
        """0-based line number of ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column); columns count code points."""
        line = self.line_of(offset)
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 0-based ``line`` without its line break."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
