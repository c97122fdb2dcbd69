"""Users' files are safe: ``check`` and ``--diff`` never write; ``--fix`` writes through a
temporary file and an atomic rename, keeps permissions, BOM, encoding and line ends, and leaves
the file untouched on any error."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backyard_lint import fix

DEMO_RULES = Path(__file__).parent / "data" / "extra-rules"
# demo.old-city flags "Bombay" with a safe fix ("Mumbai"); backyard.russia has no safe fix.
FIXABLE = "We flew to Bombay.\nKazakhstan is Russia's backyard.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DEMO_RULES, tmp_path / "house-rules")
    (tmp_path / ".backyard-lint.yaml").write_text("extra-rules: [house-rules]\n", encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file below ``folder``: content, mtime (ns) and mode."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            out[str(path.relative_to(folder))] = (path.read_bytes(), st.st_mtime_ns, st.st_mode)
    return out


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "-f", "json"),
        ("check", "--diff"),
        ("check", "--show-mentions", "--with-proselint"),
    ],
)
def test_check_and_diff_never_write(
    project: Path, cli: Callable[..., Any], args: tuple[str, ...]
) -> None:
    (project / "with.txt").write_text(FIXABLE, encoding="utf-8")
    (project / "without.md").write_text("Nothing to fix here.\n", encoding="utf-8")
    (project / "crlf.txt").write_bytes(FIXABLE.replace("\n", "\r\n").encode())
    past = 1_000_000_000_000_000_000  # 2001: a write would move the mtime
    for name in ("with.txt", "without.md", "crlf.txt"):
        os.utime(project / name, ns=(past, past))
    before = snapshot(project)
    result = cli(*args, "with.txt", "without.md", "crlf.txt", cwd=project)
    assert result.code == 1
    assert snapshot(project) == before  # same files, contents, times and modes; none added
    if "--diff" in args:
        assert "-We flew to Bombay." in result.out and "+We flew to Mumbai." in result.out


def test_fix_keeps_permissions_and_writes_atomically(
    project: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "doc.txt"
    path.write_text(FIXABLE, encoding="utf-8")
    path.chmod(0o640)
    inode = path.stat().st_ino
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        renames.append((Path(src).name, str(dst)))
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spy)
    result = cli("check", "--fix", "doc.txt", cwd=project)
    assert result.code == 1  # the unsafe finding is still reported
    assert path.read_text(encoding="utf-8") == FIXABLE.replace("Bombay", "Mumbai")
    assert path.stat().st_mode & 0o7777 == 0o640
    assert path.stat().st_ino != inode  # a new file renamed over the old one
    [(tmp_name, target)] = renames
    assert tmp_name.startswith(".doc.txt.") and tmp_name.endswith(".tmp")
    assert target == str(path.resolve())
    assert sorted(p.name for p in project.iterdir()) == [
        ".backyard-lint.yaml",
        "doc.txt",
        "house-rules",
    ]


@pytest.mark.parametrize(
    ("bom", "codec", "newline", "encoding_option"),
    [
        (b"", "utf-8", "\n", None),
        (codecs.BOM_UTF8, "utf-8", "\r\n", None),
        (codecs.BOM_UTF16_LE, "utf-16-le", "\r\n", None),
        (codecs.BOM_UTF16_BE, "utf-16-be", "\r", None),
        (b"", "latin-1", "\r\n", "latin-1"),
        (b"", "cp1251", "\n", "cp1251"),
    ],
)
def test_fix_keeps_bom_encoding_and_line_ends(
    project: Path,
    cli: Callable[..., Any],
    bom: bytes,
    codec: str,
    newline: str,
    encoding_option: str | None,
) -> None:
    accent = "Привет" if codec == "cp1251" else "Café"
    text = newline.join([f"{accent}.", "We flew to Bombay.", "", "BOMBAY, again.", ""])
    path = project / "doc.txt"
    path.write_bytes(bom + text.encode(codec))
    args = ["check", "--fix", "doc.txt"]
    if encoding_option:
        args[1:1] = ["--encoding", encoding_option]
    result = cli(*args, cwd=project)
    assert result.code == 0, result.err
    expected = text.replace("Bombay", "Mumbai").replace("BOMBAY", "MUMBAI")
    assert path.read_bytes() == bom + expected.encode(codec)


@pytest.mark.parametrize("where", ["write", "fsync", "chmod", "replace"])
def test_an_interrupted_fix_leaves_the_file_untouched(
    project: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = project / "doc.txt"
    path.write_text(FIXABLE, encoding="utf-8")
    path.chmod(0o640)
    before = snapshot(project)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, mode: _FailingFile(real_fdopen(fd, mode)))
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", fail)
    elif where == "chmod":
        monkeypatch.setattr(Path, "chmod", fail)
    else:
        monkeypatch.setattr(os, "replace", fail)
    result = cli("check", "--fix", "doc.txt", cwd=project)
    assert result.code == 2
    assert result.err.splitlines() == [
        "backyard-lint: doc.txt: could not write fixes: No space left on device; "
        "file left unchanged"
    ]
    assert snapshot(project) == before  # content, mtime and mode; no temporary file left


class _FailingFile:
    """A file object whose write fails half-way, as on a full disk."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def write(self, data: bytes) -> int:
        self._fh.write(data[: len(data) // 2])
        self._fh.flush()
        raise OSError(28, "No space left on device")


def test_keyboard_interrupt_during_the_rename_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("old", encoding="utf-8")

    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        fix.write_atomic(path, b"new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("as read", encoding="utf-8")
    seen = path.stat()
    path.write_text("edited meanwhile", encoding="utf-8")
    os.utime(path, ns=(seen.st_atime_ns, seen.st_mtime_ns + 1_000_000_000))
    with pytest.raises(fix.FixError, match="changed while it was being linted"):
        fix.write_atomic(path, b"fixed", unchanged_since=seen)
    assert path.read_text(encoding="utf-8") == "edited meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_fix_through_a_symlink_keeps_the_link(project: Path, cli: Callable[..., Any]) -> None:
    (project / "real").mkdir()
    real = project / "real" / "doc.txt"
    real.write_text(FIXABLE, encoding="utf-8")
    (project / "link.txt").symlink_to(real)
    assert cli("check", "--fix", "link.txt", cwd=project).code == 1
    assert (project / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == FIXABLE.replace("Bombay", "Mumbai")


def test_a_fix_the_encoding_cannot_hold_is_refused(project: Path, cli: Callable[..., Any]) -> None:
    rule = yaml.safe_load((DEMO_RULES / "demo" / "old-city.yaml").read_text(encoding="utf-8"))
    rule["id"] = "demo.quote"
    rule["patterns"] = ["\\bTiffin\\b"]
    rule["exceptions"] = []
    rule["replacements"] = [{"text": "“lunch”", "safe": True}]
    rule["examples"] = {"bad": ["Tiffin at noon."], "good": ["Lunch at noon."]}
    (project / "house-rules" / "demo" / "quote.yaml").write_text(
        yaml.safe_dump(rule), encoding="utf-8"
    )
    path = project / "doc.txt"
    original = "Café Tiffin.\n".encode("latin-1")
    path.write_bytes(original)
    result = cli("check", "--fix", "--encoding", "latin-1", "doc.txt", cwd=project)
    assert result.code == 2
    assert result.err.splitlines() == [
        "backyard-lint: doc.txt: could not write fixes: '“' cannot be written in latin-1; "
        "file left unchanged"
    ]
    assert path.read_bytes() == original


def test_fix_on_stdin_prints_the_text_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    for text, expected in (
        ("We flew to Bombay.\r\n", "We flew to Mumbai.\r\n"),
        ("Nothing to fix.\n", "Nothing to fix.\n"),  # a filter: unchanged text comes back
    ):
        result = subprocess.run(
            [sys.executable, "-m", "backyard_lint", "check", "--fix", "--stdin-filename", "x.txt"],
            input=text.encode(),
            capture_output=True,
            cwd=project,
            timeout=60,
            check=False,
        )
        assert result.stdout.decode() == expected
        assert result.returncode == 0, result.stderr
    assert snapshot(project) == before
