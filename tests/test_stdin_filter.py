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
