"""A ``--fix`` run stopped by SIGTERM (or its parent killed outright) leaves no worker writing or
running, and says which files it fixed; a run whose workers cannot be started lints in one
process instead of hanging."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DEMO_RULES = Path(__file__).parent / "data" / "extra-rules"
LINE = "We flew to Bombay and back.\n"  # demo.old-city: a safe fix to "Mumbai"
FILES = 40
LINES = 6000  # 40 files of 170 KB: enough for worker processes and a run of some seconds


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(DEMO_RULES, tmp_path / "house-rules")
    (tmp_path / ".backyard-lint.yaml").write_text("extra-rules: [house-rules]\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(FILES):
        (docs / f"f{i:02}.txt").write_text(LINE * LINES, encoding="utf-8")
    return tmp_path


def fixed_files(tree: Path) -> set[str]:
    return {
        f"docs/{p.name}"
        for p in (tree / "docs").glob("f*.txt")
        if "Mumbai" in p.read_text(encoding="utf-8")
    }


def group_gone(pgid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def start(tree: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "backyard_lint", "check", "--fix", "-j", "2", "-f", "concise",
         "docs"],
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the test sees every worker
    )


def wait_for_a_fix(tree: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while not fixed_files(tree):
        assert proc.poll() is None, "the run ended before the test could stop it"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_sigterm_stops_every_worker_and_reports_the_fixed_files(tree: Path) -> None:
    proc = start(tree)
    try:
        wait_for_a_fix(tree, proc)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert group_gone(proc.pid, 10), "a worker is still running"
    last = err.decode().splitlines()[-1]
    found = re.fullmatch(
        r"backyard-lint: interrupted: fixes written to (.*); (\d+) files? not linted", last
    )
    assert found, last
    reported = set(found.group(1).split(", "))
    snapshot = {p.name: p.stat().st_mtime_ns for p in (tree / "docs").iterdir()}
    time.sleep(1.0)  # nothing goes on writing after the run ended
    assert {p.name: p.stat().st_mtime_ns for p in (tree / "docs").iterdir()} == snapshot
    assert fixed_files(tree) == reported
    assert int(found.group(2)) > 0 and len(reported) < FILES
    assert not list(tree.rglob("*.tmp"))


def test_workers_end_when_their_parent_is_killed(tree: Path) -> None:
    proc = start(tree)
    try:
        wait_for_a_fix(tree, proc)
        proc.kill()  # SIGKILL: the parent cannot tell the workers anything
        proc.communicate(timeout=60)
        assert group_gone(proc.pid, 30), "a worker went on after its parent died"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert not list(tree.rglob("*.tmp"))


def test_no_worker_can_be_started_then_one_process_lints_everything(
    tree: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # as under a process limit

    clean = "Nothing to see in this line of the document.\n" * 4000  # 180 KB
    for i in range(FILES):  # 25 files of 180 KB, one finding each: worth workers
        path = tree / "docs" / f"f{i:02}.txt"
        if i < 25:
            path.write_text(LINE + clean, encoding="utf-8")
        else:
            path.unlink()
    monkeypatch.setattr(os, "fork", refuse)
    result = cli("check", "-j", "2", "-f", "concise", "docs", cwd=tree)
    assert result.code == 0  # suggestions only
    assert result.err.splitlines() == [
        "backyard-lint: could not start worker processes (Resource temporarily unavailable); "
        "linting in one process"
    ]
    assert len(result.out.splitlines()) == 25
