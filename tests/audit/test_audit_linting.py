"""One partition to its tables, in this process: the same findings as ``check``, and bad
documents recorded without stopping the partition."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from audit_helpers import make_archive, write_folder, write_jsonl

from backyard_lint.audit import tables
from backyard_lint.audit.linting import JobSettings, build_ruleset, lint_part
from backyard_lint.audit.sources import plan


def audit_in_process(source: Path, job: JobSettings | None = None, **kw: int) -> tuple[Any, Any]:
    """(documents, findings) as Python rows, every partition linted here."""
    import pyarrow as pa

    job = job or JobSettings()
    ruleset = build_ruleset()
    docs, finds = [], []
    for part in plan(str(source), job.columns, **kw).parts:  # type: ignore[arg-type]
        d, f = lint_part(part, job, ruleset)
        docs.append(d)
        finds.append(f)
    return pa.concat_tables(docs).to_pylist(), pa.concat_tables(finds).to_pylist()


def by_document(findings: list[dict[str, Any]]) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for f in findings:
        key = (f["rule"], f["line"], f["column"], f["reading"], f["severity"], f["match"])
        out.setdefault(f["doc_id"], []).append(key)
    return out


def check_findings(
    cli: Callable[..., Any], root: Path, errors: dict[str, str] | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """``check``'s findings by file below ``root``; its errors go to ``errors`` when given."""
    result = cli("check", "--show-mentions", "--format", "json", "--exit-zero", str(root))
    assert result.code == (2 if errors is not None else 0), result.err
    data = json.loads(result.out)
    for entry in data["errors"]:
        assert errors is not None
        errors[str(Path(entry["path"]).relative_to(root))] = entry["message"]
    out = {}
    for entry in data["files"]:
        name = str(Path(entry["path"]).relative_to(root))
        rows = [
            (f["rule"], f["line"], f["column"], f["reading"], f["severity"], f["match"])
            for f in entry["findings"]
        ]
        if rows:
            out[name] = rows
    return out


def test_a_folder_gives_the_findings_check_gives(tmp_path: Path, cli: Callable[..., Any]) -> None:
    root = write_folder(make_archive(90, labelled=0.6), tmp_path / "site")
    docs, findings = audit_in_process(root, partitions=4)
    assert len(docs) == 90
    audited = by_document(findings)
    assert audited == check_findings(cli, root)
    readings = {f["reading"] for f in findings}
    assert {"use", "mention", "negated", "attributed", "literal"} <= readings
    assert {f["severity"] for f in findings if f["reading"] != "use"} == {"info"}


def test_table_rows_give_the_findings_check_gives_their_text(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    archive = make_archive(60, labelled=0.6)
    docs, findings = audit_in_process(write_jsonl(archive, tmp_path / "a.jsonl"), blocksize=900)
    root = tmp_path / "as-files"
    root.mkdir()
    for row in archive.rows:
        (root / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    expected = {k.removesuffix(".txt"): v for k, v in check_findings(cli, root).items()}
    assert by_document(findings) == expected
    assert [d["doc_id"] for d in docs] == archive.ids


def test_rows_carry_metadata_offsets_and_sentence(tmp_path: Path) -> None:
    archive = make_archive(40, labelled=1.0)
    docs, findings = audit_in_process(write_jsonl(archive, tmp_path / "a.jsonl"))
    texts = {r["id"]: r for r in archive.rows}
    for f in findings:
        row = texts[f["doc_id"]]
        assert row["text"][f["start"] : f["end"]] == f["match"]
        assert f["match"] in f["sentence"] and "\n" not in f["sentence"]
        assert (f["section"], f["author"], f["url"]) == (row["section"], row["author"], row["url"])
        assert f["family"] == f["rule"].split(".")[0] or f["family"] == "sphere"
    bad = [d for d in docs if d["bad_date"]]
    assert len(bad) == 2 and all(d["date"] is None for d in bad)  # rows 0 and 25
    for d in docs:
        counted = [f for f in findings if f["doc_id"] == d["doc_id"]]
        assert d["matches"] == len(counted)
        assert d["uses"] == sum(f["reading"] == "use" for f in counted)
        assert d["non_uses"] == d["matches"] - d["uses"]
        assert (d["year"] is None) == (d["date"] is None)


def test_bad_documents_are_recorded_and_the_partition_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backyard_lint import formats

    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "before", "text": "She moved to Kiev in 2019."},
        {"id": "huge", "text": "Kiev. " * 1000},
        {"id": "breaks", "text": "<p>Kiev</p>", "format": "html"},
        {"id": "after", "text": "She moved to Kiev in 2019."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{oops\n", encoding="utf-8")
    real_mask = formats.mask

    def mask(text: str, fmt: str, around: Any = None, **pieces: Any) -> Any:
        if fmt == "html":
            raise ValueError("the adapter broke")
        return real_mask(text, fmt, around, **pieces)

    monkeypatch.setattr(formats, "mask", mask)
    docs, findings = audit_in_process(path, JobSettings(max_chars=5000))
    errors = {d["doc_id"]: d["error"] for d in docs}
    assert errors == {
        "before": None,
        "huge": "document too large (6,000 characters; the limit is 5,000)",
        "breaks": "internal error (ValueError: the adapter broke); please report this bug",
        "after": None,
        f"{path}:5": "not valid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
    }
    assert [f["doc_id"] for f in findings] == ["before", "after"]


def test_settings_from_configuration_apply(tmp_path: Path) -> None:
    from backyard_lint.model import Settings

    archive = make_archive(30, labelled=1.0)
    source = write_jsonl(archive, tmp_path / "a.jsonl")
    job = JobSettings(settings=Settings(ignore=("exonym",), show_mentions=True))
    _, findings = audit_in_process(source, job)
    assert findings and not any(f["rule"].startswith("exonym.") for f in findings)


def test_schemas_are_the_documented_ones() -> None:
    assert tables.FINDINGS.names == [
        "partition", "doc_id", "source", "date", "year", "section", "author", "url", "rule",
        "family", "reading", "reason", "severity", "match", "start", "end", "line", "column",
        "sentence",
    ]  # fmt: skip
    assert tables.DOCUMENTS.names == [
        "partition", "doc_id", "source", "date", "year", "section", "author", "url", "format",
        "chars", "matches", "uses", "non_uses", "bad_date", "error",
    ]  # fmt: skip


def test_an_undecodable_file_in_a_folder(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "good.txt").write_text("She moved to Kiev in 2019.", encoding="utf-8")
    (root / "old.txt").write_bytes(b"Caf\xe9 in Kiev.")
    docs, findings = audit_in_process(root)
    assert [(d["doc_id"], d["error"]) for d in docs] == [
        ("good.txt", None),
        ("old.txt", "not valid UTF-8 at byte 3 (use --encoding to name another encoding)"),
    ]
    assert [f["doc_id"] for f in findings] == ["good.txt"]
    latin = JobSettings(encoding="latin-1")
    docs, findings = audit_in_process(root, latin)
    assert [f["doc_id"] for f in findings] == ["good.txt", "old.txt"]


def test_word_documents_in_a_folder_give_what_check_gives(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    import docx

    root = tmp_path / "site"
    (root / "desk").mkdir(parents=True)
    document = docx.Document()
    document.add_heading("Notes from the region", level=1)
    document.add_paragraph("Trade across the post-Soviet states grew last year.")
    document.add_paragraph('The minister rejected the phrase "Russia\'s backyard" outright.')
    document.add_paragraph("She moved to Kiev in 2019 to study law.")
    document.save(str(root / "desk" / "notes.docx"))
    (root / "desk" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "plain.txt").write_text("Investors are looking at the Stans again.", encoding="utf-8")
    docs, findings = audit_in_process(root)
    audited = by_document(findings)
    check_errors: dict[str, str] = {}
    assert audited == check_findings(cli, root, check_errors)
    assert [line for _, line, *_ in audited["desk/notes.docx"]] == [2, 3, 4]
    errors = {d["doc_id"]: d["error"] for d in docs if d["error"]}
    assert errors == check_errors == {"desk/broken.docx": check_errors["desk/broken.docx"]}
    word = next(f for f in findings if f["doc_id"] == "desk/notes.docx")
    assert word["section"] == "desk" and word["match"] in word["sentence"]
