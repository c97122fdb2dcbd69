"""The one fix-edit policy (``backyard_lint.edits``), shared by ``--fix``, ``--diff`` and the
language server: a fix never damages a document or changes what a sentence means."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backyard_lint import edits, fix
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.lsp import actions
from backyard_lint.model import Settings


def fixed(text: str, ruleset: RuleSet, fmt: str = "markdown") -> str:
    return fix.apply_edits(text, fix.edits(text, lint_text(text, ruleset, fmt=fmt)))


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        # link labels, titles, names, quotations: never rewritten
        ("See [Kiev][] for more.\n\n[Kiev]: https://example.org/kiev\n", "markdown"),
        ("See [Kiev](https://example.org/kiev) for more.\n", "markdown"),
        ("See `Kiev`_ for more.\n\n.. _Kiev: https://example.org/kiev\n", "rst"),
        ("I read *Kiev: A Biography* last year.\n", "markdown"),
        ("I read Kiev: A Biography last year.\n", "plain"),
        ("He plays for Dynamo Alma-Ata now.\n", "plain"),  # read as a name
        ("He led the Communist Party of Kirghizia for years.\n", "plain"),
        ("Kharkov Tractor Plant made tractors.\n", "plain"),
        ("He flew to Kharkov Airport.\n", "plain"),
        # the sentence discusses the name itself
        ("Kirghizia was renamed long ago.\n", "plain"),
        ("Alma-Ata, formerly the capital, lies in the south.\n", "plain"),
    ],
)
def test_fix_leaves_markup_names_and_titles_alone(text: str, fmt: str, ruleset: RuleSet) -> None:
    # Whether the classifier reads the match as a name or the fix policy holds it back, it is
    # seen (with mentions shown) and never fixed.
    findings = lint_text(text, ruleset, fmt=fmt, settings=Settings(show_mentions=True))
    assert findings, "the example must be matched, or it tests nothing"
    assert fixed(text, ruleset, fmt) == text
    assert actions.fix_all_edits(text, findings, safe_only=False) == []
    assert actions.fix_all_edits(text, findings, safe_only=True) == []


def test_markup_inside_the_match_is_kept_by_the_edit(ruleset: RuleSet) -> None:
    """Only prose characters change (``markup_edit``; tests/test_markup_fix.py has more)."""
    text = "He moved to the **Ukraine**, then left.\n"
    (finding,) = lint_text(text, ruleset, fmt="markdown")
    plan = edits.plan(text, finding)
    assert plan.automatic
    assert edits.apply(text, [plan.edits[0][1]]) == "He moved to **Ukraine**, then left.\n"
    assert fixed(text, ruleset) == "He moved to **Ukraine**, then left.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He lives in Kiev now.\n", "He lives in Kyiv now.\n"),
        ("KIEV IS LARGE.\n", "KYIV IS LARGE.\n"),
        ("We met in the Ukraine, then left.\n", "We met in Ukraine, then left.\n"),
        # a "the" before a name belongs to the noun after it
        ("The Kiev office opened in May.\n", "The Kyiv office opened in May.\n"),
        (
            "Draft from the Kiev bureau, with its Kiev staff.\n",
            "Draft from the Kyiv bureau, with its Kyiv staff.\n",
        ),
        (
            "See [the docs](https://example.org/). He lives in Kiev.\n",
            "See [the docs](https://example.org/). He lives in Kyiv.\n",
        ),
    ],
)
def test_plain_uses_are_still_fixed(text: str, expected: str, ruleset: RuleSet) -> None:
    assert fixed(text, ruleset) == expected


def _preferred(text: str, ruleset: RuleSet) -> str:
    (finding,) = [f for f in lint_text(text, ruleset) if f.context == "use"]
    choices = actions.replacement_edits(text, finding)
    assert choices, "a replacement must fit"
    _, edit, _ = choices[0]
    return edits.apply(text, [edit])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the range covers the article: never "the Central Asia"
        ("I visited the Stans last year.\n", "I visited Central Asia last year.\n"),
        # number: "The Stans are" takes a plural replacement
        ("The Stans are poor.\n", "The Central Asian countries are poor.\n"),
        # a proper-name replacement before "of" does not fit: the next one does
        (
            "The post-Soviet states of the region are poor.\n",
            "The Central Asian states of the region are poor.\n",
        ),
    ],
)
def test_the_preferred_quick_fix_is_grammatical(text: str, expected: str, ruleset: RuleSet) -> None:
    assert _preferred(text, ruleset) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The five Stans are poor.\n",  # no replacement can follow "five"
        "The post-Soviet space is large.\n",  # every replacement is plural, "is" singular
    ],
)
def test_no_fitting_replacement_leaves_advice(text: str, ruleset: RuleSet) -> None:
    (finding,) = lint_text(text, ruleset)
    assert actions.replacement_edits(text, finding) == []
    assert edits.plan(text, finding).reason == "no replacement fits the sentence mechanically"


def test_cli_and_server_capitalise_alike(ruleset: RuleSet) -> None:
    text = "Kazakhstan is Russia's backyard. Russia's backyard is vast.\n"
    findings = lint_text(text, ruleset)
    server = actions.fix_all_edits(text, findings, safe_only=False)
    # "Russia's neighbours" (plural) does not fit before or after "is"
    assert [e[2] for e in server] == ["Central Asia", "Central Asia"]
    for f in findings:
        assert actions.cased(text, f, "the countries") == edits.cased(
            text, f.start, f.end, "the countries"
        )


def test_the_cli_fixes_what_it_says_it_can(tmp_path: Path, cli: Callable[..., Any]) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("I read *Kiev: A Biography*.\n\nHe lives in Kiev now.\n", encoding="utf-8")
    report = cli("check", "a.md", cwd=tmp_path)
    assert "1 fixable with --fix" in report.out
    cli("check", "--fix", "a.md", cwd=tmp_path)
    assert doc.read_text(encoding="utf-8") == (
        "I read *Kiev: A Biography*.\n\nHe lives in Kyiv now.\n"
    )
