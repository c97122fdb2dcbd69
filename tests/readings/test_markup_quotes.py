"""Quotation marked by markup is not the writer's own use: Markdown block quotes."""

from __future__ import annotations

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Context, Settings

DOC = """# Notes

> Tajikistan is Russia's backyard, the
> old hands told us.

Tajikistan is Russia's backyard, we wrote.

> A quotation that wraps
onto a line without a marker: the post-Soviet states.

"""


def test_a_block_quote_is_quoted_material(ruleset: RuleSet) -> None:
    found = lint_text(DOC, ruleset, fmt="markdown", settings=Settings(show_mentions=True))
    readings = [(DOC.count("\n", 0, f.start) + 1, f.context, f.reason) for f in found]
    assert (3, Context.MENTION, "inside a block quote") in readings
    assert (6, Context.USE, "") in readings
    assert (9, Context.MENTION, "inside a block quote") in readings


def test_the_markers_stay_blank_for_the_matcher(ruleset: RuleSet) -> None:
    text = "> Kazakhstan is Russia's\n> backyard, they said.\n"
    [f] = lint_text(text, ruleset, fmt="markdown", settings=Settings(show_mentions=True))
    assert f.match == "Russia's\n> backyard" and f.context is Context.MENTION


HTML = """<html><body>
<p>Tajikistan is Russia's backyard, we wrote.</p>
<blockquote><p>Tajikistan is Russia's backyard, they said.</p></blockquote>
<p>She called it <q>the Kremlin's backyard</q> twice; later Kyrgyzstan is Russia's backyard.</p>
<p>See <cite>Russia's Backyard</cite>, a book by a reporter.</p>
</body></html>
"""


def test_html_quotation_and_citation_tags(ruleset: RuleSet) -> None:
    found = lint_text(HTML, ruleset, fmt="html", settings=Settings(show_mentions=True))
    readings = [(HTML.count("\n", 0, f.start) + 1, f.context, f.reason) for f in found]
    assert readings == [
        (2, Context.USE, ""),
        (3, Context.MENTION, "inside <blockquote>"),
        (4, Context.MENTION, "inside <q>"),
        (4, Context.USE, ""),
        (5, Context.NAME, "part of a title: inside <cite>"),
    ]
