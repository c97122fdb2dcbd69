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

import re
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt, helpers
from markdown_it.rules_inline import StateInline

from backyard_lint.directives import Directive, comment_pattern
from backyard_lint.formats import BY_NAME
from backyard_lint.formats import html as html_format
from backyard_lint.formats._util import (
    Piece,
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
# A block quote's markers on a line, after any indentation and list markers ("- > quote").
_QUOTE_MARKER = re.compile(r"[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(>(?:[ \t]{0,4}>)*)")
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
_COMMENT = comment_pattern(BY_NAME["markdown"].comment)
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]{1,64}\]")  # a footnote reference (an extension)

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
            quoting = _TAG.match(text, start, end)
            if quoting and quoting.group(2).lower() in html_format.QUOTING:
                self.marks.append((start, end))  # <q>, <cite>: kept for reading
            comment = _COMMENT.fullmatch(text, start, end)
            if comment:
                self.directive(comment.start("body"), comment.end("body"), end)
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

    def quote_marks(self, first: int, last: int) -> None:
        """Keep a block quote's ``>`` markers for the classifier (a quotation is not the
        writer's own use); the matcher still sees them blank."""
        for line in range(first, last):
            start = self.starts[line] if line < len(self.starts) else len(self.text)
            found = _QUOTE_MARKER.match(self.text, start)
            if found and (found.start(1), found.end(1)) not in self.marks:
                self.marks.append((found.start(1), found.end(1)))

    def html_block(self, first: int, last: int) -> None:
        start = self.starts[first]
        end = self.starts[last] if last < len(self.starts) else len(self.text)
        pieces, found = html_format.scan(self.text, start, end, self.index, marks=self.marks)
        self.pieces.extend(pieces)
        self.directives.extend(found)


def mask(text: str, references: dict[str, Any] | None = None) -> Masked:
    """Mask ``text``; ``references``: the link definitions of the document it is a piece of."""
    try:
        return _mask(text, references=references)
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


# Plain paragraphs only: every line blank (spaces) or starting at column 0 with a letter and
# holding no character that Markdown reads as markup. A letter at column 0 opens or continues
# a paragraph and nothing else (no heading, list, quote, code, HTML or setext underline), and
# without markup characters the inline parser is never run (``_INLINE_MARKS``), so masking
# keeps such a text as it is; most stretches of a document dense with labels are like this,
# and the block parser's start-up cost is the larger part of masking a short stretch.
_PLAIN_LINE = r"(?:[A-Za-z][A-Za-z0-9 ,.;:'\"?!()’‘“”/@=+%$-]*| *)"
_PLAIN = re.compile(rf"(?:{_PLAIN_LINE}\n)*{_PLAIN_LINE}")


def _mask(text: str, front_matter: bool = True, references: dict[str, Any] | None = None) -> Masked:
    """Mask ``text``, a whole document, or (``front_matter`` False) a stretch of one that starts
    at a safe boundary; ``references`` then stands for the document's link definitions."""
    if _PLAIN.fullmatch(text):
        return Masked(blank_urls(text), ())
    return _parsed(text, front_matter, references)


def _parsed(text: str, front_matter: bool, references: dict[str, Any] | None) -> Masked:
    """``_mask`` by markdown-it's block parser and the recording inline parser."""
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
        elif token.type == "blockquote_open":
            doc.quote_marks(first, last)
    masked = render(text, doc.pieces)
    if doc.edits:
        masked = edit(masked, doc.edits)
    directives = tuple(sorted(doc.directives, key=lambda d: d.start))
    masked = _FOOTNOTE_REF.sub(lambda m: " " * len(m.group()), masked)  # "label[^1]"
    return Masked(blank_urls(masked), directives, marks=tuple(sorted(doc.marks)))


def mask_around(text: str, spans: Iterable[tuple[int, int]], *piece: Any) -> Masked:
    """Mask only the stretches of a long text around ``spans`` (``markdown_partial.py``; for
    a piece of a document, ``piece`` is its references and safe boundaries)."""
    from backyard_lint.formats import markdown_partial

    return markdown_partial.mask_around(text, spans, *piece)


def cut_points(text: str) -> list[int] | None:
    """Where a long text can be cut into pieces masked on their own (``pieces.py``)."""
    from backyard_lint.formats import markdown_partial

    return markdown_partial.cut_points(text)


def outside(text: str, cuts: list[int]) -> dict[str, Any] | None:
    """The link reference definitions of the whole text, for each of its pieces."""
    from backyard_lint.formats import markdown_refs

    return markdown_refs.definitions(text, cuts)
