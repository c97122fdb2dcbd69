"""Splitting a source into partitions, and reading each partition back."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import pytest
from audit_helpers import make_archive, write_csv, write_folder, write_jsonl, write_parquet

from backyard_lint.audit.reading import read_part
from backyard_lint.audit.sources import Columns, Plan, SourceError, plan, record_blocks


def _read_all(source: Path | str, **kwargs: int) -> list[tuple[str, str | None]]:
    p = plan(str(source), Columns(), **kwargs)  # type: ignore[arg-type]
    return [(d.doc_id, d.text) for part in p.parts for d in read_part(part, Columns())]


@pytest.mark.parametrize("blocksize", [1, 37, 500, 10**9])
def test_csv_blocks_never_cut_a_quoted_line_break(tmp_path: Path, blocksize: int) -> None:
    archive = make_archive(60)
    path = write_csv(archive, tmp_path / "a.csv")
    assert any("\n" in r["text"] for r in archive.rows)  # the case that matters
    docs = _read_all(path, blocksize=blocksize)
    assert docs == [(r["id"], r["text"]) for r in archive.rows]


def test_record_blocks_cover_the_file_once(tmp_path: Path) -> None:
    path = write_csv(make_archive(40), tmp_path / "a.csv")
    blocks = record_blocks(str(path), 100, quoted=True, header=True)
    size = path.stat().st_size
    assert blocks[0][0] == path.read_bytes().index(b"\n") + 1  # after the header
    assert blocks[-1][1] == size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(blocks))
    # the number of records before each block is its first row's number (header = 0)
    data = path.read_bytes()
    for start, _, first in blocks:
        prefix = data[:start].decode()
        assert len(list(csv.reader(io.StringIO(prefix, newline="")))) == first


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_every_form_reads_the_same_documents(tmp_path: Path, partitions: int) -> None:
    archive = make_archive(45)
    expected = [(r["id"], r["text"]) for r in archive.rows]
    for source in (
        write_jsonl(archive, tmp_path / "a.jsonl"),
        write_csv(archive, tmp_path / "a.csv"),
        write_parquet(archive, tmp_path / "a.parquet", row_group_size=5),
    ):
        p = plan(str(source), Columns(), partitions=partitions)
        assert len(p.parts) == partitions or source.suffix == ".parquet"
        assert _read_all(source, partitions=partitions) == expected, source.suffix


def test_a_glob_of_tables(tmp_path: Path) -> None:
    archive = make_archive(30)
    first, second = make_archive(10, seed=1), make_archive(20, seed=2)
    first.rows, second.rows = archive.rows[:10], archive.rows[10:]
    write_jsonl(first, tmp_path / "2020.jsonl")
    write_jsonl(second, tmp_path / "2021.jsonl")
    assert [i for i, _ in _read_all(tmp_path / "*.jsonl")] == archive.ids


def test_a_folder_tree(tmp_path: Path) -> None:
    archive = make_archive(12)
    root = write_folder(archive, tmp_path / "site")
    (root / "notes.bin").write_bytes(b"\0\1")  # not a document check reads
    p = plan(str(root), Columns(), partitions=5)
    docs = [d for part in p.parts for d in read_part(part, Columns())]
    assert len(p.parts) == 4  # 12 files, 3 a partition
    assert sorted(d.doc_id for d in docs) == sorted(
        f"{r['section']}/{r['id']}{s}"
        for r, s in zip(archive.rows, [".md", ".txt", ".html"] * 4, strict=True)
    )
    assert {d.section for d in docs} == {"world", "business", "opinion"}
    assert {d.fmt for d in docs} == {"markdown", "plain", "html"}


def test_a_plan_survives_json(tmp_path: Path) -> None:
    p = plan(str(write_csv(make_archive(20), tmp_path / "a.csv")), Columns(), blocksize=300)
    assert Plan.from_json(p.to_json()) == p


def test_bad_rows_are_documents_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        b'{"id": "ok", "text": "Fine."}\n'
        b"not json\n"
        b'{"id": "latin", "text": "caf\xe9"}\n'
        b"[1, 2]\n"
        b'{"id": "none", "body": "no text field"}\n'
        b'{"id": "num", "text": 42}\n'
    )
    p = plan(str(path), Columns())
    docs = list(read_part(p.parts[0], Columns()))
    assert [(d.doc_id, d.error) for d in docs] == [
        ("ok", None),
        (f"{path}:2", "not valid JSON (Expecting value: line 1 column 1 (char 0))"),
        (f"{path}:3", "not valid UTF-8 at byte 28"),
        (f"{path}:4", "not a JSON object"),
        ("none", "no field 'text'"),
        ("num", "text is not a string (int)"),
    ]


def test_undecodable_csv_row_spoils_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"id,text\nx,fine\ny,caf\xe9\nz,also fine\n")
    docs = list(read_part(plan(str(path), Columns()).parts[0], Columns()))
    assert [(d.doc_id, d.text, d.error) for d in docs] == [
        ("x", "fine", None),
        ("y", None, "text not valid UTF-8 at character 3"),
        ("z", "also fine", None),
    ]


def test_column_names_are_options(tmp_path: Path) -> None:
    archive = make_archive(5)
    names = {"id": "uid", "date": "published", "section": "desk", "author": "byline"}
    names |= {"url": "link", "text": "body"}
    path = write_csv(archive, tmp_path / "a.csv", names)
    columns = Columns(text="body", id="uid", date="published", section="desk", author="byline")
    columns = Columns(**{**columns.__dict__, "url": "link"})
    docs = [d for part in plan(str(path), columns).parts for d in read_part(part, columns)]
    assert [(d.doc_id, d.section, d.author, d.url) for d in docs] == [
        (r["id"], r["section"], r["author"], r["url"]) for r in archive.rows
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "a.csv",
            "id,body\n1,x\n",
            "a.csv: no column 'text' (columns: id, body); name it with --text-column",
        ),
        ("a.jsonl", json.dumps({"body": "x"}) + "\n", "no column 'text' (columns: body)"),
        ("a.xlsx", "x", "unknown table format '.xlsx' (expected .jsonl, .csv or .parquet"),
        ("a.csv", "", "a.csv: empty file, or no header row"),
    ],
)
def test_bad_sources_get_one_clear_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        plan(str(path), Columns())
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_sources(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or directory"):
        plan(str(tmp_path / "nope.csv"), Columns())
    with pytest.raises(SourceError, match="no file matches"):
        plan(str(tmp_path / "*.csv"), Columns())
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match="no document to audit"):
        plan(str(tmp_path / "empty"), Columns())


def test_the_format_column_and_the_default_format(tmp_path: Path) -> None:
    from backyard_lint.audit.linting import JobSettings

    fenced = "Notes.\n\n```\nShe moved to Kiev in 2019.\n```\n"
    values = ["markdown", "md", ".HTML", "rst", "", None, "spreadsheet"]
    path = write_jsonl(make_archive(0), tmp_path / "a.jsonl")
    rows = [{"id": str(i), "text": fenced, "format": v} for i, v in enumerate(values)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    part = plan(str(path), Columns()).parts[0]
    as_plain = [d.fmt for d in read_part(part, Columns())]
    assert as_plain == ["markdown", "markdown", "html", "rst", "plain", "plain", "plain"]
    as_md = [d.fmt for d in read_part(part, Columns(), default_format="markdown")]
    assert as_md[4:] == ["markdown"] * 3
    # the format decides what is prose: a fenced block is code in Markdown, text in plain text
    from test_audit_linting import audit_in_process

    docs, _ = audit_in_process(path, JobSettings())
    matches = [d["matches"] for d in docs]
    assert matches[:3] + matches[4:] == [0, 0, 1, 1, 1, 1]  # markdown, md, .HTML; then plain
    assert [d["format"] for d in docs] == as_plain
