"""Opt-in rules (``default: false``): the framing rules are checked only when selected."""

from __future__ import annotations

from pathlib import Path

from backyard_lint.docs import render_rule_markdown
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Settings
from backyard_lint.rules import RuleError, builtin_rules_dir, load_rules

TEXT = "Moldova remains a Russian satellite state, and Kazakhstan is Russia's backyard."


def test_framing_rules_are_out_of_the_default_selection(ruleset: RuleSet) -> None:
    framing = [r for r in ruleset.rules if r.id.startswith("framing.")]
    assert framing and not any(r.default for r in framing)
    assert all(r.default for r in ruleset.rules if not r.id.startswith("framing."))
    found = {f.rule for f in lint_text(TEXT, ruleset)}
    assert found == {"backyard.russia"}


def test_selecting_them_by_prefix_or_id_turns_them_on(ruleset: RuleSet) -> None:
    for select in (("framing",), ("framing.satellite",), ("backyard", "framing")):
        found = {f.rule for f in lint_text(TEXT, ruleset, settings=Settings(select=select))}
        assert "framing.satellite" in found, select
    every = {f.rule for f in lint_text(TEXT, ruleset, settings=Settings(select=("ALL",)))}
    assert "framing.satellite" not in every  # ALL means every default rule


def test_their_pages_say_how_to_select_them() -> None:
    [rule] = [r for r in load_rules([builtin_rules_dir()]) if r.id == "framing.satellite"]
    assert (
        "Not selected by default: turn it on with `--select framing.satellite`"
        in render_rule_markdown(rule)
    )


def test_default_must_be_a_boolean(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "id: demo.place\nseverity: warning\nsummary: s\nmessage: m\npatterns: [Xyzzy]\n"
        "explanation: e\nsources: [{title: T, url: 'https://example.org/a'}]\n"
        "examples: {bad: [Xyzzy here.], good: [Here.]}\ndefault: 'no'\n",
        encoding="utf-8",
    )
    try:
        load_rules([tmp_path])
    except RuleError as err:
        assert "field 'default'" in str(err)
    else:
        raise AssertionError("a non-boolean default was accepted")
