"""The MkDocs plugin, through real ``mkdocs build`` runs on a small site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

USE = """\
---
title: Home
---
# Home

Kazakhstan sits in Russia's backyard, the report said plainly.
"""

QUOTE = """\
# About

Leaders in Astana reject the label "Russia's backyard" for their country.
"""


def site(root: Path, plugin: str = "  - backyard-lint\n", **pages: str) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(f"site_name: Demo\nplugins:\n{plugin}", encoding="utf-8")
    for name, text in (pages or {"index": USE}).items():
        (root / "docs" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=180,
    )


def test_a_use_is_a_warning_with_page_line_and_rule_and_fails_strict(tmp_path: Path) -> None:
    result = build(site(tmp_path, index=USE, about=QUOTE), "--strict")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    # line 6 of the file: the front matter counts
    assert "WARNING -  docs/index.md:6:20: backyard.russia: 'Russia's backyard' describes" in out
    assert "about.md" not in out
    assert "Traceback" not in out


def test_a_quotation_passes_strict(tmp_path: Path) -> None:
    result = build(site(tmp_path, index=QUOTE), "--strict")
    assert result.returncode == 0, result.stderr
    assert "backyard" not in result.stdout + result.stderr


def test_options_and_the_projects_configuration(tmp_path: Path) -> None:
    lenient = site(tmp_path / "lenient", "  - backyard-lint:\n      fail_on: error\n")
    result = build(lenient, "--strict")
    assert result.returncode == 0, result.stderr
    assert "INFO    -  docs/index.md:6:20: backyard.russia:" in result.stderr
    ignored = site(tmp_path / "ignored", "  - backyard-lint:\n      ignore: [backyard]\n")
    assert build(ignored, "--strict").returncode == 0
    configured = site(tmp_path / "configured")
    (configured / ".backyard-lint.yaml").write_text("select: [exonym]\n", encoding="utf-8")
    assert build(configured, "--strict").returncode == 0
    chosen = site(tmp_path / "chosen", "  - backyard-lint:\n      select: [backyard]\n")
    (chosen / ".backyard-lint.yaml").write_text("select: [exonym]\n", encoding="utf-8")
    assert build(chosen, "--strict").returncode == 1


def test_bad_settings_are_one_clear_error(tmp_path: Path) -> None:
    bad_option = site(tmp_path / "option", "  - backyard-lint:\n      fail_on: loud\n")
    result = build(bad_option)
    assert result.returncode == 1
    assert "fail_on" in result.stderr and "loud" in result.stderr
    assert "Traceback" not in result.stderr
    bad_file = site(tmp_path / "file")
    (bad_file / ".backyard-lint.yaml").write_text("selct: [x]\n", encoding="utf-8")
    result = build(bad_file)
    assert result.returncode == 1
    assert ".backyard-lint.yaml: key 'selct': unknown key" in result.stderr
    assert "Traceback" not in result.stderr


def test_prose_in_an_admonition_is_linted_at_its_own_column(tmp_path: Path) -> None:
    page = '# Notes\n\n!!! note "Almaty"\n    It sits in Russia\'s backyard.\n'
    result = build(
        site(tmp_path, "  - backyard-lint\nmarkdown_extensions: [admonition]\n", index=page)
    )
    assert "docs/index.md:4:16: backyard.russia:" in result.stderr


def test_every_option_is_documented() -> None:
    from backyard_lint import mkdocs as plugin

    page = (Path(__file__).resolve().parents[1] / "docs/mkdocs.md").read_text(encoding="utf-8")
    names = [name for name, _ in plugin.BackyardLintConfig._schema]
    assert names == ["select", "ignore", "fail_on", "config"]
    for name in names:
        assert f"      {name}: " in page, name
        assert f"          {name}: " in (plugin.__doc__ or ""), name
