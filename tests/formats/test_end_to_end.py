"""Markup through the whole engine: a label inside code, URLs, front matter, attributes, literal
blocks or comments is never flagged, and a finding after such constructs has exact offsets."""

from __future__ import annotations

import pytest

from backyard_lint.engine import lint_text
from backyard_lint.positions import LineIndex
from conftest import ruleset_for

HIDDEN = "Kazakhstan is Russia's backyard"  # would be flagged as prose
SHOWN = "Tajikistan is Russia's backyard."  # the one prose use in each document

MARKDOWN = f"""---
summary: {HIDDEN}.
---
# Notes 😀

Code `{HIDDEN}` and a [link](https://example.com/x "{HIDDEN}") and ![map](m.png "{HIDDEN}").
<span title="{HIDDEN}">text</span> and <https://example.com/{HIDDEN.replace(" ", "-")}>.

```text
{HIDDEN}.
```

    {HIDDEN}.

<div data-note="{HIDDEN}">
<!-- {HIDDEN} -->
<pre>
{HIDDEN}
</pre>
</div>

[ref]: https://example.com "{HIDDEN}"

- 😀 Listed `code` and then: {SHOWN}
"""

RST = f"""Notes
=====

.. image:: https://example.com/x.png
   :alt: {HIDDEN}.

Example::

    {HIDDEN}.

.. code-block:: text
   :caption: {HIDDEN}

   {HIDDEN}.

.. {HIDDEN}.

``{HIDDEN}`` and :code:`{HIDDEN}` and `{HIDDEN}` and `link <https://example.com/{HIDDEN}>`_.

.. _{HIDDEN}: https://example.com
.. |sub| replace:: {HIDDEN}

>>> print("{HIDDEN}")

- 😀 Item ``code``, then: {SHOWN}
"""

HTML = f"""<!DOCTYPE html>
<html><head>
<meta name="description" content="{HIDDEN}">
<title>Notes</title>
<script>var s = "{HIDDEN}";</script>
<style>p::after {{ content: "{HIDDEN}"; }}</style>
</head><body>
<p class="{HIDDEN}" title="{HIDDEN}">Text <code>{HIDDEN}</code>.</p>
<!-- {HIDDEN} -->
<pre>{HIDDEN}</pre>
<p>😀 <a href="https://example.com/">link</a>&nbsp;and then: {SHOWN}</p>
</body></html>
"""

PLAIN = f"""A note.
See https://example.com/{HIDDEN.replace(" ", "_")} for more.
backyard-lint: disable-next-line backyard.russia -- quoted from a reader
{HIDDEN}.
😀 And then: {SHOWN}
"""

DOCUMENTS = {"markdown": MARKDOWN, "rst": RST, "html": HTML, "plain": PLAIN}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("fmt", list(DOCUMENTS))
def test_only_the_prose_use_is_flagged_at_its_exact_place(fmt: str, newline: str) -> None:
    text = DOCUMENTS[fmt].replace("\n", newline)
    assert text.count("Russia's backyard") > 1
    findings = lint_text(text, ruleset_for(), fmt=fmt)
    assert [f.rule for f in findings] == ["backyard.russia"], findings
    [f] = findings
    start = text.index(SHOWN) + len("Tajikistan is ")
    assert (f.start, f.end) == (start, start + len("Russia's backyard"))
    assert f.match == text[f.start : f.end] == "Russia's backyard"
    last = text.rstrip().splitlines()
    line = next(i for i, ln in enumerate(last) if SHOWN in ln)
    column = last[line].index("Russia's backyard")  # code points: the emoji counts once
    assert LineIndex(text).position(f.start) == (line + 1, column + 1)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("markdown", "`Russia's backyard` and Kazakhstan is Russia's&nbsp;backyard.\n"),
        ("html", "<code>Russia's backyard</code> Kazakhstan is Russia's&nbsp;backyard.\n"),
    ],
)
def test_a_character_reference_in_the_label_is_read(fmt: str, text: str) -> None:
    # (The raw text must hit the prefilter: here the code span does.)
    [f] = lint_text(text, ruleset_for(), fmt=fmt)
    assert f.match == "Russia's&nbsp;backyard"
    assert f.start == text.index("Russia's&")


def test_markdown_front_matter_does_not_shift_offsets_of_body_text() -> None:
    text = "+++\ntitle = 'x'\n+++\n\n`a` [b](c) Kazakhstan is Russia's backyard.\n"
    [f] = lint_text(text, ruleset_for(), fmt="markdown")
    assert LineIndex(text).position(f.start) == (5, 26)
