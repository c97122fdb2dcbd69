"""The project's own hygiene: ruff and mypy are clean, and the README and CI agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert "backyard-lint check samples/sample.md" in blocks[0]
    assert blocks[1].strip() == "bash .ci/run"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    dev = next(b for b in blocks if "pytest" in b).strip()
    assert dev in ci, "the README's test command and .ci/run differ"
