"""The wheel ships the rules, and a non-editable install into a fresh venv works."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    [whl] = out.glob("backyard_lint-*.whl")
    return whl


def test_the_wheel_contains_every_rule_file(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(
        n.removeprefix("backyard_lint/rules/")
        for n in names
        if n.startswith("backyard_lint/rules/") and n.endswith(".yaml")
    )
    in_repo = sorted(
        p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").rglob("*.yaml")
    )
    assert shipped == in_repo
    assert "backyard_lint/py.typed" in names
    assert not any(n.startswith("tests/") for n in names)


def test_the_wheel_contains_every_word_list(wheel: Path) -> None:
    """The classifier's vocabulary is data: every ``readings/vocab/<lang>/*.txt`` ships."""
    names = zipfile.ZipFile(wheel).namelist()
    prefix = "backyard_lint/readings/vocab/"
    shipped = sorted(n.removeprefix(prefix) for n in names if n.startswith(prefix))
    vocab = REPO / "src" / "backyard_lint" / "readings" / "vocab"
    in_repo = sorted(p.relative_to(vocab).as_posix() for p in vocab.rglob("*.txt"))
    assert in_repo and shipped == in_repo


def test_the_command_is_a_script_not_an_entry_point(wheel: Path) -> None:
    """An entry point's wrapper imports ``re`` first (see hatch_build.py); on this platform the
    wheel ships the script and declares no entry point for it."""
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    [script] = [n for n in names if n.endswith(".data/scripts/backyard-lint")]
    text = archive.read(script).decode()
    assert text.startswith("#!python\n")
    assert "import re\n" not in text and "from backyard_lint.entry import run" in text
    # The only entry point is the MkDocs plugin's, none for the command.
    [entry_points] = [n for n in names if n.endswith("entry_points.txt")]
    declared = archive.read(entry_points).decode()
    assert "console_scripts" not in declared
    assert "[mkdocs.plugins]\nbackyard-lint = backyard_lint.mkdocs:BackyardLintPlugin" in declared


def test_a_fresh_venv_install_lints_the_sample(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    tool = str(bin_dir / "backyard-lint")
    assert Path(tool).read_text(encoding="utf-8").startswith(f"#!{bin_dir / 'python'}")
    rules = subprocess.run([tool, "rules"], capture_output=True, text=True, check=True)
    assert "backyard.russia" in rules.stdout
    # Run from outside the checkout, so only the installed copy of the rules can be found.
    result = subprocess.run(
        [tool, "check", "-f", "concise", str(REPO / "samples" / "sample.md")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "[backyard.russia]" in result.stdout
    where = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import backyard_lint.rules as r; print(r.builtin_rules_dir())",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert str(env_dir) in where.stdout  # the packaged rules, not the checkout's
    # pygls is an extra: the plain install has no language server dependencies
    lsp = subprocess.run([tool, "lsp"], capture_output=True, text=True, timeout=60)
    assert lsp.returncode == 2
    assert "pip install 'backyard-lint[lsp]'" in lsp.stderr


def test_a_windows_build_declares_an_entry_point_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    """hatch_build.py's other branch (no Windows machine runs the suite): the metadata gets
    the entry point, which names the script's own function, and the wheel no script."""
    import importlib

    monkeypatch.syspath_prepend(str(REPO))
    hooks = importlib.import_module("hatch_build")
    for windows in (True, False):
        monkeypatch.setattr(hooks, "use_entry_point", lambda windows=windows: windows)
        metadata: dict[str, object] = {}
        hooks.CommandMetadataHook(str(REPO), {}).update(metadata)
        build_data: dict[str, dict[str, str]] = {"shared_scripts": {}}
        build = hooks.CommandBuildHook(str(REPO), {}, None, None, str(REPO), "wheel")
        build.initialize("standard", build_data)
        if windows:
            assert metadata == {"scripts": {"backyard-lint": "backyard_lint.entry:run"}}
            assert build_data["shared_scripts"] == {}
        else:
            assert metadata == {}
            assert build_data["shared_scripts"] == {"scripts/backyard-lint": "backyard-lint"}
    module, _, name = hooks.ENTRY_POINT.partition(":")
    assert callable(getattr(importlib.import_module(module), name))


def test_the_wheel_ships_the_page_and_its_assets(wheel: Path) -> None:
    """``backyard-lint serve`` works offline: every file the page loads is in the wheel, and
    none of them points anywhere else."""
    archive = zipfile.ZipFile(wheel)
    static = REPO / "src" / "backyard_lint" / "web" / "static"
    in_repo = sorted(p.name for p in static.iterdir())
    assert {"index.html", "app.js", "app.css"} <= set(in_repo)
    shipped = sorted(
        n.removeprefix("backyard_lint/web/static/")
        for n in archive.namelist()
        if n.startswith("backyard_lint/web/static/")
    )
    assert shipped == in_repo
    page = archive.read("backyard_lint/web/static/index.html").decode()
    assert 'src="/static/app.js"' in page and 'href="/static/app.css"' in page
    for name in shipped:
        text = archive.read(f"backyard_lint/web/static/{name}").decode()
        assert "http://" not in text and "https://" not in text and "@import" not in text
