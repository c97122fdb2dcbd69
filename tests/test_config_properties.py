"""Any configuration, rule file, glob or pattern text ends in a result or one clear line: never
another exception (the hypothesis twin of fuzz/fuzz_config.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backyard_lint import config, rules, tolerant
from backyard_lint.config import ConfigError, GlobError
from backyard_lint.rules import RuleError

PIECES = st.sampled_from(
    ["&a ", "*a", "<<: *a", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "select", "exclude",
     "per-file-ignores", "extra-rules", "id: ", "patterns", "\\s+", "\\b", "[\\s+]", "{0,9}",
     "(?i)", "\\Q", "\\E", "**/", "[!", "[z-a]", "x", "'", '"', "#", "\t", "1", "true"]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def one_line(exc: BaseException) -> None:
    assert str(exc) and "\n" not in str(exc)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS)
@pytest.mark.parametrize("name", [".backyard-lint.yaml", "pyproject.toml"])
def test_any_configuration_text(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(("[tool.backyard-lint]\n" if name.endswith(".toml") else "") + text, "utf-8")
    try:
        config.load(path)
    except ConfigError as exc:
        one_line(exc)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_any_rule_text(text: str) -> None:
    try:
        rules.parse_rule(text, "house/rule.yaml")
    except RuleError as exc:
        one_line(exc)


@settings(max_examples=300, deadline=None)
@given(glob=TEXTS, rel=st.text("ab/.[]!*", max_size=20))
def test_any_glob(glob: str, rel: str) -> None:
    try:
        config.glob_match(glob, rel)
    except GlobError as exc:
        one_line(exc)


@settings(max_examples=300, deadline=None)
@given(pattern=TEXTS)
def test_any_pattern_is_rewritten_or_refused_with_a_reason(pattern: str) -> None:
    if tolerant.refusal(pattern) is None:
        problem = tolerant.problem(pattern, case_sensitive=False)
        assert problem is None or "\n" not in problem
