"""The engine: prefilter, matching, offsets, settings and exceptions."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Context, Settings, Severity
from backyard_lint.rules import load_rules

DATA = Path(__file__).parent / "data" / "extra-rules"


def demo() -> RuleSet:
    return RuleSet(load_rules([DATA]))


def test_offsets_point_at_the_match(ruleset: RuleSet) -> None:
    text = "Intro.\nKazakhstan is still Russia’s backyard for many editors."
    [f] = lint_text(text, ruleset)
    assert f.rule == "backyard.russia"
    assert text[f.start : f.end] == f.match == "Russia’s backyard"
    assert f.severity is Severity.WARNING
    assert f.context is Context.USE


def test_a_line_break_between_the_words_is_matched(ruleset: RuleSet) -> None:
    text = "The summit took place in Moscow's\nback yard last week."
    [f] = lint_text(text, ruleset)
    assert f.match == "Moscow's\nback yard"
    assert "'Moscow's back yard'" in f.message  # white space folded in the message


def test_text_without_triggers_is_not_parsed_as_markup() -> None:
    # The prefilter must stop before the Markdown parser is imported.
    code = textwrap.dedent(
        """
        import sys
        from backyard_lint.engine import lint_text
        from backyard_lint.project import Project
        text = "# Title\\n\\nNothing to see.\\n" * 100
        assert lint_text(text, Project().ruleset(), fmt="markdown") == []
        print("markdown_it" in sys.modules, "docutils" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_select_ignore_and_severity_overrides() -> None:
    rs = demo()
    text = "We flew to Bombay."
    assert [f.rule for f in lint_text(text, rs)] == ["demo.old-city"]
    assert lint_text(text, rs, settings=Settings(ignore=("demo",))) == []
    assert lint_text(text, rs, settings=Settings(select=("backyard",))) == []
    # the more specific of select and ignore wins
    assert lint_text(text, rs, settings=Settings(select=("demo.old-city",), ignore=("demo",)))
    assert not lint_text(text, rs, settings=Settings(select=("demo",), ignore=("demo.old-city",)))
    [f] = lint_text(text, rs, settings=Settings(severity=(("demo", Severity.ERROR),)))
    assert f.severity is Severity.ERROR


def test_exceptions_drop_a_covered_match_only() -> None:
    rs = demo()
    assert lint_text("A Bombay Sapphire, please.", rs) == []
    [f] = lint_text("Bombay gin is not Bombay Sapphire.", rs)
    assert f.start == 0


def test_mentions_are_hidden_unless_asked(ruleset: RuleSet) -> None:
    text = 'Analysts reject the label "Russia\'s backyard".'
    assert lint_text(text, ruleset) == []
    [f] = lint_text(text, ruleset, settings=Settings(show_mentions=True))
    assert f.severity is Severity.INFO
    assert f.context is not Context.USE
    assert f.reason


def test_pronoun_form_needs_the_owner_in_the_sentence(ruleset: RuleSet) -> None:
    with_owner = "For Moscow, the South Caucasus lies in its own backyard."
    without = "The company keeps bees in its own backyard."
    assert [f.match for f in lint_text(with_owner, ruleset)] == ["its own backyard"]
    assert lint_text(without, ruleset) == []


def test_lint_text_is_pure(ruleset: RuleSet) -> None:
    text = "Kazakhstan is Russia's backyard. " * 3
    assert lint_text(text, ruleset) == lint_text(text, ruleset)
    assert len(lint_text(text, ruleset)) == 3


def test_a_label_split_by_inline_markup_is_found(ruleset: RuleSet) -> None:
    # The raw-text prefilter lets these through; the exact match runs on the masked text.
    cases = [
        ("Kazakhstan is Russia's <em>backyard</em>.", "html"),
        ("Kazakhstan is Russia's <b>back yard</b>.", "markdown"),
        ("> Kazakhstan is Russia's\n> backyard, they say.", "markdown"),
    ]
    for text, fmt in cases:
        # (the block quote is quoted material: shown as a mention)
        [f] = lint_text(text, ruleset, fmt=fmt, settings=Settings(show_mentions=True))
        assert f.rule == "backyard.russia"
        assert text[f.start : f.end] == f.match
        assert "<" not in f.message and ">" not in f.message.replace("'>", "")
