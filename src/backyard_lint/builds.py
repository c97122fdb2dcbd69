"""Lint one document of a documentation build (the Sphinx extension and the MkDocs plugin).

The configuration is the one the command line would use for the document's file (found by
walking up from its folder, or the file given as ``config``); the build's own options
(``select``, ``ignore``, ``fail_on``) are applied on top, as the command-line options are.
A finding at or above ``fail_on`` is a warning for the build; a lower one is information.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from backyard_lint import formats
from backyard_lint.model import RULE_SEVERITIES, Severity

FAIL_ON_CHOICES = tuple(s.value for s in RULE_SEVERITIES)


class BuildConfigError(ValueError):
    """A build option that cannot be used; ``str()`` is one line naming the option."""


@dataclass(frozen=True)
class BuildOptions:
    """The build's own settings. ``select`` None keeps the configuration's select."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    config: Path | None = None

    @classmethod
    def from_values(
        cls,
        select: Sequence[str] | None,
        ignore: Sequence[str] | None,
        fail_on: str | None,
        config: str | Path | None,
        *,
        prefix: str = "",
    ) -> BuildOptions:
        """Options from a build's configuration values, checked (``prefix`` names them)."""
        for name, ids in (("select", select), ("ignore", ignore)):
            if ids is not None and (
                isinstance(ids, str) or not all(isinstance(i, str) and i for i in ids)
            ):
                raise BuildConfigError(f"{prefix}{name} must be a list of rule ids or prefixes")
        if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
            raise BuildConfigError(f"{prefix}fail_on must be one of {', '.join(FAIL_ON_CHOICES)}")
        return cls(
            select=tuple(select) if select is not None else None,
            ignore=tuple(ignore or ()),
            fail_on=Severity(fail_on) if fail_on else None,
            config=Path(config) if config else None,
        )


@dataclass(frozen=True)
class BuildFinding:
    """One finding placed in its document, and whether it fails the build."""

    rule: str
    line: int
    column: int
    message: str
    severity: Severity
    fails: bool

    @property
    def text(self) -> str:
        return f"{self.rule}: {self.message}"


class BuildLinter:
    """Lints the documents of one build: its options, and the project (configuration
    discovery and rule sets) that the build's documents share."""

    def __init__(self, options: BuildOptions) -> None:
        from backyard_lint.project import Project

        self.options = options
        self.project = Project(options.config)

    def fingerprint(self, path: Path) -> str:
        """What the findings for the document at ``path`` depend on besides its text: the
        backyard-lint version and the settings of the configuration that applies to it. Raises
        ``ConfigError`` for a configuration that cannot be used."""
        from backyard_lint import __version__

        return f"{__version__} {self.project.config_for(path.absolute())!r}"

    def lint(
        self, path: Path, text: str, *, dialect: str | None = None, fmt: str | None = None
    ) -> list[BuildFinding]:
        """Findings for ``text``, the source of the document at ``path`` (none when the
        configuration excludes it), read as ``fmt`` (default: by the file's suffix). A Markdown
        document's ``dialect`` (``myst`` or ``mkdocs``) makes its admonitions read as prose (see
        ``docblocks``). Raises ``ConfigError`` or ``RuleError`` for a configuration or rule
        that cannot be used."""
        from backyard_lint.docblocks import reveal
        from backyard_lint.runner import lint_document, locate

        cfg = self.project.config_for(path.absolute())
        if cfg.is_excluded(path):
            return []
        ruleset = self.project.ruleset(cfg.extra_rules)
        settings = cfg.settings_for(path, select=self.options.select, ignore=self.options.ignore)
        fail_on = self.options.fail_on or cfg.fail_on or Severity.WARNING
        fmt = fmt or formats.detect(path)
        shifts: list[int] = []
        if dialect and fmt == "markdown":
            text, shifts = reveal(text, dialect)
        findings = lint_document(text, fmt, settings, ruleset)
        return [
            BuildFinding(
                rule=loc.finding.rule,
                line=loc.line,
                column=loc.column + (shifts[loc.line - 1] if shifts else 0),
                message=loc.finding.message,
                severity=loc.finding.severity,
                fails=loc.finding.severity.rank >= fail_on.rank,
            )
            for loc in locate(text, findings)
        ]
