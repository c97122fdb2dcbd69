"""The documentation is true when followed: every documented command, configuration and rule
example that can run here is run, as written in the docs."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backyard_lint.config import load
from backyard_lint.project import Project
from backyard_lint.ruleids import check_config
from conftest import current_neovim, run_editor, run_neovim

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SAMPLE = (REPO / "samples" / "sample.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[tuple[str, str]]:
    """(document name, block text) for every fenced block of ``lang`` in the docs."""
    out = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in re.finditer(rf"^```{lang}\n(.*?)^```", text, re.DOTALL | re.MULTILINE):
            out.append((doc.name, m.group(1)))
    return out


def commands() -> list[Any]:
    found = []
    for name, block in blocks("sh"):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if not re.match(r"(cat \S+ \| )?(\.venv/bin/)?backyard-lint ", command):
                continue  # installing, cloning: the packaging tests build and install
            if command.startswith(("backyard-lint lsp", "backyard-lint serve")):
                continue  # a server waits for a client: tests/lsp and the page's tests drive it
            if command.startswith("backyard-lint audit"):
                continue  # an archive on a Dask cluster: tests/audit runs the audit end to end
            found.append(pytest.param(command, id=f"{name}: {command}"))
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small docs project for the documented commands to run in."""
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "sample.md").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("He lives in Kiev.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Notes\n\nKazakhstan is Russia's backyard.\n")
    (tmp_path / "page.md").write_text("The Stans are poor.\n", encoding="utf-8")
    import docx  # the test extra installs python-docx

    word = docx.Document()
    word.add_paragraph("He lives in Kiev now.")
    word.save(str(tmp_path / "article.docx"))
    return tmp_path


@pytest.mark.parametrize("command", commands())
def test_documented_commands_run(command: str, project: Path, cli: Callable[..., Any]) -> None:
    stdin = b""
    if command.startswith("cat "):
        source, _, command = command.partition("|")
        stdin = (project / source.split()[1]).read_bytes()
    argv = shlex.split(command)
    assert argv[0].endswith("backyard-lint")

    def run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "backyard_lint", *args],
            cwd=project,
            input=stdin,
            capture_output=True,
            timeout=120,
            check=False,
        )

    if "--baseline" in argv and "--update-baseline" not in argv:
        run([*argv[1:], "--update-baseline"])  # the documented order: record, then check
    done = run(argv[1:])
    err = done.stderr.decode()
    assert done.returncode in (0, 1), err
    assert "Traceback" not in err and "usage:" not in err, err


def _toml_configs() -> list[Any]:
    return [
        pytest.param(block, id=name)
        for name, block in blocks("toml")
        if "[tool.backyard-lint]" in block
    ]


@pytest.mark.parametrize("block", _toml_configs())
def test_documented_configurations_load(block: str, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text(block, encoding="utf-8")
    for folder in re.findall(r'extra-rules = \["([^"]+)"\]', block):
        (root / folder).mkdir(parents=True)
    for target in re.findall(r'extend = "([^"]+)"', block):
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_text("fail-on: error\n", encoding="utf-8")
    cfg = load(root / "pyproject.toml")
    check_config(cfg, Project().ruleset(cfg.extra_rules))  # every id names a rule


def test_the_documented_rule_loads_and_works(tmp_path: Path, cli: Callable[..., Any]) -> None:
    [(name, rule_yaml)] = [(n, b) for n, b in blocks("yaml") if b.startswith("id: ")]
    assert name == "writing-rules.md"
    folder = tmp_path / "style" / "rules" / "house"
    folder.mkdir(parents=True)
    (folder / "old-city.yaml").write_text(rule_yaml, encoding="utf-8")
    [(_, config)] = [(n, b) for n, b in blocks("toml") if n == "writing-rules.md"]
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    assert "house.old-city" in cli("rules", cwd=tmp_path).out
    assert cli("explain", "house.old-city", cwd=tmp_path).code == 0
    example = yaml.safe_load(rule_yaml)["examples"]["bad"][0]
    (tmp_path / "a.md").write_text(example + "\n", encoding="utf-8")
    found = cli("check", "-f", "json", "--select", "house", "a.md", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(found.out)["files"][0]["findings"]] == ["house.old-city"]
    cli("check", "--fix", "a.md", cwd=tmp_path)
    assert "Mumbai" in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_documented_pre_commit_snippets_are_valid_yaml() -> None:
    snippets = [b for _, b in blocks("yaml") if "backyard-lint" in b and "id:" in b]
    assert snippets
    for block in snippets:
        yaml.safe_load(block.replace("\t", "  "))
    ci = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    [files] = re.findall(r"^\s+files: (.+)$", ci, re.MULTILINE)
    pattern = re.compile(files)
    for name in ("README", "README.md", "docs/CHANGELOG", "a.rst", "b.mdown", "c.txt"):
        assert pattern.search(name), name
    for name in ("setup.py", "data.json"):
        assert not pattern.search(name), name
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook[0]["require_serial"] is True  # one run, one report


def test_every_option_and_key_is_documented() -> None:
    from backyard_lint.cli import build_parser
    from backyard_lint.config import KEYS

    reference = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    check = sub.choices["check"]  # type: ignore[attr-defined]
    for action in check._actions:
        for flag in action.option_strings:
            if flag not in ("-h", "--help"):
                assert f"`{flag}" in reference, f"{flag} is not in docs/configuration.md"
    for key in KEYS:
        assert f"| `{key}` |" in reference, f"configuration key {key} is not documented"
    sources = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py"))
    for variable in set(
        re.findall(r"environ(?:\.get)?\(?\[?\"(BACKYARD_LINT_\w+|NO_COLOR)\"", sources)
    ):
        assert f"`{variable}`" in reference, f"{variable} is not documented"
    import inspect

    from backyard_lint.reporters.json import finding_dict

    fields = re.findall(r'^\s+"(\w+)":', inspect.getsource(finding_dict), re.MULTILINE)
    for field in fields:
        assert f"`{field}`" in reference, f"JSON field {field} is not documented"


NEOVIM_PROBE = r"""
vim.cmd("filetype on")  -- as after a user's init file: the recipe reacts to FileType
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.BYL_FILE))
local bufnr = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(bufnr) >= 2 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(out, { lnum = d.lnum, severity = d.severity })
end
local fh = io.open(vim.env.BYL_OUT, "w")
fh:write(vim.fn.json_encode(out))
fh:close()
vim.cmd("qall!")
"""


def _neovim_recipe(marker: str) -> str:
    editors = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    recipe = next(b for _, b in blocks("lua") if marker in b)
    assert recipe in editors
    return recipe


def _run_recipe(recipe: str, tmp_path: Path, nvim: str | None = None) -> list[tuple[int, int]]:
    """The recipe, with this interpreter's server and ``showMentions`` turned on, on a document
    with a use and a quoted mention: the diagnostics' (line, severity)."""
    server = json.dumps([sys.executable, "-m", "backyard_lint", "lsp"])
    lua = recipe.replace("{ 'backyard-lint', 'lsp' }", "vim.fn.json_decode(vim.env.BYL_CMD)")
    lua = lua.replace("showMentions = false", "showMentions = true")
    doc = tmp_path / "notes.md"
    doc.write_text(
        "Kazakhstan is Russia's backyard.\n\nAnalysts reject the label \"Russia's backyard\".\n",
        encoding="utf-8",
    )
    env = {"BYL_CMD": server, "BYL_FILE": str(doc)}
    result = run_neovim(tmp_path, lua + NEOVIM_PROBE, env, nvim)
    return sorted((d["lnum"], d["severity"]) for d in result)


# the use as a warning; the mention as a hint, which only showMentions makes: settings arrived
SETTINGS_ARRIVED = [(0, 2), (2, 4)]


@pytest.mark.slow
def test_the_plugin_free_neovim_recipe_works_on_debians_neovim(tmp_path: Path) -> None:
    recipe = _neovim_recipe("start_client")
    assert _run_recipe(recipe, tmp_path) == SETTINGS_ARRIVED


@pytest.mark.slow
def test_the_plugin_free_neovim_recipe_works_on_current_neovim(tmp_path: Path) -> None:
    recipe = _neovim_recipe("start_client")
    assert _run_recipe(recipe, tmp_path, current_neovim()) == SETTINGS_ARRIVED


@pytest.mark.slow
def test_the_built_in_config_recipe_works_on_current_neovim(tmp_path: Path) -> None:
    recipe = _neovim_recipe("vim.lsp.enable")
    assert _run_recipe(recipe, tmp_path, current_neovim()) == SETTINGS_ARRIVED


EMACS_PROBE = r"""
(defun byl-probe (file)
  "FILE's major mode, whether eglot manages it, and its diagnostics' lines and types."
  (with-current-buffer (find-file-noselect file)
    (run-hooks 'post-command-hook)  ; as after a command: eglot-ensure connects then
    (let ((deadline (+ (float-time) 30)) (found nil))
      (while (and (< (float-time) deadline) (< (length found) 2))
        (accept-process-output nil 0.1)
        (when (and (eglot-current-server) (bound-and-true-p flymake-mode))
          (flymake-start)
          (setq found (flymake-diagnostics))))
      (vector (symbol-name major-mode) (if (eglot-current-server) "managed" "not managed")
              (vconcat (mapcar (lambda (d) (vector (line-number-at-pos (flymake-diagnostic-beg d))
                                                   (symbol-name (flymake-diagnostic-type d))))
                               found))))))
(with-temp-file (getenv "BYL_OUT")
  (insert (json-encode (vconcat (mapcar #'byl-probe (split-string (getenv "BYL_FILES") ","))))))
(kill-emacs 0)
"""


@pytest.mark.slow
def test_the_emacs_recipe_starts_for_text_and_html_with_the_settings(tmp_path: Path) -> None:
    """The docs' eglot recipe, as written, in Debian's Emacs 28 with Debian's elpa-eglot: the
    server starts for a text file and an HTML file (no markdown-mode here), and the workspace
    settings reach it (``showMentions`` makes a quoted label a note)."""
    import shutil

    emacs = shutil.which("emacs", path=os.defpath)
    assert emacs, "Emacs is needed: apt-get install -y --no-install-recommends emacs-nox elpa-eglot"
    (recipe,) = [b for _, b in blocks("elisp") if "eglot-server-programs" in b]
    server = " ".join(json.dumps(a) for a in [sys.executable, "-m", "backyard_lint", "lsp"])
    lisp = recipe.replace('"backyard-lint" "lsp"', server).replace(":json-false", "t")
    assert lisp != recipe and ":showMentions t" in lisp
    use = "Kazakhstan is Russia's backyard."
    mention = "Analysts reject the label \"Russia's backyard\"."
    (tmp_path / "notes.txt").write_text(f"{use}\n\n{mention}\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(f"<p>{use}</p>\n<p>{mention}</p>\n", encoding="utf-8")
    init = tmp_path / "init.el"
    init.write_text(lisp + EMACS_PROBE, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "BYL_FILES": "notes.txt,page.html"}
    # -q, not -Q: the site files make Debian's elpa packages (eglot) loadable, as for a user
    answer = run_editor(tmp_path, [emacs, "--batch", "-q", "-l", str(init)], env)
    got = [(mode, managed, sorted(map(tuple, d))) for mode, managed, d in answer]
    assert got == [
        ("text-mode", "managed", [(1, "eglot-warning"), (3, "eglot-note")]),
        ("mhtml-mode", "managed", [(1, "eglot-warning"), (2, "eglot-note")]),
    ]


def test_the_readmes_sample_output_is_what_the_command_prints(cli: Callable[..., Any]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ (backyard-lint [^\n]+)\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    args = shlex.split(block.group(1))[1:]
    out = cli(*args, cwd=REPO).out.splitlines()
    shown = [line for line in block.group(2).splitlines() if line != "..."]
    assert all(line in out for line in shown), set(shown) - set(out)
    assert shown[-1] == out[-1]


def test_every_rule_field_is_documented() -> None:
    from backyard_lint.schema import FIELDS

    guide = (REPO / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    for name, field in FIELDS.items():
        assert f"| `{name}` | {'yes' if field[0] else 'no'} |" in guide, name
