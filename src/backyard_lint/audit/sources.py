"""What an audit's SOURCE is, and how it splits into partitions (in the client).

SOURCE is a folder tree of documents (every file ``check`` would lint in it), or a table of
documents: JSON Lines, CSV or Parquet, one file or a glob. A partition names a stretch of the
source small enough for one task: a list of files, a byte range of a JSON Lines or CSV file
that starts and ends on a record boundary, or some row groups of a Parquet file. Only these
names travel to the workers; each worker reads its own stretch (so with a remote cluster, SOURCE
must be at the same path on the workers, as with any Dask reader).

Finding record boundaries in CSV: a line break ends a record only outside quotes, and in
RFC 4180 CSV it is outside quotes exactly when an even number of quote characters comes before
it. One pass over the file counts them (``bytes.split`` and ``bytes.count``: C speed), so an
article whose text holds line breaks is never cut in two.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_BLOCKSIZE = 4 * 1024 * 1024
FOLDER_FILES_MAX = 2000  # files per partition of a folder tree, at most
_CHUNK = 16 * 1024 * 1024

TABLE_KINDS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}


class SourceError(Exception):
    """SOURCE cannot be audited; ``str()`` is one line naming the file and the problem."""


@dataclass(frozen=True)
class Columns:
    """The names of a table's columns (set by options)."""

    text: str = "text"
    id: str = "id"
    date: str = "date"
    section: str = "section"
    author: str = "author"
    url: str = "url"
    format: str = "format"


@dataclass(frozen=True)
class Part:
    """One partition: what a task reads."""

    index: int
    kind: str  # "files", "jsonl", "csv" or "parquet"
    path: str  # the folder (files) or the table file
    start: int = 0  # byte range (jsonl, csv)
    end: int = 0
    first_row: int = 0  # the number of records before this range (csv: the header is one)
    names: tuple[str, ...] = ()  # files: paths below ``path``; csv: the header's columns
    groups: tuple[int, ...] = ()  # parquet: row groups


@dataclass(frozen=True)
class Plan:
    """Every partition of a source, and the table files' sizes and times (for ``--resume``)."""

    source: str
    parts: tuple[Part, ...]
    inputs: tuple[tuple[str, int, int], ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @staticmethod
    def from_json(data: str) -> Plan:
        raw = json.loads(data)
        parts = tuple(
            Part(**{**p, "names": tuple(p["names"]), "groups": tuple(p["groups"])})
            for p in raw["parts"]
        )
        inputs = tuple((str(a), int(b), int(c)) for a, b, c in raw["inputs"])
        return Plan(str(raw["source"]), parts, inputs)


def plan(
    source: str,
    columns: Columns,
    *,
    blocksize: int | None = None,
    partitions: int | None = None,
) -> Plan:
    """Split ``source`` into partitions of about ``blocksize`` bytes, or into ``partitions``."""
    if Path(source).is_dir():
        return Plan(source, tuple(_folder_parts(source, blocksize, partitions)))
    files = _table_files(source)
    kinds = [_kind(f) for f in files]
    stats = [Path(f).stat() for f in files]
    if partitions:
        blocksize = max(1, -(-sum(st.st_size for st in stats) // partitions))
    size = blocksize or DEFAULT_BLOCKSIZE
    parts: list[Part] = []
    for path, kind in zip(files, kinds, strict=True):
        for part in _table_parts(path, kind, size, columns):
            parts.append(Part(len(parts), *part))
    inputs = tuple((f, st.st_size, st.st_mtime_ns) for f, st in zip(files, stats, strict=True))
    return Plan(source, tuple(parts), inputs)


def changed_inputs(saved: Plan) -> list[str]:
    """The table files that changed (or went) since ``saved`` was planned."""
    changed = []
    for path, size, mtime in saved.inputs:
        try:
            st = Path(path).stat()
        except OSError:
            changed.append(path)
            continue
        if (st.st_size, st.st_mtime_ns) != (size, mtime):
            changed.append(path)
    return changed


def _table_files(source: str) -> list[str]:
    if glob.has_magic(source):
        matches = glob.glob(source, recursive=True)  # noqa: PTH207 - a user's glob, as written
        files = sorted(f for f in matches if Path(f).is_file())
        if not files:
            raise SourceError(f"{source}: no file matches")
        return files
    if not Path(source).exists():
        raise SourceError(f"{source}: no such file or directory")
    if not Path(source).is_file():
        raise SourceError(f"{source}: not a regular file or folder")
    return [source]


def _kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    kind = TABLE_KINDS.get(suffix)
    if kind is None:
        raise SourceError(
            f"{path}: unknown table format '{suffix or path}' (expected .jsonl, .csv or "
            ".parquet, or a folder of documents)"
        )
    return kind


def _folder_parts(source: str, blocksize: int | None, partitions: int | None) -> Iterator[Part]:
    from backyard_lint.inputs import walk

    root = Path(source)
    names = [str(Path(name).relative_to(root)) for name, _ in walk([root])]
    if not names:
        raise SourceError(f"{source}: no document to audit in this folder")
    if partitions:
        per = max(1, -(-len(names) // partitions))
        groups = [names[i : i + per] for i in range(0, len(names), per)]
    else:
        groups = list(_by_size(root, names, blocksize or DEFAULT_BLOCKSIZE))
    for index, group in enumerate(groups):
        yield Part(index, "files", source, names=tuple(group))


def _by_size(root: Path, names: list[str], blocksize: int) -> Iterator[list[str]]:
    group: list[str] = []
    total = 0
    for name in names:
        with contextlib.suppress(OSError):  # the worker reads it and records why it cannot
            total += (root / name).stat().st_size
        group.append(name)
        if total >= blocksize or len(group) >= FOLDER_FILES_MAX:
            yield group
            group, total = [], 0
    if group:
        yield group


def _table_parts(
    path: str, kind: str, blocksize: int, columns: Columns
) -> Iterator[tuple[str, str, int, int, int, tuple[str, ...], tuple[int, ...]]]:
    if kind == "parquet":
        yield from _parquet_parts(path, blocksize, columns)
        return
    header: tuple[str, ...] = ()
    if kind == "csv":
        header = _csv_header(path)
        if columns.text not in header:
            raise SourceError(_no_text_column(path, columns.text, header))
    else:
        _check_jsonl(path, columns.text)
    for start, end, first in record_blocks(
        path, blocksize, quoted=kind == "csv", header=bool(header)
    ):
        yield (kind, path, start, end, first, header, ())


def record_blocks(
    path: str, blocksize: int, *, quoted: bool, header: bool
) -> list[tuple[int, int, int]]:
    """Byte ranges (start, end, records before) of about ``blocksize`` bytes that start and
    end on record boundaries: line breaks, outside quotes when ``quoted``. With ``header``, the
    first record is left out."""
    cuts: list[tuple[int, int]] = [] if header else [(0, 0)]
    target = 0 if header else blocksize
    records = 0
    inside = False
    at = 0
    with Path(path).open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            pieces = chunk.split(b'"') if quoted else [chunk]
            for i, piece in enumerate(pieces):
                if i:
                    at += 1  # the quote character
                    inside = not inside
                if not inside:
                    seen = upto = 0
                    while (nl := piece.find(b"\n", max(0, target - at))) >= 0:
                        seen += piece.count(b"\n", upto, nl + 1)
                        upto = nl + 1
                        cuts.append((at + upto, records + seen))
                        target = at + upto + blocksize
                    records += piece.count(b"\n")
                at += len(piece)
    blocks = []
    for (start, first), (end, _) in zip(cuts, [*cuts[1:], (at, 0)], strict=True):
        if end > start:
            blocks.append((start, end, first))
    return blocks


def _csv_header(path: str) -> tuple[str, ...]:
    try:
        with Path(path).open(encoding="utf-8-sig", newline="", errors="replace") as fh:
            row = next(csv.reader(fh), None)
    except (OSError, csv.Error) as exc:
        raise SourceError(f"{path}: cannot read the header ({exc})") from None
    if not row:
        raise SourceError(f"{path}: empty file, or no header row")
    return tuple(row)


def _check_jsonl(path: str, text: str) -> None:
    """Fail early when the first record has no text field (a wrong ``--text-column``)."""
    try:
        with Path(path).open("rb") as fh:
            first = fh.readline(1024 * 1024)
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror or exc}") from None
    try:
        record = json.loads(first)
    except ValueError:
        return  # a bad first line is recorded as a bad document, like any other
    if isinstance(record, dict) and text not in record:
        raise SourceError(_no_text_column(path, text, tuple(record)))


def _parquet_parts(
    path: str, blocksize: int, columns: Columns
) -> Iterator[tuple[str, str, int, int, int, tuple[str, ...], tuple[int, ...]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException) as exc:
        raise SourceError(f"{path}: not a readable Parquet file ({exc})") from None
    names = tuple(meta.schema.names)
    if columns.text not in names:
        raise SourceError(_no_text_column(path, columns.text, names))
    groups: list[int] = []
    size = 0
    first = row = 0
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        groups.append(g)
        size += rg.total_byte_size
        row += rg.num_rows
        if size >= blocksize:
            yield ("parquet", path, 0, 0, first, (), tuple(groups))
            groups, size, first = [], 0, row
    if groups:
        yield ("parquet", path, 0, 0, first, (), tuple(groups))


def _no_text_column(path: str, text: str, names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return f"{path}: no column '{text}' (columns: {shown}); name it with --text-column"


def csv_rows(data: bytes) -> Iterator[list[str]]:
    """The records of a CSV byte range; undecodable bytes are kept as surrogates, so that the
    record they are in (only it) is reported as undecodable."""
    text = data.decode("utf-8", errors="surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    return csv.reader(io.StringIO(text, newline=""))
