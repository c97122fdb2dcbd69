"""Unit tests of the code-action and hover text, without a server."""

from __future__ import annotations

import pytest

from backyard_lint.lsp import actions
from conftest import ruleset_for

RULE = ruleset_for().by_id["backyard.russia"]


def test_hover_falls_back_to_its_own_markdown_when_docs_cannot_render(monkeypatch):
    def missing(name: str):
        raise ImportError(name)

    monkeypatch.setattr(actions, "import_module", missing)
    text = actions.rule_markdown(RULE)
    assert text.startswith(f"**{RULE.id}**")
    for source in RULE.sources:
        assert f"]({source.url})" in text
    assert RULE.doc_url in text


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
