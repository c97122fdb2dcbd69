"""backyard-lint rules as proselint 0.16 checks; proselint's own checks for --with-proselint.

``__register__`` is a tuple of ``proselint.registry.checks.Check`` objects, one per built-in rule.
Each check's ``check_type`` runs our matcher and classifier, so inside proselint's own pipeline
(``CheckRegistry`` + ``LintFile``) they give the same findings as ``backyard-lint check`` on the
same plain text. Only this module imports proselint, so the CLI does not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from proselint.registry.checks import Check, CheckFlags, CheckResult

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Context, Finding, Replacement, Severity
from backyard_lint.runner import ruleset_for


@lru_cache(maxsize=4)
def _findings_by_rule(text: str, ruleset: RuleSet) -> dict[str, tuple[Finding, ...]]:
    """Lint once per text for all rules; each rule's check takes its share."""
    grouped: dict[str, list[Finding]] = {}
    for f in lint_text(text, ruleset, fmt="plain"):
        grouped.setdefault(f.rule, []).append(f)
    return {k: tuple(v) for k, v in grouped.items()}


def _check_rule(text: str, check: Check) -> Iterator[CheckResult]:
    ruleset = ruleset_for()
    for f in _findings_by_rule(text, ruleset).get(check.path, ()):
        yield CheckResult(
            check_path=check.path,
            message=f.message,
            span=(f.start, f.end),
            replacements=f.replacements[0].text if f.replacements else None,
        )


def build_checks(ruleset: RuleSet | None = None) -> tuple[Check, ...]:
    """One proselint ``Check`` per rule. Quotes are our classifier's business, so proselint's
    own quote filter is turned off (``allow_quotes``)."""
    rules = (ruleset or ruleset_for()).rules
    return tuple(
        Check(
            check_type=_check_rule,
            path=rule.id,
            message=rule.message,
            flags=CheckFlags(allow_quotes=True),
        )
        for rule in rules
    )


__register__: tuple[Check, ...] = build_checks()


def proselint_findings(text: str, fmt: str) -> list[Finding]:
    """Run proselint's own enabled checks over the document's prose (markup masked)."""
    from proselint.checks import __register__ as proselint_checks
    from proselint.config import DEFAULT
    from proselint.tools import LintFile

    from backyard_lint import formats

    masked = formats.mask(text, fmt).masked
    if not masked.strip():
        return []
    lint_file = LintFile("<text>", masked)
    padded = lint_file.content
    enabled = DEFAULT["checks"]
    out: list[Finding] = []
    for check in proselint_checks:
        on = next((v for k, v in enabled.items() if check.matches_partial(k)), False)
        if not on:
            continue
        for result in check.check_with_flags(padded):
            start, end = result.span
            if not check.flags.allow_quotes and lint_file.is_quoted_pos(start):
                continue
            start, end = max(0, start - 1), max(0, min(len(text), end - 1))
            out.append(
                Finding(
                    rule=result.check_path,
                    severity=Severity.WARNING,
                    start=start,
                    end=max(start, end),
                    match=text[start:end],
                    message=result.message,
                    replacements=(
                        (Replacement(result.replacements),) if result.replacements else ()
                    ),
                    context=Context.USE,
                )
            )
    return out
