"""HTML: only text nodes are prose (standard library ``html.parser``).

Tags, attributes, comments, declarations, and the content of ``script``, ``style``, ``pre``,
``code``, ``kbd``, ``samp``, ``template``, ``svg``, ``math`` and of ``head`` (except ``title``) are
blanked. A character reference keeps its place: it shows its character followed by spaces
("Russia&rsquo;s" reads as "Russia’      s"), so offsets never move. Directives are read from
comments: ``<!-- backyard-lint: disable-next-line backyard.russia -- reason -->``.
"""

from __future__ import annotations

from html.parser import HTMLParser

from backyard_lint.directives import Directive
from backyard_lint.formats._util import Piece, blank_urls, comment_directive, entity_text, render
from backyard_lint.formats.masking import Masked
from backyard_lint.positions import LineIndex

QUOTING = frozenset({"blockquote", "q", "cite"})
SKIPPED = frozenset({"script", "style", "pre", "code", "kbd", "samp", "template", "svg", "math"})


class _Scanner(HTMLParser):
    """Collects the prose pieces and comments of ``text[start:end]`` (offsets into ``text``)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.base = start
        self.source = text[start:end]
        # html.parser counts lines by "\n" only; map its (line, column) back with the same rule.
        self.newlines = [0]
        find = self.source.find
        i = find("\n")
        while i >= 0:
            self.newlines.append(i + 1)
            i = find("\n", i + 1)
        self.open: dict[str, int] = {}
        self.skipping = 0
        self.in_head = False
        self.in_title = 0
        self.pieces: list[Piece] = []
        self.marks: list[tuple[int, int]] = []  # quotation and citation tags, kept for reading
        self.comments: list[tuple[int, int, int]] = []  # body start, body end, comment end

    def here(self) -> int:
        line, column = self.getpos()
        return self.base + self.newlines[line - 1] + column

    @property
    def prose(self) -> bool:
        return not self.skipping and (not self.in_head or self.in_title > 0)

    def _mark(self, tag: str, raw: str | None) -> None:
        """Keep a quotation or citation tag for the classifier (quoted material and cited
        titles are not the writer's own use); the matcher still sees it blank."""
        if tag in QUOTING and raw and self.prose:
            start = self.here()
            self.marks.append((start, start + len(raw)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(tag, self.get_starttag_text())
        if tag in SKIPPED:
            self.open[tag] = self.open.get(tag, 0) + 1
            self.skipping += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "title":
            self.in_title += 1

    def handle_endtag(self, tag: str) -> None:
        closing = f"</{tag}>"
        self._mark(
            tag, closing if self.source.startswith(closing, self.here() - self.base) else None
        )
        if self.open.get(tag, 0) > 0:
            self.open[tag] -= 1
            self.skipping -= 1
        elif tag == "head":
            self.in_head = False
        elif tag == "title" and self.in_title > 0:
            self.in_title -= 1

    def handle_data(self, data: str) -> None:
        if self.prose:
            start = self.here()
            self.pieces.append((start, start + len(data), None))

    def _reference(self, prefix: str, name: str) -> None:
        if not self.prose:
            return
        start = self.here()
        source = prefix + name
        if not self.text.startswith(source, start):
            return
        end = start + len(source)
        if self.text.startswith(";", end):
            end += 1
        self.pieces.append((start, end, entity_text(self.text[start:end])))

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    def finish(self) -> None:
        """Read what ``feed`` left, a construct that never ends, and close.

        html.parser's ``close`` hands such a construct back as text up to the next ``>`` and
        parses on, but it scans to the end of the input again for each ``<`` that follows, which
        takes quadratic time on text such as ``<a <a <a ...``. This does the same in one pass,
        except that a comment that never closes runs to the end (HTML's eof-in-comment).
        """
        while self.rawdata.startswith("<") and not self.cdata_elem:
            rest = self.rawdata
            start = self.here()
            if rest.startswith("<!--"):
                end = start + len(rest)
                self.comments.append((start + 4, end, end))
                self.rawdata = ""
                break
            close = rest.find(">", 1)
            stop = close + 1 if close >= 0 else len(rest)
            self.handle_data(rest[:stop])
            self.updatepos(0, stop)
            self.rawdata = ""
            self.feed(rest[stop:])
        self.close()

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![CDATA[...]]>`` and other marked sections are markup; html.parser's own version
        raises AssertionError on a malformed one such as ``<![x``."""
        close = self.rawdata.find("]]>", i + 3)
        if close >= 0:
            return close + 3
        gt = self.rawdata.find(">", i + 3)
        return gt + 1 if gt >= 0 else -1

    def handle_comment(self, data: str) -> None:
        start = self.here()
        body_start = start + 4
        body_end = body_start + len(data)
        close = self.text.find(">", body_end)
        self.comments.append((body_start, body_end, close + 1 if close >= 0 else body_end))


def scan(
    text: str,
    start: int = 0,
    end: int | None = None,
    index: LineIndex | None = None,
    scanner: _Scanner | None = None,
    marks: list[tuple[int, int]] | None = None,
) -> tuple[list[Piece], list[Directive]]:
    """The prose pieces and the directives of the HTML in ``text[start:end]``; its quotation
    and citation tags (kept for reading) are added to ``marks`` when given."""
    scanner = scanner or _Scanner(text, start, len(text) if end is None else end)
    try:
        scanner.feed(scanner.source)
        scanner.finish()
    except AssertionError:  # html.parser gave up on malformed markup: the rest is not prose
        pass
    if marks is not None:
        marks.extend(scanner.marks)
    found: list[Directive] = []
    if scanner.comments:
        index = index or LineIndex(text)
        for body_start, body_end, comment_end in scanner.comments:
            directive = comment_directive(text, body_start, body_end, comment_end, index)
            if directive is not None:
                found.append(directive)
    return scanner.pieces, found


def mask(text: str) -> Masked:
    scanner = _Scanner(text, 0, len(text))
    pieces, found = scan(text, scanner=scanner)
    return Masked(blank_urls(render(text, pieces)), tuple(found), marks=tuple(scanner.marks))
