"""The fast path may only ever say "nothing to report", and only when the full CLI agrees."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from backyard_lint import entry
from backyard_lint.cli import main as full_main
from backyard_lint.core.probe import may_configure
from backyard_lint.rules import builtin_rules_dir, load_rules

CLEAN = "# Notes\n\nThe committee met on Tuesday to talk about gardens and trains.\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean tree in a folder without configuration, a warm private rule cache, cwd there."""
    monkeypatch.setenv("BACKYARD_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BACKYARD_LINT_NO_CACHE", raising=False)
    load_rules([builtin_rules_dir()])  # fills the cache
    root = tmp_path / "work"
    names = ("a.md", "sub/b.rst", "sub/deeper/c.txt", "d.html", ".hidden/e.md", "vendor/f.md")
    for rel in names:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


PASSED = "All checks passed!\n"  # what a clean run prints, on either path


def _full(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = full_main(args)
    out, err = capsys.readouterr()
    return int(code), out, err


def test_a_clean_tree_is_answered_by_the_fast_path_and_the_full_cli_agrees(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["check", "."],
        ["check", "a.md", "sub"],
        ["check", "--exit-zero", "--jobs", "2", "--color=never", "-f", "concise", "."],
        ["check", "--", "a.md"],
    ):
        assert entry.clean_check(args), args
        assert _full(args, capsys) == (0, PASSED, ""), args


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("use.md", "Investors keep flocking to Russia's backyard for uranium.\n"),
        ("quoted.md", "Critics reject the label 'Russia's backyard' as colonial.\n"),  # a hit
        ("directive.md", "<!-- backyard-lint: disable -->\nCalm.\n"),
        ("bom.md", "\ufeff" + CLEAN),
        ("utf16.txt", CLEAN.encode("utf-16").decode("latin-1")),
        ("latin1.md", "Caf\xe9 au lait.\n".encode("latin-1").decode("latin-1")),
        ("nul.txt", "a\0b\n"),
    ],
)
def test_anything_the_full_path_might_report_is_left_to_it(
    tree: Path, name: str, content: str
) -> None:
    path = tree / "sub" / name
    if name in ("utf16.txt", "latin1.md"):
        path.write_bytes(content.encode("latin-1"))
    else:
        path.write_text(content, encoding="utf-8")
    assert not entry.clean_check(["check", "."])
    assert entry.clean_check(["check", "a.md"])  # other files are still clean


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".backyard-lint.yaml", "ignore: [backyard]\n"),
        (".backyard-lint.yml", "ignore: [backyard]\n"),
        ("pyproject.toml", "[tool.backyard-lint]\nignore = ['backyard']\n"),
    ],
)
def test_a_configuration_anywhere_above_hands_over(tree: Path, name: str, text: str) -> None:
    (tree / "sub" / name).write_text(text, encoding="utf-8")
    assert not entry.clean_check(["check", "sub/b.rst"])
    assert entry.clean_check(["check", "a.md"])  # its folder and those above have none
    (tree / name).write_text(text, encoding="utf-8")
    assert not entry.clean_check(["check", "a.md"])


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check"],
        ["check", "-"],
        ["check", "--fix", "a.md"],
        ["check", "--diff", "a.md"],
        ["check", "--format", "json", "a.md"],
        ["check", "--select", "backyard", "a.md"],
        ["check", "--jobs", "two", "a.md"],
        ["check", "--config", "x.yaml", "a.md"],
        ["check", "--with-proselint", "a.md"],
        ["check", "--show-mentions", "a.md"],
        ["check", "--help"],
        ["check", "missing.md"],
        ["rules"],
        ["--version"],
    ],
)
def test_other_commands_and_options_hand_over(tree: Path, args: list[str]) -> None:
    assert not entry.clean_check(args)


def test_a_changed_rule_file_or_a_cold_cache_hands_over(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert entry.clean_check(["check", "a.md"])
    monkeypatch.setenv("BACKYARD_LINT_CACHE_DIR", str(tmp_path / "empty-cache"))
    assert not entry.clean_check(["check", "a.md"])
    monkeypatch.setenv("BACKYARD_LINT_NO_CACHE", "1")
    assert not entry.clean_check(["check", "a.md"])


def test_a_rule_file_that_differs_from_the_cache_hands_over(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edited, added and removed rule files: the fast path hands over until the full path has
    read the rules again and rewritten the cache."""
    import shutil
    import time

    from backyard_lint import rulecache

    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    monkeypatch.setattr(rulecache, "builtin_rules_folder", lambda: str(rules))
    load_rules([builtin_rules_dir()])
    assert entry.clean_check(["check", "a.md"])

    def changed() -> None:
        time.sleep(0.01)  # a new modification time even on a coarse clock
        assert not entry.clean_check(["check", "a.md"])
        load_rules([builtin_rules_dir()])
        assert entry.clean_check(["check", "a.md"])

    rule = rules / "stans" / "the-stans.yaml"
    rule.write_text(rule.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    changed()
    # the same size, and the modification time set back: the status-change time still moved
    before = rule.stat()
    rule.write_text(rule.read_text(encoding="utf-8").replace("# edited", "# EDITED"), "utf-8")
    os.utime(rule, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert rule.stat().st_size == before.st_size
    changed()
    (rules / "stans" / "notes.yaml.txt").write_text("x", encoding="utf-8")  # not a rule file
    changed()  # its folder changed all the same
    extra = rules / "stans" / "copy.yaml"
    text = rule.read_text(encoding="utf-8").replace("id: stans.the-stans", "id: stans.copy")
    extra.write_text(text, encoding="utf-8")
    changed()
    extra.unlink()
    changed()


def test_large_inputs_go_to_the_full_path(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over SCAN_LIMIT bytes in all, the fast path hands over without reading a file."""
    monkeypatch.setattr(entry, "SCAN_LIMIT", 2 * len(CLEAN))
    assert entry.clean_check(["check", "a.md"])
    read: list[str] = []
    real = entry.plain_bytes
    monkeypatch.setattr(
        entry, "plain_bytes", lambda path, *a, **k: read.append(path) or real(path, *a, **k)
    )
    assert not entry.clean_check(["check", "."])
    assert read == []
    assert entry.clean_check(["check", "a.md"]) and read == ["a.md"]


def test_the_walk_takes_the_formats_suffixes_and_skips_what_it_should(tree: Path) -> None:
    from backyard_lint.inputs import walk

    (tree / "sub" / "notes.py").write_text("x = 1\n", encoding="utf-8")
    (tree / "sub" / "UPPER.MD").write_text(CLEAN, encoding="utf-8")
    (tree / "sub" / "old.mkd").write_text(CLEAN, encoding="utf-8")
    (tree / "sub" / "page.xhtml").write_text(CLEAN, encoding="utf-8")
    (tree / "build").mkdir()
    (tree / "build" / "g.md").write_text(CLEAN, encoding="utf-8")
    (tree / "node_modules").mkdir()
    (tree / "node_modules" / "h.md").write_text(CLEAN, encoding="utf-8")
    (tree / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tree / "sub" / "loop").symlink_to(tree / "sub")
    found = [name for name, _ in walk([Path()])]

    def walk_order(path: str) -> list[tuple[int, str]]:  # a folder's files, then its folders
        *folders, name = path.split("/")
        return [(1, f) for f in folders] + [(0, name)]

    assert found == sorted(found, key=walk_order)
    assert {"a.md", "sub/UPPER.MD", "sub/old.mkd", "sub/page.xhtml"} <= set(found)
    assert not any(
        p.startswith(("build/", "node_modules/")) or "loop" in p or p.endswith(".py")
        for p in found
    )
    assert "build/g.md" in {name for name, _ in walk([Path()], gitignore=False)}


def test_the_prefilter_finds_what_a_set_of_every_trigger_finds(tree: Path) -> None:
    """The prefilter (literals first, then only the triggers a text needs) finds exactly the
    triggers a set of every trigger finds: on every rule's
    examples, their markup and case variants, the hand-labelled sentences and the Rust book."""
    import json

    from backyard_lint.core.prefilter import PREFILTER_MAX_MEM, Prefilter, compile_set, load_re2
    from conftest import ruleset_for, shared

    ruleset = ruleset_for()
    data = entry._quick_data()
    assert data["triggers"] == ruleset.triggers  # the engine's patterns, in its order
    prefilter = Prefilter(data["triggers"], data)
    every = compile_set(load_re2(), data["triggers"], PREFILTER_MAX_MEM)
    texts = [
        "Russia's <em>backyard</em>",
        "Russia's **backyard**",
        "> Investors flock to Russia's\n> backyard for uranium.",
        "the <b>near</b> abroad",
    ]
    for rule in ruleset.rules:
        for text in (*rule.examples_bad, *rule.examples_good):
            texts += [text, text.upper(), text.replace(" ", "\u00a0"), text.replace(" ", " *", 1)]
    corpus = shared("corpus")
    for line in (corpus / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    texts += [p.read_text(encoding="utf-8") for p in sorted((corpus / "rust-book").glob("*.md"))]
    hits = 0
    for text in texts:
        expected = sorted(every.Match(text.encode()))
        assert prefilter.hits(text.encode()) == expected, text[:200]
        assert prefilter.triggered(text.encode()) == bool(expected), text[:200]
        assert bool(ruleset.prefilter(text)) == bool(expected), text[:200]
        expected = bool(expected)
        hits += expected
    assert hits > 200
    assert prefilter.triggered(b"Russia's <em>backyard</em>")
    assert not prefilter.triggered(b"clean")


@pytest.mark.parametrize("where", [0, 3, 6])
def test_a_trigger_or_a_non_plain_file_anywhere_hands_over(tree: Path, where: int) -> None:
    names = [f"f{i}.md" for i in range(7)]
    for name in names:
        (tree / name).write_text(CLEAN, encoding="utf-8")
    assert entry.clean_check(["check", *names])
    (tree / names[where]).write_text(CLEAN + "Russia's backyard.\n", encoding="utf-8")
    assert not entry.clean_check(["check", *names])
    (tree / names[where]).write_bytes(b"\xff\xfe" + CLEAN.encode("utf-16-le"))
    assert not entry.clean_check(["check", *names])


def test_the_console_script_answers_without_importing_the_cli(
    tree: Path, write: Callable[[str, str], Path]
) -> None:
    probe = (
        "import sys\n"
        "from backyard_lint.entry import main\n"
        "code = main(['check', 'a.md'])\n"
        "heavy = sorted(m for m in ('argparse', 'dataclasses', 'yaml',"
        " 'backyard_lint.cli', 'backyard_lint.model') if m in sys.modules)\n"
        "print(int(code), heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=True,
    )
    assert done.stdout == PASSED + "0 []\n", done.stdout + done.stderr


def test_the_installed_command_answers_a_clean_run_with_few_imports(tree: Path) -> None:
    """The command (the script beside this interpreter) loads RE2's compiled module and little
    else: not ``re`` (an entry point's wrapper would import it), not the ``re2`` package."""
    command = Path(sys.executable).with_name("backyard-lint")
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    env.pop("BACKYARD_LINT_NO_FASTPATH", None)

    def imports(args: list[str]) -> set[str]:
        done = subprocess.run(args, capture_output=True, text=True, env=env)
        assert done.returncode == 0 and done.stdout in ("", PASSED), done.stderr[-2000:]
        return {
            line.split("|")[-1].strip()
            for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }

    # beyond what this interpreter's start-up imports (site hooks vary between machines)
    imported = imports([str(command), "check", "a.md", "sub"]) - imports([sys.executable, "-c", ""])
    assert "backyard_lint.entry" in imported
    assert not imported & {"re", "re2", "argparse", "typing", "backyard_lint.cli"}, imported
    # ... and a run with a finding takes the full path from the same command
    (tree / "use.md").write_text("Investors flock to Russia's backyard.\n", encoding="utf-8")
    done = subprocess.run(
        [str(command), "check", "--format", "concise", "use.md"], capture_output=True, text=True
    )
    assert done.returncode == 1 and "backyard.russia" in done.stdout, done.stderr


def test_the_console_script_falls_back_to_the_full_cli(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "use.md").write_text("Investors flock to Russia's backyard.\n", encoding="utf-8")
    assert entry.main(["check", "--format", "concise", "use.md"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("use.md:1:") and "backyard.russia" in out
    assert entry.main(["check", "a.md"]) == 0
    assert capsys.readouterr() == (PASSED, "")


@pytest.mark.parametrize(
    "text",
    [
        '[tool.backyard-lint]\nselect = ["backyard"]\n',
        '[tool."backyard-lint"]\nselect = ["backyard"]\n',
        '[ tool . "backyard-lint" ]\n',
        '[tool]\nbackyard-lint = { select = ["backyard"] }\n',
        '[tool]\n"backyard-lint".select = ["backyard"]\n',
        "[tool.black]\nline-length = 99\n[tool]  # more tools\n  backyard-lint.ignore = []\n",
        'tool.backyard-lint.select = ["backyard"]\n',
        'tool = { backyard-lint = { select = ["backyard"] } }\n',
        "[[tool.backyard-lint.overrides]]\nx = 1\n",
        '[project]\nname = "backyard-lint"\n',
        '[project.scripts]\nbackyard-lint = "backyard_lint.entry:main"\n',
        '[project]\ndependencies = [\n  "backyard-lint>=0.1",\n]\n',
        '[tool.pytest.ini_options]\naddopts = "-p backyard-lint"\n',
        '[project.urls]\nDocs = "https://example.org/backyard-lint"\n',
    ],
)
def test_pyproject_check_never_misses_a_tool_table(text: str) -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    has_table = "backyard-lint" in tomllib.loads(text).get("tool", {})
    assert may_configure(text.encode()) == has_table, text
