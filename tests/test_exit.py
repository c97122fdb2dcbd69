"""A ``check`` leaves without the interpreter's teardown (``entry.run``): its output must still be
written whole, its exit code kept, and a reader that goes away must not cause a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Block-buffered output, as in an ordinary shell (the test environment may set it unbuffered).
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
LABELS = "Investors flock to Russia's backyard, and the Stans trade with China.\n\n"


def test_a_long_output_through_a_pipe_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "many.md"
    path.write_text(LABELS * 3000, encoding="utf-8")  # 6,000 findings, about 2 MB of JSON
    done = subprocess.run(
        [sys.executable, "-m", "backyard_lint", "check", "--format", "json", str(path)],
        capture_output=True, check=False, env=BUFFERED,
    )
    assert done.returncode == 1, done.stderr
    [report] = json.loads(done.stdout)["files"]
    assert len(report["findings"]) == 6000
    assert done.stderr == b""


def test_a_short_output_through_a_pipe_is_written(tmp_path: Path) -> None:
    """A short output is still in the stream's buffer when the check returns."""
    path = tmp_path / "one.md"
    path.write_text(LABELS, encoding="utf-8")
    for fmt in ("json", "concise"):
        done = subprocess.run(
            [sys.executable, "-m", "backyard_lint", "check", "--format", fmt, str(path)],
            capture_output=True, check=False, env=BUFFERED,
        )
        assert done.returncode == 1, done.stderr
        if fmt == "json":
            assert len(json.loads(done.stdout)["files"][0]["findings"]) == 2
        else:
            assert done.stdout.count(b"warning") == 2


def test_a_reader_that_goes_away_causes_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "many.md"
    path.write_text(LABELS * 3000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "backyard_lint", "check", "--format", "concise", str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=BUFFERED,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read()
    proc.stderr.close()
    code = proc.wait(timeout=60)
    assert b"warning" in first
    assert b"Traceback" not in err and b"Exception ignored" not in err, err
    assert code in (0, 1)


def test_other_commands_exit_normally(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backyard_lint", "rules"], capture_output=True, check=False,
        env=BUFFERED,
    )
    assert done.returncode == 0 and b"backyard.russia" in done.stdout


def test_a_profiled_check_still_writes_its_profile(tmp_path: Path) -> None:
    """Under a profiler the check exits normally, so the profile is written."""
    path = tmp_path / "one.md"
    path.write_text(LABELS, encoding="utf-8")
    out = tmp_path / "check.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "backyard_lint", "check",
         str(path)],
        capture_output=True, check=False, env=BUFFERED,
    )
    assert b"Found 2 problems" in done.stdout, done.stderr  # (cProfile exits 0 whatever the code)
    assert out.stat().st_size > 0
