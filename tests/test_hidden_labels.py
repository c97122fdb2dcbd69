"""Nothing hides a label: a link or footnote reference around part of it, invisible characters
inside it, or look-alike letters from another script."""

from __future__ import annotations

import pytest

from backyard_lint.engine import RuleSet, lint_text

MD_DEFS = "\n\n[r]: https://example.org/r\n[backyard]: https://example.org/b\n"
RST_DEFS = "\n\n.. [#] A note.\n.. [1] A note.\n.. _backyard: https://example.org/b\n"


def _rules(text: str, ruleset: RuleSet, fmt: str) -> list[str]:
    return [f.rule for f in lint_text(text, ruleset, fmt=fmt)]


@pytest.mark.parametrize(
    ("fmt", "text", "rule"),
    [
        ("markdown", "Georgia is Russia's [backyard](https://example.org) now.", "backyard.russia"),
        ("markdown", "Georgia is [Russia's](https://example.org) backyard now.", "backyard.russia"),
        ("markdown", "Georgia is [Russia's][r] backyard now.", "backyard.russia"),
        ("markdown", "Georgia is Russia's [backyard][] now.", "backyard.russia"),
        ("markdown", "Georgia is Russia's [backyard] now.", "backyard.russia"),
        ("markdown", "Georgia is Russia's[^1] backyard now.", "backyard.russia"),
        ("markdown", "We live in the [Ukraine](https://example.org), near Odesa.",
         "exonym.the-ukraine"),
        ("rst", "Georgia is Russia's `backyard <https://example.org>`_ now.", "backyard.russia"),
        ("rst", "Georgia is `Russia's <https://example.org>`_ backyard now.", "backyard.russia"),
        ("rst", "Georgia is Russia's [#]_ backyard now.", "backyard.russia"),
        ("rst", "Georgia is Russia's [1]_ backyard now.", "backyard.russia"),
        ("html", 'Georgia is Russia\'s <a href="#b">backyard</a> now.', "backyard.russia"),
    ],
)
def test_a_link_or_footnote_reference_around_part_of_a_label(
    ruleset: RuleSet, fmt: str, text: str, rule: str
) -> None:
    defs = {"markdown": MD_DEFS, "rst": RST_DEFS, "html": ""}[fmt]
    assert rule in _rules(text + defs, ruleset, fmt)
