"""Parallel linting changes nothing: the same findings, errors and order with any --jobs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from backyard_lint import parallel
from backyard_lint.project import Project
from backyard_lint.runner import RunOptions

FILLER = (
    "The committee met on a Tuesday to talk about gardens, rivers and the new train timetable. "
    "Everyone agreed that the minutes should be shorter next time.\n"
)

# (relative path, text); labels in their own voice, quoted, in code, and suppressed.
DOCS = {
    "a/use.md": "# Notes\n\nInvestors keep flocking to Russia's backyard for uranium.\n",
    "a/quoted.md": "Critics reject the label \"Russia's backyard\" as colonial.\n",
    "a/code.md": "Some code:\n\n```\nRussia's backyard\n```\n",
    "b/report.rst": "Report\n======\n\nWashington treated Central America as America's backyard.\n",
    "b/literal.rst": "Example::\n\n    Russia's backyard\n\nNothing else here.\n",
    "c/page.html": "<p>Beijing is busy in China's backyard, from Laos to Cambodia.</p>\n",
    "c/plain.txt": "Canberra calls the Pacific islands Australia's backyard.\n",
    "d/suppressed.md": (
        "<!-- backyard-lint: disable-next-line backyard.russia -- quoting a source -->\n"
        "Investors keep flocking to Russia's backyard for uranium.\n"
    ),
    "d/unknown-directive.md": "<!-- backyard-lint: disable no.such-rule -->\nCalm text.\n",
    "d/yard.md": "Our back yard in Leeds gets the evening sun.\n",
}


def make_tree(root: Path, filler_files: int = 40, filler_lines: int = 20) -> list[Path]:
    """A small tree: labelled documents, clean filler, and two files that cannot be read."""
    for rel, text in DOCS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for i in range(filler_files):
        path = root / f"filler/{i % 5}/doc-{i:03d}.{'md' if i % 2 else 'rst'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = FILLER * filler_lines
        if i % 7 == 3:
            body += "\nInvestors keep flocking to Russia's backyard for uranium.\n"
        path.write_text(body, encoding="utf-8")
    (root / "e").mkdir()
    (root / "e" / "latin1.md").write_bytes("Caf\xe9 au lait in the back yard.\n".encode("latin-1"))
    (root / "e" / "binary.txt").write_bytes(b"\x00\x01\x02 Russia's backyard")
    return sorted(root.rglob("*"))


def _cli(args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "backyard_lint", *args],
        capture_output=True, text=True, cwd=cwd, env=env, check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_small_tree_gives_identical_json_with_one_two_and_default_jobs(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    make_tree(tree, filler_files=60, filler_lines=600)  # about 6 MB: above the in-process limit
    assert sum(p.stat().st_size for p in tree.rglob("*") if p.is_file()) > parallel.IN_PROCESS_BYTES
    runs = {
        jobs: _cli(["check", "--format", "json", *jobs.split(), "tree"], tmp_path)
        for jobs in ("--jobs 1", "--jobs 2", "")
    }
    serial = runs["--jobs 1"]
    assert serial[0] == 2, serial  # two unreadable files: exit 2, the rest still reported
    data = json.loads(serial[1])
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(paths)  # the walk's order, which the workers must keep
    assert {e["path"] for e in data["errors"]} == {"tree/e/latin1.md", "tree/e/binary.txt"}
    flagged = {f["path"] for f in data["files"] if f["findings"]}
    assert "tree/a/use.md" in flagged and "tree/a/code.md" not in flagged
    assert any("filler" in p for p in flagged)
    for jobs, result in runs.items():
        assert result == serial, f"{jobs or 'default jobs'} differs from --jobs 1"


@pytest.mark.parametrize("jobs", [2, 3])
@pytest.mark.parametrize("show_mentions", [False, True])
def test_workers_give_the_same_reports_as_one_process(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
    show_mentions: bool,
) -> None:
    """In process, with the size limit lifted, so that a small tree goes to the workers."""
    make_tree(tmp_path, filler_files=30, filler_lines=3)
    monkeypatch.chdir(tmp_path)
    from backyard_lint.inputs import walk

    files = list(walk([Path()]))
    opts = RunOptions(show_mentions=show_mentions)
    serial = list(parallel.run_files(files, opts, Project(), 1))
    used: list[int] = []
    real = parallel._in_workers

    def spy(*args: object) -> object:
        used.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(parallel, "_in_workers", spy)
    parallel_reports = list(parallel.run_files(files, opts, Project(), jobs))
    assert used, "the files were not sent to worker processes"
    assert parallel_reports == serial
    assert [r.path for r in serial] == [str(p) for p, _ in files]
    assert any(r.error for r in serial) and any(r.findings for r in serial)


def test_small_inputs_and_stdin_stay_in_process(tmp_path: Path) -> None:
    files = [(p, False) for p in make_tree(tmp_path, filler_files=3) if p.is_file()]
    assert parallel.in_process(files[:5])  # too few files
    assert parallel.in_process(files)  # too few bytes
    assert parallel.in_process([("-", True)] * 20)  # standard input


def test_chunks_are_bounded() -> None:
    assert parallel.chunk_size(1, 2) == 1
    assert parallel.chunk_size(100, 2) == 6
    assert parallel.chunk_size(100_000, 2) == parallel.MAX_CHUNK


def test_a_rule_error_in_a_worker_is_reported_like_in_one_process(
    tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    """A broken extra-rules folder: exit 2 with the same one-line message, any --jobs."""
    make_tree(tmp_path / "tree", filler_files=60, filler_lines=600)
    write("tree/.backyard-lint.yaml", "extra-rules: [my-rules]\n")
    write("tree/my-rules/demo/broken.yaml", "id: demo.broken\nseverity: loud\n")
    outcomes = {jobs: _cli(["check", "--jobs", jobs, "tree"], tmp_path) for jobs in ("1", "2")}
    code, _out, err = outcomes["1"]
    assert code == 2 and "broken.yaml" in err and "Traceback" not in err
    assert outcomes["2"] == outcomes["1"]


@pytest.mark.parametrize("show_mentions", [False, True])
def test_the_shortcut_for_clean_files_gives_lint_paths_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, show_mentions: bool
) -> None:
    """Every kind of file: the shortcut's report equals lint_path's, and it is taken only for
    clean plain-text files without configuration."""
    from backyard_lint.runner import lint_path

    make_tree(tmp_path, filler_files=10, filler_lines=2)
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / ".backyard-lint.yaml").write_text("ignore: [backyard]\n", encoding="utf-8")
    (tmp_path / "cfg" / "use.md").write_text(DOCS["a/use.md"], encoding="utf-8")
    (tmp_path / "cfg" / "clean.md").write_text(FILLER, encoding="utf-8")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "bom.md").write_text("\ufeff" + FILLER, encoding="utf-8")
    utf8 = "Caf\u00e9 au lait, na\u00efve \u2014 fine.\n"
    (tmp_path / "utf8.md").write_text(utf8, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    paths = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    paths += [Path("missing.md"), Path("a")]  # an error, and a folder named as a file
    opts = RunOptions(show_mentions=show_mentions)
    project = Project()
    linter = parallel._Linter(opts, project)
    taken = []
    real = lint_path

    def spy(
        path: Path, opts: RunOptions, project: Project, *, explicit: bool = True, mapper: None
    ) -> object:
        taken.append(str(path))
        return real(path, opts, project, explicit=explicit, mapper=mapper)

    monkeypatch.setattr(parallel, "lint_path", spy)
    for path in paths:
        assert linter.lint(str(path), True) == lint_path(path, opts, project, explicit=True), path
    shortcut = {str(p) for p in paths} - set(taken)
    assert "empty.md" in shortcut and "utf8.md" in shortcut and "cfg/clean.md" not in shortcut
    assert not shortcut & {"a/use.md", "bom.md", "e/latin1.md", "e/binary.txt", "missing.md", "a"}
    assert not shortcut & {"d/unknown-directive.md", "d/suppressed.md"}
    # a file larger than the shortcut reads goes to lint_path, with the same report
    monkeypatch.setattr(parallel, "SHORTCUT_BYTES", 10)
    taken.clear()
    assert linter.lint("utf8.md", True) == lint_path(Path("utf8.md"), opts, project)
    assert taken == ["utf8.md"]


def test_workers_leave_ctrl_c_to_the_parent() -> None:
    """The parent stops the workers on Ctrl-C and prints one line; a worker prints nothing."""
    import signal

    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        parallel._init_worker(RunOptions(), Project(), [], None, os.getppid())
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before[0])
        signal.signal(signal.SIGTERM, before[1])


_REAL_LINT_RANGE = parallel._lint_range
_DIE_AT: list[int] = []


def _dies_at_one_range(task: tuple[int, int]) -> list[object]:
    """A worker's task that kills its process on one range (pickled by name, so module-level)."""
    if task[0] in _DIE_AT:
        os._exit(9)  # as if killed: no report, no exception
    return _REAL_LINT_RANGE(task)  # type: ignore[return-value]


def test_a_dead_worker_does_not_hang_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed mid-run (out of memory, a signal): the rest is linted in this process,
    with the same reports, instead of waiting for the worker forever."""
    make_tree(tmp_path, filler_files=40, filler_lines=3)
    monkeypatch.chdir(tmp_path)
    from backyard_lint.inputs import walk

    files = list(walk([Path()]))
    opts = RunOptions()
    serial = list(parallel.run_files(files, opts, Project(), 1))
    monkeypatch.setattr(parallel, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(parallel, "_lint_range", _dies_at_one_range)
    monkeypatch.setattr(sys.modules[__name__], "_DIE_AT", [2 * parallel.chunk_size(len(files), 2)])
    assert list(parallel.run_files(files, opts, Project(), 2)) == serial
