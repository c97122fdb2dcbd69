"""A user pattern over the cost budget is refused at load with one line, not found out as a slow
run; the built-in rules are well within it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backyard_lint import cost
from backyard_lint.model import Pattern
from backyard_lint.rules import RuleError
from conftest import ruleset_for
from test_rule_errors import house, one_error_line, with_changes


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"\b\w+\b", "times per MB"),  # every word
        (r"\bthe\b", "times per MB"),  # a word in every sentence
        (r"\w{1000}\w{1000}\w{1000}x", "RE2 instructions"),  # a huge counted repeat
    ],
)
def test_a_costly_user_pattern_is_a_rule_error(
    tmp_path: Path, cli: Callable[..., Any], pattern: str, why: str
) -> None:
    path = house(tmp_path, yaml.safe_dump(with_changes(patterns=[pattern])))
    line = one_error_line(cli("check", "doc.txt", cwd=tmp_path))
    assert str(path.relative_to(tmp_path)) in line or str(path) in line
    assert "house.thing" in line and "patterns[0]" in line
    assert why in line and "budget" in line


def test_the_built_in_rules_are_within_the_budget() -> None:
    cost.check_rules(list(ruleset_for().rules))  # raises RuleError otherwise


def test_an_ordinary_label_pattern_is_within_the_budget() -> None:
    text = cost.sample()
    assert cost.over_budget(r"(?i:\bthe\s+Stans\b)", text) is None
    rule = ruleset_for().rules[0]
    greedy = dataclasses.replace(rule, patterns=(Pattern(r"\b[a-z]+\b"),))
    with pytest.raises(RuleError, match="budget"):
        cost.check_rules([greedy])
