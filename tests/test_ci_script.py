"""``.ci/run`` works outside this workspace: no global git identity, a clear line when root is
needed, and the shared corpora required in CI but skipped with one line elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import conftest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_script_writes_no_global_git_identity() -> None:
    assert "git config --global" not in SCRIPT


def _clone(tmp_path: Path) -> Path:
    """A checkout with only the script, and no ../shared beside it."""
    repo = tmp_path / "checkout"
    (repo / ".ci").mkdir(parents=True)
    (repo / ".ci" / "run").write_text(SCRIPT, encoding="utf-8")
    return repo


def _path_with(tmp_path: Path, tools: dict[str, str]) -> str:
    """A PATH holding only ``tools``: a name to a real program, or to a script's text."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, target in tools.items():
        if target.startswith("#!"):
            (bin_dir / name).write_text(target, encoding="utf-8")
            (bin_dir / name).chmod(0o755)
        else:
            found = shutil.which(target)
            assert found, target
            (bin_dir / name).symlink_to(found)
    return str(bin_dir)


def test_in_ci_without_the_corpora_the_script_stops_with_one_line(tmp_path: Path) -> None:
    repo = _clone(tmp_path)
    done = subprocess.run(
        ["bash", str(repo / ".ci" / "run")],
        env={**os.environ, "CI": "true"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == (
        ".ci/run: CI is set but ../shared/corpus is missing (the corpora tests must run in CI)\n"
    )


def test_without_root_the_script_says_what_to_install(tmp_path: Path) -> None:
    repo = _clone(tmp_path)
    path = _path_with(
        tmp_path,
        {
            "dirname": "dirname",
            "git": "git",
            "soffice": "soffice",
            "emacs": "emacs",
            "node": "node",
            "npm": "npm",
            "id": "#!/bin/sh\necho 1000\n",
        },
    )
    done = subprocess.run(
        ["/bin/bash", str(repo / ".ci" / "run")],
        env={"PATH": path, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        ".ci/run: neovim missing; installing needs root:",
        "  sudo apt-get install -y neovim   (then run .ci/run again)",
    ]


def test_shared_skips_outside_ci_and_fails_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conftest, "SHARED", tmp_path / "shared")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"^\.\./shared/corpus/peps is missing"):
        conftest.shared("corpus", "peps")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required when CI is set"):
        conftest.shared("corpus", "peps")
