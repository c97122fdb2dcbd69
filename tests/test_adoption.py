"""Adopting the linter on a real docs repository (issue 13): settings never silently switch it
off, standard input works as a filter, and the options a ruff or Vale user reaches for."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

LABEL = "Kazakhstan is Russia's backyard.\n"
KIEV = "He lives in Kiev now.\n"
CLEAN = "Nothing to see here.\n"


def run_cli(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "backyard_lint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


# -- 2. settings never silently switch the linter off ------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--select", "backyardd"],
            "--select: unknown rule id or prefix 'backyardd' (did you mean 'backyard'?)",
        ),
        (
            ["--ignore", "exonym.kiew"],
            "--ignore: unknown rule id or prefix 'exonym.kiew' (did you mean 'exonym.kiev'?)",
        ),
    ],
)
def test_an_unknown_id_on_the_command_line_is_an_error(
    tmp_path: Path, cli: Callable[..., Any], args: list[str], message: str
) -> None:
    (tmp_path / "a.md").write_text(LABEL, encoding="utf-8")
    result = cli("check", *args, "a.md", cwd=tmp_path)
    assert result.code == 2
    assert result.err == f"backyard-lint: {message}\n"


@pytest.mark.parametrize(
    ("config", "key", "word"),
    [
        ("select: [backyardd]\n", "select", "backyardd"),
        ("ignore: [stan]\n", "ignore", "stan"),
        ("severity: {exonyms: error}\n", "severity", "exonyms"),
        ("per-file-ignores: {'*.md': [kiev]}\n", "per-file-ignores.*.md", "kiev"),
    ],
)
def test_an_unknown_id_in_the_configuration_is_an_error(
    tmp_path: Path, cli: Callable[..., Any], config: str, key: str, word: str
) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text(LABEL, encoding="utf-8")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2
    assert f"key '{key}': unknown rule id or prefix '{word}' (did you mean '" in result.err
    assert len(result.err.splitlines()) == 1


def test_families_and_prefixes_agree(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "a.md").write_text(
        "The former Soviet republics trade.\nThe post-Soviet states trade.\n", encoding="utf-8"
    )
    result = cli("check", "-f", "json", "--select", "post-soviet", "a.md", cwd=tmp_path)
    rules = {f["rule"] for f in json.loads(result.out)["files"][0]["findings"]}
    assert rules == {"post-soviet.region", "former-soviet.region"}


def test_fail_on_applies_per_file(tmp_path: Path, cli: Callable[..., Any]) -> None:
    strict = tmp_path / "strict"
    lax = tmp_path / "lax"
    for folder, fail_on in ((strict, "warning"), (lax, "error")):
        folder.mkdir()
        (folder / ".backyard-lint.yaml").write_text(f"fail-on: {fail_on}\n", encoding="utf-8")
        (folder / "a.md").write_text(LABEL, encoding="utf-8")
    # The same run gives the same answer from any folder: each file has its own threshold.
    assert cli("check", "lax", cwd=tmp_path).code == 0
    assert cli("check", "lax", "strict", cwd=tmp_path).code == 1
    assert cli("check", ".", cwd=lax).code == 0
    assert cli("check", "../lax", cwd=strict).code == 0


def test_extend_merges_a_shared_configuration(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "org.yaml").write_text(
        "ignore: [exonym]\nexclude: [drafts]\nfail-on: error\n", encoding="utf-8"
    )
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(
        '[tool.backyard-lint]\nextend = "../org.yaml"\nextend-exclude = ["old"]\n'
        'fail-on = "warning"\n',
        encoding="utf-8",
    )
    (repo / "a.md").write_text(KIEV + LABEL, encoding="utf-8")
    (repo / "drafts" / "b.md").write_text(LABEL, encoding="utf-8")
    result = cli("check", "-f", "json", ".", cwd=repo)
    files = json.loads(result.out)["files"]
    assert [f["path"] for f in files] == ["a.md"]  # drafts/ excluded by the shared file
    assert [f["rule"] for f in files[0]["findings"]] == ["backyard.russia"]  # exonym ignored
    assert result.code == 1  # this file's fail-on replaces the shared one
    shown = cli("check", "--show-settings", "a.md", cwd=repo).out
    assert f'ignore = ["exonym"]  # {tmp_path / "org.yaml"}' in shown
    assert f'fail-on = "warning"  # {repo / "pyproject.toml"}' in shown
    assert 'exclude = ["drafts", "old"]' in shown
    assert "show-mentions = false  # default" in shown


def test_an_extend_cycle_is_an_error(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text("extend: other.yaml\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text("extend: .backyard-lint.yaml\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(LABEL, encoding="utf-8")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and "extends itself in a cycle" in result.err


def test_show_settings_says_where_each_value_came_from(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text(
        "select: [backyard, exonym]\nper-file-ignores: {'docs/**': [exonym.kiev]}\n",
        encoding="utf-8",
    )
    result = cli(
        "check",
        "--show-settings",
        "docs/a.md",
        "--ignore",
        "backyard.china",
        "-f",
        "json",
        cwd=tmp_path,
    )
    table = json.loads(result.out)
    assert table["configuration"] == str(tmp_path / ".backyard-lint.yaml")
    assert table["select"] == {"value": ["backyard", "exonym"], "from": table["configuration"]}
    assert table["ignore"] == {
        "value": ["backyard.china", "exonym.kiev"],
        "from": f"command line and per-file-ignores ({table['configuration']})",
    }
    assert table["per-file-ignores applied"]["value"] == ["docs/**"]
    assert "exonym.kiev" not in table["rules enabled"]
    assert table["format"] == "markdown"


def test_extensions_map_to_formats(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text("extensions: {mdx: markdown}\n", encoding="utf-8")
    (tmp_path / "a.mdx").write_text("`Russia's backyard` in code.\n\n" + LABEL, encoding="utf-8")
    result = cli("check", "-f", "json", "a.mdx", cwd=tmp_path)
    findings = json.loads(result.out)["files"][0]["findings"]
    assert [f["line"] for f in findings] == [3]  # read as Markdown: the code span is not prose
    bad = cli("check", "a.mdx", cwd=tmp_path / "sub" if False else tmp_path)
    assert bad.code == 1


# -- 3. standard input as a filter ------------------------------------------------------------


def test_stdin_fix_writes_only_the_text_to_stdout(tmp_path: Path) -> None:
    done = run_cli("check", "--fix", "-", cwd=tmp_path, stdin=(KIEV + LABEL).encode())
    assert done.stdout == (KIEV.replace("Kiev", "Kyiv") + LABEL).encode()
    assert b"backyard.russia" in done.stderr and b"exonym.kiev" not in done.stderr
    assert done.returncode == 1  # what remains fails
    done = run_cli("check", "--fix", "-", cwd=tmp_path, stdin=KIEV.encode())
    assert done.stdout == KIEV.replace("Kiev", "Kyiv").encode()
    assert done.returncode == 0  # nothing remains


@pytest.mark.parametrize(
    ("data", "args"),
    [
        (b"He lives in Kiev.\xff\n", []),  # not UTF-8
        (b"He lives in Kiev.\0\n", []),  # binary
        (KIEV.encode(), ["--config", "missing.yaml"]),  # a configuration error
    ],
)
def test_stdin_fix_gives_the_input_back_unchanged_on_any_error(
    tmp_path: Path, data: bytes, args: list[str]
) -> None:
    done = run_cli("check", "--fix", *args, "-", cwd=tmp_path, stdin=data)
    assert done.stdout == data
    assert done.stderr.count(b"\n") >= 1


def test_stdin_filename_applies_per_file_ignores_and_force_exclude(tmp_path: Path) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text(
        "exclude: [vendor/]\nper-file-ignores: {'notes/*.md': [exonym]}\n", encoding="utf-8"
    )
    args = ["check", "-f", "concise", "-"]
    done = run_cli(*args, "--stdin-filename", "notes/a.md", cwd=tmp_path, stdin=KIEV.encode())
    assert done.returncode == 0 and done.stdout == b"All checks passed!\n"
    done = run_cli(*args, "--stdin-filename", "vendor/a.md", cwd=tmp_path, stdin=KIEV.encode())
    assert done.returncode == 1  # exclude needs --force-exclude for standard input, as in ruff
    done = run_cli(
        *args,
        "--stdin-filename",
        "vendor/a.md",
        "--force-exclude",
        cwd=tmp_path,
        stdin=KIEV.encode(),
    )
    assert done.returncode == 0 and b"exonym" not in done.stdout


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github", "sarif", "proselint"])
def test_diff_prints_a_clean_patch_and_nothing_else(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "a.md").write_text(KIEV + LABEL, encoding="utf-8")
    done = run_cli("check", "--diff", "-f", fmt, "a.md", cwd=tmp_path)
    assert done.stdout.decode() == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n-He lives in Kiev now.\n"
        "+He lives in Kyiv now.\n Kazakhstan is Russia's backyard.\n"
    )
    patch = tmp_path / "fix.patch"
    patch.write_bytes(done.stdout)
    subprocess.run(["git", "apply", "--unsafe-paths", str(patch)], cwd=tmp_path, check=True)
    assert "Kyiv" in (tmp_path / "a.md").read_text(encoding="utf-8")


# -- 4. what a ruff or Vale user expects -------------------------------------------------------


def test_output_format_alias_statistics_quiet_and_the_all_pass_line(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    (tmp_path / "a.md").write_text(KIEV + LABEL + KIEV, encoding="utf-8")
    (tmp_path / "ok.md").write_text(CLEAN, encoding="utf-8")
    concise = cli("check", "--output-format", "concise", "a.md", cwd=tmp_path).out
    assert concise.splitlines()[0].startswith("a.md:1:13: warning [exonym.kiev]")
    stats = cli("check", "--statistics", "a.md", cwd=tmp_path).out.splitlines()
    assert [line.split() for line in stats] == [
        ["2", "exonym.kiev", "[*]", "2", "fixable"],
        ["1", "backyard.russia"],
    ]
    quiet = cli("check", "-q", "a.md", cwd=tmp_path).out
    assert "Found" not in quiet and "exonym.kiev" in quiet
    assert cli("check", "ok.md", cwd=tmp_path).out == "All checks passed!\n"
    assert cli("check", "-q", "ok.md", cwd=tmp_path).out == ""


def test_no_files_is_a_warning(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("check", "empty", cwd=tmp_path)
    assert result.code == 0
    assert result.err == "backyard-lint: warning: no files to lint found in empty\n"


def test_exit_non_zero_on_fix(tmp_path: Path, cli: Callable[..., Any]) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(KIEV, encoding="utf-8")
    assert cli("check", "--fix", "a.md", cwd=tmp_path).code == 0
    doc.write_text(KIEV, encoding="utf-8")
    assert cli("check", "--fix", "--exit-non-zero-on-fix", "a.md", cwd=tmp_path).code == 1
    assert cli("check", "--fix", "--exit-non-zero-on-fix", "a.md", cwd=tmp_path).code == 0


def test_output_is_sorted_by_path(tmp_path: Path, cli: Callable[..., Any]) -> None:
    for name in ("b.md", "a.md", "c/z.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(LABEL, encoding="utf-8")
    out = cli("check", "-f", "concise", "c", "b.md", "a.md", cwd=tmp_path).out
    assert [line.split(":")[0] for line in out.splitlines()] == ["a.md", "b.md", "c/z.md"]


def test_a_baseline_accepts_existing_findings_and_fails_new_ones(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    doc = tmp_path / "docs" / "a.md"
    doc.parent.mkdir()
    doc.write_text("Intro.\n\n" + LABEL, encoding="utf-8")
    base = tmp_path / "baseline.json"
    made = cli("check", "--baseline", str(base), "--update-baseline", "docs", cwd=tmp_path)
    assert made.code == 0 and "baseline written: 1 finding" in made.err
    stored = json.loads(base.read_text(encoding="utf-8"))
    assert stored["findings"][0]["path"] == "docs/a.md"
    assert "backyard" not in json.dumps(stored).replace("backyard.russia", "")  # no prose
    # Lines added above it do not matter; from another folder it still applies.
    doc.write_text("Intro.\n\nMore.\n\n" + LABEL, encoding="utf-8")
    ok = cli("check", "--baseline", str(base), ".", cwd=tmp_path / "docs")
    assert ok.code == 0 and "1 accepted finding in the baseline." in ok.out
    doc.write_text("Intro.\n\n" + LABEL + KIEV, encoding="utf-8")
    new = cli("check", "-f", "concise", "--baseline", str(base), "docs", cwd=tmp_path)
    assert new.code == 1
    assert [line.split(" [")[1].split("]")[0] for line in new.out.splitlines()] == ["exonym.kiev"]
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    bad = cli("check", "--baseline", str(broken), "docs", cwd=tmp_path)
    assert bad.code == 2 and bad.err.startswith(f"backyard-lint: {broken}: cannot read")


# -- 5. bad input and small defects ------------------------------------------------------------


def test_reasons_are_not_repeated(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "a.md").write_text(
        "According to Moscow, Kazakhstan is Russia's backyard.\n", encoding="utf-8"
    )
    out = cli("check", "--show-mentions", "-f", "concise", "a.md", cwd=tmp_path).out
    assert "(attributed: 'According to Moscow')" in out
    assert "attributed: attributed" not in out


def test_the_summary_counts_add_up(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "a.md").write_text(
        LABEL + 'Analysts reject the label "Russia\'s backyard".\n', encoding="utf-8"
    )
    (tmp_path / "m.md").write_text('They reject "the Stans" as a label.\n', encoding="utf-8")
    out = cli("check", "--show-mentions", "a.md", "m.md", cwd=tmp_path).out
    assert out.splitlines()[-1] == (
        "Found 1 problem (1 warning) in 1 file. 2 mentions not reported (info)."
    )


@pytest.mark.parametrize("jobs", ["0", "-1", "x"])
def test_jobs_must_be_positive(tmp_path: Path, cli: Callable[..., Any], jobs: str) -> None:
    result = cli("check", f"--jobs={jobs}", ".", cwd=tmp_path)
    assert result.code == 2 and "argument --jobs/-j" in result.err


def test_an_unknown_option_prints_the_subcommands_usage(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("check", "--bogus", ".", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("usage: backyard-lint check")
    assert "backyard-lint check: error: unrecognized arguments: --bogus" in result.err


def test_explain_suggests_the_nearest_rule(tmp_path: Path, cli: Callable[..., Any]) -> None:
    result = cli("explain", "kiev", cwd=tmp_path)
    assert result.code == 2
    assert "did you mean 'exonym.kiev'?" in result.err


# -- 4. the walk: .gitignore, include, extensions ----------------------------------------------


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(KIEV, encoding="utf-8")


def _walked(cli: Callable[..., Any], cwd: Path, *args: str) -> list[str]:
    out = cli("check", "-f", "json", *args, ".", cwd=cwd).out
    return sorted(f["path"] for f in json.loads(out)["files"])


def test_the_walk_respects_gitignore_as_git_does(tmp_path: Path, cli: Callable[..., Any]) -> None:
    repo = tmp_path / "repo"
    (repo / ".git" / "info").mkdir(parents=True)
    (repo / ".git" / "info" / "exclude").write_text("private.md\n", encoding="utf-8")
    (repo / ".gitignore").write_text(
        "# generated\nsite/\n/public\n*.gen.md\n!keep.gen.md\ndocs/**/draft-*.md\n",
        encoding="utf-8",
    )
    _tree(
        repo,
        [
            "a.md",
            "private.md",
            "site/i.md",
            "public/p.md",
            "docs/public/ok.md",
            "x.gen.md",
            "docs/keep.gen.md",
            "docs/sub/draft-1.md",
            "docs/sub/b.md",
            "build/b.md",
            "target/t.md",
            "env/e.md",
        ],
    )
    (repo / "docs" / ".gitignore").write_text("sub/b.md\n", encoding="utf-8")
    assert _walked(cli, repo) == [
        "a.md",
        "build/b.md",
        "docs/keep.gen.md",
        "docs/public/ok.md",
        "env/e.md",
        "target/t.md",
    ]
    # From a sub-folder, the repository's .gitignore files above it still apply.
    assert _walked(cli, repo / "docs") == ["keep.gen.md", "public/ok.md"]
    assert len(_walked(cli, repo, "--no-gitignore")) == 12


def test_include_and_extensions_add_files_to_the_walk(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text(
        "include: ['*.adoc']\nextensions: {mdx: markdown, qmd: markdown}\n", encoding="utf-8"
    )
    _tree(tmp_path, ["a.md", "b.mdx", "c.qmd", "d.adoc", "e.py"])
    assert _walked(cli, tmp_path) == ["a.md", "b.mdx", "c.qmd", "d.adoc"]


def test_exclude_replaces_the_default_and_extend_exclude_adds(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    _tree(tmp_path, ["a.md", "node_modules/n.md", "old/o.md"])
    assert _walked(cli, tmp_path) == ["a.md", "old/o.md"]
    (tmp_path / ".backyard-lint.yaml").write_text("extend-exclude: [old]\n", encoding="utf-8")
    assert _walked(cli, tmp_path) == ["a.md"]
    (tmp_path / ".backyard-lint.yaml").write_text("exclude: [old]\n", encoding="utf-8")
    assert _walked(cli, tmp_path) == ["a.md", "node_modules/n.md"]


@pytest.mark.parametrize(
    "args",
    [
        ["--fix", "-", "--bogus"],  # a usage error
        ["--fix", "-", "--jobs", "0"],
        ["--fix", "--stdin-filename", "vendor/a.md", "--force-exclude"],  # excluded
        ["--fix", "-", "--select", "backyardd"],  # an unknown rule id
    ],
)
def test_the_filter_gives_the_input_back_whatever_goes_wrong(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text("exclude: [vendor/]\n", encoding="utf-8")
    done = run_cli("check", *args, cwd=tmp_path, stdin=KIEV.encode())
    assert done.stdout == KIEV.encode()
