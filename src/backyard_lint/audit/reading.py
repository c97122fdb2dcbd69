"""One partition's documents, read where its task runs.

Files of a folder tree are read and decoded by the functions ``check`` uses (``read_file`` and
``decode_full``; the format from the file name by ``formats.detect``), so a format ``check``
learns to read is read here too; a Word document's bytes go to ``check``'s Word reader when it
is linted (``linting``). Table rows give their text and metadata by column name. A
document that cannot be read (undecodable, not JSON, no text) comes out with its ``error`` set:
it is recorded, and the partition goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from backyard_lint.audit.sources import Columns, Part, csv_rows


@dataclass(frozen=True)
class Doc:
    """A document as read: its text (or why there is none), format and metadata."""

    doc_id: str
    source: str  # where it came from: a file, or a table file and row (``table.csv:12``)
    text: str | None
    fmt: str  # a format, or "docx" for a Word document (its bytes in ``data``)
    date: object = None  # as stored; parsed by ``dates.parse_date``
    section: str | None = None
    author: str | None = None
    url: str | None = None
    error: str | None = None
    data: bytes | None = None  # a Word document's bytes, read as ``check`` reads them


WORD = "docx"


def read_part(
    part: Part, columns: Columns, *, default_format: str = "plain", encoding: str | None = None
) -> Iterator[Doc]:
    """Every document of ``part``, in order."""
    if part.kind == "files":
        yield from _files(part, encoding)
    elif part.kind == "jsonl":
        yield from _jsonl(part, columns, default_format)
    elif part.kind == "csv":
        yield from _csv(part, columns, default_format)
    elif part.kind == "parquet":
        yield from _parquet(part, columns, default_format)
    else:  # a plan written by another version
        raise ValueError(f"unknown partition kind {part.kind!r}")


def document_format(value: object, default: str) -> str:
    """The format a table's format column names: a format (``markdown``) or a file suffix
    (``md``, ``.html``); the default when empty or unknown."""
    from backyard_lint import formats

    if not isinstance(value, str) or not value.strip():
        return default
    name = value.strip().lower()
    if name in formats.FORMATS:
        return name
    if name in ("text", "txt"):
        return "plain"
    detected = formats.detect("document." + name.lstrip("."))
    return detected if detected != "plain" else default


def _files(part: Part, encoding: str | None) -> Iterator[Doc]:
    from backyard_lint import formats
    from backyard_lint.inputs import InputError, decode_full, read_file

    root = Path(part.path)
    for name in part.names:
        path = root / name
        parent = str(PurePath(name).parent)
        section = None if parent == "." else parent
        fmt = WORD if path.suffix.lower() == ".docx" else formats.detect(path)
        try:
            data, _ = read_file(path)
            if fmt == WORD:  # its prose is extracted where it is linted (``linting``)
                yield Doc(name, name, None, fmt, section=section, data=data)
                continue
            text = decode_full(data, encoding)[0]
        except InputError as exc:
            yield Doc(name, name, None, fmt, section=section, error=str(exc))
            continue
        yield Doc(name, name, text, fmt, section=section)


def _text_field(value: object) -> tuple[str | None, str | None]:
    """(text, error) for a text column's value."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            return None, f"text not valid UTF-8 at byte {exc.start}"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return None, f"text not valid UTF-8 at character {exc.start}"
        return value, None
    if value is None:
        return None, "no text (empty text column)"
    return None, f"text is not a string ({type(value).__name__})"


def _meta(value: object) -> str | None:
    """A metadata value as text; bytes that are not UTF-8 are replaced, never fatal."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if not text:
        return None
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _row_doc(get: dict[str, object], columns: Columns, where: str, default_format: str) -> Doc:
    """A document from one row's fields (``get``: column name to value)."""
    text, error = _text_field(get.get(columns.text))
    if columns.text not in get:
        text, error = None, f"no field '{columns.text}'"
    raw_id = _meta(get.get(columns.id))
    return Doc(
        raw_id if raw_id is not None else where,
        where,
        text,
        document_format(get.get(columns.format), default_format),
        date=get.get(columns.date),
        section=_meta(get.get(columns.section)),
        author=_meta(get.get(columns.author)),
        url=_meta(get.get(columns.url)),
        error=error,
    )


def _block(part: Part) -> bytes:
    with Path(part.path).open("rb") as fh:
        fh.seek(part.start)
        return fh.read(part.end - part.start)


def _jsonl(part: Part, columns: Columns, default_format: str) -> Iterator[Doc]:
    lines = _block(part).split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    for i, line in enumerate(lines):
        where = f"{part.path}:{part.first_row + i + 1}"
        line = line.rstrip(b"\r")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except UnicodeDecodeError as exc:
            yield Doc(
                where, where, None, default_format, error=f"not valid UTF-8 at byte {exc.start}"
            )
            continue
        except ValueError as exc:
            yield Doc(where, where, None, default_format, error=f"not valid JSON ({exc})")
            continue
        if not isinstance(record, dict):
            yield Doc(where, where, None, default_format, error="not a JSON object")
            continue
        yield _row_doc(record, columns, where, default_format)


def _csv(part: Part, columns: Columns, default_format: str) -> Iterator[Doc]:
    import csv
    import sys

    csv.field_size_limit(sys.maxsize)  # an article is longer than the module's default limit
    header = part.names
    rows = csv_rows(_block(part))
    row = part.first_row
    while True:
        where = f"{part.path}:{row}"
        try:
            values = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:  # the rest of the range cannot be read as CSV
            yield Doc(where, where, None, default_format, error=f"not valid CSV ({exc})")
            return
        row += 1
        if not values:
            continue
        get: dict[str, object] = dict(zip(header, values, strict=False))  # short rows too
        yield _row_doc(get, columns, where, default_format)


def _parquet(part: Part, columns: Columns, default_format: str) -> Iterator[Doc]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.path)
    names = set(pf.schema_arrow.names)
    wanted = [c for c in dict.fromkeys(vars(columns).values()) if c in names]
    row = part.first_row
    for batch in pf.iter_batches(row_groups=list(part.groups), columns=wanted, batch_size=1024):
        data = {name: batch.column(name).to_pylist() for name in wanted}
        for i in range(batch.num_rows):
            row += 1
            get = {name: values[i] for name, values in data.items()}
            yield _row_doc(get, columns, f"{part.path}:{row}", default_format)
