"""backyard-lint rules as proselint 0.16 checks; proselint's own checks for --with-proselint.

``__register__`` is a tuple of ``proselint.registry.checks.Check`` objects, one per built-in rule.
Each check's ``check_type`` runs our matcher and classifier, so inside proselint's own pipeline
(``CheckRegistry`` + ``LintFile``) they give the same findings as ``backyard-lint check`` on the
same plain text. Only this module imports proselint, so the CLI does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from proselint.registry.checks import Check, CheckFlags, CheckResult

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Context, Finding, Replacement, Severity


def _check_function(ruleset: RuleSet) -> Callable[[str, Check], Iterator[CheckResult]]:
    """A proselint ``check_type`` over ``ruleset``: it lints a text once for all the rules
    (each rule's check asks in turn, for the same text) and yields one rule's share."""
    last: dict[str, dict[str, list[Finding]]] = {}

    def check_rule(text: str, check: Check) -> Iterator[CheckResult]:
        grouped = last.get(text)
        if grouped is None:
            grouped = {}
            for f in lint_text(text, ruleset, fmt="plain"):
                grouped.setdefault(f.rule, []).append(f)
            last.clear()
            last[text] = grouped
        for f in grouped.get(check.path, ()):
            yield CheckResult(
                check_path=check.path,
                message=f.message,
                span=(f.start, f.end),
                replacements=f.replacements[0].text if f.replacements else None,
            )

    return check_rule


def build_checks(ruleset: RuleSet | None = None) -> tuple[Check, ...]:
    """One proselint ``Check`` per rule of ``ruleset`` (default: the built-in rules), each
    checking with that rule set. Quotes are our classifier's business, so proselint's own quote
    filter is turned off (``allow_quotes``)."""
    if ruleset is None:
        from backyard_lint.project import Project

        ruleset = Project().ruleset()
    check_rule = _check_function(ruleset)
    return tuple(
        Check(
            check_type=check_rule,
            path=rule.id,
            message=rule.message,
            flags=CheckFlags(allow_quotes=True),
        )
        for rule in ruleset.rules
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
