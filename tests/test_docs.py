"""The rule pages in docs/rules are generated from the YAML by the renderer that `explain` uses."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from backyard_lint import docs
from backyard_lint.model import Rule
from backyard_lint.rules import builtin_rules_dir, load_rules

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "rules"
RULES = load_rules([builtin_rules_dir()])
STALE = f"docs/rules is out of date: run `{docs.REGENERATE}` and commit the result"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return docs.render_pages(RULES)


def test_pages_are_up_to_date(pages: dict[str, str]) -> None:
    for name, text in pages.items():
        path = DOCS / name
        assert path.is_file(), f"{name} is missing; {STALE}"
        assert path.read_text(encoding="utf-8") == text, f"{name} differs; {STALE}"


def test_no_stale_pages(pages: dict[str, str]) -> None:
    extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in pages)
    assert extra == [], f"pages without a rule: {extra}; {STALE}"


def test_page_follows_ruff_order(pages: dict[str, str]) -> None:
    page = pages["backyard.russia.md"]
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert headings == [
        "# backyard.russia",
        "## What it does",
        "## Why is this bad?",
        "## Examples",
        "## Use instead",
        "## Sources",
    ]
    assert "Severity: **warning**" in page


def test_safe_fix_is_announced(pages: dict[str, str]) -> None:
    assert "Fix: safe" in pages["exonym.kiev.md"]
    assert "Fix: safe" not in pages["backyard.russia.md"]


def test_bad_examples_are_bold_where_the_rule_matches(pages: dict[str, str]) -> None:
    html = MarkdownIt("commonmark").render(pages["backyard.russia.md"])
    examples = html.split("<h2>Examples</h2>")[1].split("<h2>")[0]
    rule = next(r for r in RULES if r.id == "backyard.russia")
    assert examples.count("<strong>") == len(rule.examples_bad)
    assert "<strong>Russia's\nbackyard</strong>" in examples  # a match across a line break


def test_every_source_is_on_the_page(pages: dict[str, str]) -> None:
    for rule in RULES:
        page = pages[f"{rule.id}.md"]
        for source in rule.sources:
            assert f"<{source.url}>" in page
            assert source.date in page
            assert f"“{docs._escape(source.quote)}”" in page


def test_index_links_every_rule(pages: dict[str, str]) -> None:
    html = MarkdownIt("commonmark").enable("table").render(pages["index.md"])
    for rule in RULES:
        assert f'<a href="{rule.id}.md">{rule.id}</a>' in html


def test_a_broken_bad_example_breaks_the_build() -> None:
    rule = next(r for r in RULES if r.id == "exonym.kiev")
    broken = dataclasses.replace(rule, examples_bad=("Nothing to see in Kyiv.",))
    with pytest.raises(docs.DocsError, match=r"examples\.bad\[0\]"):
        docs.render_rule_markdown(broken, strict=True)
    # explain is lenient: the example is shown, without emphasis
    assert "> Nothing to see in Kyiv." in docs.render_rule_markdown(broken)


def test_json_has_every_field() -> None:
    rule = RULES[0]
    data = docs.render_rule_json(rule)
    json.dumps(data)  # plain data
    names = {f.name for f in dataclasses.fields(Rule)}
    renamed = {"examples_bad": "examples", "examples_good": "examples"}
    assert {renamed.get(n, n) for n in names} <= set(data)
    assert data["examples"]["bad"] == list(rule.examples_bad)
    assert data["sources"][0]["url"] == rule.sources[0].url


def test_main_writes_pages_and_removes_stale_ones(tmp_path: Path) -> None:
    stale = tmp_path / "gone.rule.md"
    stale.write_text(docs.MARKER + "\nold\n", encoding="utf-8")
    mine = tmp_path / "notes.md"
    mine.write_text("hand-written\n", encoding="utf-8")
    assert docs.main([str(tmp_path)]) == 0
    assert (tmp_path / "index.md").is_file()
    assert (tmp_path / "backyard.russia.md").is_file()
    assert not stale.exists()
    assert mine.read_text(encoding="utf-8") == "hand-written\n"


def test_main_rejects_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert docs.main(["--bogus"]) == 2
    assert "usage" in capsys.readouterr().err
