"""The word lists: one loader, no duplicates, hints validated at rule load, shipped as data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reading_helpers import H, U, bare_rule, read

from backyard_lint.readings import lexicon
from backyard_lint.rules import RuleError, load_rules

VOCAB = Path(lexicon.__file__).parent / "vocab" / "en"


def test_every_list_loads_and_is_not_empty() -> None:
    lex = lexicon.load("en")
    assert lex.names == lexicon.list_names("en")
    assert {"period_nouns", "rejection_verbs", "perception_verbs", "actors"} <= lex.names
    for name in lex.names:
        assert lex.entries(name), name


def test_a_duplicate_entry_is_rejected_with_both_lines() -> None:
    with pytest.raises(lexicon.LexiconError) as err:
        lexicon.parse("era\n# a comment\nyears\nEra\n", "vocab/en/period_nouns.txt")
    assert str(err.value) == "vocab/en/period_nouns.txt:4: 'Era' is already listed on line 1"


def test_comments_blank_lines_and_spaces_are_ignored() -> None:
    assert lexicon.parse("  push   back  against # a phrase\n\n# only a comment\nx\n", "f") == (
        "push back against",
        "x",
    )


def test_alternation_prefers_the_longest_entry_and_any_white_space() -> None:
    pattern = re.compile(rf"\b(?:{lexicon.alternation(['push', 'push back against'])})\b")
    found = pattern.search("they push\nback   against it")
    assert found is not None and found.group() == "push\nback   against"


def test_the_shipped_files_hold_no_duplicates() -> None:
    for path in VOCAB.glob("*.txt"):
        lexicon.parse(path.read_text(encoding="utf-8"), path.name)  # raises on a duplicate


def test_an_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(lexicon.LexiconError, match="no word lists for the language 'xx'"):
        lexicon.load("xx")


def test_a_hint_extends_a_list_by_name() -> None:
    marked = "Factories were sold off in ⟦post-Soviet⟧ privatisation."
    assert read(marked)[0] is U
    hinted = bare_rule(period_nouns=("privatisation",))
    assert read(marked, hinted) == (H, "period: followed by 'privatisation'")


def test_an_unknown_hint_is_refused_at_rule_load(tmp_path: Path) -> None:
    rule = tmp_path / "rule.yaml"
    rule.write_text(
        "id: demo.place\nseverity: warning\nsummary: s\nmessage: m\npatterns: [Xyzzy]\n"
        "explanation: e\nsources: [{title: T, url: 'https://example.org/a'}]\n"
        "examples: {bad: [Xyzzy here.], good: [Here.]}\n"
        "hints:\n  period_noun: [stagnation]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    message = str(err.value)
    assert "field 'hints'" in message and "unknown hint 'period_noun'" in message
    assert "period_nouns" in message  # the choices are named
