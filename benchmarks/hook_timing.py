"""How long the pre-commit hook takes, next to ``backyard-lint check`` alone on the same files.

Usage (from the repository root)::

    python benchmarks/hook_timing.py [--corpus DIR] [--repeat 5]

What it does, all in temporary folders that are deleted afterwards:

1. copies this checkout's working tree (tracked plus untracked, not-ignored files) into a
   one-commit repository, the hook repository;
2. copies ``<corpus>/rust-book`` (default ``../shared/corpus``) into a throwaway "docs" repository
   whose ``.pre-commit-config.yaml`` uses the hook from (1), and commits it;
3. builds the hook environment once with ``pre-commit install-hooks`` (from PyPI; reported, not
   part of the other figures), so every measured run has a warm environment;
4. measures wall time of
   - ``pre-commit run`` with one staged file (what ``git commit`` runs for a one-file commit),
   - ``pre-commit run --all-files`` over the whole book,
   - the same with ``args: [--jobs, "1"]`` (pre-commit already splits the files into one batch per
     CPU; this row shows whether our own process pool on top of that helps or hurts),
   - and ``backyard-lint check`` alone, run from the hook environment, on exactly the files
     pre-commit passes (the same identify tags as ``.pre-commit-hooks.yaml``).

Each figure is the median (and the minimum) of ``--repeat`` runs. The corpus is read at run time
and never copied into the project. Exit status: 0 when every run gives the expected exit code
(the book lints clean, so 0), 1 when one does not, 2 when the corpus is missing or git,
pre-commit or the hook environment cannot be set up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
HOOK_ID = "backyard-lint"
EDITED_FILE = "ch01-00-getting-started.md"  # the one file of the one-file commit


class SetupError(Exception):
    """Something the benchmark needs is missing; ``str()`` is one line."""


@dataclass
class Row:
    label: str
    files: int
    times: list[float]
    codes: list[int]
    expected: int

    @property
    def ok(self) -> bool:
        return all(code == self.expected for code in self.codes)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("SKIP", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with bytecode caching, as users run it
    env.update(
        GIT_AUTHOR_NAME="hook benchmark",
        GIT_AUTHOR_EMAIL="bench@backyard-lint.invalid",
        GIT_COMMITTER_NAME="hook benchmark",
        GIT_COMMITTER_EMAIL="bench@backyard-lint.invalid",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def _run(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(cmd), cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _must(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> str:
    done = _run(cmd, cwd, env)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
        raise SetupError(f"{' '.join(cmd)} failed in {cwd}: " + " | ".join(tail))
    return done.stdout.strip()


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return _must(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                 cwd, env)


def make_hook_repo(dest: Path, env: dict[str, str]) -> str:
    """Copy the checkout's working tree into ``dest`` as a one-commit repository; its commit."""
    listing = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listing.split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    _git(dest, env, "init", "-q")
    _git(dest, env, "add", "-A")
    _git(dest, env, "commit", "-q", "-m", "snapshot")
    return _git(dest, env, "rev-parse", "HEAD")


def write_config(docs: Path, hook_repo: Path, rev: str, args: Sequence[str] = ()) -> None:
    hook: dict[str, object] = {"id": HOOK_ID}
    if args:
        hook["args"] = list(args)
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [hook]}]}
    (docs / ".pre-commit-config.yaml").write_text(json.dumps(config, indent=2) + "\n")


def hook_files(docs: Path, env: dict[str, str]) -> list[str]:
    """The files pre-commit hands the hook: tracked files with one of the manifest's tags."""
    import yaml
    from identify.identify import tags_from_path

    [manifest] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    wanted = set(manifest["types_or"])
    names = _git(docs, env, "ls-files", "-z").split("\0")
    return [n for n in names if n and tags_from_path(str(docs / n)) & wanted]


def hook_executable(home: Path) -> Path:
    found = sorted(home.glob("repo*/py_env-*/bin/backyard-lint"))
    if len(found) != 1:
        raise SetupError(f"expected one hook environment under {home}, found {len(found)}")
    return found[0]


@dataclass
class Case:
    label: str
    cmd: list[str]
    files: int


def measure(cases: Sequence[Case], cwd: Path, env: dict[str, str], repeat: int) -> list[Row]:
    """Run every case ``repeat`` times, round robin, so that the machine's noise hits all alike."""
    rows = [Row(c.label, c.files, [], [], expected=0) for c in cases]
    for case in cases:
        _run(case.cmd, cwd, env)  # one unmeasured run each: warm the file cache and bytecode
    for _ in range(repeat):
        for case, row in zip(cases, rows, strict=True):
            start = time.perf_counter()
            done = _run(case.cmd, cwd, env)
            row.times.append(time.perf_counter() - start)
            row.codes.append(done.returncode)
    return rows


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| run | files | median s | min s | exit |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        codes = ",".join(sorted({str(c) for c in r.codes}))
        mark = "" if r.ok else f" (expected {r.expected})"
        lines.append(
            f"| {r.label} | {r.files} | {statistics.median(r.times):.3f} | {min(r.times):.3f} "
            f"| {codes}{mark} |"
        )
    return "\n".join(lines)


def benchmark(book: Path, repeat: int, tmp: Path) -> tuple[list[Row], float]:
    home, hook_repo, docs = tmp / "pre-commit-home", tmp / "hook-repo", tmp / "docs"
    for folder in (home, hook_repo, docs):
        folder.mkdir()
    env = _env(home)
    rev = make_hook_repo(hook_repo, env)

    shutil.copytree(book, docs, dirs_exist_ok=True)
    _git(docs, env, "init", "-q")
    write_config(docs, hook_repo, rev)
    _git(docs, env, "add", "-A")
    _git(docs, env, "commit", "-q", "-m", "the book")

    pre_commit = [sys.executable, "-m", "pre_commit"]
    start = time.perf_counter()
    _must([*pre_commit, "install-hooks"], docs, env)
    install_s = time.perf_counter() - start
    exe = str(hook_executable(home))
    files = hook_files(docs, env)
    if EDITED_FILE not in files:
        raise SetupError(f"{book} has no {EDITED_FILE}")

    # A one-file commit: one clean edit, staged.
    edited = docs / EDITED_FILE
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nOne more plain sentence for the benchmark.\n",
        encoding="utf-8",
    )
    _git(docs, env, "add", "--", EDITED_FILE)

    # The same hook with `args: [--jobs, "1"]`, in a second config file beside the first.
    serial = docs / "jobs1.pre-commit-config.yaml"
    write_config(docs, hook_repo, rev, ["--jobs", "1"])
    (docs / ".pre-commit-config.yaml").rename(serial)
    write_config(docs, hook_repo, rev)

    run_hook = [*pre_commit, "run", HOOK_ID]
    n = len(files)
    cases = [
        Case("`pre-commit run` (1 staged file)", run_hook, 1),
        Case("`backyard-lint check` (same file)", [exe, "check", EDITED_FILE], 1),
        Case("`pre-commit run --all-files`", [*run_hook, "--all-files"], n),
        Case("`backyard-lint check` (same files)", [exe, "check", *files], n),
        Case("`pre-commit run --all-files`, args `--jobs 1`",
             [*run_hook, "--all-files", "--config", serial.name], n),
        Case("`backyard-lint check --jobs 1` (same files)", [exe, "check", "--jobs", "1", *files],
             n),
    ]
    rows = measure(cases, docs, env, repeat)
    return rows, install_s


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder holding rust-book/ (default: {DEFAULT_CORPUS})")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs per row")
    args = parser.parse_args(argv)
    book = args.corpus / "rust-book"
    if not book.is_dir():
        print(f"hook_timing: corpus not found: {book} (pass --corpus DIR)", file=sys.stderr)
        return 2
    if shutil.which("git") is None:
        print("hook_timing: git is not installed", file=sys.stderr)
        return 2
    if args.repeat < 1:
        print("hook_timing: --repeat must be at least 1", file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory(prefix="hook-timing-") as tmp:
            rows, install_s = benchmark(book, args.repeat, Path(tmp))
    except SetupError as exc:
        print(f"hook_timing: {exc}", file=sys.stderr)
        return 2
    from importlib.metadata import version

    print(
        f"pre-commit {version('pre-commit')}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; {args.repeat} runs per row; wall time including start-up"
    )
    print(f"hook environment built once in {install_s:.1f} s (not included below)\n")
    print(table(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
