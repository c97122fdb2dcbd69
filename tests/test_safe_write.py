"""``--fix`` never loses a byte: an edit made while it writes is kept, a walked symbolic link is
not followed out of the tree, read-only, foreign and hard-linked files are refused unless
``--force-write``, extended attributes are kept, and a file is never re-encoded."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DEMO_RULES = Path(__file__).parent / "data" / "extra-rules"
# demo.old-city flags "Bombay" with a safe fix ("Mumbai").
FIXABLE = "We flew to Bombay.\nAnd back.\n"
FIXED = FIXABLE.replace("Bombay", "Mumbai")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(DEMO_RULES, project / "house-rules")
    (project / ".backyard-lint.yaml").write_text("extra-rules: [house-rules]\n", encoding="utf-8")
    return project


def refused(result: Any, reason: str) -> None:
    assert result.code == 2, result
    [line] = result.err.splitlines()
    assert reason in line and line.endswith("file left unchanged"), line


def no_temporary_files(folder: Path) -> None:
    assert not list(folder.rglob("*.tmp"))


def test_an_edit_made_while_the_fix_is_written_is_kept(
    tree: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tree / "doc.txt"
    doc.write_text(FIXABLE, encoding="utf-8")
    real_fsync = os.fsync

    def append_meanwhile(fd: int) -> None:  # another program appends during the write
        with doc.open("a", encoding="utf-8") as fh:
            fh.write("Added meanwhile.\n")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", append_meanwhile)
    refused(cli("check", "--fix", "doc.txt", cwd=tree), "changed while it was being linted")
    assert doc.read_text(encoding="utf-8") == FIXABLE + "Added meanwhile.\n"
    no_temporary_files(tree)


def test_a_walked_symbolic_link_out_of_the_tree_is_not_followed(
    tree: Path, cli: Callable[..., Any]
) -> None:
    outside = tree.parent / "outside.txt"
    outside.write_text(FIXABLE, encoding="utf-8")
    (tree / "docs").mkdir()
    (tree / "docs" / "link.txt").symlink_to(outside)
    (tree / "docs" / "own.txt").write_text(FIXABLE, encoding="utf-8")
    result = cli("check", "--fix", "docs", cwd=tree)
    refused(result, "symbolic link found while walking a folder is not followed")
    assert outside.read_text(encoding="utf-8") == FIXABLE
    assert (tree / "docs" / "own.txt").read_text(encoding="utf-8") == FIXED


def test_read_only_files_are_refused_unless_forced(tree: Path, cli: Callable[..., Any]) -> None:
    doc = tree / "doc.txt"
    doc.write_text(FIXABLE, encoding="utf-8")
    doc.chmod(0o444)
    refused(cli("check", "--fix", "doc.txt", cwd=tree), "the file is read-only (use --force-write")
    assert doc.read_text(encoding="utf-8") == FIXABLE
    assert cli("check", "--fix", "--force-write", "doc.txt", cwd=tree).code == 0
    assert doc.read_text(encoding="utf-8") == FIXED
    assert doc.stat().st_mode & 0o777 == 0o444


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_another_users_file_is_refused_unless_forced(tree: Path, cli: Callable[..., Any]) -> None:
    doc = tree / "doc.txt"
    doc.write_text(FIXABLE, encoding="utf-8")
    os.chown(doc, 65534, 65534)
    refused(cli("check", "--fix", "doc.txt", cwd=tree), "belongs to another user (uid 65534)")
    assert cli("check", "--fix", "--force-write", "doc.txt", cwd=tree).code == 0
    assert doc.read_text(encoding="utf-8") == FIXED
    assert (doc.stat().st_uid, doc.stat().st_gid) == (65534, 65534)


def test_hard_links_are_kept_or_the_fix_refused(tree: Path, cli: Callable[..., Any]) -> None:
    doc = tree / "doc.txt"
    doc.write_text(FIXABLE, encoding="utf-8")
    other = tree.parent / "other-name.txt"
    other.hardlink_to(doc)
    refused(cli("check", "--fix", "doc.txt", cwd=tree), "has 2 hard links")
    assert other.read_text(encoding="utf-8") == FIXABLE and other.stat().st_nlink == 2


def test_extended_attributes_are_kept(tree: Path, cli: Callable[..., Any]) -> None:
    doc = tree / "doc.txt"
    doc.write_text(FIXABLE, encoding="utf-8")
    os.setxattr(doc, "user.origin", b"kept")
    assert cli("check", "--fix", "doc.txt", cwd=tree).code == 0
    assert doc.read_text(encoding="utf-8") == FIXED
    assert os.getxattr(doc, "user.origin") == b"kept"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_bom_less_wide_file_stays_bom_less(
    tree: Path, cli: Callable[..., Any], codec: str
) -> None:
    doc = tree / "doc.txt"
    doc.write_bytes(FIXABLE.encode(f"{codec}-le"))
    assert cli("check", "--fix", "--encoding", codec, "doc.txt", cwd=tree).code == 0
    assert doc.read_bytes() == FIXED.encode(f"{codec}-le")


def test_an_encoding_that_does_not_round_trip_is_refused(
    tree: Path, cli: Callable[..., Any]
) -> None:
    doc = tree / "doc.txt"
    doc.write_bytes(FIXABLE.encode("ascii"))
    result = cli("check", "--fix", "--encoding", "unicode_escape", "doc.txt", cwd=tree)
    refused(result, "the encoding does not round-trip")
    assert doc.read_bytes() == FIXABLE.encode("ascii")  # line breaks unchanged
    no_temporary_files(tree)


def test_a_name_too_long_for_a_temporary_name_is_fixed(
    tree: Path, cli: Callable[..., Any]
) -> None:
    name = "d" * 246 + ".txt"  # 250 bytes: '.NAME.XXXXXXXX.tmp' would pass 255
    (tree / name).write_text(FIXABLE, encoding="utf-8")
    assert cli("check", "--fix", name, cwd=tree).code == 0
    assert (tree / name).read_text(encoding="utf-8") == FIXED
    no_temporary_files(tree)
