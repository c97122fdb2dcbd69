"""Helpers for the signal tests: a bare rule and a reader of marked sentences.

The span to read is marked with ⟦ ⟧ (the marks are removed before reading), so the tables do not
depend on what the rule catalogue's patterns match.
"""

from __future__ import annotations

from backyard_lint.model import Context, Replacement, Rule, Severity
from backyard_lint.readings import classify, trace

U, M, N, A, H, NAME = (
    Context.USE,
    Context.MENTION,
    Context.NEGATED,
    Context.ATTRIBUTED,
    Context.HISTORICAL,
    Context.NAME,
)


def bare_rule(*replacements: Replacement, **hints: tuple[str, ...]) -> Rule:
    return Rule(
        id="test.rule",
        severity=Severity.WARNING,
        summary="test",
        message="test",
        patterns=(),
        explanation="test",
        sources=(),
        examples_bad=(),
        examples_good=(),
        hints=tuple(sorted(hints.items())),
        replacements=replacements,
    )


RULE = bare_rule()
SPELLING = bare_rule(Replacement("Kyiv", safe=True))


def unmark(marked: str) -> tuple[str, int, int]:
    start = marked.index("⟦")
    end = marked.index("⟧") - 1
    return marked.replace("⟦", "").replace("⟧", ""), start, end


def read(marked: str, rule: Rule = RULE) -> tuple[Context, str]:
    text, start, end = unmark(marked)
    return classify(text, start, end, rule)


def deciding_signal(marked: str, rule: Rule = RULE) -> str:
    """The first signal whose reading the rule accepts, or "none" (a use)."""
    text, start, end = unmark(marked)
    return next((v.signal for v in trace(text, start, end, rule) if v.allowed), "none")


def check_row(signal: str, expected: Context, marked: str, rule: Rule = RULE) -> None:
    """One row of a signal table: the reading, the signal that decides it, and its reason."""
    reading, reason = read(marked, rule)
    assert reading is expected, reason
    assert deciding_signal(marked, rule) == signal
    assert (reason == "") is (reading is Context.USE), "a reading other than use has a reason"
