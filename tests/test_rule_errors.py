"""A broken user rule or configuration stops the run with one line naming the file, the rule and
the field (exit 2): no traceback, and nothing half-linted on stdout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backyard_lint.engine import RuleSet
from backyard_lint.rules import RuleError, validate_rule
from backyard_lint.selfcheck import check_examples

RULE: dict[str, Any] = {
    "id": "house.thing",
    "severity": "warning",
    "summary": "Flags a thing.",
    "message": "'{match}': write '{replacement}'.",
    "patterns": ["\\bthing(?:amajig)?\\b"],
    "exceptions": ["\\bthing of the past\\b"],
    "replacements": [{"text": "item", "safe": True}],
    "explanation": "Because.",
    "sources": [{"title": "T", "url": "https://example.org"}],
    "examples": {
        "bad": ["A thing.", "The thingamajig broke.", "Things and a thing."],
        "good": ["Nothing.", "It is a thing of the past.", "Something."],
    },
}


def with_changes(**changes: Any) -> dict[str, Any]:
    data = {**RULE, **changes}
    return {k: v for k, v in data.items() if v is not None}


def house(tmp_path: Path, rule_text: str, name: str = "thing.yaml") -> Path:
    folder = tmp_path / "house-rules" / "house"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(rule_text, encoding="utf-8")
    (tmp_path / ".backyard-lint.yaml").write_text("extra-rules: [house-rules]\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("A thing in Russia's backyard.\n", encoding="utf-8")
    return folder / name


def one_error_line(result: Any) -> str:
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("backyard-lint: ")
    return str(lines[0])


def test_a_good_user_rule_loads_and_lints(tmp_path: Path, cli: Callable[..., Any]) -> None:
    house(tmp_path, yaml.safe_dump(RULE))
    result = cli("check", "-f", "concise", "doc.txt", cwd=tmp_path)
    assert result.code == 1, result.err
    assert [line.split(" ")[2] for line in result.out.splitlines()] == [
        "[house.thing]",
        "[backyard.russia]",
    ]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"severity": 3}, "severity", "must be one of"),
        ({"patterns": "\\bthing\\b"}, "patterns", "non-empty list"),
        ({"patterns": [42]}, "patterns[0]", "non-empty string"),
        ({"case_sensitive": "no"}, "case_sensitive", "true or false"),
        ({"sources": {"title": "T"}}, "sources", "non-empty list"),
        ({"examples": ["A thing."]}, "examples", "mapping"),
        ({"colour": "red"}, "colour", "unknown key"),
        ({"patterns": [{"pattern": "thing", "when": "x"}]}, "patterns[0].when", "unknown key"),
        ({"patterns": ["(thing"]}, "patterns[0]", "not a valid RE2 pattern"),
        ({"patterns": ["(?<=a )thing"]}, "patterns[0]", "not a valid RE2 pattern"),
        ({"patterns": ["thing(?= of)"]}, "patterns[0]", "not a valid RE2 pattern"),
        ({"patterns": ["(thing) \\1"]}, "patterns[0]", "not a valid RE2 pattern"),
        ({"exceptions": ["(?<!no )thing"]}, "exceptions[0]", "not a valid RE2 pattern"),
        (
            {"patterns": [{"pattern": "thing", "sentence": "(?<=x)y"}]},
            "patterns[0].sentence",
            "not a valid RE2 pattern",
        ),
        (
            {"examples": {"bad": ["A thing.", "A widget.", "A thing."], "good": ["No."]}},
            "examples.bad[1]",
            'is not flagged by the rule\'s own patterns: "A widget."',
        ),
        (
            {"examples": {"bad": ["A thing."], "good": ["Nothing.", "One more thing."]}},
            "examples.good[1]",
            'is flagged ("thing" at offset 9): "One more thing."',
        ),
    ],
)
def test_a_broken_user_rule_is_one_line_naming_file_rule_and_field(
    tmp_path: Path, cli: Callable[..., Any], changes: dict[str, Any], field: str, words: str
) -> None:
    path = house(tmp_path, yaml.safe_dump(with_changes(**changes), allow_unicode=True))
    line = one_error_line(cli("check", "doc.txt", cwd=tmp_path))
    assert line.startswith(f"backyard-lint: {path}: rule house.thing: field '{field}': ")
    assert words in line


def test_malformed_yaml_names_the_file_and_the_line(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = house(tmp_path, "id: house.thing\npatterns: [unclosed\nseverity: warning\n")
    line = one_error_line(cli("check", "doc.txt", cwd=tmp_path))
    assert line.startswith(f"backyard-lint: {path}: invalid YAML (line ")


def test_a_rule_file_that_is_not_utf8(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = house(tmp_path, "")
    path.write_bytes(b"id: house.caf\xe9\n")
    line = one_error_line(cli("check", "doc.txt", cwd=tmp_path))
    assert line.startswith(f"backyard-lint: {path}: cannot read: ")


def test_duplicate_ids_within_the_pack_and_against_a_built_in_rule(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    first = house(tmp_path, yaml.safe_dump(RULE), "a.yaml")
    second = house(tmp_path, yaml.safe_dump(RULE), "b.yaml")
    line = one_error_line(cli("check", "doc.txt", cwd=tmp_path))
    assert line == (
        f"backyard-lint: {second}: rule house.thing: field 'id': "
        f"'house.thing' is already defined in {first}"
    )
    second.unlink()
    first.write_text(
        yaml.safe_dump(
            with_changes(
                id="backyard.russia",
                examples={"bad": ["Russia's backyard."], "good": ["A garden."]},
            )
        ),
        encoding="utf-8",
    )
    line = one_error_line(cli("check", "doc.txt", cwd=tmp_path))
    assert f"{first}: rule backyard.russia: field 'id': 'backyard.russia' is already defined" in (
        line
    )


def test_the_other_commands_report_the_same_line(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = house(tmp_path, yaml.safe_dump(with_changes(patterns=["(?<=a)b"])))
    for args in (("rules",), ("explain", "house.thing"), ("check", "-")):
        line = one_error_line(cli(*args, cwd=tmp_path))
        assert line.startswith(f"backyard-lint: {path}: rule house.thing: field 'patterns[0]'")


def test_a_broken_rule_in_a_subfolder_config_with_many_files(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    """The rule pack of a nested configuration is loaded while linting (in worker processes
    when there are many files): the error still comes back as one line."""
    sub = tmp_path / "sub"
    sub.mkdir()
    path = house(sub, yaml.safe_dump(with_changes(severity="fatal")))
    for i in range(12):
        (tmp_path / f"top{i}.txt").write_text("Fine.\n", encoding="utf-8")
        (sub / f"doc{i}.txt").write_text("A thing.\n", encoding="utf-8")
    for jobs in ("1", "2"):
        line = one_error_line(cli("check", "--jobs", jobs, ".", cwd=tmp_path))
        assert line == (
            f"backyard-lint: {path.resolve()}: rule house.thing: field 'severity': "
            "must be one of error, warning, suggestion"
        )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (".backyard-lint.yaml", "select: [unclosed\n", ": invalid YAML (line "),
        (".backyard-lint.yaml", "colour: red\n", ": key 'colour': unknown key"),
        (".backyard-lint.yaml", "select: 3\n", ": key 'select': must be a list"),
        (".backyard-lint.yaml", "severity: {backyard: fatal}\n", ": key 'severity.backyard'"),
        (".backyard-lint.yaml", "extra-rules: [nowhere]\n", ": key 'extra-rules': folder"),
        (".backyard-lint.yaml", "- a list\n", ": configuration must be a mapping"),
        ("pyproject.toml", "[tool.backyard-lint\nselect = 1\n", ": invalid TOML"),
        ("pyproject.toml", "[tool.backyard-lint]\nfail-on = 1\n", ": key 'fail-on': must be"),
    ],
)
def test_a_broken_configuration_is_one_line_naming_file_and_key(
    tmp_path: Path, cli: Callable[..., Any], name: str, text: str, expected: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Fine.\n", encoding="utf-8")
    line = one_error_line(cli("check", "doc.txt", cwd=tmp_path))
    config = tmp_path / name
    assert line.startswith(
        (f"backyard-lint: {config}{expected}", f"backyard-lint: {config.resolve()}{expected}")
    )


def test_selfcheck_accepts_every_built_in_rule(ruleset: RuleSet) -> None:
    for rule in ruleset.rules:
        check_examples(rule)


def test_selfcheck_quotes_a_long_example_in_one_line() -> None:
    long_bad = "A widget\nthat spans lines " + "and goes on " * 20
    rule = validate_rule(
        with_changes(examples={"bad": [long_bad], "good": ["No."]}), "house/thing.yaml"
    )
    with pytest.raises(RuleError) as info:
        check_examples(rule)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("house/thing.yaml: rule house.thing: field 'examples.bad[0]': ")
    assert message.endswith('"A widget that spans lines and goes on and goes on and goes …"')
