"""``backyard-lint audit`` end to end on a local Dask cluster: tables, report, summary, resume."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from audit_helpers import fetched_urls, make_archive, write_csv
from test_audit_linting import audit_in_process, by_document

from backyard_lint.audit import tables
from backyard_lint.audit.linting import JobSettings
from backyard_lint.audit.sources import Columns
from backyard_lint.parallel import default_jobs


def _findings(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    return by_document(pq.read_table(out / "findings.parquet").to_pylist())


NAMES = {"id": "uid", "date": "published", "section": "desk", "author": "byline"}
NAMES |= {"url": "link", "text": "body"}
OPTIONS = [f"--{key}-column={name}" for key, name in NAMES.items()]


def test_csv_export_to_report(tmp_path: Path, cli: Callable[..., Any]) -> None:
    archive = make_archive(240)
    source = write_csv(archive, tmp_path / "export.csv", NAMES)
    with source.open("ab") as fh:  # one row that is not UTF-8: recorded, and the job goes on
        fh.write(b"bad1,2021-01-01,world,X,https://news.example/bad,caf\xe9 in Kiev\r\n")
    out = tmp_path / "audit"
    result = cli("audit", str(source), "--out", str(out), "--partitions", "6", *OPTIONS)
    assert result.code == 0, result.err
    workers = default_jobs()  # no --workers: a local cluster of one worker a core
    plural = "" if workers == 1 else "s"
    assert f"audited 6 partitions of {source} on a local cluster ({workers} worker{plural})" in (
        result.out
    )
    assert "documents: 241 (1 with an error, 10 with a date that could not be read" in result.out
    assert "6/6 partitions, 241 documents" in result.err  # the progress line
    docs = pq.read_table(out / "documents.parquet")
    assert docs.schema == tables.DOCUMENTS and docs.num_rows == 241
    assert docs.column("doc_id").to_pylist() == [*archive.ids, "bad1"]
    assert docs.column("error").to_pylist()[-1] == "text not valid UTF-8 at character 3"
    assert docs.column("author").to_pylist()[:4] == [r["author"] for r in archive.rows[:4]]
    findings = pq.read_table(out / "findings.parquet")
    assert findings.schema == tables.FINDINGS
    job = JobSettings(columns=Columns(**{k: NAMES.get(k, k) for k in vars(Columns())}))
    _, expected = audit_in_process(source, job)
    assert _findings(out) == by_document(expected) and expected
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 4  # per year, shares, sections, authors
    top = docs.sort_by([("uses", "descending")]).to_pylist()[0]
    assert f'<a href="https://news.example/{int(top["doc_id"][1:])}">{top["doc_id"]}</a>' in html
    for year in ("2019", "2020", "2021", "2022", "2023"):
        assert f"<td>{year}</td>" in html
    assert "Top sections by uses per 1,000 documents" in html
    assert "<td>bad1</td><td>text not valid UTF-8 at character 3</td>" in html
    assert fetched_urls(html) == []


def test_an_interrupted_audit_resumes(tmp_path: Path, cli: Callable[..., Any]) -> None:
    source = write_csv(make_archive(120), tmp_path / "export.csv")
    out = tmp_path / "audit"
    args = ("audit", str(source), "--out", str(out), "--workers", "1", "--blocksize", "2kB")
    assert cli(*args).code == 0
    before = _findings(out)
    count = len(list((out / tables.PARTS).glob("*.documents.parquet")))
    assert count > 4
    again = cli(*args)
    assert again.code == 2
    assert again.err.strip() == (
        f"backyard-lint: {out} holds an audit already: add --resume to finish it, "
        "or choose another --out"
    )
    # as if interrupted: two partitions unfinished, one with only its findings written
    for index in (1, 3):
        tables.part_path(out, index, "documents").unlink()
    tables.part_path(out, 1, "findings").unlink()
    (out / "findings.parquet").unlink()
    resumed = cli(*args, "--resume")
    assert resumed.code == 0, resumed.err
    assert f"{count - 2} finished earlier" in resumed.out
    assert _findings(out) == before
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    assert len(docs) == 120
    redone = sum(d["partition"] in (1, 3) for d in docs)
    assert f"({redone:,} documents this run" in resumed.out


def test_bad_sources_and_options(tmp_path: Path, cli: Callable[..., Any]) -> None:
    out = str(tmp_path / "out")
    missing = cli("audit", str(tmp_path / "nope.jsonl"), "--out", out)
    assert (missing.code, missing.err) == (
        2,
        f"backyard-lint: {tmp_path / 'nope.jsonl'}: no such file or directory\n",
    )
    source = write_csv(make_archive(5), tmp_path / "a.csv")
    wrong = cli("audit", str(source), "--out", out, "--text-column", "body")
    assert wrong.code == 2 and "no column 'body'" in wrong.err
    size = cli("audit", str(source), "--out", out, "--blocksize", "lots")
    assert size.code == 2 and "not a size: 'lots'" in size.err
    address = cli("audit", str(source), "--out", out, "--scheduler", "127.0.0.1")
    assert (address.code, address.err) == (
        2,
        "backyard-lint: could not reach the Dask scheduler at 127.0.0.1 "
        "(missing port number in address '127.0.0.1')\n",
    )
    assert not Path(out).exists()  # nothing is written before the cluster is there


def test_sizes() -> None:
    import argparse

    import pytest

    from backyard_lint.audit.cli import size

    assert [size(v) for v in ("4000000", "4MB", "4 MiB", "512k", "512KiB", "1.5GB", "10b")] == [
        4_000_000,
        4_000_000,
        4 * 1024 * 1024,
        512_000,
        512 * 1024,
        1_500_000_000,
        10,
    ]
    for bad in ("lots", "4XB", "0", "-1MB"):
        with pytest.raises(argparse.ArgumentTypeError):
            size(bad)
