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

# A sentence end: stops and closing marks, if white space, then an upper-case letter or digit
# (after any opening marks) follow; or a line break (``_LINE_END``).
_STOP = re.compile(r"""([.!?…]+)[)\]"'”’»*_]*""")
_OPENING = "\"'“‘«([*_"  # may stand, with white space, between a stop and the next sentence
_CAPITAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LINE_END = re.compile(
    r"\r?\n[ \t]*\r?\n"
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


def _full_stop_ends(text: str, at: int) -> bool:
    """Whether the full stop at ``text[at]`` ends a sentence: not after a common abbreviation
    ("Gen."), an initial ("V.") or a dotted abbreviation ("U.S.", "e.g.")."""
    before = text[max(0, at - 20) : at].split()
    before_space = at == 0 or text[at - 1].isspace()
    token = before[-1].lstrip("([{\"'“‘«") if before and not before_space else ""
    if token[:1].isalpha():
        bare = token.replace(".", "").lower()
        if bare in _ABBREVIATIONS or len(bare) == 1 or "." in token:
            return False
    return True


def _heading_ends(text: str, at: int) -> bool:
    """A single line break (at ``text[at]``) ends a sentence only after a short line without
    punctuation at its end: a heading or a title, not a hard-wrapped line of prose."""
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at].rstrip()
    return 0 < len(line) <= _HEADING_MAX and line[-1] not in _OPEN_LINE_END


def _capital_after(text: str, at: int, limit: int) -> bool:
    """Whether white space, then any white space and opening marks, then an upper-case letter
    or digit follow ``text[at]`` before ``limit``. (As a regular expression's look-ahead this
    was tried character by character over every blank line after a stop.)"""
    if at >= limit or not text[at].isspace():
        return False
    rest = text[at + 1 : limit]
    while True:
        size = len(rest)
        rest = rest.lstrip().lstrip(_OPENING)
        if len(rest) == size:
            return bool(rest) and rest[0] in _CAPITAL


def _runs(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The runs of candidate characters (``[.!?…\n]+``) in ``text[lo:hi]``, left to right."""
    while lo < hi:
        start = hi
        for c in _CANDIDATES:  # the first of any: each search stops where the last one hit
            at = text.find(c, lo, start)
            if at >= 0:
                start = at
        if start == hi:
            return
        end = start + 1
        while end < hi and text[end] in _CANDIDATES:
            end += 1
        yield start, end
        lo = end


def _runs_back(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The same runs, right to left (``str.rfind`` per character, no scan from ``lo``)."""
    while lo < hi:
        last = lo - 1
        for c in _CANDIDATES:
            at = text.rfind(c, last + 1, hi)
            if at >= 0:
                last = at
        if last < lo:
            return
        start = last
        while start > lo and text[start - 1] in _CANDIDATES:
            start -= 1
        yield start, last + 1
        hi = start


def _break_in(text: str, run: tuple[int, int], limit: int) -> tuple[int, int] | None:
    """The sentence end (start, end) in a run of candidates: tried at each character of the run
    until one may end a sentence; None when that one is a false end (``_full_stop_ends``,
    ``_heading_ends``) or none may."""
    for at in range(*run):
        if text[at] != "\n":  # a stop
            stop = _STOP.match(text, at, limit)
            if stop is None or not _capital_after(text, stop.end(), limit):
                continue
            if stop.group(1) == "." and not _full_stop_ends(text, at):
                return None
            return at, stop.end()
        m = _LINE_END.match(text, at, limit)
        if m:
            if m.group("line") and not _heading_ends(text, at):
                return None
            return at, m.end()
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
        found = _break_in(text, run, limit)
        if found is not None and found[1] <= start:
            return found[1]
    return lo


def _end(text: str, end: int, hi: int) -> int:
    """The end of the first sentence end in ``text[end:hi]``, or ``hi``."""
    limit = min(len(text), hi + 40)
    for run in _runs(text, end, hi):
        found = _break_in(text, run, limit)
        if found is not None:
            return found[1]
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

