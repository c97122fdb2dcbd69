"""Rule files are validated on load; each error names the file, the rule and the field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backyard_lint.rules import RuleError, load_rules, parse_rule, validate_rule

GOOD: dict[str, Any] = {
    "id": "demo.rule",
    "severity": "warning",
    "summary": "Flags a thing.",
    "message": "'{match}': write '{replacement}'.",
    "patterns": ["\\bthing\\b"],
    "explanation": "Because.",
    "sources": [{"title": "T", "url": "https://example.org"}],
    "examples": {"bad": ["a thing"], "good": ["nothing"]},
}


def broken(**changes: Any) -> dict[str, Any]:
    data = {**GOOD, **changes}
    return {k: v for k, v in data.items() if v is not None}


def test_a_good_rule_validates() -> None:
    rule = validate_rule(GOOD, "demo.yaml")
    assert rule.id == "demo.rule"
    assert rule.patterns[0].regex == "\\bthing\\b"


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (broken(severity="fatal"), "severity", "must be one of"),
        (broken(colour="red"), "colour", "unknown key"),
        (broken(summary=None), "summary", "is required"),
        (broken(patterns=["(?<=a)b"]), "patterns[0]", "not a valid RE2 pattern"),
        (broken(patterns=["(a"]), "patterns[0]", "not a valid RE2 pattern"),
        (broken(patterns=["x*"]), "patterns[0]", "matches the empty string"),
        (broken(patterns=[]), "patterns", "non-empty"),
        (broken(message="{mach}"), "message", "unknown placeholder"),
        (broken(message="{"), "message", "bad template"),
        (broken(sources=[{"title": "T", "url": "ftp://x"}]), "sources[0].url", "http"),
        (broken(sources=[]), "sources", "non-empty"),
        (broken(replacements=[{"text": "x", "safe": "yes"}]), "replacements[0].safe", "true or"),
        (broken(examples={"bad": ["x"]}), "examples.good", "is required"),
        (broken(exceptions=["(?!x)"]), "exceptions[0]", "RE2"),
        (broken(case_sensitive="no"), "case_sensitive", "true or false"),
    ],
)
def test_errors_name_file_rule_and_field(data: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(RuleError) as info:
        validate_rule(data, "rules/demo/rule.yaml")
    message = str(info.value)
    assert message.startswith("rules/demo/rule.yaml: rule demo.rule: field ")
    assert f"'{field}'" in message
    assert words in message
    assert "\n" not in message


def test_bad_id_and_bad_yaml() -> None:
    with pytest.raises(RuleError, match="field 'id'"):
        validate_rule(broken(id="Not An Id"), "x.yaml")
    with pytest.raises(RuleError, match=r"x\.yaml: invalid YAML \(line \d"):
        parse_rule("id: [unclosed", "x.yaml")
    with pytest.raises(RuleError, match="one mapping"):
        parse_rule("- a list", "x.yaml")


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    with pytest.raises(RuleError, match="already defined"):
        load_rules([tmp_path])


def test_cli_reports_a_broken_user_rule_in_one_line(
    tmp_path: Path, cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    write("my-rules/demo/rule.yaml", yaml.safe_dump(broken(patterns=["(?<=x)y"])))
    write(".backyard-lint.yaml", "extra-rules: [my-rules]\n")
    write("doc.md", "Hello.\n")
    result = cli("check", "doc.md", cwd=tmp_path)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "rule.yaml: rule demo.rule: field 'patterns[0]'" in lines[0]
    assert "Traceback" not in result.err
