"""Configuration discovery and validation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backyard_lint.config import ConfigError, Discovery, glob_match, load

LABEL = "Kazakhstan is Russia's backyard.\n"
DEMO_RULES = Path(__file__).parent / "data" / "extra-rules"


def rules_of(result: Any) -> list[str]:
    import json

    data = json.loads(result.out)
    return [f["rule"] for file in data["files"] for f in file["findings"]]


def test_pyproject_table_is_found_by_walking_up(
    tmp_path: Path, cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    write("pyproject.toml", '[tool.backyard-lint]\nignore = ["backyard.russia"]\n')
    write("docs/deep/page.txt", LABEL)
    assert cli("check", "docs/deep/page.txt", cwd=tmp_path).code == 0


def test_nearest_config_wins_and_yaml_beside_a_table_is_reported(
    tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    write("pyproject.toml", '[tool.backyard-lint]\nselect = ["a"]\n')
    write("sub/pyproject.toml", '[tool.backyard-lint]\nselect = ["b"]\n')
    write("sub/.backyard-lint.yaml", "select: [c]\n")
    write("other/pyproject.toml", "[tool.black]\nline-length = 10\n")  # no table: skipped
    write("third/pyproject.toml", "[tool.black]\nline-length = 10\n")
    write("third/.backyard-lint.yaml", "select: [d]\n")  # a pyproject without a table: fine
    disc = Discovery()
    with pytest.raises(ConfigError, match=r"pyproject.toml also has a \[tool.backyard-lint\]"):
        disc.for_path(tmp_path / "sub" / "x.md")
    assert disc.for_path(tmp_path / "x.md").select == ("a",)
    assert disc.for_path(tmp_path / "other" / "x.md").select == ("a",)
    assert disc.for_path(tmp_path / "third" / "x.md").select == ("d",)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("selcet: [a]\n", "selcet"),
        ("select: 3\n", "select"),
        ("severity: {backyard: fatal}\n", "severity.backyard"),
        ("extra-rules: [nowhere]\n", "extra-rules"),
        ("per-file-ignores: [a]\n", "per-file-ignores"),
        ("fail-on: never\n", "fail-on"),
    ],
)
def test_bad_keys_are_named(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / ".backyard-lint.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load(path)
    assert f"key '{key}'" in str(info.value)
    assert str(path) in str(info.value)


def test_unknown_key_in_pyproject_exits_2(
    tmp_path: Path, cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    write("pyproject.toml", "[tool.backyard-lint]\nignor = ['x']\n")
    write("a.txt", LABEL)
    result = cli("check", "a.txt", cwd=tmp_path)
    assert result.code == 2
    assert "key 'ignor': unknown key" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_severity_exclude_per_file_ignores_and_extra_rules(
    tmp_path: Path, cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    import shutil

    shutil.copytree(DEMO_RULES, tmp_path / "house-rules")
    write(
        ".backyard-lint.yaml",
        """\
        extra-rules: [house-rules]
        severity: {backyard.russia: error}
        exclude: ["drafts/", "*.skip.txt"]
        per-file-ignores: {"legacy/**": [demo]}
        """,
    )
    write("a.txt", LABEL + "We flew to Bombay.\n")
    write("drafts/b.txt", LABEL)
    write("c.skip.txt", LABEL)
    write("legacy/old/d.txt", "We flew to Bombay.\n")
    result = cli("check", "--format", "json", ".", cwd=tmp_path)
    import json

    data = json.loads(result.out)
    by_path = {Path(f["path"]).as_posix(): f["findings"] for f in data["files"]}
    assert set(by_path) == {"a.txt", "legacy/old/d.txt"}
    assert [(f["rule"], f["severity"]) for f in by_path["a.txt"]] == [
        ("backyard.russia", "error"),
        ("demo.old-city", "suggestion"),
    ]
    assert by_path["legacy/old/d.txt"] == []
    assert result.code == 1


def test_explicit_config_overrides_discovery(
    tmp_path: Path, cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    write(".backyard-lint.yaml", "ignore: [backyard]\n")
    write("strict.yaml", "select: [backyard]\n")
    write("a.txt", LABEL)
    assert cli("check", "a.txt", cwd=tmp_path).code == 0
    assert cli("check", "--config", "strict.yaml", "a.txt", cwd=tmp_path).code == 1
    missing = cli("check", "--config", "nope.yaml", "a.txt", cwd=tmp_path)
    assert missing.code == 2
    assert "nope.yaml" in missing.err


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts/", "drafts/a.md", True),
        ("drafts", "docs/drafts/a.md", True),
        ("/drafts", "docs/drafts/a.md", False),
        ("*.skip.md", "x/y.skip.md", True),
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/sub/a.md", False),
        ("docs/**/*.md", "docs/sub/a.md", True),
        ("docs/**/*.md", "docs/a.md", True),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected
