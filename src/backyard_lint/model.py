"""Plain data shared by every part of backyard-lint: severities, rules and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is. ``info`` is used only for mentions shown on request."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.SUGGESTION: 1, Severity.INFO: 0}

RULE_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)


class Context(str, Enum):
    """How a match was read: only ``use`` is reported at the rule's severity."""

    USE = "use"
    MENTION = "mention"
    NEGATED = "negated"
    ATTRIBUTED = "attributed"
    HISTORICAL = "historical"
    NAME = "name"
    LITERAL = "literal"  # not the rule's label: another power's backyard ("its" is China's)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Replacement:
    """Suggested wording. ``safe`` means it may be applied by ``--fix`` without review."""

    text: str
    safe: bool = False


@dataclass(frozen=True)
class Source:
    """A published source that argues the rule's case."""

    title: str
    url: str
    publisher: str = ""
    date: str = ""
    author: str = ""
    quote: str = ""
    argument: str = ""


@dataclass(frozen=True)
class Pattern:
    """A trigger pattern (RE2 syntax).

    ``sentence``, when set, must also match somewhere in the same sentence."""

    regex: str
    sentence: str = ""


@dataclass(frozen=True)
class Rule:
    """One validated rule, loaded from a YAML file."""

    id: str
    severity: Severity
    summary: str
    message: str
    patterns: tuple[Pattern, ...]
    explanation: str
    sources: tuple[Source, ...]
    examples_bad: tuple[str, ...]
    examples_good: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    replacements: tuple[Replacement, ...] = ()
    case_sensitive: bool = False
    family: str = ""
    aliases: tuple[str, ...] = ()
    # Extra words for the context classifier, by signal name (for example
    # ``period_nouns``: nouns that make "post-Soviet" a period, not a place).
    hints: tuple[tuple[str, tuple[str, ...]], ...] = ()
    path: str = ""
    # False: an opt-in rule, checked only when ``select`` names it (by id or a prefix).
    default: bool = True

    def hint(self, name: str) -> tuple[str, ...]:
        for key, values in self.hints:
            if key == name:
                return values
        return ()

    @property
    def doc_url(self) -> str:
        return f"{DOCS_BASE_URL}/{self.id}.md"


DOCS_BASE_URL = "https://github.com/backyard-lint/backyard-lint/blob/main/docs/rules"


@dataclass(frozen=True)
class Finding:
    """One reported span. Offsets are code-point offsets into the linted text."""

    rule: str
    severity: Severity
    start: int
    end: int
    match: str
    message: str
    replacements: tuple[Replacement, ...] = ()
    context: Context | str = Context.USE
    reason: str = ""
    # The span as the rules saw it (the masked text: markup blank), or None when not known; a
    # fix changes only the characters that are not markup (``markup_edit.rewrite``).
    prose: str | None = field(default=None, compare=False, repr=False)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.rule)


@dataclass(frozen=True)
class FixEdit:
    """The edit ``--fix`` makes for a finding (the fix policy's, in ``edits.py``): the span it
    replaces, 1-based lines and columns with the end exclusive as a finding's, which may
    include an article before the match ("the Ukraine"), and the new text in the case the
    sentence needs."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Located:
    """A finding with its 1-based line and column (code points) and an excerpt of its source
    line: all of it, or for a long line a window around the match, marked by ellipses, whose
    first character stands at column ``excerpt_column`` (so that a label on a 50 MB line does
    not hold, or print, 50 MB)."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int
    line_text: str
    excerpt_column: int = 1
    fix: FixEdit | None = None  # the edit ``--fix`` would make here
    where: str = ""  # a place that lines do not name, such as a Word paragraph or table cell

    @property
    def autofix(self) -> bool:
        """``--fix`` would change this finding."""
        return self.fix is not None


@dataclass
class FileReport:
    """What the reporters get for one file: its findings, or the one-line error that kept it
    from being linted, and what ``--fix``/``--diff`` did."""

    path: str
    findings: list[Located] = field(default_factory=list)
    error: str | None = None
    diff: str = ""
    fixed: int = 0
    skipped: bool = False  # excluded by configuration
    fail_on: Severity | None = None  # the file's configuration's fail-on, if it sets one
    written: str = ""  # a new file --fix wrote (the fixed copy of a Word document)
    fixed_bytes: bytes | None = None  # standard input fixed (check --fix -): the filter's output


@dataclass(frozen=True)
class Settings:
    """What to report. Built from configuration and command-line options."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    show_mentions: bool = False

    def enabled(self, rule_id: str, default: bool = True, family: str = "") -> bool:
        """ruff semantics: the most specific of select/ignore wins; ignore wins a tie. A rule
        that is not ``default`` (opt-in) is enabled only when ``select`` names it by its id, a
        prefix or its family ("ALL" does not). A rule's family names it as its id's prefix
        does (``post-soviet`` selects ``former-soviet.region``, whose family it is)."""
        best_sel = _best_prefix(rule_id, self.select, family) if self.select else 0
        if self.select and best_sel < 0:
            return False
        if not default and best_sel <= 0:
            return False
        best_ign = _best_prefix(rule_id, self.ignore, family)
        if best_ign < 0:
            return True
        return best_ign < best_sel if self.select else False

    def severity_for(self, rule: Rule) -> Severity:
        return self.severity_of(rule.id, rule.severity, rule.family)

    def severity_of(self, rule_id: str, default: Severity, family: str = "") -> Severity:
        """The override with the longest matching id, prefix or family, else ``default``."""
        best = -1
        chosen = default
        for prefix, sev in self.severity:
            length = _prefix_len(rule_id, prefix, family)
            if length > best:
                best, chosen = length, sev
        return chosen


def _prefix_len(rule_id: str, prefix: str, family: str = "") -> int:
    """Length of ``prefix`` when it names ``rule_id``, one of its dotted ancestors or its
    family, else -1."""
    if prefix in ("ALL", "*"):
        return 0
    if rule_id == prefix or rule_id.startswith(prefix + ".") or (family and prefix == family):
        return len(prefix)
    return -1


def _best_prefix(rule_id: str, prefixes: tuple[str, ...], family: str = "") -> int:
    return max((_prefix_len(rule_id, p, family) for p in prefixes), default=-1)
