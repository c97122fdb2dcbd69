"""A fix changes only prose characters: markup inside a match is kept, or the fix is not applied."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from backyard_lint import edits, fix, markup_edit
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.lsp import actions
from backyard_lint.model import Finding, Replacement, Severity
from conftest import Result

SENTENCE = "We live in {} , near Odesa."


@pytest.mark.parametrize(
    ("name", "label", "fixed"),
    [
        ("a.md", "the <!-- note --> Ukraine", "<!-- note --> Ukraine"),
        ("a.md", "the <https://example.org> Ukraine", "<https://example.org> Ukraine"),
        ("a.md", 'the <img src="x.png" alt=""> Ukraine', '<img src="x.png" alt=""> Ukraine'),
        ("a.md", "the **Ukraine**", "**Ukraine**"),
        ("a.md", "the *Ukraine*", "*Ukraine*"),
        ("a.md", "the <em>Ukraine</em>", "<em>Ukraine</em>"),
        ("a.md", "the\n<!-- note -->\nUkraine", "<!-- note -->\nUkraine"),
        ("a.html", "the <!-- note --> Ukraine", "<!-- note --> Ukraine"),
        ("a.html", 'the <img src="x.png"> Ukraine', '<img src="x.png"> Ukraine'),
        ("a.html", "the <em>Ukraine</em>", "<em>Ukraine</em>"),
    ],
)
def test_fix_keeps_markup_inside_the_match(
    cli: Callable[..., Result], tmp_path: Path, name: str, label: str, fixed: str
) -> None:
    path = tmp_path / name
    path.write_text(SENTENCE.format(label).replace(" ,", ",") + "\n", encoding="utf-8")
    result = cli("check", "--fix", str(path))
    assert result.code == 0, result.err
    assert path.read_text(encoding="utf-8") == SENTENCE.format(fixed).replace(" ,", ",") + "\n"


def test_the_finding_holds_the_span_as_the_rules_saw_it(ruleset: RuleSet) -> None:
    text = "We live in the <em>Ukraine</em>, near Odesa."
    (f,) = [f for f in lint_text(text, ruleset, fmt="html") if f.rule == "exonym.the-ukraine"]
    assert f.match == "the <em>Ukraine"
    assert f.prose == "the     Ukraine"


def _finding(raw: str, prose: str, new: str) -> tuple[str, Finding]:
    text = "We saw the " + raw + " today."
    start = len("We saw the ")
    return text, Finding(
        rule="test.rule", severity=Severity.WARNING, start=start, end=start + len(raw),
        match=raw, message="m", replacements=(Replacement(new, safe=True),), prose=prose,
    )


def test_markup_between_words_that_change_is_offered_not_applied() -> None:
    # Two words become one, with a comment between them: no prose-only edit exists.
    raw, prose = "post <!-- x --> Soviet", "post            Soviet"
    assert markup_edit.rewrite(raw, prose, "former") is None
    text, finding = _finding(raw, prose, "former")
    assert fix.edits(text, [finding]) == []  # --fix leaves the file alone
    assert actions.fix_all_edits(text, [finding], safe_only=True) == []
    # The editor offers no edit that would break the markup; the wording stays as advice.
    assert actions.replacement_edits(text, finding) == []
    assert "markup" in edits.plan(text, finding).reason


@pytest.mark.parametrize(
    ("name", "label"),
    [("a.md", "<em>the Ukraine</em>"), ("a.html", "THE <b>UKRAINE</b>")],
)
def test_emphasis_around_the_whole_label_is_held_back(
    cli: Callable[..., Result], tmp_path: Path, name: str, label: str
) -> None:
    """Emphasis around the whole label may mark a title (issue 13): the fix is advice only."""
    path = tmp_path / name
    before = SENTENCE.format(label).replace(" ,", ",") + "\n"
    path.write_text(before, encoding="utf-8")
    result = cli("check", "--fix", str(path))
    assert result.code == 1
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("raw", "prose", "new", "out"),
    [
        # Word for word across markup: the tags stay where they were.
        ("Kiev <b>Oblast</b>", "Kiev    Oblast    ", "Kyiv Oblast", "Kyiv <b>Oblast</b>"),
        ("<i>a</i> <i>b</i>", "   a        b    ", "c d", "<i>c</i> <i>d</i>"),
        # The last word goes: the white space before the markup stays.
        ("Ukraine <!-- c --> war", "Ukraine            war", "Ukraine", "Ukraine <!-- c -->"),
        # An inserted word goes after the word before it, outside the markup.
        ("a <b>c</b>", "a    c    ", "a b c", "a b <b>c</b>"),
        # No markup: the replacement as it is.
        ("the  Ukraine", "the  Ukraine", "Ukraine", "Ukraine"),
    ],
)
def test_rewrite(raw: str, prose: str, new: str, out: str) -> None:
    assert markup_edit.rewrite(raw, prose, new) == out
    flags = markup_edit.markup_flags(raw, prose)
    result = markup_edit.rewrite(raw, prose, new)
    assert result is not None
    # Every markup character of the span is still there, in order.
    kept = "".join(c for c, m in zip(raw, flags, strict=True) if m)
    it = iter(result)
    assert all(c in it for c in kept)
