"""A folder that cannot be walked (no permission, a path longer than the system allows) is named
on standard error and makes the exit code 2; the files that could be read are still linted."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backyard_lint.core import walk

LABEL = b"Georgia is Russia's backyard.\n"


def _deep(top: Path, levels: int, name: str = "d" * 200) -> int:
    """Folders ``levels`` deep below ``top`` (past PATH_MAX), made through directory file
    descriptors, with a labelled file in each of the last ten; returns how many files."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    files = 0
    try:
        for depth in range(levels):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = inner
            if depth >= levels - 10:
                out = os.open(f"f{depth}.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
                os.write(out, LABEL)
                os.close(out)
                files += 1
    finally:
        os.close(fd)
    return files


def test_files_deeper_than_the_path_limit_are_reported(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    (tmp_path / ".git").mkdir()
    total = _deep(tmp_path, 25)
    result = cli("check", "-f", "concise", ".", cwd=tmp_path)
    assert result.code == 2
    linted = [line for line in result.out.splitlines() if "[backyard.russia]" in line]
    assert 0 < len(linted) < total  # the reachable ones are linted
    errors = result.err.splitlines()
    assert errors and all("not linted" in line for line in errors), result.err
    assert any("too long" in line for line in errors)


def test_an_unreadable_folder_is_reported(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.md").write_bytes(LABEL)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_bytes(LABEL)
    real = os.scandir

    def scandir(path: Any) -> Any:  # as for a user without read permission (tests run as root)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    result = cli("check", "-f", "concise", ".", cwd=tmp_path)
    assert result.code == 2
    assert "open/a.md" in result.out and "locked/b.md" not in result.out
    assert result.err.splitlines() == [
        "backyard-lint: ./locked: folder not read (permission denied); the files in it are not "
        "linted"
    ]


def test_a_clean_tree_is_still_clean(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "a.md").write_text("Nothing to see.\n", encoding="utf-8")
    problems: list[tuple[str, str]] = []
    assert list(walk.walk_folder(str(tmp_path), {".md"}, problems)) == [
        (str(tmp_path / "a.md"), True)
    ]
    assert problems == []
