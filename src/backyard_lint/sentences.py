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
_CANDIDATES = ".!?…\n"  # where a sentence end can start
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


def _runs(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The runs of candidate characters (``[.!?…\n]+``) in ``text[lo:hi]``, left to right."""
    while lo < hi:
        found = [at for at in (text.find(c, lo, hi) for c in _CANDIDATES) if at >= 0]
        if not found:
            return
        start = end = min(found)
        while end < hi and text[end] in _CANDIDATES:
            end += 1
        yield start, end
        lo = end


def _runs_back(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The same runs, right to left (``str.rfind`` per character, no scan from ``lo``)."""
    while lo < hi:
        end = max(text.rfind(c, lo, hi) for c in _CANDIDATES) + 1
        if end == 0:
            return
        start = end - 1
        while start > lo and text[start - 1] in _CANDIDATES:
            start -= 1
        yield start, end
        hi = start


def _break_in(text: str, run: tuple[int, int], limit: int) -> re.Match[str] | None:
    """The sentence end in a run of candidates: the full pattern is tried only where one can
    start, at each character of the run until it matches; None when that is no end."""
    for at in range(*run):
        m = _END.match(text, at, limit)
        if m:
            return m if _is_break(text, m) else None
    return None


def _start(text: str, lo: int, start: int) -> int:
    """Where the sentence that holds ``text[start]`` may begin (before white space is skipped):
    the end of the last sentence end in ``text[lo:start]`` that ends at or before ``start``.

    Read from the right, so only the last runs of candidates are looked at. Reading from the
    left would skip a sentence end that starts inside the one before it (a blank line's second
    line break: ``\n \n``); such an end and the stretch it overlaps are all white space, which
    ``sentence_bounds`` skips, so the sentence starts at the same place either way."""
    limit = min(len(text), start + 40)  # room for the look-ahead
    for run in _runs_back(text, lo, start):
        m = _break_in(text, run, limit)
        if m is not None and m.end() <= start:
            return m.end()
    return lo


def _end(text: str, end: int, hi: int) -> int:
    """The end of the first sentence end in ``text[end:hi]``, or ``hi``."""
    limit = min(len(text), hi + 40)
    for run in _runs(text, end, hi):
        m = _break_in(text, run, limit)
        if m is not None:
            return m.end()
    return hi


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence that holds ``text[start:end]``."""
    s = _start(text, max(0, start - WINDOW), start)
    e = _end(text, end, min(len(text), end + WINDOW))
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e

