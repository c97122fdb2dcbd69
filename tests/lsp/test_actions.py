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


DISABLE_CASES = [
    # a paragraph's middle line: one paragraph still
    ("First line of a paragraph,\nKazakhstan is Russia's backyard,\nlast line.\n", 1),
    # a block quote, a list item, a nested list
    ("> Quoted first line,\n> Kazakhstan is Russia's backyard,\n> last line.\n", 1),
    ("- one\n- Kazakhstan is Russia's backyard\n  and more\n- three\n", 1),
    # a table row stays a row
    ("| a | b |\n| --- | --- |\n| x | Kazakhstan is Russia's backyard |\n| y | z |\n", 2),
    # a hard line break (two spaces, or a backslash) stays one
    ("Kazakhstan is Russia's backyard  \nnext line\n", 0),
    ("Kazakhstan is Russia's backyard\\\nnext line\n", 0),
    # the label across a line break
    ("Kazakhstan is Russia's\nbackyard today.\n", 0),
]


@pytest.mark.parametrize(("text", "line"), DISABLE_CASES)
def test_disable_for_this_line_never_changes_how_markdown_renders(text: str, line: int):
    from markdown_it import MarkdownIt

    from backyard_lint.engine import lint_text
    from backyard_lint.lsp.documents import Document
    from backyard_lint.model import Settings

    ruleset = ruleset_for()
    doc = Document("file:///t.md", text, language_id="markdown")
    # shown as a mention too: a block quote may be read as a quotation
    (finding,) = lint_text(text, ruleset, fmt="markdown", settings=Settings(show_mentions=True))
    _, edits = actions.disable_edits(doc, finding)
    after = actions.policy.apply(text, sorted(edits))
    md = MarkdownIt("commonmark").enable("table")

    def shape(src: str) -> list[str]:
        # the block structure, and the text without comments
        return [t.type for t in md.parse(src) if t.type != "html_inline"]

    def rendered(src: str) -> str:
        import re

        return re.sub(r"\s*<!--.*?-->\s*", " ", md.render(src)).replace(" <", "<")

    assert shape(after) == shape(text)
    assert " ".join(rendered(after).split()) == " ".join(rendered(text).split())
    assert finding.rule not in [f.rule for f in lint_text(after, ruleset, fmt="markdown")]
