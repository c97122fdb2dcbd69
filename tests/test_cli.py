"""The command line: exit codes, output formats, stdin, fixes, explain and rules."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backyard_lint import __version__

LABEL = "Intro.\nKazakhstan is Russia's backyard, they say.\n"
DEMO_RULES = Path(__file__).parent / "data" / "extra-rules"


@pytest.fixture
def demo_cfg(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(DEMO_RULES, tmp_path / "house-rules")
    (tmp_path / ".backyard-lint.yaml").write_text("extra-rules: [house-rules]\n", encoding="utf-8")
    return tmp_path


def test_exit_codes(tmp_path: Path, cli: Callable[..., Any], write: Any) -> None:
    write("clean.txt", "Nothing here.\n")
    write("bad.txt", LABEL)
    assert cli("check", "clean.txt", cwd=tmp_path).code == 0
    assert cli("check", "bad.txt", cwd=tmp_path).code == 1
    assert cli("check", "--fail-on", "error", "bad.txt", cwd=tmp_path).code == 0
    assert cli("check", "--exit-zero", "bad.txt", cwd=tmp_path).code == 0
    missing = cli("check", "-f", "concise", "bad.txt", "missing.txt", cwd=tmp_path)
    assert missing.code == 2
    assert "bad.txt:2:15" in missing.out  # the other file is still reported
    assert missing.err.strip() == "backyard-lint: missing.txt: no such file or directory"
    assert cli("check", "--format", "nope", "bad.txt", cwd=tmp_path).code == 2


def test_text_format_shows_the_line_and_a_caret(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    write("bad.txt", LABEL)
    out = cli("check", "bad.txt", cwd=tmp_path).out.splitlines()
    assert out[0] == "bad.txt"
    assert out[1].startswith("  2:15: warning [backyard.russia] 'Russia's backyard'")
    line = next(i for i, s in enumerate(out) if "| Kazakhstan" in s)
    source, caret = out[line], out[line + 1]
    col = source.index("Russia")
    assert caret.index("^") == col
    assert caret.count("^") == len("Russia's backyard")
    assert any(s.strip().startswith("= try: ") for s in out)
    assert out[-1] == "Found 1 problem (1 warning) in 1 file."


def test_concise_format(tmp_path: Path, cli: Callable[..., Any], write: Any) -> None:
    write("bad.txt", LABEL)
    out = cli("check", "--format", "concise", "bad.txt", cwd=tmp_path).out
    assert out.startswith("bad.txt:2:15: warning [backyard.russia] 'Russia's backyard'")
    assert out.count("\n") == 1


def test_json_format_has_the_documented_shape(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    write("bad.txt", "😀 " + LABEL)
    write("bin.txt", "a\0b")
    data = json.loads(cli("check", "-f", "json", "bad.txt", "bin.txt", cwd=tmp_path).out)
    assert data["version"] == 1
    [file] = data["files"]
    assert file["path"] == "bad.txt"
    [f] = file["findings"]
    for key in (
        "rule",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "match",
        "message",
        "replacements",
        "context",
    ):
        assert key in f
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (2, 15, 2, 32)
    assert f["context"] == "use"
    assert f["replacements"][0]
    assert data["errors"] == [{"path": "bin.txt", "message": data["errors"][0]["message"]}]
    assert "binary" in data["errors"][0]["message"]


def test_columns_count_code_points(tmp_path: Path, cli: Callable[..., Any], write: Any) -> None:
    write("emoji.txt", "🇰🇿 中文 Russia's backyard\n")
    data = json.loads(cli("check", "-f", "json", "emoji.txt", cwd=tmp_path).out)
    f = data["files"][0]["findings"][0]
    assert f["column"] == len("🇰🇿 中文 ") + 1


def test_github_format(tmp_path: Path, cli: Callable[..., Any], write: Any) -> None:
    write("bad.txt", LABEL)
    out = cli("check", "-f", "github", "bad.txt", cwd=tmp_path).out
    assert out.startswith(
        "::warning file=bad.txt,line=2,col=15,endLine=2,endColumn=32,"
        "title=backyard-lint backyard.russia::"
    )


def test_stdin_with_a_file_name_picks_the_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]
) -> None:
    import io

    text = "```\nRussia's backyard\n```\nKazakhstan is Russia's backyard.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    result = cli("check", "-f", "concise", "--stdin-filename", "notes.md", "-", cwd=tmp_path)
    assert result.out.splitlines() == [result.out.splitlines()[0]] and result.out.startswith(
        "notes.md:4:15: warning [backyard.russia]"
    )


def test_select_and_ignore_options(demo_cfg: Path, cli: Callable[..., Any], write: Any) -> None:
    write("a.txt", LABEL + "We flew to Bombay.\n")

    def rules(*args: str) -> list[str]:
        out = cli("check", "-f", "json", *args, "a.txt", cwd=demo_cfg).out
        return [f["rule"] for f in json.loads(out)["files"][0]["findings"]]

    assert rules() == ["backyard.russia", "demo.old-city"]
    assert rules("--select", "demo") == ["demo.old-city"]
    assert rules("--ignore", "demo,backyard") == []
    assert rules("--select", "backyard", "--select", "demo.old-city") == [
        "backyard.russia",
        "demo.old-city",
    ]


def test_fix_applies_only_safe_replacements(
    demo_cfg: Path, cli: Callable[..., Any], write: Any
) -> None:
    path = write("a.txt", "BOMBAY and Bombay. " + LABEL)
    before = path.read_text()
    diff = cli("check", "--diff", "a.txt", cwd=demo_cfg)
    assert path.read_text() == before  # --diff writes nothing
    assert "-BOMBAY and Bombay." in diff.out and "+MUMBAI and Mumbai." in diff.out
    result = cli("check", "--fix", "a.txt", cwd=demo_cfg)
    after = path.read_text()
    assert after == before.replace("BOMBAY", "MUMBAI").replace("Bombay", "Mumbai")
    assert "Russia's backyard" in after  # not a safe fix: left alone
    assert result.code == 1  # the unsafe finding is still reported
    assert "Fixed 2 problems." in result.out


def test_show_mentions(tmp_path: Path, cli: Callable[..., Any], write: Any) -> None:
    write("m.txt", 'Analysts reject the label "Russia\'s backyard".\n')
    assert cli("check", "m.txt", cwd=tmp_path).out == "All checks passed!\n"
    assert cli("check", "-q", "m.txt", cwd=tmp_path).out == ""
    result = cli("check", "--show-mentions", "-f", "json", "m.txt", cwd=tmp_path)
    [f] = json.loads(result.out)["files"][0]["findings"]
    assert f["severity"] == "info"
    assert f["context"].startswith(("mention", "negated"))
    assert ": " in f["context"]  # the reason follows the reading
    assert result.code == 0


def test_directories_skip_hidden_and_ignored_folders(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    for name in (
        "docs/a.md",
        "docs/b.rst",
        "docs/c.txt",
        "docs/d.html",
        ".hidden/e.md",
        "node_modules/f.md",
        "vendor/g.md",  # a folder named vendor is prose like any other: no fixed list hides it
        "docs/h.py",
        "docs/i.markdown",
        "docs/j.htm",
        "site/k.md",  # generated output, ignored by .gitignore
    ):
        write(name, "Russia's backyard.\n")
    write(".gitignore", "site/\n")
    data = json.loads(cli("check", "-f", "json", ".", cwd=tmp_path).out)
    paths = sorted(Path(f["path"]).as_posix() for f in data["files"])
    assert paths == [
        "docs/a.md",
        "docs/b.rst",
        "docs/c.txt",
        "docs/d.html",
        "docs/i.markdown",
        "docs/j.htm",
        "vendor/g.md",
    ]
    everything = json.loads(cli("check", "-f", "json", "--no-gitignore", ".", cwd=tmp_path).out)
    assert "site/k.md" in {f["path"] for f in everything["files"]}


def test_rules_and_explain(cli: Callable[..., Any]) -> None:
    listing = cli("rules").out
    assert "backyard.russia" in listing and "warning" in listing
    rules = json.loads(cli("rules", "--format", "json").out)
    russia = next(r for r in rules if r["id"] == "backyard.russia")
    assert russia["patterns"] and russia["sources"] and russia["examples"]
    text = cli("explain", "backyard.russia").out
    assert "emerging-europe.com" in text and "Emerging Europe" in text
    assert "mischaracterisation" in text  # a source quote
    as_json = json.loads(cli("explain", "backyard.russia", "--format", "json").out)
    assert as_json["id"] == "backyard.russia"
    unknown = cli("explain", "no.such-rule")
    assert unknown.code == 2 and "unknown rule 'no.such-rule'" in unknown.err
    assert cli("explain", "directive.unused").code == 0


def test_version_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "backyard_lint", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"backyard-lint {__version__}"


def test_no_command_and_lsp_help(cli: Callable[..., Any]) -> None:
    assert cli().code == 2


def test_a_long_line_is_shown_as_a_window_around_the_label(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    write("long.txt", "word " * 100_000 + "Kazakhstan is Russia's backyard. " + "more " * 100_000)
    out = cli("check", "long.txt", cwd=tmp_path).out
    assert len(out) < 2000
    lines = out.splitlines()
    source = next(s for s in lines if "| …" in s)
    caret = lines[lines.index(source) + 1]
    assert source.endswith("…")
    assert caret.index("^") == source.index("Russia's backyard")
    assert caret.count("^") == len("Russia's backyard")


def test_an_error_about_a_file_name_with_a_newline_stays_on_one_line(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("check", "two\nlines.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "backyard-lint: two\\nlines.txt: no such file or directory\n"


def test_a_deleted_working_folder_gives_one_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys\n"
        f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        "from backyard_lint.cli import main\n"
        "sys.exit(main(['check', 'x.md']))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr == "backyard-lint: the working folder no longer exists\n"


def test_a_folder_named_underscore_does_not_configure_the_working_folder(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    """A regression: the working folder's configuration was looked up from "<cwd>/_", so a real
    folder named "_" with its own configuration changed the exit code."""
    write("doc.md", LABEL)
    write("_/.backyard-lint.yaml", "fail-on: error\n")
    assert cli("check", "doc.md", cwd=tmp_path).code == 1  # a warning, at the default fail-on
    write(".backyard-lint.yaml", "fail-on: error\n")
    assert cli("check", "doc.md", cwd=tmp_path).code == 0  # the working folder's own file


def test_debug_raises_an_internal_error_with_its_traceback(
    tmp_path: Path, cli: Callable[..., Any], write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backyard_lint import pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(pipeline, "format_message", broken)
    # set (off) through monkeypatch before --debug sets it in this process, so that teardown
    # removes it again: the tests after this one must not run in debug mode
    monkeypatch.setenv("BACKYARD_LINT_DEBUG", "0")
    write("doc.md", LABEL)
    # Recorded before --debug sets it, so that the environment is restored after the test
    # (delenv of an absent variable records nothing); "0" is off.
    monkeypatch.setenv("BACKYARD_LINT_DEBUG", "0")
    result = cli("check", "doc.md", cwd=tmp_path)
    assert result.code == 2 and "internal error (ValueError: a bug)" in result.err
    monkeypatch.setenv("BACKYARD_LINT_DEBUG", "0")  # --debug sets it: undone after the test
    with pytest.raises(ValueError, match="a bug"):
        cli("--debug", "check", "doc.md", cwd=tmp_path)
    monkeypatch.delenv("BACKYARD_LINT_DEBUG", raising=False)
    monkeypatch.setenv("BACKYARD_LINT_DEBUG", "1")
    with pytest.raises(ValueError, match="a bug"):
        cli("check", "doc.md", cwd=tmp_path)
