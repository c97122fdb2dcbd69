"""``check --fix -`` as an editor's filter: on any error the input comes back unchanged (an
editor replaces its buffer with the output; an empty output would empty the buffer)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FIXABLE = "We live in the Ukraine, near Odesa.\n"


def run(args: list[str], data: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "backyard_lint", "check", "--fix", *args],
        input=data, capture_output=True, cwd=cwd, timeout=120, check=False,
    )


def test_the_fixed_text_and_nothing_else_on_stdout(tmp_path: Path) -> None:
    done = run(["-"], FIXABLE.encode(), tmp_path)
    assert done.stdout == b"We live in Ukraine, near Odesa.\n"
    done = run(["--stdin-filename", "a.md"], FIXABLE.encode(), tmp_path)
    assert done.stdout == b"We live in Ukraine, near Odesa.\n"


@pytest.mark.parametrize(
    ("args", "data", "config"),
    [
        (["-"], b"not \xff UTF-8: " + FIXABLE.encode(), None),  # a decoding error
        (["--encoding", "utf-16", "-"], b"\x00" + FIXABLE.encode(), None),  # odd length
        (["--encoding", "rot13", "-"], FIXABLE.encode(), None),  # a usage error
        (["-"], FIXABLE.encode(), "select: [1, 2\n"),  # a broken configuration
        (["--stdin-filename", "a.md"], FIXABLE.encode(), "extra-rules: [missing]\n"),
    ],
)
def test_on_any_error_the_input_comes_back_unchanged(
    tmp_path: Path, args: list[str], data: bytes, config: str | None
) -> None:
    (tmp_path / ".git").mkdir()
    if config is not None:
        (tmp_path / ".backyard-lint.yaml").write_text(config, encoding="utf-8")
    done = run(args, data, tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stdout == data
    assert len(done.stderr.decode().splitlines()) == 1, done.stderr
    assert b"Traceback" not in done.stderr


def test_a_skipped_binary_input_comes_back_unchanged(tmp_path: Path) -> None:
    """A binary input is skipped on purpose: a notice on stderr, exit 0, the bytes back."""
    data = b"binary\x00" + FIXABLE.encode()
    done = run(["-"], data, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == data
    assert b"skipped" in done.stderr and b"Traceback" not in done.stderr


def test_an_internal_error_gives_the_input_back(
    monkeypatch: pytest.MonkeyPatch, capfdbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    import io

    from backyard_lint import runner
    from backyard_lint.cli import main

    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(runner, "lint_document", broken)
    monkeypatch.chdir(tmp_path)
    data = FIXABLE.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "--fix", "-"]) == 2
    sys.stdout.flush()
    out, err = capfdbinary.readouterr()
    assert out == data
    assert b"internal error" in err


def test_a_finding_without_a_safe_fix_leaves_the_input_unchanged(tmp_path: Path) -> None:
    data = b"The farm sits in Russia's backyard.\n"
    done = run(["-"], data, tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout == data
    assert b"backyard.russia" in done.stderr


def test_files_fixed_beside_standard_input_add_nothing_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(FIXABLE, encoding="utf-8")
    done = run(["-", "a.md"], FIXABLE.encode(), tmp_path)
    assert done.stdout == b"We live in Ukraine, near Odesa.\n"
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "We live in Ukraine, near Odesa.\n"


def _filter_here(monkeypatch: pytest.MonkeyPatch, folder: Path, data: bytes) -> int:
    """``check --fix -`` in this process, ``data`` on standard input, from ``folder``."""
    import io

    from backyard_lint.cli import main

    monkeypatch.chdir(folder)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return main(["check", "--fix", "-"])


def test_an_error_after_the_fix_gives_the_input_back_unchanged(
    monkeypatch: pytest.MonkeyPatch, capfdbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    """The fixed text goes out only when the whole check succeeded."""
    from backyard_lint import checkcmd

    def broken(*_args: object) -> str:
        raise RuntimeError("a bug in a reporter")

    monkeypatch.setattr(checkcmd, "_output", broken)
    with pytest.raises(RuntimeError, match="a bug in a reporter"):
        _filter_here(monkeypatch, tmp_path, FIXABLE.encode())
    sys.stdout.flush()
    assert capfdbinary.readouterr().out == FIXABLE.encode()
