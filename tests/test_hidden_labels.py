"""Nothing hides a label: a link or footnote reference around part of it, invisible characters
inside it, or look-alike letters from another script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize(
    "hidden",
    [
        "Russia's\u200b backyard",  # zero-width space
        "Russia's\u200c backyard",  # zero-width non-joiner
        "Russia's \u200dbackyard",  # zero-width joiner
        "Russia's back\u00adyard",  # soft hyphen
        "Russia's\u2060 backyard",  # word joiner
        "Russia's\ufeff backyard",  # byte-order mark
        "\u200eRussia's backyard\u200f",  # direction marks
        "Rus\u202esia's backyard",  # an override
    ],
)
def test_invisible_characters_do_not_hide_a_label(ruleset: RuleSet, hidden: str) -> None:
    text = f"Georgia is {hidden} now."
    for fmt in ("plain", "markdown", "html"):
        (f,) = lint_text(text, ruleset, fmt=fmt)
        assert f.rule == "backyard.russia"
        assert text[f.start : f.end] == f.match  # offsets in the text as written
        assert f.match.replace("\u200e", "").replace("\u200f", "") in hidden
        assert "look-alike" not in f.message


@pytest.mark.parametrize(
    ("text", "rule", "letter"),
    [
        ("Georgia is Russi\u0430's backyard now.", "backyard.russia", "CYRILLIC SMALL LETTER A"),
        ("Georgia is Russia's b\u0430ckyard now.", "backyard.russia", "CYRILLIC SMALL LETTER A"),
        ("K\u0456ev is large.", "exonym.kiev", "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"),
        ("Georgia is Russia's b\u03b1ckyard now.", "backyard.russia", "GREEK SMALL LETTER ALPHA"),
    ],
)
def test_look_alike_letters_are_matched_and_reported(
    ruleset: RuleSet, text: str, rule: str, letter: str
) -> None:
    (f,) = lint_text(text, ruleset, fmt="markdown")
    assert f.rule == rule
    assert text[f.start : f.end] == f.match
    assert "look-alike letters from another script" in f.message and letter in f.message


def test_words_in_another_script_are_left_alone(ruleset: RuleSet) -> None:
    # Whole Cyrillic words are not Latin labels in disguise; a word mixing scripts is read.
    assert [f.match for f in lint_text("Россия и Киев.", ruleset)] == []
    assert [f.match for f in lint_text("Россия и \u041aiе\u0432.", ruleset)] == []
    assert [f.match for f in lint_text("Россия и \u041ai\u0435v.", ruleset)] == ["\u041ai\u0435v"]


def test_the_fix_works_through_hidden_characters(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "a.md"
    path.write_text("We live in the\u200b Ukr\u0430ine, near Odesa.\n", encoding="utf-8")
    assert cli("check", "--fix", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == "We live in Ukraine, near Odesa.\n"


def test_the_command_s_shortcuts_do_not_skip_a_hidden_label(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    # Files a prefilter on the raw bytes would call clean go to the full linter.
    (tmp_path / ".git").mkdir()
    for i in range(12):
        (tmp_path / f"f{i}.md").write_text(f"{i}: Russia's\u200b backyard.\n", encoding="utf-8")
    result = cli("check", "-f", "concise", ".", cwd=tmp_path)
    assert result.out.count("[backyard.russia]") == 12
