"""The markup-tolerant forms of a pattern rewrite only white-space runs and word boundaries that
RE2 reads as such: never inside a character class, an escape or a quoted stretch. A user
pattern valid in RE2 loads, and finds what it means, in plain text and through markup."""

from __future__ import annotations

from typing import Any

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.rules import RuleError, validate_rule
from backyard_lint.tolerant import MARKUP_GAP, markup_tolerant, problem, tokens, trigger_form


def rule(pattern: str, bad: str, good: str, case_sensitive: bool = False) -> Any:
    data = {
        "id": "house.thing",
        "severity": "warning",
        "summary": "Flags a thing.",
        "message": "'{match}'.",
        "patterns": [pattern],
        "case_sensitive": case_sensitive,
        "explanation": "Because.",
        "sources": [{"title": "T", "url": "https://example.org"}],
        "examples": {"bad": [bad], "good": [good]},
    }
    return validate_rule(data, "house/thing.yaml")


@pytest.mark.parametrize(
    ("regex", "kept"),
    [
        (r"[\s+]", r"[\s+]"),  # a class holding white space and '+', not a run
        (r"C:\\backyard", r"C:\\backyard"),  # an escaped backslash then 'b', not \b
        (r"[{0,9}]", r"[{0,9}]"),  # a class of characters, not a repeat
        (r"\Q\s+ \b\E", r"\Q\s+ \b\E"),  # quoted: literal characters
        (r"[]\s]+", r"[]\s]+"),  # a leading ']' is a member of the class
        (r"[[:space:]\]]+", r"[[:space:]\]]+"),
    ],
)
def test_nothing_is_rewritten_inside_a_token(regex: str, kept: str) -> None:
    assert markup_tolerant(regex) == kept
    assert problem(regex, case_sensitive=False) is None


def test_runs_and_boundaries_outside_tokens_are_widened() -> None:
    widened = markup_tolerant(r"\bRussia's\s+backyard\b")
    assert widened == rf"(?:\b|_)Russia's{MARKUP_GAP}+backyard(?:\b|_)"
    assert trigger_form(r"a(?:\s+\w+){0,3}\s+b") == rf"a(?:{MARKUP_GAP}+\w+)*{MARKUP_GAP}+b"
    # a class that merely contains \s, and a bare \s without a repeat, stay as they are
    assert markup_tolerant(r"x[\s,]+y\sz") == r"x[\s,]+y\sz"


def test_tokens_read_escapes_classes_and_repeats() -> None:
    assert list(tokens(r"\p{Lu}[a\]b]{2,}\x{41}\Qa*\E?")) == [
        ("esc", r"\p{Lu}"),
        ("class", r"[a\]b]"),
        ("repeat", "{2,}"),
        ("esc", r"\x{41}"),
        ("quote", r"\Qa*\E"),
        ("repeat", "?"),
    ]


@pytest.mark.parametrize(
    ("pattern", "bad", "good"),
    [
        (r"near[\s+]abroad", "The near+abroad.", "The nearabroad."),
        (r"C:\\backyard", r"Open C:\backyard now.", "Open C: backyard now."),
        (r"x[{0,9}]y", "A x{y here.", "A xy here."),
    ],
)
def test_re2_patterns_load_and_keep_their_meaning(pattern: str, bad: str, good: str) -> None:
    ruleset = RuleSet([rule(pattern, bad, good)])
    assert [f.rule for f in lint_text(bad, ruleset)] == ["house.thing"]
    assert lint_text(good, ruleset) == []


def test_a_pattern_whose_widened_form_is_refused_is_a_rule_error() -> None:
    # The exact form compiles; the widened forms exceed RE2's size limit (the second only
    # under case-insensitive matching).
    pattern = r"(?:\pL\s+){440}"
    assert re2.compile(pattern)
    assert "markup-tolerant form" in str(problem(pattern, case_sensitive=True))
    assert "case-insensitive" in str(problem(r"(?:\pL\s+){412}", case_sensitive=False))
    with pytest.raises(RuleError) as caught:
        rule(pattern, "a b", "c")
    message = str(caught.value)
    assert "house/thing.yaml" in message and pattern in message
    assert "\n" not in message


_ATOMS = st.sampled_from(
    [r"\s+", r"\s*", r"[\s\pZ]+", r"\b", "a", "b", r"[\s+]", r"\\b", r"[{0,2}]", "(?:x|y)", "{0,2}"]
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(_ATOMS, min_size=1, max_size=6), text=st.text("ab xy+{}\\_<>", max_size=12))
def test_the_widened_form_matches_a_superset(parts: list[str], text: str) -> None:
    regex = "".join(parts)
    try:
        exact = re2.compile(regex)
    except re2.error:
        return
    if exact.search(text):
        assert re2.compile(trigger_form(regex)).search(text)
