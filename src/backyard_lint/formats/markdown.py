"""Markdown (CommonMark, markdown-it-py): only paragraph, heading and HTML text is prose.

Blanked: front matter (YAML ``---`` or TOML ``+++`` at the top), fenced and indented code, HTML
tags, attributes and comments (text inside HTML blocks stays prose, as in the HTML adapter; text
between inline ``<code>``, ``<kbd>``, ``<samp>``... and their end tags does not), code spans,
autolinks, link and image destinations, titles and reference labels (the link text and the image
description stay prose), reference definitions, list and quote markers, and bare URLs.
Character references show their character ("Russia&rsquo;s" reads as "Russia’      s").
Directives are read from HTML comments, in blocks or inline:
``<!-- backyard-lint: disable-next-line backyard.russia -- reason -->``.

The block structure comes from markdown-it's token maps (0-based, end-exclusive line ranges).
Inline tokens carry no positions, so each paragraph's text is parsed again by an inline parser
whose rules record the spans they consume, on a copy of the source that keeps every offset.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt, helpers
from markdown_it.common.html_blocks import block_names
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_inline import StateInline

from backyard_lint.directives import Directive
from backyard_lint.formats import html as html_format
from backyard_lint.formats._util import (
    Piece,
    blank,
    blank_urls,
    comment_directive,
    edit,
    entity_text,
    line_ends,
    render,
)
from backyard_lint.formats.masking import Masked
from backyard_lint.positions import LineIndex

_SPANS = "backyard_lint.spans"  # key in markdown-it's env: spans recorded by the inline rules
_LABELS = "backyard_lint.labels"  # key in markdown-it's env: where each link label ends
_DELIMITERS = "backyard_lint.delimiters"  # key in markdown-it's env: emphasis marks to settle
_BASE = "backyard_lint.base"  # key in markdown-it's env: where the text being parsed starts
_INLINE_MARKS = ("`", "<", "[", "&", "*", "_", "~")
_RECORDED = (
    *("backticks", "link", "image", "autolink", "html_inline", "entity"),
    *("emphasis", "strikethrough"),
)
_PREFIX = re.compile(r"[ \t>]*")
MAX_NESTING = 200
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")

Rule = Callable[[StateInline, bool], bool]


def _recording(name: str, rule: Rule) -> Rule:
    """Wrap inline rule ``rule`` so that what it consumes is recorded as (kind, start, end),
    offsets in the paragraph's source (an image's description is parsed on its own: its
    offsets are moved by where it starts)."""

    def recorded(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens) + (1 if state.pending else 0)  # pending text comes first
        env = state.env
        base = env[_BASE][-1]
        if name == "image" and not silent:
            env[_BASE].append(base + start + 2)  # the description, after "!["
            try:
                ok = rule(state, silent)
            finally:
                env[_BASE].pop()
        else:
            ok = rule(state, silent)
        if ok and not silent:
            spans = env[_SPANS]
            pushed = state.tokens[count:]
            if name == "backticks":
                if pushed and pushed[-1].type == "code_inline":
                    spans.append(("code", base + start, base + state.pos))
            elif name == "entity":
                if state.pos - start > 1:
                    spans.append(("entity", base + start, base + state.pos))
            elif name in ("link", "image"):
                opener = 1 if name == "link" else 2
                spans.append(("code", base + start, base + start + opener))
                label_end = env[_LABELS].get(start + opener - 1, -1)
                if label_end >= 0:
                    spans.append(("code", base + label_end, base + state.pos))
            elif name in ("emphasis", "strikethrough"):
                # Delimiter runs: which are emphasis is known once the paragraph is read
                # (see _settle); each pushed text token holds one or two marks.
                at = base + start
                for token in pushed:
                    env[_DELIMITERS].append((token, at, at + len(token.content)))
                    at += len(token.content)
            else:  # autolink, html_inline
                spans.append((name, base + start, base + state.pos))
        return ok

    return recorded


def _settle(state: StateInline) -> None:
    """After markdown-it pairs the emphasis and strike-through marks (before it joins text
    tokens): blank each mark that it paired. A paired mark's token became an opening or closing
    tag, or lost its text (the second mark of ``**``); an unpaired one is still text."""
    pending = state.env[_DELIMITERS]
    if not pending:
        return
    mine = {id(token) for token in state.tokens}
    spans = state.env[_SPANS]
    rest = []
    for token, start, end in pending:
        if id(token) not in mine:
            rest.append((token, start, end))  # an enclosing paragraph's, not settled yet
        elif token.type != "text" or not token.content:
            spans.append(("emphasis", start, end))
    state.env[_DELIMITERS] = rest


def _label(state: StateInline, start: int, disable_nested: bool = False) -> int:
    """markdown-it's link label parser, remembering where the label that starts at ``start``
    ends (so the link and image rules need not parse it twice)."""
    end: int = helpers.parseLinkLabel(state, start, disable_nested)
    state.env[_LABELS][start] = end
    return end


def _parsers() -> tuple[MarkdownIt, MarkdownIt]:
    # The commonmark preset stops nesting blocks at 20 levels (a list nested 10 deep) and drops
    # what follows; 200 levels (a list nested 100 deep) stay well inside Python's recursion
    # limit. Inline nesting keeps the preset's limit (deeper brackets are read as text).
    block = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).disable(["inline", "text_join"])
    inline = MarkdownIt("commonmark").enable("strikethrough")
    inline.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=_label,
        parseLinkDestination=helpers.parseLinkDestination,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    ruler = inline.inline.ruler
    for entry in list(ruler.__rules__):
        if entry.name in _RECORDED:
            ruler.at(entry.name, _recording(entry.name, entry.fn))
    inline.inline.ruler2.before("fragments_join", "backyard_lint_settle", _settle)
    return block, inline


_BLOCK, _INLINE = _parsers()


def _front_matter(text: str, starts: list[int]) -> int:
    """The number of lines of front matter at the top of ``text`` (0 when there is none)."""
    if not text.startswith(("---", "+++")):
        return 0
    fence = text[:3]
    closers = ("---", "...") if fence == "---" else ("+++",)

    def line(i: int) -> str:
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        return text[starts[i] : end].rstrip()

    if line(0) != fence:
        return 0
    for i in range(1, len(starts)):
        if line(i) in closers:
            return i + 1
    return 0


class _Document:
    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.starts = self.index.starts
        self.ends = line_ends(text, self.starts)
        self.pieces: list[Piece] = []  # prose
        self.edits: list[Piece] = []  # blanked (None) or shown otherwise, inside the prose
        self.directives: list[Directive] = []
        self.marks: list[tuple[int, int]] = []  # emphasis marks (blanked, among the edits)

    def inline(self, content: str, first: int, last: int, env: dict[str, Any]) -> None:
        """The text of one paragraph or heading: lines ``first`` to ``last`` (exclusive)."""
        text = self.text
        region: list[str] = []
        region_start = -1
        lines = content.split("\n")[: last - first]
        for k, wanted in enumerate(lines):
            line = first + k
            start, end = self.starts[line], self.ends[line]
            source = text[start:end]
            if source.endswith(wanted):
                at = len(source) - len(wanted)
            else:
                at = source.find(wanted)
                if at < 0:  # tabs expanded by the block parser: take the line after its markers
                    at = _PREFIX.match(source).end()  # type: ignore[union-attr]
            is_last = k == len(lines) - 1
            stop = start + at + len(wanted) if is_last and source.startswith(wanted, at) else end
            self.pieces.append((start + at, stop, None))
            if region_start < 0:
                region_start = start + at
            else:
                region.append(" " * at)
            region.append(text[start + at : stop])
            if not is_last:
                region.append(" " * (self.starts[line + 1] - end - 1) + "\n")
        source_region = "".join(region)
        if not any(mark in source_region for mark in _INLINE_MARKS):
            return
        spans: list[tuple[str, int, int]] = []
        env[_SPANS] = spans
        env[_LABELS] = {}
        env[_DELIMITERS] = []
        env[_BASE] = [0]
        _INLINE.inline.parse(source_region.replace("\r", " "), _INLINE, env, [])
        opened: dict[str, list[int]] = {}  # inline <code>, <kbd>, ... not yet closed
        for kind, s, e in spans:
            start, end = region_start + s, region_start + e
            if kind == "emphasis":
                self.marks.append((start, end))
            elif kind == "entity":
                self.edits.append((start, end, entity_text(text[start:end]) or text[start:end]))
                continue
            self.edits.append((start, end, None))
            if kind != "html_inline":
                continue
            if text.startswith("<!--", start):
                close = end - 3 if text.endswith("-->", start, end) else end
                self.directive(start + 4, close, end)
                continue
            tag = _TAG.match(text, start, end)
            if tag and tag.group(2).lower() in html_format.SKIPPED:
                name = tag.group(2).lower()
                if not tag.group(1):
                    if not text.endswith("/>", start, end):
                        opened.setdefault(name, []).append(start)
                elif opened.get(name):  # the text between <code> and </code> is not prose
                    self.edits.append((opened[name].pop(), end, None))

    def directive(self, body_start: int, body_end: int, comment_end: int) -> None:
        found = comment_directive(self.text, body_start, body_end, comment_end, self.index)
        if found is not None:
            self.directives.append(found)

    def html_block(self, first: int, last: int) -> None:
        start = self.starts[first]
        end = self.starts[last] if last < len(self.starts) else len(self.text)
        pieces, found = html_format.scan(self.text, start, end, self.index)
        self.pieces.extend(pieces)
        self.directives.extend(found)


def mask(text: str) -> Masked:
    try:
        return _mask(text)
    except RecursionError:  # absurdly deep nesting: read the document as plain text
        from backyard_lint.formats import plain

        return plain.mask(text)


def _block_source(text: str, starts: list[int], front_matter: bool) -> str:
    """What the block parser reads: ``text`` with its front matter (if any, and if
    ``front_matter``) replaced by as many empty lines."""
    skip = _front_matter(text, starts) if front_matter else 0
    if not skip:
        return text
    cut = starts[skip] if skip < len(starts) else len(text)
    return "\n" * skip + text[cut:]


def _mask(text: str, front_matter: bool = True, references: dict[str, Any] | None = None) -> Masked:
    """Mask ``text``, a whole document, or (``front_matter`` False) a stretch of one that starts
    at a safe boundary; ``references`` then stands for the document's link definitions."""
    doc = _Document(text)
    source = _block_source(text, doc.starts, front_matter)
    env: dict[str, Any] = {}
    tokens = _BLOCK.parse(source, env)
    if references is not None:
        env["references"] = references
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "inline":
            doc.inline(token.content, first, last, env)
        elif token.type == "html_block":
            doc.html_block(first, last)
    masked = render(text, doc.pieces)
    if doc.edits:
        masked = edit(masked, doc.edits)
    directives = tuple(sorted(doc.directives, key=lambda d: d.start))
    return Masked(blank_urls(masked), directives, marks=tuple(sorted(doc.marks)))


# Masking only the stretches of a long document that matter (the language server re-lints a
# whole buffer on every edit; markdown-it reads about 3 KB per millisecond).
#
# A *safe boundary* is the start of a line where markdown-it's block parser is certainly at the
# top level with nothing open, so that parsing the text from there gives the same blocks as
# parsing the whole document: the start of a non-blank line at column 0 that follows a blank
# line (a blank line ends paragraphs and block quotes, and a line at column 0 after one ends
# every list item), unless a fenced code block, an HTML block of types 1-5 (which may hold blank
# lines) or front matter is still open there. ``boundaries`` finds them with a few regular
# expressions over the raw text, following only what can stay open across a blank line. Where
# it cannot be sure (an opener indented 1-3 spaces may sit in a list item, whose end also ends
# it), markdown-it reads the stretch from the last boundary to the next candidate and tells.

_FENCE = re.compile(r"(`{3,}|~{3,})([^\n]*)")
_BLANK = re.compile(r"\n[ \t]*(?=\n)")
_AFTER_BLANK = re.compile(r"\n[ \t]*\n(?=[^ \t\n])")
_FIRST_BLANK = re.compile(r"[ \t]*\n(?=[^ \t\n])")
_OPENER = re.compile(r"\n {0,3}(?=[`~<])")
_FIRST_OPENER = re.compile(r" {0,3}(?=[`~<])")
_LONE_CR = re.compile(r"\r(?!\n)")
_BLOCK_NAMES = frozenset(block_names) | {"script", "pre", "style", "textarea"}
_DEFINITION = "]:"  # every link reference definition holds it
_DOUBT = -2  # what _careful returns when it cannot tell
NEWLINES = re.compile(r"\r\n?|\n")


@functools.lru_cache(maxsize=64)
def _closer(marker: str) -> re.Pattern[str]:
    """A line that closes a top-level fence opened by ``marker``."""
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


class _References(dict):  # type: ignore[type-arg]
    """The document's link reference definitions, each read when a link first looks up its
    label. Every definition holds "]:"; the label before it (on the same line, without a
    backslash) says which stretch between safe boundaries may define which label, so only
    those stretches are parsed (any other definition's stretch is parsed for every label).
    The first definition of a label wins, as in markdown-it."""

    def __init__(self, text: str, bounds: list[int]) -> None:
        super().__init__()
        self._text = text
        self._bounds = bounds
        self._by_label: dict[str, list[int]] | None = None  # label -> stretches (indices)
        self._anywhere: list[int] = []
        self._parsed: dict[int, dict[str, Any]] = {}
        self._missing: set[str] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            return self[key]
        if key in self._missing:
            return default
        if self._by_label is None:
            self._index()
        assert self._by_label is not None
        for i in sorted({*self._by_label.get(key, ()), *self._anywhere}):
            found = self._definitions(i).get(key)
            if found is not None:
                self[key] = found
                return found
        self._missing.add(key)
        return default

    def _index(self) -> None:
        text, bounds = self._text, self._bounds
        by_label: dict[str, list[int]] = {}
        at = text.find(_DEFINITION)
        while at >= 0:
            i = bisect_right(bounds, at) - 1
            line = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at))
            opener = text.rfind("[", line + 1, at)
            label = text[opener + 1 : at]
            if opener < 0 or "\\" in label or "]" in label:
                self._anywhere.append(i)
            else:
                by_label.setdefault(normalizeReference(label), []).append(i)
            at = text.find(_DEFINITION, at + 1)
        self._by_label = by_label

    def _definitions(self, i: int) -> dict[str, Any]:
        """The definitions in the ``i``-th stretch between safe boundaries."""
        found = self._parsed.get(i)
        if found is None:
            text, bounds = self._text, self._bounds
            start = bounds[i]
            chunk = text[start : bounds[i + 1] if i + 1 < len(bounds) else len(text)]
            env: dict[str, Any] = {}
            starts = LineIndex(chunk).starts if start == 0 else []
            _BLOCK.parse(_block_source(chunk, starts, start == 0), env)
            found = self._parsed[i] = env.get("references", {})
        return found


def _breaks(text: str, start: int, end: int) -> int:
    """The number of line breaks in ``text[start:end]`` (``\\r\\n``, ``\\r`` or ``\\n``)."""
    n = text.count("\n", start, end)
    if "\r" in text:
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


def mask_around(text: str, spans: Iterable[tuple[int, int]]) -> Masked:
    """Mask only the stretches between safe boundaries that hold one of ``spans``; everything
    else is blanked. Inside those stretches (``Masked.regions``) the result is ``mask(text)``'s.

    A text with a lone carriage return as a line break is masked whole (a sentence is not
    sure to end at its blank lines, so the text around a stretch could matter)."""
    if _LONE_CR.search(text):
        return mask(text)
    bounds = boundaries(text)
    found = regions_in(text, bounds, spans)
    if found == [(0, len(text))]:
        return mask(text)
    references = _References(text, bounds) if _DEFINITION in text else None
    parts: list[str] = []
    directives: list[Directive] = []
    marks: list[tuple[int, int]] = []
    pos = line = 0
    try:
        for start, end in found:
            parts.append(blank(text[pos:start]))
            line += _breaks(text, pos, start)
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
            line += _breaks(text, start, end)
            pos = end
    except RecursionError:
        return mask(text)
    parts.append(blank(text[pos:]))
    return Masked("".join(parts), tuple(directives), tuple(found), tuple(marks))
