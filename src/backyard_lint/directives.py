"""Suppression directives written in comments, and how they filter findings.

Forms (rule ids or prefixes are optional; ``-- reason`` is optional)::

    backyard-lint: disable [ID ...] [-- reason]
    backyard-lint: enable [ID ...]
    backyard-lint: disable-line [ID ...]
    backyard-lint: disable-next-line [ID ...]
    backyard-lint: disable-file [ID ...]

The colon after ``backyard-lint`` is optional; ids may be separated by spaces or commas. Format
adapters find the comments (``<!-- ... -->`` in Markdown and HTML, ``.. ...`` in reST, a line of its
own in plain text); this module parses their text and applies them:

- ``disable`` / ``enable`` work on offsets: a ``disable`` covers the text after the comment, up
  to an ``enable`` (of the same, a wider or a narrower set of rules: for each rule, the last
  ``disable`` or ``enable`` before a finding that names it decides);
- ``disable-line`` covers the lines of the comment itself (the text beside it);
- ``disable-next-line`` covers the line after the one where the comment ends;
- ``disable-file`` covers the whole file, wherever it is written.

A directive that names an unknown rule (``directive.unknown-rule``), and one that suppressed nothing
(``directive.unused``), are reported as findings of their own. They obey select/ignore, and another
directive may suppress them if it names them (``disable-file directive.unknown-rule``): a blanket
directive without rule ids does not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from backyard_lint.core.prefilter import DIRECTIVE_MARK
from backyard_lint.model import Context, Finding, Settings, Severity
from backyard_lint.positions import LineIndex

if TYPE_CHECKING:
    from backyard_lint.engine import RuleSet

MARK = DIRECTIVE_MARK.decode()  # the prefilter looks for it before any of this runs
KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
UNKNOWN_RULE = "directive.unknown-rule"
UNUSED = "directive.unused"
INVALID = "directive.invalid"
DIRECTIVE_RULE_IDS = (UNKNOWN_RULE, UNUSED, INVALID)
DIRECTIVE_SEVERITY = Severity.WARNING

_DIRECTIVE = re.compile(
    r"backyard-lint(?::\s*|\s+)(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<ids>(?:[\s,]+[A-Za-z0-9_.*-]+)*?)[\s,]*(?:--(?P<reason>.*?))?\s*",
    re.DOTALL,
)
# Text meant as a directive whose kind is misspelt ("backyard-lint: disabel ..."): written with
# the colon, or with a word close to a kind. Plain prose such as "backyard-lint checks prose"
# is neither.
_ATTEMPT = re.compile(r"backyard-lint(?::\s*(?P<word>\S+)|\s+(?P<near>(?:dis|en)[a-z-]*))", re.I)


@dataclass(frozen=True)
class Directive:
    """One directive. ``line`` is the (0-based) line where its text starts, ``end_line`` the last
    line of the comment that holds it; ``start``/``end`` are the offsets of its text."""

    kind: str
    rules: tuple[str, ...]
    line: int
    start: int
    end: int
    end_line: int
    reason: str = ""


def parse_directive(body: str, line: int, start: int, end_line: int) -> Directive | None:
    """Parse the text of a comment (without comment markers) that begins at offset ``start``.

    Returns None when the text is not a directive.
    """
    stripped = body.strip()
    begin = start + (len(body) - len(body.lstrip()))
    m = _DIRECTIVE.fullmatch(stripped)
    if not m:
        attempt = _ATTEMPT.match(stripped)
        if attempt is None:
            return None
        word = attempt.group("word") or attempt.group("near") or ""
        return Directive(
            kind="invalid",
            rules=(word,) if word else (),
            line=line,
            start=begin,
            end=begin + len(stripped),
            end_line=end_line,
        )
    ids = tuple(i for i in re.split(r"[\s,]+", m.group("ids") or "") if i)
    return Directive(
        kind=m.group("kind"),
        rules=ids,
        line=line,
        start=begin,
        end=begin + len(stripped),
        end_line=end_line,
        reason=" ".join((m.group("reason") or "").split()),
    )


def _covers(names: tuple[str, ...], rule_id: str, family: str = "") -> bool:
    """Whether a directive naming ``names`` covers the rule: by id, prefix or family (as
    ``--select`` reads them)."""
    if not names:
        return True
    return any(
        rule_id == n or rule_id.startswith(n + ".") or (family and n == family) for n in names
    )


def _known(name: str, ruleset: RuleSet) -> bool:
    if name in ruleset.by_id or name in DIRECTIVE_RULE_IDS:
        return True
    if any(rule.family == name for rule in ruleset.rules):
        return True
    prefix = name + "."
    return any(i.startswith(prefix) for i in (*ruleset.ids, *DIRECTIVE_RULE_IDS))


def _canonical(names: tuple[str, ...], ruleset: RuleSet) -> tuple[str, ...]:
    """Rule ids with aliases replaced by the rule's current id."""
    out = []
    for name in names:
        rule = ruleset.by_id.get(name)
        out.append(rule.id if rule is not None else name)
    return tuple(out)


class _Table:
    """Directives in source order, answering "which directive suppresses this finding?"."""

    def __init__(self, found: Sequence[Directive], text: str, ruleset: RuleSet) -> None:
        self.ordered = sorted(found, key=lambda d: (d.start, d.end))
        self.names = [_canonical(d.rules, ruleset) for d in self.ordered]
        self.used = [False] * len(self.ordered)
        self.index = LineIndex(text)
        self.families = {r.id: r.family for r in ruleset.rules}
        # Each finding looks only at the directives that may concern it (a document with
        # thousands of directives and findings stays linear): those for the whole file, those
        # by line, and the disable/enable ones before it, latest first.
        self.whole: list[int] = []
        self.by_line: dict[int, list[int]] = {}
        self.ranged: list[int] = []
        for i, d in enumerate(self.ordered):
            if d.kind == "disable-file":
                self.whole.append(i)
            elif d.kind == "disable-line":
                for line in range(d.line, d.end_line + 1):
                    self.by_line.setdefault(line, []).append(i)
            elif d.kind == "disable-next-line":
                self.by_line.setdefault(d.end_line + 1, []).append(i)
            elif d.kind in ("disable", "enable"):
                self.ranged.append(i)
        self._ranged_by_rule: dict[str, tuple[list[int], list[int], bool]] = {}

    def _applies(self, i: int, f: Finding, skip: int) -> bool:
        if i == skip or (skip >= 0 and not self.names[i]):
            return False
        return _covers(self.names[i], f.rule, self.families.get(f.rule, ""))

    def suppressor(self, f: Finding, skip: int = -1) -> int | None:
        """Index of the directive that suppresses ``f``, or None: the first, in source order,
        that disables the file or the finding's line; else the last disable or enable before
        the finding, if it is a disable. Only directives that cover the rule count. A report on
        directive ``skip`` is suppressed only by another directive that names its rule id (or
        a prefix of it)."""
        line = self.index.line_of(f.start)
        near: list[int] = [*self.whole, *self.by_line.get(line, [])]
        direct = [i for i in near if self._applies(i, f, skip)]
        if direct:
            return min(direct)
        ranged, ends, ordered = self._ranged_for(f.rule)
        top = bisect_right(ends, f.start) if ordered else len(ends)
        for k in range(top - 1, -1, -1):
            i = ranged[k]
            if ends[k] <= f.start and self._applies(i, f, skip):
                return i if self.ordered[i].kind == "disable" else None
        return None

    def _ranged_for(self, rule_id: str) -> tuple[list[int], list[int], bool]:
        """The disable and enable directives that cover ``rule_id``, in order, their ends, and
        whether the ends are in order too (directives are comments, which do not overlap)."""
        found = self._ranged_by_rule.get(rule_id)
        if found is None:
            family = self.families.get(rule_id, "")
            ranged = [i for i in self.ranged if _covers(self.names[i], rule_id, family)]
            ends = [self.ordered[i].end for i in ranged]
            ordered = all(a <= b for a, b in pairwise(ends))
            found = self._ranged_by_rule[rule_id] = (ranged, ends, ordered)
        return found

    def filter(self, findings: list[Finding], *, own: Sequence[int] = ()) -> list[Finding]:
        """The findings no directive suppresses; the suppressing directives count as used.

        ``own[k]`` is the directive that ``findings[k]`` reports on: it may not suppress itself.
        """
        kept = []
        for k, f in enumerate(findings):
            which = self.suppressor(f, own[k] if own else -1)
            if which is None:
                kept.append(f)
            elif f.severity is not Severity.INFO:
                self.used[which] = True
        return kept


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
    invalid = [d for d in found if d.kind == "invalid"]
    table = _Table([d for d in found if d.kind != "invalid"], text, ruleset)
    kept = table.filter(findings)

    def finding(rule_id: str, d: Directive, message: str) -> Finding:
        return Finding(
            rule=rule_id,
            severity=settings.severity_of(rule_id, DIRECTIVE_SEVERITY),
            start=d.start,
            end=d.end,
            match=text[d.start : d.end],
            message=message,
            context=Context.USE,
        )

    if settings.enabled(INVALID):
        for d in invalid:
            kept.append(finding(INVALID, d, _invalid_message(d.rules[0] if d.rules else "")))

    unknown_findings, unknown_owner = [], []
    has_unknown = [False] * len(table.ordered)
    for i, d in enumerate(table.ordered):
        for name in d.rules:
            if not _known(name, ruleset):
                has_unknown[i] = True
                if settings.enabled(UNKNOWN_RULE):
                    message = f"Directive '{d.kind}' names an unknown rule or prefix '{name}'."
                    unknown_findings.append(finding(UNKNOWN_RULE, d, message))
                    unknown_owner.append(i)
    kept += table.filter(unknown_findings, own=unknown_owner)

    if settings.enabled(UNUSED):
        # Decide every candidate first: a directive may be "used" by suppressing another's report.
        candidates = [
            i
            for i, d in enumerate(table.ordered)
            if d.kind != "enable" and not table.used[i] and not has_unknown[i]
        ]
        reports = []
        for i in candidates:
            d = table.ordered[i]
            what = ", ".join(d.rules) if d.rules else "any rule"
            reports.append(finding(UNUSED, d, f"Directive '{d.kind}' suppressed nothing ({what})."))
        survivors = {id(f) for f in table.filter(reports, own=candidates)}
        kept += [
            f
            for f, i in zip(reports, candidates, strict=True)
            if id(f) in survivors and not table.used[i]
        ]
    return kept


def comment_pattern(comment: tuple[str, str]) -> re.Pattern[str]:
    """How a format's directive comment is read, from the markers it is written with
    (``Format.comment``, ``(before, after)``): matched in full against a comment as the
    format's adapter finds it, group ``body`` is the text ``parse_directive`` reads. A comment
    left open runs to the end of what the adapter hands over; a format without markers (plain
    text) reads a line that starts with the directive's mark."""
    before, after = (marker.strip() for marker in comment)
    opener = re.escape(before) if before else rf"(?=\s*{re.escape(MARK)})"
    if not after:
        return re.compile(rf"{opener}(?P<body>.*)", re.DOTALL)
    return re.compile(rf"{opener}(?P<body>.*?)(?:{re.escape(after)}|\Z)", re.DOTALL)


def _invalid_message(word: str) -> str:
    """Why a directive-like comment is not one, without contradicting itself: a known kind
    glued to the next word is told to take a space."""
    glued = next((k for k in KINDS if word.startswith(k) and word != k), None)
    if glued is not None:
        return f"'{word}' is not a directive: put a space after '{glued}'."
    shown = f" '{word}'" if word else ""
    return (
        f"Not a directive kind{shown}: write one of {', '.join(sorted(KINDS))}, "
        "then optional rule ids and '-- reason'."
    )
