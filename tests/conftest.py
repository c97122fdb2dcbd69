"""Shared fixtures: the built-in rule set, an in-process CLI runner, and paths."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from backyard_lint.cli import main
from backyard_lint.engine import RuleSet
from backyard_lint.project import Project

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


# The tests' one project: the built-in rules are loaded once for the session (a test that
# needs fresh files makes its own Project).
PROJECT = Project()


def ruleset_for(extra: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in rules plus ``extra`` rule folders."""
    return PROJECT.ruleset(extra)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return ruleset_for()


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run the CLI in process: ``cli("check", "file.md", cwd=tmp_path)``."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(int(code), captured.out, captured.err)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented file below tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


def shared(*parts: str) -> Path:
    """A path in ../shared (the corpora and sources beside the checkout). When it is missing,
    the test is skipped with one line saying so (pytest groups the identical reasons), except
    in CI (``CI`` set), where the corpora must be present and their absence fails the test."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: this test reads ../shared beside the checkout"
        if os.environ.get("CI"):
            pytest.fail(message + " (required when CI is set)")
        pytest.skip(message.replace(str(path), "../shared/" + "/".join(parts)))
    return path
