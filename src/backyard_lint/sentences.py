"""Sentence bounds around a span, cheap and good enough for context decisions."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) and white space,
# or at a blank line. Abbreviations such as "U.S." followed by a lower-case word do not end one.
_END = re.compile(r"""[.!?…][)\]"'”’»]*(?=\s+[\s"'“‘«(\[]*[A-Z0-9])|\n[ \t]*\n|\r\n[ \t]*\r\n""")
WINDOW = 800


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence that holds ``text[start:end]``."""
    lo = max(0, start - WINDOW)
    hi = min(len(text), end + WINDOW)
    s = lo
    for m in _END.finditer(text, lo, start):
        s = m.end()
    e = hi
    m = _END.search(text, end, hi)
    if m:
        e = m.end() if not m.group().strip() else m.end()
    # trim white space
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e
