"""A long document linted from its file a piece at a time (stream.py) gives the located findings
of the document read whole, and every document it cannot stream is left to be read whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backyard_lint import stream
from backyard_lint.engine import lint_text
from backyard_lint.locating import locate
from backyard_lint.model import Settings
from backyard_lint.readers import Readers, in_process
from conftest import ruleset_for
from test_pieces import PARAGRAPHS, _random_markdown, markdown_document

SHOW = Settings(show_mentions=True)
# The paragraphs of test_pieces.py without directive comments (a document with one is read
# whole), and with characters of two and four bytes in UTF-8.
STREAMED = [p for p in PARAGRAPHS if "backyard-lint" not in p] + [
    "Café owners in Tbilisi — not «Russia’s backyard» — spoke of 🦀 and crabs.",
    "The flight to Kiev leaves at noon.",
]


def _document(repeats: int) -> str:
    return markdown_document(repeats, STREAMED)


def _whole(text: str, fmt: str = "markdown") -> list[Any]:
    return locate(text, lint_text(text, ruleset_for(), fmt=fmt, settings=SHOW))


def _streamed(path: Path, fmt: str = "markdown", size: int = 2000, mapper: Any = in_process) -> Any:
    return stream.lint_file(str(path), fmt, SHOW, ruleset_for(), mapper, size=size, least=0)


@pytest.mark.parametrize("size", [400, 2000, 9000])
def test_a_streamed_document_gives_the_findings_read_whole(tmp_path: Path, size: int) -> None:
    text = _document(30)
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    whole = _whole(text)
    assert len(whole) > 100 and max(loc.line for loc in whole) > 300
    assert any(loc.fix is not None for loc in whole)  # a fix's lines are moved too
    assert _streamed(path, size=size) == whole


@pytest.mark.parametrize("block", [7, 1000])
def test_blocks_may_end_inside_a_character_or_a_line_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """The file is read a block at a time: a block may end inside a character of several bytes
    or between the CR and LF of one line break."""
    monkeypatch.setattr(stream, "BLOCK", block)
    text = _document(8).replace("\n", "\r\n")
    path = tmp_path / "crlf.md"
    path.write_bytes(text.encode("utf-8"))
    found = _streamed(path, size=1500)
    assert found is not None and found == _whole(text)


@pytest.mark.parametrize("block", [11, 13, 23])
def test_a_block_may_end_between_cr_and_lf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """Short CR LF paragraphs and small blocks: at these block sizes some window would end
    between a CR and its LF, which must not read as a lone carriage return (such a text is not
    cut)."""
    monkeypatch.setattr(stream, "BLOCK", block)
    monkeypatch.setattr(stream, "SLACK", 0)  # (windows of about 11,000 characters)
    para = "Plain words here, and more.\r\n\r\n"
    text = (para * 49 + "The flight to Kiev leaves.\r\n\r\n") * 60
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    found = _streamed(path, "plain", 300)
    assert found is not None and found == _whole(text, "plain") != []


def test_plain_text_streamed_gives_the_findings_read_whole(tmp_path: Path) -> None:
    text = "\n\n".join(p.replace("```", "'''") for p in STREAMED * 20) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert _streamed(path, "plain", 1000) == _whole(text, "plain") != []


@pytest.mark.parametrize("seed", range(8))
def test_random_markdown_streamed_gives_the_findings_read_whole(tmp_path: Path, seed: int) -> None:
    text = _random_markdown(seed, 400)
    text = text.replace("backyard-lint: ", "notes: ")  # no directive: such a text is read whole
    path = tmp_path / "random.md"
    path.write_bytes(text.encode("utf-8"))
    whole = _whole(text)
    for size in (300, 2000):
        assert _streamed(path, size=size) == whole, (seed, size)


def test_worker_processes_lint_the_pieces(tmp_path: Path) -> None:
    text = _document(20)
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    with Readers(2) as readers:
        assert _streamed(path, size=3000, mapper=readers) == _whole(text)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom", "\ufeff" + "Russia's backyard.\n\n" * 500),
        ("nul", "Russia's backyard.\n\n" * 500 + "\0"),
        ("lone-cr", "Russia's backyard.\r\rmore\n\n" * 500),
        ("directive", "Russia's backyard.\n\n" * 500 + "<!-- backyard-lint: disable -->\n"),
        ("hidden", "Russia's back\u00adyard.\n\n" * 500),
        ("look-alike", "Russi\u0430's backyard.\n\n" * 500),
        ("short", "Russia's backyard.\n"),
    ],
)
def test_what_only_the_whole_text_can_handle_is_left_to_it(
    tmp_path: Path, name: str, data: str
) -> None:
    path = tmp_path / f"{name}.md"
    path.write_text(data, encoding="utf-8")
    assert _streamed(path, size=1000) is None
    path.write_bytes(b"Russia's backyard.\n\n" * 500 + b"\xff")  # not UTF-8
    assert _streamed(path, size=1000) is None


def test_a_fence_left_open_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "MAX_WINDOW", 50_000)
    path = tmp_path / "open.md"
    path.write_text("Text.\n\n```\n" + "Russia's backyard\n\n" * 10_000, encoding="utf-8")
    assert _streamed(path, size=1000) is None
    path.write_text("Russia's backyard.\n\n" * 10_000, encoding="utf-8")  # (cut as it goes)
    assert _streamed(path, size=1000) is not None


def test_a_file_changed_between_the_passes_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.md"
    path.write_text(_document(10), encoding="utf-8")
    real = stream.plan

    def plan_then_change(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        path.write_text(_document(11), encoding="utf-8")
        return found

    monkeypatch.setattr(stream, "plan", plan_then_change)
    assert _streamed(path, size=1000) is None


def test_the_command_streams_a_long_document(tmp_path: Path) -> None:
    """Past STREAM_BYTES, the command's report is the one it makes reading the text whole
    (``--encoding utf-8`` reads every file whole)."""
    filler = "Plain words about rivers and hills, and nothing else, fill this line.\n\n"
    labels = "\n\n".join(STREAMED) + "\n\n"
    chunk = filler * 2000 + labels
    text = chunk * (stream.STREAM_BYTES // len(chunk.encode("utf-8")) + 2)
    path = tmp_path / "huge.md"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > stream.STREAM_BYTES

    def run(*extra: str) -> list[Any]:
        cmd = [sys.executable, "-m", "backyard_lint", "check", "--format", "json", *extra]
        done = subprocess.run([*cmd, str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 1, done.stderr
        found: list[Any] = json.loads(done.stdout)["files"][0]["findings"]
        return found

    streamed = run()
    assert len(streamed) > 100 and max(f["line"] for f in streamed) > 200_000
    assert streamed == run("--encoding", "utf-8")
    with Readers(1) as readers:  # what the command does with it: stream it
        assert stream.lint_file(str(path), "markdown", Settings(), ruleset_for(), readers)


def test_worker_processes_of_a_tree_stream_its_long_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a run over many files, each worker streams a long document itself (forked workers
    inherit the smaller limits set here)."""
    from backyard_lint import parallel
    from backyard_lint.project import Project
    from backyard_lint.runner import RunOptions

    monkeypatch.setattr(stream, "STREAM_BYTES", 20_000)
    monkeypatch.setattr(stream, "PIECE", 3000)
    monkeypatch.setattr(parallel, "IN_PROCESS_BYTES", 0)
    marker = tmp_path / "planned"
    real = stream.plan

    def plan_and_mark(*args: Any, **kwargs: Any) -> Any:
        marker.write_text("yes", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(stream, "plan", plan_and_mark)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "long.md").write_text(_document(30), encoding="utf-8")
    for i in range(8):
        (docs / f"short{i}.md").write_text(STREAMED[i], encoding="utf-8")
    files = [(str(p), False) for p in sorted(docs.iterdir())]
    streamed = list(parallel.run_files(files, RunOptions(show_mentions=True), Project(), 2))
    assert marker.exists()
    whole = list(
        parallel.run_files(files, RunOptions(show_mentions=True, encoding="utf-8"), Project(), 2)
    )
    assert streamed == whole and len(streamed[0].findings) > 50
