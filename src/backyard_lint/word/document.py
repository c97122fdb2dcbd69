"""Open a .docx and list its paragraphs in reading order: the body (tables included), then the
page headers and footers, footnotes, endnotes and comments. Each paragraph keeps the pieces of
text of its runs, so that an offset in its text leads back to the element that holds it."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_P, _T, _TBL, _TR, _TC = _w("p"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_CHARACTERS = {_w("tab"): "\t", _w("ptab"): "\t", _w("br"): "\n", _w("cr"): "\n"}
_CHARACTERS[_w("noBreakHyphen")] = "-"
# Never read into: deleted text, properties, drawings and text boxes (their own paragraphs),
# field instructions, and the fallback copy of alternate content.
_SKIPPED = frozenset(
    {
        _P,
        _TBL,
        _w("del"),
        _w("moveFrom"),
        _w("pPr"),
        _w("rPr"),
        _w("drawing"),
        _w("pict"),
        _w("object"),
        _w("instrText"),
        _w("delText"),
        f"{{{MC_NS}}}AlternateContent",
    }
)
_NOTE_PARTS = (("/word/footnotes.xml", "footnote"), ("/word/endnotes.xml", "endnote"))
_COMMENTS_PART = "/word/comments.xml"
_PAGE_PART = re.compile(r"/word/(?:header|footer)\d*\.xml")
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 512 * 1024 * 1024  # a larger document is refused before it is unpacked

_HEADING_NAME = re.compile(r"(?:heading\s*\d*|title|subtitle)", re.IGNORECASE)
QUOTE_STYLES = frozenset({"quote", "intense quote", "quotations"})


class WordError(Exception):
    """A document that could not be read; ``str()`` is the one-line reason (without the path)."""


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` of a paragraph comes from ``element``: a ``w:t`` element, or None
    for a tab or a line break (never edited)."""

    start: int
    end: int
    element: Any


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with text. ``where`` names it for a reader ("paragraph 4 (table 1, row 2,
    cell 1)", "page header 1", "footnote 2", "comment 1 by Ann"); ``number`` counts the body's
    paragraphs with text (as Word's word count does; the other parts go on counting after)."""

    where: str
    number: int
    text: str
    pieces: tuple[Piece, ...]
    role: str = "text"  # "text", "heading" or "quote"


@dataclass
class WordDocument:
    """An open document (python-docx's ``Document``) and its paragraphs."""

    document: Any
    paragraphs: list[Paragraph]
    loose_parts: list[tuple[Any, Any]] = field(default_factory=list)
    """(part, root element) of parts python-docx keeps as bytes (footnotes, endnotes): their
    XML is written back when the document is saved."""

    def save(self) -> bytes:
        from lxml import etree

        for part, root in self.loose_parts:
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def open_document(data: bytes) -> WordDocument:
    """Read a .docx from its bytes; anything else raises :class:`WordError` with a reason."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED in data:
            raise WordError("the document is password-protected; save an unprotected copy")
        raise WordError("an old Word (.doc) file, not .docx; save it as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise WordError(
            "not a Word document (.docx): not a zip archive, or a damaged one"
        ) from None
    with archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise WordError("a zip archive, but not a Word document (.docx)")
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise WordError(f"unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MiB, skipped")
    try:
        import docx
    except ImportError:
        raise WordError(
            "reading Word documents needs the 'docx' extra: pip install 'backyard-lint[docx]'"
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
        return WordDocument(document, *_paragraphs(document))
    except Exception as exc:  # lxml, zipfile and python-docx each have their own errors
        detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise WordError(f"a damaged Word document ({detail})") from None


def _paragraphs(document: Any) -> tuple[list[Paragraph], list[tuple[Any, Any]]]:
    roles = _style_roles(document)
    out: list[Paragraph] = []
    count = 0
    tables = [0]
    for p, cell in _body(document.element.body, None, tables):
        text, pieces = _text(p)
        if not text.strip():
            continue
        count += 1
        where = f"paragraph {count}" + (f" ({cell})" if cell else "")
        out.append(Paragraph(where, count, text, pieces, _role(p, roles)))
    loose: list[tuple[Any, Any]] = []
    parts = {str(part.partname): part for part in document.part.package.iter_parts()}
    for kind in ("header", "footer"):
        names = sorted(
            (n for n in parts if _PAGE_PART.fullmatch(n) and n.startswith(f"/word/{kind}")),
            key=lambda n: int("0" + re.sub(r"\D", "", n)),
        )
        for number, name in enumerate(names, 1):
            root = _root(parts[name], loose)
            if root is not None:
                count = _add(out, root, f"page {kind} {number}", count, roles)
    for name, noun in _NOTE_PARTS:
        root = _root(parts.get(name), loose)
        if root is None:
            continue
        notes = [n for n in root if n.tag == _w(noun) and n.get(_w("type")) is None]
        for number, note in enumerate(notes, 1):
            count = _add(out, note, f"{noun} {number}", count, roles)
    root = _root(parts.get(_COMMENTS_PART), loose)
    if root is not None:
        comments = [c for c in root if c.tag == _w("comment")]
        for number, comment in enumerate(comments, 1):
            author = comment.get(_w("author"))
            label = f"comment {number}" + (f" by {author}" if author else "")
            count = _add(out, comment, label, count, roles)
    return out, loose


def _add(out: list[Paragraph], container: Any, label: str, count: int, roles: Any) -> int:
    """Add the paragraphs with text of a note or comment; returns the running count."""
    found = [(p, *_text(p)) for p in container.iter(_P)]
    found = [item for item in found if item[1].strip()]
    for i, (p, text, pieces) in enumerate(found, 1):
        count += 1
        where = label + (f", paragraph {i}" if len(found) > 1 else "")
        out.append(Paragraph(where, count, text, pieces, _role(p, roles)))
    return count


def _root(part: Any, loose: list[tuple[Any, Any]]) -> Any:
    """The XML root of a part: python-docx's own element, or parsed from its bytes."""
    if part is None:
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from lxml import etree

    root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
    loose.append((part, root))
    return root


def _body(container: Any, cell: str | None, tables: list[int]) -> Iterator[tuple[Any, str | None]]:
    """The paragraphs of a body or cell in reading order, each with its table cell's name."""
    for child in container:
        if child.tag == _P:
            yield child, cell
        elif child.tag == _TBL:
            tables[0] += 1
            table = tables[0]
            for r, row in enumerate(child.iter(_TR), 1):
                if _owner(row, _TBL) is not child:
                    continue  # a row of a nested table: read with its own cell
                cells = [c for c in row.iter(_TC) if _owner(c, _TR) is row]
                for c, tc in enumerate(cells, 1):
                    yield from _body(tc, f"table {table}, row {r}, cell {c}", tables)
        elif child.tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            yield from _body(child, cell, tables)


def _owner(element: Any, tag: str) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _text(p: Any) -> tuple[str, tuple[Piece, ...]]:
    parts: list[str] = []
    pieces: list[Piece] = []
    pos = 0

    def visit(element: Any) -> None:
        nonlocal pos
        for child in element:
            tag = child.tag
            if tag == _T:
                text = child.text or ""
                if text:
                    parts.append(text)
                    pieces.append(Piece(pos, pos + len(text), child))
                    pos += len(text)
            elif tag in _CHARACTERS:
                parts.append(_CHARACTERS[tag])
                pieces.append(Piece(pos, pos + 1, None))
                pos += 1
            elif isinstance(tag, str) and tag not in _SKIPPED:
                visit(child)

    visit(p)
    return "".join(parts), tuple(pieces)


def _style_roles(document: Any) -> dict[str, str]:
    """Paragraph style id to role: a heading or title style, a quotation style, or text."""
    roles: dict[str, str] = {}
    for style in document.styles:
        if getattr(style, "type", None) != 1:  # WD_STYLE_TYPE.PARAGRAPH
            continue
        role = "text"
        base, depth = style, 0
        while base is not None and depth < 10:
            name = (base.name or "").strip().lower()
            if _HEADING_NAME.fullmatch(name) or _outline_level(base.element) is not None:
                role = "heading"
                break
            if name in QUOTE_STYLES:
                role = "quote"
                break
            base, depth = base.base_style, depth + 1
        roles[style.style_id] = role
    return roles


def _outline_level(element: Any) -> int | None:
    ppr = element.find(_w("pPr"))
    level = ppr.find(_w("outlineLvl")) if ppr is not None else None
    if level is None:
        return None
    try:
        value = int(level.get(_w("val"), "9"))
    except ValueError:
        return None
    return value if value < 9 else None  # 9 is body text


def _role(p: Any, roles: dict[str, str]) -> str:
    ppr = p.find(_w("pPr"))
    style = ppr.find(_w("pStyle")) if ppr is not None else None
    role = roles.get(style.get(_w("val"), "") if style is not None else "Normal", "text")
    if role == "text" and _outline_level(p) is not None:
        return "heading"
    return role
