"""Markdown, partial masking: in a long document, only the stretches that may hold a match are
masked (``mask_around``), each exactly as masking the whole text would mask it.

Masking only the stretches of a long document that matter (the language server re-lints a
whole buffer on every edit, and markdown-it is slow on a long text: docs/performance.md).

A *safe boundary* is the start of a line where markdown-it's block parser is certainly at the
top level with nothing open, so that parsing the text from there gives the same blocks as
parsing the whole document: the start of a non-blank line at column 0 that follows a blank
line (a blank line ends paragraphs and block quotes, and a line at column 0 after one ends
every list item), unless a fenced code block, an HTML block of types 1-5 (which may hold blank
lines) or front matter is still open there. ``boundaries`` finds them with a few regular
expressions over the raw text, following only what can stay open across a blank line. Where
it cannot be sure (an opener indented 1-3 spaces may sit in a list item, whose end also ends
it), markdown-it reads the stretch from the last boundary to the next candidate and tells.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from markdown_it.common.html_blocks import block_names
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from backyard_lint.directives import Directive
from backyard_lint.formats._util import LONE_CR, blank
from backyard_lint.formats.markdown import _BLOCK, _TAG, _front_matter, _mask, mask
from backyard_lint.formats.markdown_refs import DEFINITION, References
from backyard_lint.formats.masking import Masked
from backyard_lint.positions import LineIndex

_FENCE = re.compile(r"(`{3,}|~{3,})([^\n]*)")
_BLANK = re.compile(r"\n[ \t]*(?=\n)")
_AFTER_BLANK = re.compile(r"\n[ \t]*\n(?=[^ \t\n])")
_FIRST_BLANK = re.compile(r"[ \t]*\n(?=[^ \t\n])")
_OPENER = re.compile(r"\n {0,3}(?=[`~<])")
_FIRST_OPENER = re.compile(r" {0,3}(?=[`~<])")
_BLOCK_NAMES = frozenset(block_names) | {"script", "pre", "style", "textarea"}
_DOUBT = -2  # what _careful returns when it cannot tell
NEWLINES = re.compile(r"\r\n?|\n")


def _closer(marker: str) -> re.Pattern[str]:
    """A line that closes a top-level fence opened by ``marker`` (``re`` keeps its own cache
    of compiled patterns)."""
    return re.compile(rf"\n {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*(?=\n|\Z)")


def _line_end(s: str, pos: int) -> int:
    end = s.find("\n", pos)
    return len(s) if end < 0 else end


def _columns(indent: str) -> int:
    """The width of leading spaces and tabs (a tab goes to the next multiple of 4)."""
    col = 0
    for ch in indent:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


def _careful(
    s: str,
    at: int,
    indent: int,
    ends: Callable[[str, int], bool | None] | None,
) -> int:
    """Follow, line by line, a block opened on the line that ends at ``s[at]`` by an opener
    indented ``indent`` columns, which may sit in a list item (a line indented less may end the
    item, and the block with it: doubt). ``ends(stripped, columns)`` says whether a non-blank
    line ends the block (True), may end it (None: doubt) or is inside it (False); ``ends`` None:
    the block ends at a blank line. Returns the offset of the line break where scanning goes
    on (before the blank line, or after the block's last line), ``_DOUBT``, or -1 when the block
    runs to the end."""
    end = len(s)
    while at < end:
        nxt = _line_end(s, at + 1)
        line = s[at + 1 : nxt]
        stripped = line.lstrip(" \t")
        if not stripped:
            if ends is None or ends is _maybe_opener:
                return at
        else:
            cols = _columns(line[: len(line) - len(stripped)])
            if cols < indent:  # the list item (if any) and the block with it may end here
                return _DOUBT
            if ends is None:
                at = nxt
                continue
            verdict = ends(stripped, cols)
            if verdict is None:
                return _DOUBT
            if verdict:
                return nxt
        at = nxt
    return -1


def _maybe_opener(stripped: str, cols: int) -> bool | None:
    """In a line that may be HTML or a paragraph's: anything that could open a block is doubt."""
    if cols <= 3 and stripped[:1] in "`~<":
        return None
    return False


def boundaries(text: str) -> list[int]:
    """Safe boundaries in ``text`` (see above), in order; always starts with 0."""
    s = text
    if "\r" in s:  # same length, same line starts: a CR LF reads as a space and a line feed
        s = s.replace("\r\n", " \n").replace("\r", "\n")
    first = 0  # where the Markdown starts, after the front matter
    found = [0]
    if text.startswith(("---", "+++")):
        starts = LineIndex(text).starts
        skip = _front_matter(text, starts)
        if skip:
            if skip >= len(starts) or starts[skip] >= len(text):
                return found
            first = starts[skip]
            found.append(first)
    # Candidates: a column-0 line after a blank line. Then drop those inside a block that
    # stays open across blank lines, and all after a doubt.
    candidates = [m.end() for m in _AFTER_BLANK.finditer(s, max(0, first - 1))]
    head = _FIRST_BLANK.match(s) if first == 0 else None
    if head:
        candidates.insert(0, head.end())
    head = _FIRST_OPENER.match(s) if first == 0 else None
    skipped: list[tuple[int, int]] = []  # (start, end): candidates in start < c <= end go
    stop = len(s)
    p = max(0, first - 1)  # where to look for the next opener (a line break)
    while True:
        if head is not None:
            start, at = first, head.end()
            head = None
        else:
            m = _OPENER.search(s, p)
            if m is None:
                break
            start, at = m.start() + 1, m.end()
        line_end = _line_end(s, at)
        p = _follow(s, start, at, line_end, first)
        if p == _DOUBT:
            base = _last_kept(candidates, skipped, start, first)
            p = _resolve(text, s, base, start, candidates, skipped)
        if p < 0:
            stop = start
            break
        if p > line_end:
            skipped.append((start, p))
    i = 0
    for start, end in skipped:
        lo = bisect_right(candidates, start, i)
        found.extend(candidates[i:lo])
        i = bisect_right(candidates, end, lo)
    found.extend(candidates[i : bisect_right(candidates, stop, i)])
    return found


def _last_kept(candidates: list[int], skipped: list[tuple[int, int]], at: int, first: int) -> int:
    """The last safe boundary at or before ``at`` found so far."""
    j = bisect_right(candidates, at) - 1
    k = len(skipped) - 1
    while j >= 0:
        c = candidates[j]
        while k >= 0 and skipped[k][0] >= c:
            k -= 1
        if k >= 0 and c <= skipped[k][1]:  # inside a block
            j = bisect_right(candidates, skipped[k][0], 0, j) - 1
            continue
        return c
    return first


def _resolve(
    text: str, s: str, base: int, start: int, candidates: list[int], skipped: list[tuple[int, int]]
) -> int:
    """The scanner cannot tell whether the block opened on the line at ``start`` (after the safe
    boundary ``base``) is still open at the next candidate P: markdown-it parses ``base`` to P
    and tells. Nothing open at the top level: P is a boundary, and scanning goes on from there
    (returns the line break before P). A top-level fence or HTML block still open: scanning goes
    on after its end (recorded in ``skipped``). Returns -1 when there is no P or no end."""
    j = bisect_right(candidates, start)
    if j >= len(candidates):
        return -1
    after = candidates[j]
    source = NEWLINES.sub("\n", text[base:after])
    last = None
    for token in _BLOCK.parse(source, {}):
        if token.level == 0 and token.map is not None:
            last = token
    if last is None or last.map is None or last.map[1] < source.count("\n"):
        return after - 1  # nothing runs into P
    if last.type == "fence":
        closed = _closer(last.markup).search(s, after - 1)
        end = -1 if closed is None else closed.end()
    elif last.type == "html_block":
        line = source.split("\n")[last.map[0]].lstrip(" \t")
        kind = next((i for i, seq in enumerate(HTML_SEQUENCES) if seq[0].search(line)), 5)
        if kind > 4:
            return after - 1  # types 6 and 7 end at a blank line
        closed = HTML_SEQUENCES[kind][1].search(s, after)
        end = -1 if closed is None else _line_end(s, closed.start())
    else:
        return after - 1
    if end >= 0:
        skipped.append((start, end))
    return end


def _follow(s: str, start: int, at: int, line_end: int, first: int) -> int:
    """The line ``s[start:line_end]`` may open a block (its text starts at ``at``): the offset of
    the line break where scanning goes on after that block (``line_end`` when it opens none), or
    -1 when in doubt or when the block runs to the end."""
    cols = at - start
    line = s[at:line_end]
    ch = line[0]
    if ch in "`~":
        fence = _FENCE.match(line)
        if fence is None or (ch == "`" and "`" in fence.group(2)):
            return line_end
        marker = fence.group(1)
        if cols == 0:
            closed = _closer(marker).search(s, line_end)
            return -1 if closed is None else closed.end()  # the closer's line break
        closes = re.compile(rf"{re.escape(ch)}{{{len(marker)},}}[ \t]*").fullmatch

        def fence_ends(stripped: str, c: int) -> bool | None:
            if closes(stripped) is None:
                return False
            return True if c <= 3 else (None if c <= 6 else False)

        return _careful(s, line_end, cols, fence_ends)
    if line[1:2] not in "!?":  # a tag: only a few names, or a tag alone on its line, start a block
        name = _TAG.match(line)
        if name is None:
            return line_end
        if name.group(2).lower() not in _BLOCK_NAMES and not line.rstrip().endswith(">"):
            return line_end
    kind = next((i for i, seq in enumerate(HTML_SEQUENCES) if seq[0].search(line)), -1)
    if kind < 0:
        return line_end
    if kind <= 4:  # types 1-5: they end at their own end mark, blank lines or not
        ends_re = HTML_SEQUENCES[kind][1]
        if ends_re.search(line):
            return line_end
        if cols == 0:
            closed = ends_re.search(s, line_end)
            return -1 if closed is None else _line_end(s, closed.start())

        def html_ends(stripped: str, c: int) -> bool:
            return ends_re.search(stripped) is not None

        return _careful(s, line_end, cols, html_ends)
    # Types 6 and 7 end at a blank line; type 7 cannot interrupt a paragraph.
    prev = s.rfind("\n", 0, max(0, start - 1)) + 1
    after_blank = start == first or not s[prev : start - 1].strip(" \t")
    if kind == 6 and not after_blank:
        return _careful(s, line_end, 0, _maybe_opener)
    if cols == 0:
        blank = _BLANK.search(s, line_end)
        return -1 if blank is None else blank.start()
    return _careful(s, line_end, cols, None)


def _breaks(text: str, start: int, end: int, cr: bool) -> int:
    """The number of line breaks in ``text[start:end]`` (``\\r\\n``, ``\\r`` or ``\\n``);
    ``cr``: whether the text holds a carriage return at all (asked once, not per stretch)."""
    n = text.count("\n", start, end)
    if cr:
        n += text.count("\r", start, end) - text.count("\r\n", start, end)
    return n


def regions_in(
    text: str, bounds: list[int], spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The stretches between the safe boundaries ``bounds`` that hold the spans, merged."""
    found: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        a = bounds[bisect_right(bounds, start) - 1]
        j = bisect_left(bounds, max(end, start + 1))
        b = bounds[j] if j < len(bounds) else len(text)
        if found and a <= found[-1][1]:
            if b > found[-1][1]:
                found[-1] = (found[-1][0], b)
        else:
            found.append((a, b))
    return found


def cut_points(text: str) -> list[int] | None:
    """The safe boundaries where a long text may be cut into pieces, each masked as a document
    of its own (``pieces.py``): not one at a line that could open front matter, and none in a
    text with a lone carriage return as a line break (see ``mask_around``)."""
    if LONE_CR.search(text):
        return None
    return [b for b in boundaries(text) if b == 0 or not text.startswith(("---", "+++"), b)]


def mask_around(
    text: str,
    spans: Iterable[tuple[int, int]],
    references: dict[str, Any] | None = None,
    bounds: list[int] | None = None,
) -> Masked:
    """Mask only the stretches between safe boundaries that hold one of ``spans``; everything
    else is blanked. Inside those stretches (``Masked.regions``) the result is ``mask(text)``'s.
    ``references``: the link definitions of the document ``text`` is a piece of; ``bounds``:
    safe boundaries of ``text`` already found (from 0), or None to find them.

    A text with a lone carriage return as a line break is masked whole (a sentence is not
    sure to end at its blank lines, so the text around a stretch could matter)."""
    if LONE_CR.search(text):
        return mask(text, references)
    if bounds is None:
        bounds = boundaries(text)
    found = regions_in(text, bounds, spans)
    if found == [(0, len(text))]:
        return mask(text, references)
    if references is None and DEFINITION in text:
        references = References(text, bounds)
    parts: list[str] = []
    directives: list[Directive] = []
    marks: list[tuple[int, int]] = []
    pos = line = 0
    cr = "\r" in text
    try:
        for start, end in found:
            parts.append(blank(text[pos:start]))
            line += _breaks(text, pos, start, cr)
            part = _mask(text[start:end], front_matter=start == 0, references=references)
            parts.append(part.masked)
            directives.extend(
                replace(
                    d,
                    line=d.line + line,
                    end_line=d.end_line + line,
                    start=d.start + start,
                    end=d.end + start,
                )
                for d in part.directives
            )
            marks += [(s + start, e + start) for s, e in part.marks]
            line += _breaks(text, start, end, cr)
            pos = end
    except RecursionError:
        return mask(text, references)
    parts.append(blank(text[pos:]))
    return Masked("".join(parts), tuple(directives), tuple(found), tuple(marks))
