"""The audit's tables: their schemas, atomic writes, and combining the partitions' parts.

Each partition's two tables are written by the client, findings first and documents last, each
to a temporary name then renamed: a partition is finished exactly when its documents file
exists, so ``--resume`` never counts a partition twice or trusts half of one. The final
``findings.parquet`` and ``documents.parquet`` are streamed from the parts in partition order,
one part in memory at a time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

_META = [
    ("doc_id", pa.string()),
    ("source", pa.string()),
    ("date", pa.date32()),
    ("year", pa.int16()),
    ("section", pa.string()),
    ("author", pa.string()),
    ("url", pa.string()),
]

DOCUMENTS = pa.schema(
    [
        ("partition", pa.int32()),
        *_META,
        ("format", pa.string()),
        ("chars", pa.int64()),
        ("matches", pa.int32()),
        ("uses", pa.int32()),
        ("non_uses", pa.int32()),
        ("bad_date", pa.bool_()),
        ("error", pa.string()),
    ]
)

FINDINGS = pa.schema(
    [
        ("partition", pa.int32()),
        *_META,
        ("rule", pa.string()),
        ("family", pa.string()),
        ("reading", pa.string()),
        ("reason", pa.string()),
        ("severity", pa.string()),
        ("match", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("line", pa.int32()),
        ("column", pa.int32()),
        ("sentence", pa.string()),
    ]
)


class Rows:
    """Rows gathered column by column, then made into one table of ``schema``."""

    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema
        self.columns: list[list[Any]] = [[] for _ in schema.names]

    def add(self, values: Sequence[Any]) -> None:
        for column, value in zip(self.columns, values, strict=True):
            column.append(value)

    def __len__(self) -> int:
        return len(self.columns[0])

    def table(self) -> pa.Table:
        return pa.Table.from_arrays(
            [pa.array(col, type=f.type) for col, f in zip(self.columns, self.schema, strict=True)],
            schema=self.schema,
        )


PARTS = "parts"
PLAN = "plan.json"


def part_path(out: Path, index: int, name: str) -> Path:
    return out / PARTS / f"{index:06d}.{name}.parquet"


def write_atomic(path: Path, table: pa.Table) -> None:
    """Write ``table`` to ``path`` through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_part(out: Path, index: int, documents: pa.Table, findings: pa.Table) -> None:
    write_atomic(part_path(out, index, "findings"), findings)
    write_atomic(part_path(out, index, "documents"), documents)  # last: marks it finished


def finished(out: Path, index: int) -> bool:
    return (
        part_path(out, index, "documents").exists() and part_path(out, index, "findings").exists()
    )


def combine(out: Path, count: int) -> None:
    """``findings.parquet`` and ``documents.parquet`` from the ``count`` partitions' parts."""
    for name, schema in (("findings", FINDINGS), ("documents", DOCUMENTS)):
        final = out / f"{name}.parquet"
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        try:
            with pq.ParquetWriter(tmp, schema) as writer:
                for index in range(count):
                    writer.write_table(pq.read_table(part_path(out, index, name), schema=schema))
            tmp.replace(final)
        finally:
            tmp.unlink(missing_ok=True)
