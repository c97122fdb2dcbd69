"""Lint one file (all per-file work happens here): configuration, reading, decoding, the
engine, locating the findings, and the safe fixes. Many files: see ``parallel.py``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backyard_lint import fix as fixing
from backyard_lint import formats
from backyard_lint.config import Config, ConfigError
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.inputs import InputError, decode_full, read_file
from backyard_lint.locating import locate
from backyard_lint.model import FileReport, Finding, Located, Settings
from backyard_lint.project import Project
from backyard_lint.ruleids import check_config
from backyard_lint.rules import RuleError

if TYPE_CHECKING:
    from backyard_lint.readers import Mapper

__all__ = ["FileReport", "Located", "RunOptions", "lint_path", "locate"]


@dataclass(frozen=True)
class RunOptions:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    show_mentions: bool = False
    fix: bool = False
    diff: bool = False
    encoding: str | None = None
    config: Path | None = None
    with_proselint: bool = False
    stdin_filename: str | None = None
    fmt: str | None = None  # force a format
    force: bool = False  # --force-write (see writeback.py)
    force_exclude: bool = False  # exclude applies to --stdin-filename too
    in_place: bool = False  # --fix rewrites a Word document itself, not a fixed copy


def lint_document(
    text: str,
    fmt: str,
    settings: Settings,
    ruleset: RuleSet,
    *,
    with_proselint: bool = False,
    mapper: Mapper | None = None,
) -> list[Finding]:
    findings = lint_text(text, ruleset, fmt=fmt, settings=settings, mapper=mapper)
    if with_proselint:
        from backyard_lint.proselint import proselint_findings

        findings = sorted([*findings, *proselint_findings(text, fmt)], key=lambda f: f.sort_key)
    return findings


def lint_path(
    path: Path,
    opts: RunOptions,
    project: Project,
    *,
    explicit: bool = True,
    mapper: Mapper | None = None,
) -> FileReport:
    """Lint one file (or standard input for ``-``); never raises for a bad input.

    A file that cannot be read or decoded gives a report with ``error`` set (one line, without
    the path). A configuration or rule error still raises (it concerns every file: exit 2).
    An unexpected error in an adapter or the classifier is reported as an internal error for
    this file only, so the other files are still linted and no traceback reaches the user.

    ``check --fix -`` is a filter (an editor pipes its buffer through it): when a safe fix
    applies, standard input's report carries the fixed bytes (``fixed_bytes``); the command
    alone writes standard output (``checkcmd.cmd_check``).

    ``mapper``: where a long document's pieces, or its matches, are linted
    (``readers.Readers``).
    """
    is_stdin = str(path) == "-"
    display = (opts.stdin_filename or "-") if is_stdin else str(path)
    named = Path(opts.stdin_filename) if is_stdin and opts.stdin_filename else None
    try:
        config_anchor = (named or Path("stdin")) if is_stdin else path
        cfg: Config = project.config_for(config_anchor.absolute())
        excluded = _excluded(cfg, named) if named and opts.force_exclude else False
        if excluded or (not is_stdin and _excluded(cfg, path)):
            return FileReport(display, skipped=True, fail_on=cfg.fail_on)
        ruleset = project.ruleset(cfg.extra_rules)
        check_config(cfg, ruleset)
        settings = cfg.settings_for(
            named if is_stdin else path,
            select=opts.select,
            ignore=opts.ignore,
            show_mentions=opts.show_mentions,
        )
        if not is_stdin and path.suffix.lower() == ".docx":
            if not explicit and path.name.startswith("~$"):  # Word's lock file
                return FileReport(display, skipped=True)
            from backyard_lint.word.check import check_word_file

            return check_word_file(path, display, opts, settings, ruleset)
        name = opts.stdin_filename if is_stdin else path
        fmt = opts.fmt or cfg.format_for(name) or formats.detect(name)
        proselint = opts.with_proselint
        whole = is_stdin or opts.fix or opts.diff or opts.encoding or proselint
        if mapper is not None and not whole:  # a long document: read a piece at a time
            from backyard_lint.stream import lint_file

            located = lint_file(str(path), fmt, settings, ruleset, mapper)
            if located is not None:
                return FileReport(display, located, fail_on=cfg.fail_on)
        if is_stdin:
            data, st = sys.stdin.buffer.read(), None
        else:
            data, st = read_file(path)
        text, codec, bom = decode_full(data, opts.encoding)
        del data
        findings = lint_document(
            text, fmt, settings, ruleset, with_proselint=proselint, mapper=mapper
        )
        report = FileReport(display, locate(text, findings), fail_on=cfg.fail_on)

        def relint(after: str) -> list[Finding]:
            return lint_document(
                after, fmt, settings, ruleset, with_proselint=proselint, mapper=mapper
            )

        if is_stdin and opts.fix:  # a filter: the fixed bytes go back, what remains is reported
            report.fixed, after = _fixed_text(text, findings)
            if report.fixed:
                encoded = bom + after.encode(codec)
                report.findings = locate(after, relint(after))
                report.fixed_bytes = encoded
        elif (opts.fix or opts.diff) and findings:
            _fix(report, path, opts, (text, codec, bom, st), findings, relint, explicit)
    except InputError as exc:
        return FileReport(display, error=str(exc))
    except (ConfigError, RuleError, BrokenPipeError):
        raise
    except RecursionError:  # markup nested thousands of levels deep (a parser recurses)
        return FileReport(display, error="markup nested too deeply to read; not linted")
    except Exception as exc:  # a bug in an adapter or the classifier: this file only
        if debugging():
            raise
        return FileReport(display, error=internal_error(exc))
    return report


def debugging() -> bool:
    """``BACKYARD_LINT_DEBUG=1`` (or ``--debug``): internal errors are raised, with their
    traceback, instead of being reported as one line."""
    return os.environ.get("BACKYARD_LINT_DEBUG", "") not in ("", "0")


def internal_error(exc: BaseException) -> str:
    """One line for an unexpected exception (a bug: the user is asked to report it)."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    name = type(exc).__name__
    return f"internal error ({name}{': ' + detail if detail else ''}); please report this bug"


def _excluded(cfg: Config, path: Path) -> bool:
    try:
        return cfg.is_excluded(path)
    except (OSError, RuntimeError):  # a symlink loop cannot be resolved: reading reports it
        return False


def _fixed_text(text: str, findings: list[Finding]) -> tuple[int, str]:
    """The number of safe fixes and the text with them applied."""
    changes = fixing.edits(text, findings) if findings else []
    return len(changes), fixing.apply_edits(text, changes) if changes else text


def _fix(
    report: FileReport,
    path: Path,
    opts: RunOptions,
    source: tuple[str, str, bytes, os.stat_result | None],
    findings: list[Finding],
    relint: Callable[[str], list[Finding]],
    explicit: bool = True,
) -> None:
    """Apply the safe fixes to a file: as a diff (``--diff``, writes nothing) or through a
    temporary file and an atomic rename (``--fix``), keeping the BOM, encoding and line ends.
    On any error the file is left as it was and the report says why."""
    text, codec, bom, st = source
    fixed, after = _fixed_text(text, findings)
    if not fixed:
        return
    if opts.diff:
        report.diff = fixing.unified_diff(report.path, text, after)
    if not opts.fix:
        return
    from backyard_lint.writeback import write_fix

    try:
        write_fix(str(path), (text, after), (codec, bom), st, named=explicit, force=opts.force)
    except (OSError, fixing.FixError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        report.error = f"could not write fixes: {reason}; file left unchanged"
        return
    report.fixed = fixed
    report.findings = locate(after, relint(after))
