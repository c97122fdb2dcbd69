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


def test_readme_opens_with_what_the_tool_does_and_ci_runs_the_test_command() -> None:
    """The first screen says what the tool does and shows its output before any contributor
    command; installing works from the repository; CI runs the README's test command."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:50])
    assert "editorial linter" in first_screen
    output = first_screen.index("```text\n$ backyard-lint check samples/sample.md")
    assert first_screen.index("editorial linter") < output
    # The two opening commands: install and lint the sample first, the test suite after the
    # sample's output (a contributor command never comes before what the tool does).
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert first_screen.index(blocks[0]) < output < first_screen.index("```sh\nbash .ci/run")
    assert "samples/sample.md" in blocks[0] and blocks[1].strip() == "bash .ci/run"
    assert "not on PyPI" in readme and "pip install ." in blocks[0]
    assert "bash .ci/run" in [b.strip() for b in blocks]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    dev = next(b for b in blocks if "pytest" in b).strip()
    assert dev in ci, "the README's test command and .ci/run differ"
