"""Configuration discovery stops at the repository's root: a ``.backyard-lint.yaml`` in a folder
above the repository does not apply unless ``BACKYARD_LINT_CONFIG_ABOVE_REPO=1``; a path
thousands of folders deep is searched without recursion."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

LABEL_LINE = "It is Russia's backyard.\n"


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    (tmp_path / ".backyard-lint.yaml").write_text("ignore: [backyard]\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "doc.txt").write_text(LABEL_LINE, encoding="utf-8")
    return repo


@pytest.mark.parametrize("git", ["folder", "file"])  # a repository, or a worktree / submodule
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_configuration_above_the_repository_does_not_apply(
    nested: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, git: str, jobs: str
) -> None:
    monkeypatch.delenv("BACKYARD_LINT_CONFIG_ABOVE_REPO", raising=False)
    assert cli("check", "-j", jobs, "docs/doc.txt", cwd=nested).code == 0  # no repository
    if git == "folder":
        (nested / ".git").mkdir()
    else:
        (nested / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    result = cli("check", "-j", jobs, "-f", "concise", "docs/doc.txt", cwd=nested)
    assert result.code == 1 and "backyard.russia" in result.out
    monkeypatch.setenv("BACKYARD_LINT_CONFIG_ABOVE_REPO", "1")
    assert cli("check", "-j", jobs, "docs/doc.txt", cwd=nested).code == 0


def test_a_path_thousands_of_folders_deep(tmp_path: Path, cli: Callable[..., Any]) -> None:
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(1500):  # 3000 characters: under PATH_MAX, deeper than the stack allows
            os.mkdir("d", dir_fd=fd)
            fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
            os.close(old)
    finally:
        os.close(fd)
    deep = tmp_path / "/".join(["d"] * 1500)
    try:
        (deep / "doc.txt").write_text(LABEL_LINE, encoding="utf-8")
        result = cli("check", "-f", "concise", str(deep / "doc.txt"), cwd=tmp_path)
        assert result.code == 1, result.err
        assert "backyard.russia" in result.out
    finally:
        # pytest removes old temporary folders with shutil.rmtree, which recurses once per
        # level and would fail at the end of a later session: remove the chain here.
        _remove_chain(tmp_path / "d")


def _remove_chain(top: Path) -> None:
    """Remove a deep tree without recursion: down to the deepest folder through directory file
    descriptors, then each folder's files and the folder itself on the way back up."""
    fds = [os.open(top, os.O_RDONLY | os.O_DIRECTORY)]
    names: list[str] = []
    try:
        while fds:
            with os.scandir(fds[-1]) as it:
                entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
            folder = next((name for name, is_dir in entries if is_dir), None)
            if folder is not None:
                fds.append(os.open(folder, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fds[-1]))
                names.append(folder)
                continue
            for name, _ in entries:
                os.unlink(name, dir_fd=fds[-1])
            os.close(fds.pop())
            if names:
                os.rmdir(names.pop(), dir_fd=fds[-1])
    finally:
        for fd in fds:
            os.close(fd)
    top.rmdir()
