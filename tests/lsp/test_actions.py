"""Unit tests of the code-action and hover text, without a server."""

from __future__ import annotations

import pytest

from backyard_lint.lsp import actions
from conftest import ruleset_for

RULE = ruleset_for().by_id["backyard.russia"]


def test_hover_shows_the_rule_page_that_explain_prints() -> None:
    from backyard_lint.docs import render_rule_markdown

    text = actions.rule_markdown(RULE)
    assert text == render_rule_markdown(RULE).strip()
    for source in RULE.sources:
        assert source.url in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia's backyard is vast.", "The countries"),
        ("- Russia's backyard, again", "The countries"),
        ("Kazakhstan is Russia's backyard.", "the countries"),
        ("KAZAKHSTAN IS RUSSIA'S BACKYARD.", "THE COUNTRIES"),
    ],
)
def test_replacement_case_follows_the_sentence(text: str, expected: str):
    from backyard_lint.model import Finding

    start = text.lower().index("russia's backyard")
    finding = Finding(RULE.id, RULE.severity, start, start + 17, text[start : start + 17], "m")
    assert actions.cased(text, finding, "the countries") == expected
