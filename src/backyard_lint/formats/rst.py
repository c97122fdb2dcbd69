"""reStructuredText: prose is paragraph, list, table, title and admonition text.

Blanked: literal blocks (``::``, quoted or indented), doctest blocks, the content of code-like
directives (``code``, ``code-block``, ``sourcecode``, ``math``, ``raw``, ...), every directive's
name, arguments and options (admonitions such as ``note`` keep their text), comments, hyperlink
targets, substitution definitions, footnote and citation labels, inline literals, roles (the
visible text of ``:ref:`text <target>``` and of prose roles such as ``:term:`` stays), default-role
interpreted text, embedded URIs, footnote and substitution references, and bare URLs. Directives
are read from comments: ``.. backyard-lint: disable-next-line backyard.russia -- reason``; as a
comment is followed by a blank line, ``disable-next-line`` there means the next line of text.

Positions come from a line scanner that follows reST's indentation rules, so offsets are exact.
docutils then parses the document (warnings kept off stderr) and every literal block, doctest
block or math block in its tree that the scanner left as prose is found in the source
and blanked too. When docutils fails on malformed input, the scanner's result stands alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from backyard_lint.directives import MARK, Directive, parse_directive
from backyard_lint.formats._util import blank_urls, edit, line_ends
from backyard_lint.formats.masking import Masked
from backyard_lint.formats.rst_docutils import doctree_blocks, locate
from backyard_lint.positions import line_starts


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Directives whose content is not prose.
LITERAL_CONTENT = _words(
    """code code-block sourcecode parsed-literal literalinclude highlight math raw
    productionlist doctest testcode testoutput testsetup testcleanup ipython jupyter-execute
    graphviz digraph graph mermaid uml plantuml plot toctree index meta include
    autosummary tabularcolumns"""
)
# Directives whose first line (and the lines before the first blank one) is prose, not arguments.
PROSE_HEAD = _words(
    """attention caution danger error hint important note tip warning seealso todo admonition
    topic sidebar rubric epigraph pull-quote highlights container compound"""
)
# Directives whose content is quoted material (an epigraph is a quotation set at a section's head).
QUOTE_CONTENT = _words("epigraph")
# Directives whose first argument is a version and the rest of the first lines prose.
VERSION_HEAD = _words("versionadded versionchanged deprecated versionremoved")
# Roles whose text is shown as written.
PROSE_ROLES = _words(
    """emphasis strong title-reference title t abbr term dfn sub sup subscript superscript
    menuselection guilabel"""
)

_DIRECTIVE = re.compile(r"\.\.[ \t]+([A-Za-z0-9](?:[\w.+-]|:(?!:))*)[ \t]*::(?=\s|$)")
_SUBSTITUTION = re.compile(r"\.\.[ \t]+\|")
_TARGET = re.compile(r"\.\.[ \t]+_")
_LABEL = re.compile(r"\.\.[ \t]+\[[^\]\s]+\]")
_OPTION = re.compile(r"[ \t]*:[^:\s][^:]*:(?=\s|$)")
_LIST_MARK = re.compile(r"(?:[-*+•‣⁃]|\(?(?:\d+|[A-Za-z#]|[ivxlcdmIVXLCDM]+)[.)])[ \t]+(?=\S)")
_WORD = re.compile(r"\s*\S+")
_OWN_BODY = re.compile(r"[ \t]*(?::[^:\s][^:]*:(?=\s|$)|-{1,2}[A-Za-z0-9]|/[A-Za-z0-9])")
_NO_QUOTE = 1 << 30  # the body indent of a block whose indented followers are its own body
_QUOTED_LITERAL = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_INLINE = re.compile(
    r"(?=[`:_|\[])"
    r"(?:(?P<literal>(?<![`\w])``(?=\S)(?:[^`]|`(?!`))*?``(?!\w))"
    r"|(?P<role>:(?P<rname>[\w.+:-]+):`(?P<rtext>[^`]*)`)"
    r"|(?P<target>(?<![`\w])_`(?=\S)[^`]*`)"
    r"|(?P<interp>(?<![`\w])`(?=\S)(?P<itext>[^`]*?)`(?P<isuffix>:[\w.+:-]+:|__?)?)"
    r"|(?P<subst>(?<![\w|])\|(?=\S)[^|\n]*?(?<=\S)\|(?:__?)?(?!\w))"
    r"|(?P<fnref>\[(?:\d+|#[\w.-]*|\*|[A-Za-z][\w.-]*)\]_)"
    r"|(?P<ref>(?<=\w)__?(?=[\s.,;:!?)\]'\"’”]|$)))"
)
_TITLED = re.compile(r"(?P<title>.*?\S)\s*<(?P<target>[^<>]+)>\s*$", re.DOTALL)

Span = tuple[int, int]


class _Scanner:
    """Walks the lines of a document and records what is not prose."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.count = len(self.starts)
        self.ends = line_ends(text, self.starts)
        self.lines = [text[s:e] for s, e in zip(self.starts, self.ends, strict=True)]
        self.leads = [len(line) - len(line.lstrip()) for line in self.lines]
        self.blanks = [lead == len(line) for lead, line in zip(self.leads, self.lines, strict=True)]
        self.indents = [
            len(line[:lead].expandtabs(8)) if "\t" in line[:lead] else lead
            for lead, line in zip(self.leads, self.lines, strict=True)
        ]
        self.blanked: list[Span] = []
        self.prose: list[Span] = []  # text blocks, for inline markup
        self.directives: list[Directive] = []
        self.quotes: list[int] = []  # where each paragraph of a block quote starts
        self.quoting = 0  # inside an epigraph's content

    def line(self, i: int) -> str:
        return self.lines[i]

    def blank(self, i: int) -> bool:
        return self.blanks[i]

    def indent(self, i: int) -> int:
        return self.indents[i]

    def body_start(self, i: int) -> int:
        """Offset of the first non-blank character of line ``i``."""
        return self.starts[i] + self.leads[i]

    def mask_lines(self, first: int, last: int) -> None:
        """Blank lines ``first`` to ``last`` (inclusive)."""
        if first <= last:
            self.blanked.append((self.starts[first], self.ends[last]))

    def block_end(self, i: int, indent: int) -> int:
        """The last non-blank line of the block that starts at ``i``: lines after it belong
        while they are blank or indented more than ``indent``."""
        last = i
        k = i + 1
        while k < self.count:
            if not self.blank(k):
                if self.indent(k) <= indent:
                    break
                last = k
            k += 1
        return last

    def scan(self, first: int, last: int) -> None:
        """Scan lines ``first`` to ``last`` (inclusive)."""
        i = first
        # (indent, body indent) of the blocks before, outermost first: a paragraph indented
        # past the body of the block before it is a block quote
        before: list[tuple[int, int]] = []
        while i <= last:
            if self.blank(i):
                i += 1
                continue
            body = self.line(i).lstrip()
            indent = self.indent(i)
            while before and before[-1][0] >= indent:
                before.pop()
            explicit = body.startswith("..") and (len(body) == 2 or body[2] in " \t")
            text = not explicit and body != "__" and not body.startswith(("__ ", ">>>"))
            if text and (self.quoting or (before and indent > before[-1][1])):
                self.quotes.append(self.starts[i])
            before.append((indent, self.body_indent(i) if text else _NO_QUOTE))
            if explicit:
                i = self.explicit(i, indent, last) + 1
            elif body == "__" or body.startswith("__ "):  # anonymous hyperlink target
                end = min(self.block_end(i, indent), last)
                self.mask_lines(i, end)
                i = end + 1
            elif body.startswith(">>>"):  # doctest block: up to a blank line
                end = i
                while end + 1 <= last and not self.blank(end + 1):
                    end += 1
                self.mask_lines(i, end)
                i = end + 1
            else:
                i = self.text_block(i, last) + 1

    def body_indent(self, i: int) -> int:
        """Where the body of the text block at line ``i`` is indented: after a list marker,
        at its second line's indent (a definition), anywhere past a field or option name."""
        line = self.line(i)
        lead = self.leads[i]
        if _OWN_BODY.match(line):
            return _NO_QUOTE
        mark = _LIST_MARK.match(line, lead)
        if mark:
            return self.indent(i) + mark.end() - lead
        nxt = i + 1
        if nxt < self.count and not self.blank(nxt) and self.indent(nxt) > self.indent(i):
            return self.indent(nxt)
        return self.indent(i)

    def text_block(self, i: int, last: int) -> int:
        """Prose up to a blank line or an explicit markup start; then a literal block after
        ``::``. Returns the last line used."""
        end = i
        while end + 1 <= last and not self.blank(end + 1):
            following = self.line(end + 1).lstrip()
            if following.startswith(".. ") or following == "..":
                break
            end += 1
        self.prose.append((self.body_start(i), self.ends[end]))
        tail = self.line(end).rstrip()
        if not tail.endswith("::"):
            return end
        if tail.lstrip() == "::":
            self.blanked.append((self.body_start(end), self.ends[end]))
        else:
            self.blanked.append((self.starts[end] + len(tail) - 1, self.starts[end] + len(tail)))
        if end == i:  # a list item's text starts after its marker
            line = self.line(i)
            lead = len(line) - len(line.lstrip())
            mark = _LIST_MARK.match(line, lead)
            base = self.indent(i) + (mark.end() - lead if mark else 0)
        else:
            base = self.indent(end)
        return self.literal_block(end, base, last)

    def literal_block(self, end: int, base: int, last: int) -> int:
        j = end + 1
        while j <= last and self.blank(j):
            j += 1
        if j > last:
            return end
        if self.indent(j) > base:
            stop = min(self.block_end(j, base), last)
            self.mask_lines(j, stop)
            return stop
        first = self.line(j).lstrip()[:1]
        if self.indent(j) == base and first in _QUOTED_LITERAL:
            stop = j
            while stop + 1 <= last and self.line(stop + 1).lstrip()[:1] == first:
                stop += 1
            self.mask_lines(j, stop)
            return stop
        return end

    def explicit(self, i: int, indent: int, last: int) -> int:
        """An explicit markup block at line ``i``; returns its last line."""
        line = self.line(i)
        lead = len(line) - len(line.lstrip())
        start = self.starts[i] + lead
        body = line[lead:]
        if body.strip() == "..":  # an empty comment, or a comment starting on the next line
            nxt = i + 1
            end = i if nxt > last or self.blank(nxt) else min(self.block_end(i, indent), last)
        else:
            end = min(self.block_end(i, indent), last)
        directive = _DIRECTIVE.match(body)
        if directive:
            self.directive_block(i, end, directive.group(1), start + directive.end())
            return end
        label = _LABEL.match(body)
        if label:  # footnote or citation: the label goes, the text is prose
            self.blanked.append((start, start + label.end()))
            rest = start + label.end()
            if self.text[rest : self.ends[i]].strip():
                self.prose.append((rest, self.ends[i]))
            self.scan(i + 1, end)
            return end
        self.mask_lines(i, end)
        if not (_TARGET.match(body) or _SUBSTITUTION.match(body)):
            self.comment(i, end, start + 2)
        return end

    def comment(self, i: int, end: int, body_start: int) -> None:
        text = self.text[body_start : self.ends[end]]
        if MARK in text:
            # A reST comment is followed by a blank line (or the next line would join it), so
            # it ends there: "disable-next-line" means the next line of text.
            last = end
            while last + 1 < self.count and self.blank(last + 1):
                last += 1
            found = parse_directive(text, i, body_start, last)
            if found is not None:
                self.directives.append(found)

    def directive_block(self, i: int, end: int, name: str, after: int) -> None:
        """A directive: blank its name, arguments and options; its content is prose unless
        the directive holds code or data."""
        name = name.lower().rsplit(":", 1)[-1]
        head_end = i  # the last line of the head: arguments and options, up to a blank line
        while head_end + 1 <= end and not self.blank(head_end + 1):
            head_end += 1
        if name in PROSE_HEAD or name in VERSION_HEAD:
            self.blanked.append((self.starts[i], after))
            pos = after
            if name in VERSION_HEAD:
                m = _WORD.match(self.text, after, self.ends[i])
                pos = m.end() if m else after
                self.blanked.append((after, pos))
            self.prose.append((pos, self.ends[i]))
            for k in range(i + 1, head_end + 1):
                if _OPTION.match(self.line(k)):
                    self.mask_lines(k, k)
                else:
                    self.prose.append((self.body_start(k), self.ends[k]))
        else:
            self.mask_lines(i, head_end)
        if name in QUOTE_CONTENT:
            self.quotes.append(self.starts[i])
            self.quoting += 1
        if head_end < end:
            if name in LITERAL_CONTENT:
                self.mask_lines(head_end + 1, end)
            else:
                self.scan(head_end + 1, end)
        if name in QUOTE_CONTENT:
            self.quoting -= 1


def _inline(text: str, start: int, end: int, out: list[Span]) -> None:
    """Inline markup in the prose ``text[start:end]``."""
    for m in _INLINE.finditer(text, start, end):
        kind = m.lastgroup
        if kind == "role":
            _titled(m, "rtext", m.group("rname") in PROSE_ROLES, out)
        elif kind == "interp":
            suffix = m.group("isuffix") or ""
            keep = suffix.startswith("_") or suffix.strip(":") in PROSE_ROLES
            _titled(m, "itext", keep and suffix != "", out)
        elif kind == "target":
            out.append((m.start(), m.start() + 2))
            out.append((m.end() - 1, m.end()))
        else:
            out.append(m.span())


def _titled(m: re.Match[str], group: str, keep: bool, out: list[Span]) -> None:
    """A role or reference: keep the title of ``text <target>``, or the whole text if ``keep``."""
    inner_start, inner_end = m.span(group)
    titled = _TITLED.match(m.string, inner_start, inner_end)
    if titled:
        inner_start, inner_end = titled.span("title")
    elif not keep:
        out.append(m.span())
        return
    out.append((m.start(), inner_start))
    out.append((inner_end, m.end()))


def mask(text: str, *, use_docutils: bool = True) -> Masked:
    return _mask(text, use_docutils, None)


def mask_around(text: str, spans: Iterable[tuple[int, int]]) -> Masked:
    """``mask(text)``, with docutils' cross-check reading only the stretches of the document
    that hold ``spans`` (a long document whose rules match in a few places): each stretch runs
    from a line that starts at the margin after a blank line (no indented block, literal block
    or table of the text before it reaches past that line) to the next such line after the
    span. The line scanner still masks the whole text."""
    return _mask(text, True, list(spans))


def _mask(text: str, use_docutils: bool, around: list[Span] | None) -> Masked:
    scanner = _Scanner(text)
    scanner.scan(0, scanner.count - 1)
    spans = list(scanner.blanked)
    for start, end in scanner.prose:
        _inline(text, start, end, spans)
    masked = edit(text, [(s, e, None) for s, e in spans])
    # Every literal, doctest or math block starts at a "::" (a literal block or a directive) or
    # at ">>>": without either, docutils has nothing to add.
    if use_docutils and ("::" in text or ">>>" in text):
        located = []
        stripped = [line.strip() for line in scanner.lines]
        for lo, hi in [(0, -1)] if around is None else _stretches(scanner, around):
            part = text if hi < 0 else text[scanner.starts[lo] : _line_end(scanner, hi)]
            if "::" in part or ">>>" in part:
                located += locate(scanner, stripped, doctree_blocks(part), lo, hi)
        located = [(s, e) for s, e in located if masked[s:e].strip()]
        if located:
            masked = edit(masked, [(s, e, None) for s, e in located])
    return Masked(blank_urls(masked), tuple(scanner.directives), quotes=tuple(scanner.quotes))


def _line_end(scanner: _Scanner, hi: int) -> int:
    """Where line ``hi`` starts (the end of the stretch before it), or the text's end."""
    return scanner.starts[hi] if hi < scanner.count else len(scanner.text)


def _stretches(scanner: _Scanner, spans: list[Span]) -> list[tuple[int, int]]:
    """Line ranges [lo, hi) that hold the spans, each from one safe line to the next (see
    :func:`mask_around`), merged; hi is ``scanner.count`` at the end of the text."""
    safe = [
        i
        for i in range(scanner.count)
        if not scanner.blank(i) and scanner.indent(i) == 0 and (i == 0 or scanner.blank(i - 1))
    ]
    if not safe or safe[0] != 0:
        safe.insert(0, 0)
    found: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        first = bisect_right(scanner.starts, start) - 1
        last = bisect_right(scanner.starts, max(start, end - 1)) - 1
        lo = safe[bisect_right(safe, first) - 1]
        j = bisect_right(safe, last)
        hi = safe[j] if j < len(safe) else scanner.count
        if found and lo <= found[-1][1]:
            found[-1] = (found[-1][0], max(hi, found[-1][1]))
        else:
            found.append((lo, hi))
    return found
