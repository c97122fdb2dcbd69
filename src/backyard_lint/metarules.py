"""The checks of suppression directives (``directive.*``) as rules: listed by ``rules``,
explained by ``explain``, documented in ``docs/rules`` and described in SARIF like every rule.
The findings themselves come from ``directives.apply``; these records say what they mean.
"""

from __future__ import annotations

from backyard_lint.directives import INVALID, UNKNOWN_RULE, UNUSED
from backyard_lint.model import Rule, Severity


def _rule(rule_id: str, summary: str, message: str, explanation: str) -> Rule:
    return Rule(
        id=rule_id,
        severity=Severity.WARNING,
        summary=summary,
        message=message,
        patterns=(),
        explanation=explanation,
        sources=(),
        examples_bad=(),
        examples_good=(),
        family="directive",
    )


META_RULES: tuple[Rule, ...] = (
    _rule(
        INVALID,
        "Flags a comment that starts like a suppression directive but is not one.",
        "Not a directive kind: use disable, enable, disable-line, disable-next-line or "
        "disable-file.",
        "A comment that starts like a suppression directive but whose kind is not one of "
        "disable, enable, disable-line, disable-next-line or disable-file (often a typo). It "
        "suppresses nothing.",
    ),
    _rule(
        UNKNOWN_RULE,
        "Flags a suppression directive that names no rule.",
        "Directive names an unknown rule or prefix.",
        "A suppression directive names a rule id or prefix that no rule has. Check the "
        "spelling against 'backyard-lint rules'.",
    ),
    _rule(
        UNUSED,
        "Flags a suppression directive that suppressed nothing.",
        "Directive suppressed nothing.",
        "A suppression directive suppressed no finding. Remove it, or narrow it to the line "
        "that needs it, so that it cannot hide a future finding.",
    ),
)


def with_meta_rules(rules: tuple[Rule, ...]) -> list[Rule]:
    """``rules`` and the directive checks, sorted by id."""
    return sorted((*rules, *META_RULES), key=lambda r: r.id)
