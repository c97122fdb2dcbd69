"""Suppression directives written in comments, and how they filter findings.

Forms (rule ids or prefixes are optional; ``-- reason`` is optional)::

    backyard-lint: disable [ID ...] [-- reason]
    backyard-lint: enable [ID ...]
    backyard-lint: disable-line [ID ...]
    backyard-lint: disable-next-line [ID ...]
    backyard-lint: disable-file [ID ...]

The colon after ``backyard-lint`` is optional. Format adapters find the comments; this module
parses their text and applies them. A directive that names an unknown rule, and one that
suppressed nothing, are reported as findings of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backyard_lint.model import Context, Finding, Settings, Severity
from backyard_lint.positions import LineIndex

if TYPE_CHECKING:
    from backyard_lint.engine import RuleSet

MARK = "backyard-lint"
KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
UNKNOWN_RULE = "directive.unknown-rule"
UNUSED = "directive.unused"
DIRECTIVE_RULE_IDS = (UNKNOWN_RULE, UNUSED)

_DIRECTIVE = re.compile(
    r"^backyard-lint:?\s+(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<ids>(?:[\s,]+[A-Za-z0-9_.*-]+)*?)\s*(?:--\s*(?P<reason>.*?))?\s*$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Directive:
    """One directive. ``line`` is where it applies from: its own line (0-based);
    ``end_line`` is the last line of the comment that holds it."""

    kind: str
    rules: tuple[str, ...]
    line: int
    start: int
    end: int
    end_line: int
    reason: str = ""


def parse_directive(body: str, line: int, start: int, end_line: int) -> Directive | None:
    """Parse the text of a comment (without comment markers); None if it is not a directive."""
    m = _DIRECTIVE.match(body.strip())
    if not m:
        return None
    ids = tuple(i for i in re.split(r"[\s,]+", m.group("ids") or "") if i)
    return Directive(
        kind=m.group("kind"),
        rules=ids,
        line=line,
        start=start,
        end=start + len(body.strip()),
        end_line=end_line,
        reason=(m.group("reason") or "").strip(),
    )


def _covers(names: tuple[str, ...], rule_id: str) -> bool:
    if not names:
        return True
    return any(rule_id == n or rule_id.startswith(n + ".") for n in names)


def _known(name: str, ruleset: RuleSet) -> bool:
    if name in ruleset.by_id or name in DIRECTIVE_RULE_IDS:
        return True
    prefix = name + "."
    return any(i.startswith(prefix) for i in ruleset.ids) or any(
        i.startswith(prefix) for i in DIRECTIVE_RULE_IDS
    )


def apply(
    findings: list[Finding],
    found: Sequence[Directive],
    text: str,
    ruleset: RuleSet,
    settings: Settings,
) -> list[Finding]:
    """Drop suppressed findings and add findings about the directives themselves."""
    if not found:
        return findings
    index = LineIndex(text)
    ordered = sorted(found, key=lambda d: (d.line, d.start))
    used = [False] * len(ordered)

    def suppressor(f: Finding) -> int | None:
        line = index.line_of(f.start)
        active: int | None = None  # last disable/enable state for this rule
        for i, d in enumerate(ordered):
            if not _covers(d.rules, f.rule):
                continue
            if d.kind == "disable-file":
                return i
            if d.kind == "disable-line" and d.line <= line <= d.end_line:
                return i
            if d.kind == "disable-next-line" and line == d.end_line + 1:
                return i
            if d.kind in ("disable", "enable") and d.end_line < line:
                active = i if d.kind == "disable" else None
        return active

    kept: list[Finding] = []
    for f in findings:
        which = suppressor(f)
        if which is None:
            kept.append(f)
        elif f.severity is not Severity.INFO:
            used[which] = True

    def report(rule_id: str, d: Directive, message: str) -> None:
        if settings.enabled(rule_id):
            kept.append(
                Finding(
                    rule=rule_id,
                    severity=Severity.WARNING,
                    start=d.start,
                    end=d.end,
                    match=text[d.start : d.end],
                    message=message,
                    context=Context.USE,
                )
            )

    for i, d in enumerate(ordered):
        unknown = [n for n in d.rules if not _known(n, ruleset)]
        for name in unknown:
            report(UNKNOWN_RULE, d, f"Directive names an unknown rule '{name}'.")
        if d.kind != "enable" and not used[i] and not unknown:
            what = ", ".join(d.rules) if d.rules else "any rule"
            report(UNUSED, d, f"Directive '{d.kind}' suppressed nothing ({what}).")
    return kept
