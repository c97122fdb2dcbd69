"""A user's rule checks itself when it is loaded: its ``bad`` examples must be flagged and its
``good`` examples must not be, as the built-in rules' examples are checked by the test suite.

A rule pack whose own examples fail is broken (a pattern that never fires, or an exception that
hides everything), so it is refused with one line naming the file, the rule and the example:
``rules/demo/x.yaml: rule demo.x: field 'examples.bad[2]': is not flagged: "..."``.

Cheap: each rule is compiled alone and its few examples are linted as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Context, Finding, Rule, Settings
from backyard_lint.rules import RuleError

_SHOWN = 60  # characters of an example quoted in the error


def check_examples(rule: Rule) -> None:
    """Raise :class:`RuleError` for the first example of ``rule`` that gives the wrong result."""
    ruleset = RuleSet([rule])
    for i, text in enumerate(rule.examples_bad):
        if not _flagged(text, rule, ruleset):
            raise RuleError(
                rule.path,
                rule.id,
                f"examples.bad[{i}]",
                f"is not flagged by the rule's own patterns: {_quote(text)}",
            )
    for i, text in enumerate(rule.examples_good):
        found = _flagged(text, rule, ruleset)
        if found:
            raise RuleError(
                rule.path,
                rule.id,
                f"examples.good[{i}]",
                f"is flagged ({_quote(found[0])} at offset {found[1]}): {_quote(text)}",
            )


def check_all(rules: Iterable[Rule]) -> None:
    for rule in rules:
        check_examples(rule)


def flagged(rule: Rule, text: str, ruleset: RuleSet | None = None) -> list[Finding]:
    """What ``rule`` reports in ``text`` (plain text, the rule selected) as a use: the one
    answer to "does this rule flag this example" for the self-check, the test suite and the
    rule pages (``ruleset``: ``rule`` alone, compiled, when the caller has it)."""
    # selected by id, so that an opt-in rule (``default: false``) is checked too
    found = lint_text(text, ruleset or RuleSet([rule]), settings=Settings(select=(rule.id,)))
    return [f for f in found if f.rule == rule.id and f.context is Context.USE]


def _flagged(text: str, rule: Rule, ruleset: RuleSet) -> tuple[str, int] | None:
    """The first match ``rule`` reports in ``text`` as a use, with its offset, or None."""
    found = flagged(rule, text, ruleset)
    return (found[0].match, found[0].start) if found else None


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > _SHOWN:
        flat = flat[: _SHOWN - 1] + "…"
    return '"' + flat.replace('"', '\\"') + '"'
