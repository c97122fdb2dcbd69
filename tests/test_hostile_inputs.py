"""Hostile configurations, rule files and documents end in one line naming the file, never a
traceback, a hang or a blown memory: YAML alias bombs, deep nesting, invalid or pathological
globs, non-text encodings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import re2
import yaml

from backyard_lint.config import glob_match
from backyard_lint.yamlsafe import MAX_DEPTH, MAX_NODES, YamlLimit
from backyard_lint.yamlsafe import load as yaml_load


def alias_bomb(levels: int = 9) -> str:
    """``levels`` anchors, each a list of nine aliases of the previous: 9**levels values."""
    out = ['l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, levels):
        out.append(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]")
    return "\n".join(out) + "\n"


def one_line(result: Any, *parts: str) -> str:
    assert result.code == 2, result
    assert "Traceback" not in result.err
    [line] = result.err.splitlines()
    for part in parts:
        assert part in line, line
    return str(line)


def test_the_loader_bounds_expansion_depth_and_cycles() -> None:
    with pytest.raises(YamlLimit, match="expands to more than"):
        yaml_load(alias_bomb())
    with pytest.raises(YamlLimit, match="nested more than"):
        yaml_load("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    with pytest.raises(YamlLimit, match="refers to the collection that contains it"):
        yaml_load("a: &a [1, *a]\n")
    # within bounds, shared anchors load as PyYAML loads them
    assert yaml_load("a: &a [1, 2]\nb: *a\n") == {"a": [1, 2], "b": [1, 2]}
    assert yaml_load(alias_bomb(4)) == yaml.safe_load(alias_bomb(4))  # 9**4 < MAX_NODES
    assert 9**4 < MAX_NODES < 9**9


def test_an_alias_bomb_in_a_configuration(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text(alias_bomb() + "select: *l8\n", "utf-8")
    (tmp_path / "doc.txt").write_text("Nothing.\n", encoding="utf-8")
    one_line(cli("check", "doc.txt", cwd=tmp_path), ".backyard-lint.yaml", "expands to more")


def test_an_alias_bomb_in_a_rule_file(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "rules" / "house").mkdir(parents=True)
    (tmp_path / "rules" / "house" / "bomb.yaml").write_text(
        alias_bomb() + "id: house.bomb\nexplanation: *l8\n", encoding="utf-8"
    )
    (tmp_path / ".backyard-lint.yaml").write_text("extra-rules: [rules]\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Nothing.\n", encoding="utf-8")
    one_line(cli("check", "doc.txt", cwd=tmp_path), "bomb.yaml", "expands to more")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".backyard-lint.yaml", "select: " + "[" * 5000 + "]" * 5000 + "\n"),
        (".backyard-lint.yaml", "select: " + "[" * 500 + "]" * 500 + "\n"),
        ("pyproject.toml", "[tool.backyard-lint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n"),
    ],
)
def test_deeply_nested_configuration(
    tmp_path: Path, cli: Callable[..., Any], name: str, text: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Nothing.\n", encoding="utf-8")
    one_line(cli("check", "doc.txt", cwd=tmp_path), name)


def test_restructuredtext_thousands_of_levels_deep(tmp_path: Path, cli: Callable[..., Any]) -> None:
    deep = "".join("   " * i + ".. note::\n\n" for i in range(3000))
    (tmp_path / "deep.rst").write_text(deep + "   " * 3000 + "Russia's backyard.\n", "utf-8")
    line = one_line(cli("check", "deep.rst", cwd=tmp_path), "deep.rst")
    assert line.endswith("markup nested too deeply to read; not linted")


@pytest.mark.parametrize("glob", ["[z-a]", "docs/[z-a]*.md"])
def test_an_invalid_glob_is_a_configuration_error(
    tmp_path: Path, cli: Callable[..., Any], glob: str
) -> None:
    for key in ("exclude", "per-file-ignores"):
        value = [glob] if key == "exclude" else {glob: ["backyard"]}
        (tmp_path / ".backyard-lint.yaml").write_text(yaml.safe_dump({key: value}), "utf-8")
        (tmp_path / "doc.txt").write_text("Nothing.\n", encoding="utf-8")
        one_line(cli("check", "doc.txt", cwd=tmp_path), ".backyard-lint.yaml", key, glob)


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        ("*.md", "docs/a.md", True),
        ("docs/*.md", "docs/sub/a.md", False),
        ("docs/**/*.md", "docs/sub/a.md", True),
        ("[!a]b", "cb", True),
        ("[!a]b", "ab", False),
        ("[]]x", "]x", True),
        ("a\\b", "a\\b", True),
        ("[a^]", "^", True),
        ("*a*a*a*a*a*a*a*a*a*a*b", "a" * 3000 + "/" + "a" * 3000, False),
    ],
)
def test_globs_match_as_documented_in_linear_time(glob: str, path: str, expected: bool) -> None:
    from backyard_lint.globs import compile_glob

    assert isinstance(compile_glob(glob), re2._Regexp)  # RE2: no backtracking
    assert glob_match(glob, path) is expected


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "no-such-codec"])
def test_an_encoding_that_cannot_read_text_is_a_usage_error(
    tmp_path: Path, cli: Callable[..., Any], encoding: str
) -> None:
    (tmp_path / "doc.txt").write_text("Nothing.\n", encoding="utf-8")
    one_line(cli("check", "--encoding", encoding, "doc.txt", cwd=tmp_path), "--encoding", encoding)
