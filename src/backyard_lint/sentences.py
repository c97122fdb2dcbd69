"""Sentence bounds around a span, cheap and good enough for context decisions.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (optionally followed by closing quotes, brackets
or Markdown emphasis marks) when white space and an upper-case letter or digit follow; at a blank
line; and at a line break that ends a short line without punctuation (a heading) or that starts a
list item, a block quote or a heading. A full stop
after a common abbreviation ("Mr.", "Gen.", "U.S.") or an initial ("V. Putin") ends nothing.
Only a window of ``WINDOW`` characters either side of the span is searched, so the cost per call
does not grow with the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WINDOW = 800
_HEADING_MAX = 50  # a line this short that ends without punctuation is read as a heading

_END = re.compile(
    r"""(?P<stop>[.!?…]+)[)\]"'”’»*_]*(?=\s[\s"'“‘«(\[*_]*[A-Z0-9])"""
    r"|\r?\n[ \t]*\r?\n"
    r"|\r?\n(?=[ \t]*(?:[#*+>-]|\d{1,3}[.)])\s)"
    r"|(?P<line>\r?\n)(?=[ \t]*[\"'“‘«(\[*_]*[A-Z0-9])"
)
_CANDIDATE = re.compile(r"[.!?…\n]+")
# Words whose full stop does not end a sentence.
_ABBREVIATION_WORDS = """mr mrs ms dr prof sr jr st gen col lt maj capt sgt adm gov sen rep pres rev
hon mt ft no nos vol vols pp ch fig figs eg ie cf vs etc al approx ca est dept univ inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_OPEN_LINE_END = ".!?,;:-–—([{/&"


def _is_break(text: str, m: re.Match[str]) -> bool:
    """Reject the false sentence ends that a regular expression cannot see."""
    if m.group("stop") == ".":
        before = text[max(0, m.start() - 20) : m.start()].split()
        before_space = m.start() == 0 or text[m.start() - 1].isspace()
        token = before[-1].lstrip("([{\"'“‘«") if before and not before_space else ""
        if token[:1].isalpha():
            bare = token.replace(".", "").lower()
            # an abbreviation ("Gen."), an initial ("V.") or a dotted one ("U.S.", "e.g.")
            if bare in _ABBREVIATIONS or len(bare) == 1 or "." in token:
                return False
    elif m.group("line"):
        # A single line break ends a sentence only after a short line without punctuation
        # at its end: a heading or a title, not a hard-wrapped line of prose.
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()].rstrip()
        return 0 < len(line) <= _HEADING_MAX and line[-1] not in _OPEN_LINE_END
    return True


def _breaks(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """Sentence ends in ``text[lo:hi]``: the full pattern is tried only where one can start."""
    limit = min(len(text), hi + 40)  # room for the look-ahead
    for c in _CANDIDATE.finditer(text, lo, hi):
        for at in range(c.start(), c.end()):
            m = _END.match(text, at, limit)
            if m:
                if _is_break(text, m):
                    yield m
                break


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence that holds ``text[start:end]``."""
    lo = max(0, start - WINDOW)
    hi = min(len(text), end + WINDOW)
    s = lo
    last = lo
    for m in _breaks(text, lo, start):
        if m.start() < last:
            continue  # inside a run already taken ("?!", a blank line's second break)
        if m.end() > start:
            break
        s = last = m.end()
    e = hi
    for m in _breaks(text, end, hi):
        e = m.end()
        break
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e
