"""What an audit found, in numbers: aggregates of its two tables, and the terminal summary.

The aggregates are computed by pyarrow over the columns they need (group-by in C++), so a table
of millions of rows is never turned into Python objects row by row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from backyard_lint.model import Context

READINGS = tuple(str(c) for c in Context)  # every reading the classifier gives, use first
READING_WORDS = {
    "use": "the writer's own words",
    "mention": "quoted, or named as a term",
    "negated": "rejected or denied",
    "attributed": "someone else's view, reported",
    "historical": "a period, not a present-day place",
    "name": "part of a name or title",
    "literal": "another power's backyard, not the rule's label",
}
TOP = 15
TOP_DOCUMENTS = 25


@dataclass
class Ranked:
    """One section or author: its documents, its uses, and uses per thousand documents."""

    name: str
    documents: int
    uses: int

    @property
    def per_thousand(self) -> float:
        return 1000 * self.uses / self.documents if self.documents else 0.0


@dataclass
class Audit:
    documents: int = 0
    errors: int = 0
    bad_dates: int = 0
    undated: int = 0
    by_reading: dict[str, int] = field(default_factory=dict)
    # family -> reading -> count
    by_family: dict[str, dict[str, int]] = field(default_factory=dict)
    # (year, family, reading) -> count; documents per year
    per_year: dict[tuple[int, str, str], int] = field(default_factory=dict)
    documents_per_year: dict[int, int] = field(default_factory=dict)
    sections: list[Ranked] = field(default_factory=list)
    authors: list[Ranked] = field(default_factory=list)
    top_documents: list[dict[str, Any]] = field(default_factory=list)
    error_samples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def matches(self) -> int:
        return sum(self.by_reading.values())

    @property
    def uses(self) -> int:
        return self.by_reading.get("use", 0)

    @property
    def years(self) -> list[int]:
        return sorted({y for y, _, _ in self.per_year} | set(self.documents_per_year))

    @property
    def families(self) -> list[str]:
        return sorted(self.by_family)


def _count(table: pa.Table, keys: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.group_by(keys).aggregate([([], "count_all")]).to_pylist()
    return rows


def aggregate(out: Path) -> Audit:
    """The numbers of the report, from ``out``'s findings and documents tables."""
    wanted = ["doc_id", "date", "year", "section", "author", "url", "uses", "matches"]
    docs = pq.read_table(out / "documents.parquet", columns=[*wanted, "bad_date", "error"])
    findings = pq.read_table(out / "findings.parquet", columns=["year", "family", "reading"])
    audit = Audit(documents=docs.num_rows)
    audit.errors = docs.num_rows - docs["error"].null_count
    audit.bad_dates = int(pc.sum(docs["bad_date"]).as_py() or 0)
    audit.undated = docs["year"].null_count
    for row in _count(findings, ["family", "reading"]):
        family = audit.by_family.setdefault(row["family"], {})
        family[row["reading"]] = row["count_all"]
        audit.by_reading[row["reading"]] = audit.by_reading.get(row["reading"], 0)
        audit.by_reading[row["reading"]] += row["count_all"]
    for row in _count(findings, ["year", "family", "reading"]):
        if row["year"] is not None:
            audit.per_year[(row["year"], row["family"], row["reading"])] = row["count_all"]
    for row in _count(docs, ["year"]):
        if row["year"] is not None:
            audit.documents_per_year[row["year"]] = row["count_all"]
    audit.sections = _ranked(docs, "section")
    audit.authors = _ranked(docs, "author")
    used = docs.filter(pc.greater(docs["uses"], 0))
    top = used.sort_by([("uses", "descending"), ("doc_id", "ascending")]).slice(0, TOP_DOCUMENTS)
    shown = top.select(["doc_id", "date", "section", "url", "uses", "matches"])
    audit.top_documents = shown.to_pylist()
    errors = docs.filter(pc.is_valid(docs["error"])).slice(0, 20)
    audit.error_samples = errors.select(["doc_id", "error"]).to_pylist()
    return audit


def _ranked(docs: pa.Table, column: str) -> list[Ranked]:
    """The sections (or authors) with the most uses per thousand documents. Only those with
    enough documents to make the rate mean something are ranked: at least 1% of the archive's
    documents, at least one, at most 20."""
    present = docs.filter(pc.is_valid(docs[column]))
    if not present.num_rows:
        return []
    rows = present.group_by(column).aggregate([("uses", "sum"), ([], "count_all")]).to_pylist()
    least = max(1, min(20, docs.num_rows // 100))
    ranked = [
        Ranked(str(r[column]), r["count_all"], int(r["uses_sum"] or 0))
        for r in rows
        if r["count_all"] >= least
    ]
    ranked.sort(key=lambda r: (-r.per_thousand, -r.uses, r.name))
    return ranked[:TOP]


def year_series(audit: Audit, readings: tuple[str, ...]) -> dict[str, list[int]]:
    """Per family, the count of matches read as one of ``readings`` in each of ``audit.years``."""
    years = audit.years
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    position = {year: i for i, year in enumerate(years)}
    for (year, family, reading), count in audit.per_year.items():
        if reading in readings:
            series[family][position[year]] += count
    return dict(sorted(series.items()))


def share_series(audit: Audit) -> dict[str, list[float | None]]:
    """Per year, the share of all matches that are quotations (mention) and rejections
    (negated); None for a year without matches."""
    totals: dict[int, int] = defaultdict(int)
    by: dict[tuple[int, str], int] = defaultdict(int)
    for (year, _, reading), count in audit.per_year.items():
        totals[year] += count
        by[(year, reading)] += count
    out: dict[str, list[float | None]] = {}
    for label, reading in (("quotations", "mention"), ("rejections", "negated")):
        out[label] = [by[(y, reading)] / totals[y] if totals.get(y) else None for y in audit.years]
    return out


def summary(audit: Audit, outcome_line: str, out: Path) -> str:
    """The summary printed on the terminal when an audit finishes."""
    lines = [outcome_line]
    lines.append(
        f"documents: {audit.documents:,} ({audit.errors:,} with an error, "
        f"{audit.bad_dates:,} with a date that could not be read, {audit.undated:,} undated)"
    )
    readings = ", ".join(
        f"{reading} {audit.by_reading[reading]:,}"
        for reading in READINGS
        if reading in audit.by_reading
    )
    lines.append(f"matches: {audit.matches:,}" + (f" ({readings})" if readings else ""))
    if audit.by_family:
        width = max(len(f) for f in audit.by_family)
        lines.append("by family (uses / other readings):")
        for family in audit.families:
            counts = audit.by_family[family]
            uses = counts.get("use", 0)
            lines.append(f"  {family:<{width}}  {uses:>9,} / {sum(counts.values()) - uses:,}")
    lines.append(
        f"wrote {out / 'findings.parquet'}, {out / 'documents.parquet'}, {out / 'report.html'}"
    )
    return "\n".join(lines) + "\n"
