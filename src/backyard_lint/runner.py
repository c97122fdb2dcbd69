"""Lint files: one file at a time (all per-file work happens here), or many in parallel."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from backyard_lint import fix as fixing
from backyard_lint import formats
from backyard_lint.config import Config, ConfigError, Discovery
from backyard_lint.edits import automatic
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.inputs import InputError, decode_full, read_file
from backyard_lint.model import Finding, Settings, Severity
from backyard_lint.positions import LineIndex
from backyard_lint.ruleids import check_config
from backyard_lint.rules import RuleError, builtin_rules_dir, load_rules


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
    autofix: bool = False  # ``--fix`` would apply this finding's first replacement


@dataclass
class FileReport:
    path: str
    findings: list[Located] = field(default_factory=list)
    error: str | None = None
    diff: str = ""
    fixed: int = 0
    skipped: bool = False  # excluded by configuration
    fail_on: Severity | None = None  # the file's configuration's fail-on, if it sets one


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
    force_exclude: bool = False  # exclude applies to --stdin-filename too


_RULESETS: dict[tuple[Path, ...], RuleSet] = {}
_DISCOVERY: dict[Path | None, Discovery] = {}


def ruleset_for(extra: tuple[Path, ...] = ()) -> RuleSet:
    """Built-in rules plus a config's extra folders, loaded once per process. A user's rule
    (from an extra folder) must pass its own examples (``selfcheck``); the built-in rules'
    examples are checked by the test suite instead, so start-up does not pay for them."""
    found = _RULESETS.get(extra)
    if found is None:
        rules = load_rules([builtin_rules_dir(), *extra])
        if extra:
            from backyard_lint.selfcheck import check_all

            builtin = builtin_rules_dir().resolve()
            check_all(r for r in rules if not Path(r.path).resolve().is_relative_to(builtin))
        found = _RULESETS[extra] = RuleSet(rules)
    return found


def discovery(explicit: Path | None) -> Discovery:
    found = _DISCOVERY.get(explicit)
    if found is None:
        found = _DISCOVERY[explicit] = Discovery(explicit)
    return found


EXCERPT_MAX = 240  # longer source lines are shown as a window around the match
EXCERPT_CONTEXT = 80


def locate(text: str, findings: Sequence[Finding]) -> list[Located]:
    if not findings:
        return []
    index = LineIndex(text)
    auto = {id(f) for f, _ in automatic(text, findings, safe_only=True)}
    out = []
    for f in findings:
        line, col = index.position(f.start)
        end_line, end_col = index.position(f.end)
        first = index.starts[line - 1]
        last = index.starts[line] if line < len(index.starts) else len(text)
        lo, hi = first, last
        if last - first > EXCERPT_MAX:
            lo = max(first, f.start - EXCERPT_CONTEXT)
            hi = min(last, max(f.end, f.start + 1) + EXCERPT_CONTEXT)
        excerpt = text[lo:hi].rstrip("\r\n")
        column = lo - first + 1  # the source column of the excerpt's first character
        if lo > first:
            excerpt, column = "…" + excerpt, column - 1
        if hi < last:
            excerpt += "…"
        out.append(Located(f, line, col, end_line, end_col, excerpt, column, autofix=id(f) in auto))
    return out


def lint_document(
    text: str, fmt: str, settings: Settings, ruleset: RuleSet, *, with_proselint: bool = False
) -> list[Finding]:
    findings = lint_text(text, ruleset, fmt=fmt, settings=settings)
    if with_proselint:
        from backyard_lint.proselint import proselint_findings

        findings = sorted([*findings, *proselint_findings(text, fmt)], key=lambda f: f.sort_key)
    return findings


def lint_path(path: Path, opts: RunOptions, *, explicit: bool = True) -> FileReport:
    """Lint one file (or standard input for ``-``); never raises for a bad input.

    A file that cannot be read or decoded gives a report with ``error`` set (one line, without
    the path). A configuration or rule error still raises (it concerns every file: exit 2).
    An unexpected error in an adapter or the classifier is reported as an internal error for
    this file only, so the other files are still linted and no traceback reaches the user.

    ``check --fix -`` is a filter (an editor pipes its buffer through it): the text always
    comes back on standard output, fixed when that succeeded and unchanged on any error.
    """
    if str(path) == "-" and opts.fix:
        data = sys.stdin.buffer.read()
        echo = [data]
        try:
            return _lint(path, opts, data, echo)
        finally:
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.buffer.write(echo[0])
                sys.stdout.buffer.flush()
    return _lint(path, opts, None, None)


def _lint(
    path: Path, opts: RunOptions, stdin: bytes | None, echo: list[bytes] | None
) -> FileReport:
    is_stdin = str(path) == "-"
    display = (opts.stdin_filename or "-") if is_stdin else str(path)
    named = Path(opts.stdin_filename) if is_stdin and opts.stdin_filename else None
    try:
        config_anchor = (named or Path("stdin")) if is_stdin else path
        cfg: Config = discovery(opts.config).for_path(config_anchor.absolute())
        excluded = _excluded(cfg, named) if named and opts.force_exclude else False
        if excluded or (not is_stdin and _excluded(cfg, path)):
            return FileReport(display, skipped=True, fail_on=cfg.fail_on)
        ruleset = ruleset_for(cfg.extra_rules)
        check_config(cfg, ruleset)
        if is_stdin:
            data, st = (sys.stdin.buffer.read() if stdin is None else stdin), None
        else:
            data, st = read_file(path)
        text, codec, bom = decode_full(data, opts.encoding)
        del data
        name = opts.stdin_filename if is_stdin else path
        fmt = opts.fmt or cfg.format_for(name) or formats.detect(name)
        settings = cfg.settings_for(
            named if is_stdin else path,
            select=opts.select,
            ignore=opts.ignore,
            show_mentions=opts.show_mentions,
        )
        findings = lint_document(text, fmt, settings, ruleset, with_proselint=opts.with_proselint)
        report = FileReport(display, locate(text, findings), fail_on=cfg.fail_on)

        def relint(after: str) -> list[Finding]:
            return lint_document(after, fmt, settings, ruleset, with_proselint=opts.with_proselint)

        if echo is not None:  # a filter: the fixed text goes to stdout, what remains is reported
            report.fixed, after = _fixed_text(text, findings)
            if report.fixed:
                encoded = bom + after.encode(codec)
                report.findings = locate(after, relint(after))
                echo[0] = encoded
        elif (opts.fix or opts.diff) and findings:
            _fix(report, path, opts, (text, codec, bom, st), findings, relint)
    except InputError as exc:
        return FileReport(display, error=str(exc))
    except (ConfigError, RuleError, BrokenPipeError):
        raise
    except Exception as exc:  # a bug in an adapter or the classifier: this file only
        return FileReport(display, error=internal_error(exc))
    return report


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
    try:
        data = bom + after.encode(codec)
    except UnicodeEncodeError as exc:
        report.error = (
            f"could not write fixes: {after[exc.start]!r} cannot be written in {codec}; "
            "file left unchanged"
        )
        return
    try:
        fixing.write_atomic(path, data, unchanged_since=st)
    except (OSError, fixing.FixError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        report.error = f"could not write fixes: {reason}; file left unchanged"
        return
    report.fixed = fixed
    report.findings = locate(after, relint(after))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run(
    files: Sequence[tuple[Path, bool]], opts: RunOptions, jobs: int | None = None
) -> Iterator[FileReport]:
    """Lint ``files`` in order; in parallel processes when there are many and jobs > 1."""
    from backyard_lint.parallel import run_files

    return run_files(files, opts, jobs)
