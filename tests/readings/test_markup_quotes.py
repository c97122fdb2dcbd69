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


def _readings(text: str, fmt: str, ruleset: RuleSet) -> list[tuple[int, Context, str]]:
    found = lint_text(text, ruleset, fmt=fmt, settings=Settings(show_mentions=True))
    return [(text.count("\n", 0, f.start) + 1, f.context, f.reason) for f in found]


MARKDOWN_NESTED = """# Field notes

- A source we asked:

  > Uzbekistan is Russia's backyard, a trader told us.

- > Turkmenistan is Russia's backyard, an envoy said.

1. First step

   - Inner item

     > Belarus is Russia's backyard, a guide insisted.

<blockquote>
Moldova is Russia's backyard, wrote a columnist.
</blockquote>

A blogger called it <q>the Kremlin's backyard</q> once.

- In our own words, Georgia is Russia's backyard.
"""


def test_markdown_quotes_in_lists_and_html_quotes(ruleset: RuleSet) -> None:
    assert _readings(MARKDOWN_NESTED, "markdown", ruleset) == [
        (5, Context.MENTION, "inside a block quote"),
        (7, Context.MENTION, "inside a block quote"),
        (13, Context.MENTION, "inside a block quote"),
        (16, Context.MENTION, "inside <blockquote>"),
        (19, Context.MENTION, "inside <q>"),
        (21, Context.USE, ""),
    ]


RST = """Field notes
===========

.. epigraph::

   Tajikistan is Russia's backyard.

   -- an old saying

We quote a trader here:

   Kyrgyzstan is Russia's backyard, he told us.

   Armenia is Russia's backyard, he added.

Kazakhstan is Russia's backyard, we wrote.

* A list item whose second paragraph is its own body.

  Azerbaijan is Russia's backyard, the item goes on.

      Belarus is Russia's backyard, a quote inside the item.

Frontier
    Georgia is Russia's backyard, says a definition of ours.

:Summary: a field.

    Moldova is Russia's backyard, in the field's body.

.. pull-quote::

   Uzbekistan is Russia's backyard.
"""


def test_rst_block_quotes_and_epigraphs_are_quoted_material(ruleset: RuleSet) -> None:
    assert _readings(RST, "rst", ruleset) == [
        (6, Context.MENTION, "inside a block quote"),
        (12, Context.MENTION, "inside a block quote"),
        (14, Context.MENTION, "inside a block quote"),
        (16, Context.USE, ""),
        (20, Context.USE, ""),
        (22, Context.MENTION, "inside a block quote"),
        (25, Context.USE, ""),
        (29, Context.USE, ""),
        # a pull-quote repeats the document's own words
        (33, Context.USE, ""),
    ]


def test_rst_quote_markers_are_for_reading_only(ruleset: RuleSet) -> None:
    from backyard_lint.formats.masking import mask

    text = "Intro.\n\n   Kyrgyzstan is Russia's backyard.\n"
    doc = mask(text, "rst")
    assert doc.masked == text  # nothing to blank: the matcher sees the text as written
    assert doc.for_reading(text) == "Intro.\n\n>  Kyrgyzstan is Russia's backyard.\n"
