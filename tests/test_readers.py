"""A long document's matches read in chunks, here or in worker processes, give the same
findings as reading them in order in one process (readings/batch.py, readers.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backyard_lint.engine import lint_text
from backyard_lint.model import Settings
from backyard_lint.project import Project
from backyard_lint.readers import Readers
from backyard_lint.readings import batch

sys.path.insert(0, str(Path(__file__).parent / "readings"))
from test_signals import CASES

SHOW = Settings(show_mentions=True)


def sentences() -> list[str]:
    return [marked.replace("⟦", "").replace("⟧", "") for _signal, _reading, marked in CASES]


def document(repeats: int) -> str:
    """Paragraphs of the test sentences, in a different order and grouping each time, with a
    heading, a block quote, a list and a long quotation now and then, so chunk edges fall in
    many contexts."""
    lines = sentences()
    parts: list[str] = []
    for r in range(repeats):
        turned = lines[r % len(lines) :] + lines[: r % len(lines)]
        size = 2 + r % 4
        for i in range(0, len(turned), size):
            group = turned[i : i + size]
            if i % 7 == 0:
                parts.append(f"## Part {r}.{i}")
            if i % 5 == 0:  # a long quotation: its opening mark far before the later labels
                parts.append("“" + " ".join(turned[i : i + 12]) + "”")
            elif i % 11 == 0:
                parts.append("> " + " ".join(group))
            elif i % 13 == 0:
                parts.append("\n".join(f"- {s}" for s in group))
            else:
                parts.append(" ".join(group))
    return "\n\n".join(parts) + "\n"


def in_order(fn: Any, items: list[Any], shared: Any = None) -> list[Any]:
    return [fn(shared, item) for item in items]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few matches: many chunk edges in a short document."""
    monkeypatch.setattr(batch, "CHUNK", 7)
    monkeypatch.setattr(batch, "MIN_MATCHES", 14)


def test_chunks_read_here_give_the_readings_of_one_pass(small_chunks: None) -> None:
    ruleset = Project().ruleset()
    text = document(3)
    one = lint_text(text, ruleset, fmt="markdown", settings=SHOW)
    assert len(one) > 100 and {f.context.value for f in one} > {"use", "mention"}
    chunked = lint_text(text, ruleset, fmt="markdown", settings=SHOW, mapper=in_order)
    assert chunked == one


def test_a_chunk_at_the_start_and_the_end_of_the_text(small_chunks: None) -> None:
    ruleset = Project().ruleset()
    text = "Russia's backyard. " + document(1) + "The Stans"
    one = lint_text(text, ruleset, fmt="plain", settings=SHOW)
    assert one[0].start == 0 and one[-1].end == len(text)
    assert lint_text(text, ruleset, fmt="plain", settings=SHOW, mapper=in_order) == one


def test_worker_processes_give_the_same_findings(small_chunks: None) -> None:
    ruleset = Project().ruleset()
    text = document(2)
    one = lint_text(text, ruleset, fmt="markdown", settings=SHOW)
    with Readers(2) as readers:
        found = lint_text(text, ruleset, fmt="markdown", settings=SHOW, mapper=readers)
        assert readers.started
    assert found == one


def test_few_matches_never_start_a_process() -> None:
    ruleset = Project().ruleset()
    with Readers(2) as readers:
        lint_text(document(1), ruleset, fmt="markdown", mapper=readers)
        assert not readers.started


def _dies_in_a_worker(_shared: object, item: tuple[int, int]) -> int:
    parent, value = item
    if os.getpid() != parent:
        os._exit(1)
    return value * 2


def test_a_worker_that_dies_leaves_the_reading_to_this_process(
    capsys: pytest.CaptureFixture[str],
) -> None:
    items = [(os.getpid(), n) for n in range(6)]
    with Readers(2) as readers:
        assert list(readers(_dies_in_a_worker, items)) == [0, 2, 4, 6, 8, 10]
        assert list(readers(_dies_in_a_worker, items)) == [0, 2, 4, 6, 8, 10]  # no pool again
    assert "worker processes failed" in capsys.readouterr().err


def test_no_process_can_start(
    small_chunks: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import concurrent.futures

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    ruleset = Project().ruleset()
    text = document(1)
    with Readers(2) as readers:
        found = lint_text(text, ruleset, fmt="markdown", settings=SHOW, mapper=readers)
    assert found == lint_text(text, ruleset, fmt="markdown", settings=SHOW)
    assert "Resource temporarily unavailable" in capsys.readouterr().err


def test_the_command_on_a_long_document_gives_the_same_output_on_any_number_of_cores(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.md"
    repeats = 1 + batch.MIN_MATCHES // 100
    path.write_text(document(repeats), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "backyard_lint", "check", "--show-mentions", "--jobs", jobs,
             "--format", "concise", str(path)],
            capture_output=True, text=True, check=False,
        )
        assert done.returncode == 1, done.stderr
        assert done.stderr == ""
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") > batch.MIN_MATCHES
