"""Output cannot be forged (issue 18, point 4): control characters from file names, contents and
rule ids are escaped in every text format; a rule id with a control character is refused; a file
name that is not valid in the locale's encoding does not lose the output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from backyard_lint.globs import GlobError, glob_match
from backyard_lint.reporters import printable
from backyard_lint.rules import RuleError, parse_rule
from rule_text import RULE

FORGED = "a.md:9:9: error [backyard.russia] forged\n"


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_a_newline_in_a_file_name_forges_no_line(
    fmt: str, tmp_path: Path, cli: Callable[..., object]
) -> None:
    name = "x\n" + FORGED.rstrip("\n") + ".md"
    (tmp_path / name).write_text("Kazakhstan lies in Russia's backyard.\n", encoding="utf-8")
    res = cli("check", "--format", fmt, "--color", "never", ".", cwd=tmp_path)
    assert res.code == 1  # type: ignore[attr-defined]
    out = res.out  # type: ignore[attr-defined]
    assert "\nx\\na.md" not in out
    assert not any(line.startswith("a.md:9:9") for line in out.splitlines())
    assert "\\n" in out or "%0A" in out


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_escape_sequences_in_a_document_reach_no_terminal(
    fmt: str, tmp_path: Path, cli: Callable[..., object]
) -> None:
    (tmp_path / "a.txt").write_text(
        "They call it \x1b[2J\x1b]0;owned\x07Russia's backyard \u202e here.\r\n", encoding="utf-8"
    )
    res = cli("check", "--format", fmt, "--color", "never", "a.txt", cwd=tmp_path)
    assert res.code == 1  # type: ignore[attr-defined]
    out = res.out  # type: ignore[attr-defined]
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\r" not in out
    if fmt == "text":
        assert "\\x1b[2J" in out


def test_printable_escapes_controls_and_undecodable_bytes() -> None:
    assert printable("plain text, tab\tkept") == "plain text, tab\tkept"
    assert printable("a\nb\rc\x1bd\u2028e\u202ef") == "a\\nb\\rc\\x1bd\\u2028e\\u202ef"
    assert printable("caf\udce9") == "caf\\xe9"


def test_a_pattern_quoted_in_an_error_shows_its_invisible_characters() -> None:
    """The same escaping, stricter for a user's pattern or glob: a tab, a no-break space and a
    zero-width space are written as escapes there, and kept in a document's excerpt."""
    text = "a\tb\u00a0c\u200bd\ne"
    assert printable(text) == "a\tb\u00a0c\u200bd\\ne"
    assert printable(text, invisible=True) == "a\\tb\\xa0c\\u200bd\\ne"
    with pytest.raises(GlobError) as caught:
        glob_match("[z-a]\u200b\t", "x.md")
    assert str(caught.value) == "invalid glob '[z-a]\\u200b\\t': invalid character class range: z-a"


@pytest.mark.parametrize("bad_id", ["backyard.russia\n", "backyard.russia\x1b[31m", "a.b\r"])
def test_a_rule_id_with_a_control_character_is_refused(bad_id: str) -> None:
    raw = RULE.replace("id: test.kiev", f"id: {json.dumps(bad_id)}")
    with pytest.raises(RuleError, match="id"):
        parse_rule(raw, "bad.yaml")


def test_a_rule_alias_with_a_newline_is_refused() -> None:
    raw = RULE.replace("id: test.kiev", 'id: test.kiev\naliases: ["test.old\\n"]')
    with pytest.raises(RuleError, match="aliases"):
        parse_rule(raw, "bad.yaml")


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names: a POSIX file system")
@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "proselint", "github"])
def test_a_latin1_file_name_under_a_utf8_locale(fmt: str, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.md")  # a lone surrogate for the byte
    (tmp_path / name).write_bytes(b"Kazakhstan lies in Russia's backyard.\n")
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    proc = subprocess.run(
        [sys.executable, "-m", "backyard_lint", "check", "--format", fmt, "."],
        cwd=tmp_path,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode("utf-8")  # valid UTF-8, or this raises
    shown = out.replace("\\\\", "\\").replace("%5C", "\\")  # JSON and URI escapes undone
    assert "caf\\xe9" in shown
    if fmt in ("json", "sarif", "proselint"):
        json.loads(out)
    assert b"Traceback" not in proc.stderr
