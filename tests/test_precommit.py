"""The pre-commit hook, end to end, with the real pre-commit.

Each test builds a throwaway "docs" git repository whose ``.pre-commit-config.yaml`` points at a
snapshot of this checkout, then runs ``pre-commit`` there as a user would.

Why a snapshot and not ``pre-commit try-repo``: try-repo gives every call a fresh store in a
temporary folder, so it would build the hook's virtualenv (from PyPI) once per call; and it takes
only committed, staged and modified tracked files, not new ones. Instead, the module-scoped
``hook_repo`` fixture copies the working tree (tracked files plus untracked, not-ignored ones: what
``pip install .`` would see) into a one-commit repository, and every test's config names that
repository and its commit. With one ``PRE_COMMIT_HOME`` for the module, pre-commit builds the hook
environment once and reuses it.

pre-commit installs the hook with ``pip install .`` (not editable), so these tests also prove that
the built-in rules ship in the wheel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HOOK_ID = "backyard-lint"

USE = """\
# Regional policy

Investors are pouring money into Russia's backyard.
"""
CLEAN = """\
# Regional policy

The summit discussed trade between Georgia and its neighbours.
"""
QUOTED = """\
# Regional policy

Analysts reject the label "Russia's backyard".
"""


def _git_env(home: Path | None = None) -> dict[str, str]:
    """The environment for git and pre-commit: no inherited GIT_* redirections (pytest may itself
    run inside a git hook), a fixed identity, no colour, and the given pre-commit cache (git
    commands run the installed hook too, so they need it as much as pre-commit does)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("SKIP", None)  # pre-commit's own "skip these hooks" variable
    env.update(
        GIT_AUTHOR_NAME="backyard-lint tests",
        GIT_AUTHOR_EMAIL="tests@backyard-lint.invalid",
        GIT_COMMITTER_NAME="backyard-lint tests",
        GIT_COMMITTER_EMAIL="tests@backyard-lint.invalid",
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    if home is not None:
        env["PRE_COMMIT_HOME"] = str(home)
    return env


def _git(cwd: Path, *args: str, home: Path | None = None) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=_git_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"git {' '.join(args)} failed in {cwd}:\n{done.stdout}{done.stderr}")
    return done.stdout.strip()


def _working_tree_files(root: Path) -> list[str]:
    listing = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return [name for name in listing.split("\0") if name and (root / name).is_file()]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A one-commit copy of this checkout's working tree: (path, commit)."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed; the pre-commit tests need it (.ci/run installs it)")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in _working_tree_files(REPO):
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "-m", "snapshot of the working tree")
    return snapshot, _git(snapshot, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module, so the hook environment is built only once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@dataclass
class Run:
    code: int
    out: str


class DocsRepo:
    """A throwaway git repository that uses the hook."""

    def __init__(self, root: Path, hook_repo: tuple[Path, str], home: Path) -> None:
        self.root = root
        self.hook_path, self.rev = hook_repo
        self.home = home
        root.mkdir(parents=True)
        self.git("init", "-q")
        self.configure()

    def git(self, *args: str) -> str:
        return _git(self.root, *args, home=self.home)

    def configure(self, args: Sequence[str] = ()) -> None:
        hook: dict[str, object] = {"id": HOOK_ID}
        if args:
            hook["args"] = list(args)
        config = {"repos": [{"repo": str(self.hook_path), "rev": self.rev, "hooks": [hook]}]}
        # JSON is YAML: no quoting surprises for paths or arguments.
        self.write(".pre-commit-config.yaml", json.dumps(config, indent=2) + "\n")

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.git("add", "--", name)
        return path

    def command(self, *args: str) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=self.root,
            env=_git_env(self.home),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,  # the first call builds the hook environment from PyPI
            check=False,
        )
        return Run(done.returncode, done.stdout)

    def run_hook(self, *files: str) -> Run:
        selection = ["--files", *files] if files else ["--all-files"]
        return self.command("run", HOOK_ID, *selection)


@pytest.fixture
def docs_repo(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> DocsRepo:
    return DocsRepo(tmp_path / "docs-repo", hook_repo, pre_commit_home)


def _failed(run: Run) -> bool:
    return run.code == 1 and re.search(r"^backyard-lint\.+Failed$", run.out, re.M) is not None


def _passed(run: Run) -> bool:
    return run.code == 0 and re.search(r"^backyard-lint\.+Passed$", run.out, re.M) is not None


def test_a_use_of_the_label_fails_the_hook_naming_file_line_and_rule(docs_repo: DocsRepo) -> None:
    docs_repo.write("docs/guide.md", USE)
    run = docs_repo.run_hook("docs/guide.md")
    assert _failed(run), run.out
    assert "docs/guide.md" in run.out
    assert re.search(r"^\s*3:\d+: warning \[backyard\.russia\]", run.out, re.M), run.out


def test_a_clean_file_passes(docs_repo: DocsRepo) -> None:
    docs_repo.write("docs/guide.md", CLEAN)
    run = docs_repo.run_hook("docs/guide.md")
    assert _passed(run), run.out


def test_quoting_the_label_to_reject_it_passes(docs_repo: DocsRepo) -> None:
    docs_repo.write("docs/guide.md", QUOTED)
    run = docs_repo.run_hook("docs/guide.md")
    assert _passed(run), run.out


@pytest.mark.parametrize(
    ("args", "expect_failure", "expected"),
    [
        (
            ["--select", "backyard.russia", "--format", "concise"],
            True,
            r"^docs/guide\.md:3:\d+: warning \[backyard\.russia\] ",
        ),
        (["--select=backyard", "--format=json"], True, r'"rule": "backyard\.russia"'),
        (["--ignore", "backyard.russia"], False, None),
    ],
    ids=["select-concise", "select-prefix-json", "ignore"],
)
def test_user_args_reach_the_cli(
    docs_repo: DocsRepo, args: list[str], expect_failure: bool, expected: str | None
) -> None:
    docs_repo.configure(args)
    docs_repo.write("docs/guide.md", USE)
    run = docs_repo.run_hook("docs/guide.md")
    assert _failed(run) if expect_failure else _passed(run), run.out
    if expected is not None:
        assert re.search(expected, run.out, re.M), run.out


@pytest.mark.parametrize(
    "table",
    ['ignore = ["backyard.russia"]', 'exclude = ["docs/"]'],
    ids=["ignore", "exclude"],
)
def test_the_docs_repositorys_pyproject_table_is_honoured(docs_repo: DocsRepo, table: str) -> None:
    docs_repo.write("docs/guide.md", USE)
    assert _failed(docs_repo.run_hook("docs/guide.md"))
    pyproject = f'[project]\nname = "handbook"\n\n[tool.backyard-lint]\n{table}\n'
    docs_repo.write("pyproject.toml", pyproject)
    run = docs_repo.run_hook("docs/guide.md")
    assert _passed(run), run.out


def test_only_prose_files_are_linted(docs_repo: DocsRepo) -> None:
    # Code and data files that contain the label are not prose: the hook never sees them.
    docs_repo.write("scripts/labels.py", f"LABELS = {USE!r}\n")
    docs_repo.write("data/labels.yaml", "label: Russia's backyard\n")
    docs_repo.write("docs/guide.md", CLEAN)
    assert _passed(docs_repo.run_hook()), "code and data files must not be linted"
    # Markdown, reST, HTML, .txt and README-style names are.
    for name in ("a.markdown", "b.rst", "c.html", "d.htm", "e.txt", "README"):
        docs_repo.write(name, USE)
    run = docs_repo.run_hook()
    assert _failed(run), run.out
    for name in ("a.markdown", "b.rst", "c.html", "d.htm", "e.txt", "README"):
        assert re.search(rf"^{re.escape(name)}$", run.out, re.M), (name, run.out)
    assert "labels.py" not in run.out
    assert "labels.yaml" not in run.out


def test_git_commit_is_blocked_by_the_installed_hook(docs_repo: DocsRepo) -> None:
    install = docs_repo.command("install")
    assert install.code == 0, install.out
    docs_repo.write("docs/guide.md", CLEAN)
    docs_repo.git("commit", "-q", "-m", "clean page")  # the hook runs, and passes
    docs_repo.write("docs/guide.md", USE)
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-m", "label"],
        cwd=docs_repo.root,
        env=_git_env(docs_repo.home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0, done.stdout + done.stderr
    assert "backyard.russia" in done.stdout + done.stderr
    assert docs_repo.git("log", "--format=%s") == "clean page"


def _hook_site_packages(home: Path) -> list[Path]:
    return sorted(home.glob("repo*/py_env-*/lib/python3*/site-packages"))


def test_the_hook_runs_a_wheel_that_ships_the_rules(
    docs_repo: DocsRepo, pre_commit_home: Path
) -> None:
    docs_repo.write("docs/guide.md", CLEAN)
    assert _passed(docs_repo.run_hook("docs/guide.md"))  # makes sure the environment exists
    [site] = _hook_site_packages(pre_commit_home)
    assert (site / "backyard_lint" / "rules" / "backyard" / "russia.yaml").is_file()
    [dist_info] = site.glob("backyard_lint-*.dist-info")
    direct_url = json.loads((dist_info / "direct_url.json").read_text(encoding="utf-8"))
    assert not direct_url.get("dir_info", {}).get("editable", False)
    assert not list(site.glob("__editable__*")), "the hook must not use an editable install"
