"""``backyard-lint check``: from parsed options to output and an exit code.

Output rules: findings go to standard output, sorted by path (then line and column); errors and
notices go to standard error, one line each naming the file. As a filter (``check --fix -``)
standard output carries only the text, so the findings go to standard error. ``--diff`` prints
a patch and nothing else on standard output.

Exit codes: 0 nothing at or above each file's ``fail-on``; 1 findings at or above it (or, with
``--exit-non-zero-on-fix``, a file was fixed); 2 usage, configuration, rule or read error. A file
that is skipped (binary, too large, not a regular file) is a notice, not an error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backyard_lint.model import Severity
from backyard_lint.visible import printable

if TYPE_CHECKING:
    from backyard_lint.config import Config
    from backyard_lint.engine import RuleSet
    from backyard_lint.project import Project
    from backyard_lint.runner import FileReport

OK, PROBLEMS, ERROR = 0, 1, 2
ALL_PASSED = "All checks passed!"


def _err(message: str) -> None:
    sys.stderr.write(f"backyard-lint: {message}\n")


def interrupted_line(reports: Sequence[FileReport], not_begun: int) -> str:
    """What an interrupted ``--fix`` run did: the files it fixed, and how many it never began."""
    fixed = [r.path for r in reports if r.fixed]
    done = f"fixes written to {', '.join(fixed)}" if fixed else "no file was fixed"
    return f"interrupted: {done}; {not_begun} file{'s' if not_begun != 1 else ''} not linted"


def working_folder_setup(project: Project) -> tuple[Config, RuleSet]:
    """The configuration that applies in the working folder, and its rules."""
    cfg = project.config_for_folder(Path.cwd())
    return cfg, project.ruleset(cfg.extra_rules)


def _skipped(report: FileReport) -> bool:
    """A file passed over on purpose (binary, too large, a FIFO): a notice, not an error."""
    return report.error is not None and report.error.endswith(", skipped")


def cmd_check(args: argparse.Namespace, project: Project) -> int:
    """As a filter (``--fix -``), standard input is read first, and standard output gets
    exactly one text, written here: the fixed bytes when a safe fix applied, else the input
    unchanged (also on any error, so that an editor never loses its buffer)."""
    if not _filtering(args):
        return _check(args, project)[0]
    data = sys.stdin.buffer.read()
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")  # the runner reads it
    output = data
    try:
        code, reports = _check(args, project)
        output = next((r.fixed_bytes for r in reports if r.fixed_bytes is not None), data)
    finally:
        filter_output(output)
    return code


def _filtering(args: argparse.Namespace) -> bool:
    """``check --fix`` reading standard input (``-``, or ``--stdin-filename`` alone)."""
    return bool(args.fix and ("-" in args.paths or (not args.paths and args.stdin_filename)))


def filter_output(data: bytes) -> None:
    """Write what the filter gives back on standard output (a closed output is ignored)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _check(args: argparse.Namespace, project: Project) -> tuple[int, list[FileReport]]:
    """The exit code, and the reports of the files linted (none when it stops before)."""
    from backyard_lint import formats
    from backyard_lint.inputs import encoding_problem, walk
    from backyard_lint.parallel import run_files
    from backyard_lint.ruleids import first_problem, vocabulary
    from backyard_lint.runner import RunOptions
    from backyard_lint.stopping import Stop

    if args.fix and args.diff:
        _err("--fix and --diff cannot be used together")
        return ERROR, []
    if args.encoding and (problem := encoding_problem(args.encoding)):
        _err(f"--encoding: {problem}")
        return ERROR, []
    if args.update_baseline and not args.baseline:
        _err("--update-baseline needs --baseline FILE")
        return ERROR, []
    if args.show_settings is not None:
        from backyard_lint.showsettings import show_settings

        return show_settings(Path(args.show_settings), args, project), []
    # With --stdin-filename and no paths, read standard input (as ruff does).
    default = ["-"] if args.stdin_filename else ["."]
    paths = [Path(p) for p in (args.paths or default)]
    _, base_rules = working_folder_setup(project)
    words = vocabulary(base_rules)
    for option, ids in (("--select", args.select or ()), ("--ignore", args.ignore)):
        problem = first_problem(ids, words)
        if problem is not None:
            _err(f"{option}: {problem}")
            return ERROR, []
    baseline = None
    if args.baseline and not args.update_baseline:
        from backyard_lint.baseline import load

        baseline = load(Path(args.baseline))
    opts = RunOptions(
        select=tuple(args.select) if args.select else None,
        ignore=tuple(args.ignore),
        show_mentions=args.show_mentions,
        fix=args.fix,
        force=args.force_write,
        diff=args.diff,
        encoding=args.encoding,
        config=args.config,
        with_proselint=args.with_proselint,
        stdin_filename=args.stdin_filename,
        fmt=formats.detect(args.stdin_filename) if args.stdin_filename else None,
        force_exclude=args.force_exclude,
        in_place=args.in_place,
    )
    unread: list[tuple[str, str]] = []  # folders not read: reported as errors (exit 2)
    files = list(walk(paths, unread, **_walk_options(args, project)))
    if not files and not unread:
        shown = ", ".join(printable(str(p)) for p in paths)
        _err(f"warning: no files to lint found in {shown}")
        return OK, []
    stop = Stop().install() if args.fix else None  # a signal ends the run between files
    try:
        done = list(run_files(files, opts, project, args.jobs, stop))
    finally:
        if stop is not None:
            stop.restore()
    reports = sorted((r for r in done if not r.skipped), key=lambda r: r.path)
    if unread:
        from backyard_lint.model import FileReport as Unread

        reports += [Unread(folder, error=reason) for folder, reason in unread]
    if args.update_baseline:
        from backyard_lint.baseline import dump

        count = dump(Path(args.baseline), reports)
        _err(f"baseline written: {count} finding{'s' if count != 1 else ''} in {args.baseline}")
        return OK, done
    accepted = baseline.filter(reports) if baseline is not None else 0
    for r in reports:  # a skipped file's reason ends with "skipped": it is not an error
        if r.written:
            _err(f"{printable(r.path)}: fixed copy written to {printable(r.written)}")
        if r.error is not None:
            _err(printable(f"{r.path}: {r.error}"))
    out = sys.stderr if _filtering(args) else sys.stdout  # a filter's stdout is the text
    out.write(_output(reports, base_rules, args, accepted))
    if stop is not None and stop.requested:
        _err(printable(interrupted_line(reports, len(files) - len(done))))
        return 130, done
    if any(r.error is not None and not _skipped(r) for r in reports):
        return ERROR, done
    if args.exit_non_zero_on_fix and any(r.fixed for r in reports):
        return PROBLEMS, done
    if args.exit_zero:
        return OK, done
    return (PROBLEMS if _failing(reports, args.fail_on) else OK), done


def _walk_options(args: argparse.Namespace, project: Project) -> dict[str, Any]:
    """The walk's choices, from the configuration that applies to each folder: ``exclude``
    prunes folders, ``include`` and ``extensions`` add files."""
    found = project

    def skip_dir(path: str) -> bool:
        folder = Path(path).absolute()
        return found.config_for_folder(folder.parent).is_excluded(folder)

    def keep(path: str) -> bool:
        file = Path(path).absolute()
        return found.config_for(file).wants(file)

    return {"gitignore": not args.no_gitignore, "keep": keep, "skip_dir": skip_dir}


def _failing(reports: Sequence[FileReport], option: str | None) -> bool:
    """Each file is judged by its own configuration's ``fail-on`` (``--fail-on`` wins)."""
    for r in reports:
        fail_on = Severity(option or r.fail_on or Severity.WARNING)
        if any(loc.finding.severity.rank >= fail_on.rank for loc in r.findings):
            return True
    return False


def _output(
    reports: Sequence[FileReport], rules: RuleSet, args: argparse.Namespace, accepted: int
) -> str:
    from backyard_lint.reporters import ReportContext, renderer

    if args.diff:
        return "".join(r.diff for r in reports)
    if args.statistics:
        return statistics(reports, args.format)
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    ctx = ReportContext(rules, color=color, summary=not args.quiet)
    text = renderer(args.format)(reports, ctx)
    if args.format not in ("text", "concise") or args.quiet:
        return text
    if accepted and args.format == "text":
        text += f"{accepted} accepted finding{'s' if accepted != 1 else ''} in the baseline.\n"
    problems = any(str(loc.finding.severity) != "info" for r in reports for loc in r.findings)
    if not problems and not any(r.error and not _skipped(r) for r in reports):
        text += ALL_PASSED + "\n"
    return text


def statistics(reports: Sequence[FileReport], fmt: str) -> str:
    """One line per rule: how many findings, and whether ``--fix`` would fix them all."""
    import json

    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for r in reports:
        for loc in r.findings:
            if str(loc.finding.severity) == "info":
                continue
            counts[loc.finding.rule] += 1
            fixable[loc.finding.rule] += loc.autofix
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        data = [{"rule": rule, "count": n, "fixable": fixable[rule]} for rule, n in rows]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(rule) for rule, _ in rows), default=0)
    lines = []
    for rule, n in rows:
        note = f"  [*] {fixable[rule]} fixable" if fixable[rule] else ""
        lines.append(f"{n:>5}  {rule:<{width}}{note}")
    return "".join(line + "\n" for line in lines)
