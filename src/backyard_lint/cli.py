"""The command line: ``backyard-lint check | explain | rules | export | audit | lsp``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage, configuration
or rule error, or an input that could not be read (the other files are still linted and reported).
``check`` itself lives in :mod:`backyard_lint.checkcmd`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from backyard_lint import __version__
from backyard_lint.baseline import BaselineError
from backyard_lint.config import Config, ConfigError
from backyard_lint.model import RULE_SEVERITIES, Rule
from backyard_lint.rules import RuleError

if TYPE_CHECKING:
    from backyard_lint.engine import RuleSet
    from backyard_lint.project import Project


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(ExitCode.ERROR, f"{self.prog}: error: {message}\n")


def _ids(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    from backyard_lint.reporters import FORMATS

    parser = _Parser(
        prog="backyard-lint",
        description="An editorial linter for dismissive regional labels, with cited explanations.",
    )
    parser.add_argument("--version", action="version", version=f"backyard-lint {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="raise internal errors with their traceback (also BACKYARD_LINT_DEBUG=1)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="lint files, folders or standard input")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: .); - reads stdin"
    )
    check.add_argument(
        "--format",
        "--output-format",
        "-f",
        choices=FORMATS,
        default="text",
        help="output format (--output-format is the same option, as in ruff)",
    )
    check.add_argument(
        "--select",
        type=_ids,
        action="extend",
        metavar="IDS",
        help="only these rule ids or prefixes (comma-separated; replaces the config's select)",
    )
    check.add_argument(
        "--ignore",
        type=_ids,
        action="extend",
        default=[],
        metavar="IDS",
        help="skip these rule ids or prefixes (comma-separated; added to the config's ignore)",
    )
    check.add_argument(
        "--fail-on",
        choices=[s.value for s in RULE_SEVERITIES],
        default=None,
        help="lowest severity that makes the exit code 1 (default: warning)",
    )
    check.add_argument(
        "--show-mentions",
        action="store_true",
        help="also show quoted, negated, attributed, historical, name and literal uses, as info",
    )
    check.add_argument("--fix", action="store_true", help="apply replacements marked safe")
    check.add_argument("--force-write", action="store_true", help="with --fix, also replace "
                       "read-only files, other users' files and files with several hard links")
    check.add_argument(
        "--in-place",
        action="store_true",
        help="with --fix, rewrite Word documents themselves (default: write NAME.fixed.docx)",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the safe fixes as a unified diff, and nothing else; write nothing",
    )
    check.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="with --fix: exit 1 when a file was fixed, even if nothing remains",
    )
    check.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file")
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="file name for stdin: picks the format, the configuration and per-file-ignores",
    )
    check.add_argument(
        "--no-gitignore",
        action="store_true",
        help="when walking folders, also lint files that .gitignore files ignore",
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the configuration's exclude to --stdin-filename too",
    )
    check.add_argument(
        "--encoding", metavar="NAME", help="decode files without a BOM with this encoding"
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help="parallel processes (default: all cores)",
    )
    check.add_argument(
        "--with-proselint", action="store_true", help="also run proselint's own checks"
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    check.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour output"
    )
    check.add_argument(
        "--statistics", action="store_true", help="print the number of findings per rule"
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="print findings only: no summary line"
    )
    check.add_argument(
        "--show-settings",
        metavar="FILE",
        help="print the configuration that applies to FILE and where each value came from",
    )
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings that are not in this baseline file of accepted findings",
    )
    check.add_argument(
        "--update-baseline",
        action="store_true",
        help="with --baseline: write the current findings to the baseline file",
    )

    explain = sub.add_parser("explain", help="explain a rule and cite its sources")
    explain.add_argument("rule", metavar="RULE", help="a rule id, such as backyard.russia")
    explain.add_argument("--format", "-f", choices=("text", "json"), default="text")
    explain.add_argument("--config", type=Path, metavar="FILE", help="configuration file")

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", "-f", choices=("text", "json"), default="text")
    rules.add_argument("--config", type=Path, metavar="FILE", help="configuration file")

    export = sub.add_parser("export", help="write the rules as a Vale style, prh or textlint")
    export.add_argument("kind", choices=("vale", "prh", "textlint"), help="what to write")
    export.add_argument(
        "dest", type=Path, metavar="DEST", help="vale, textlint: a folder; prh: a file"
    )
    export.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
    serve = sub.add_parser(
        "serve", help="start the page for editors on this machine (needs the 'web' extra)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8765, help="port (0: any free port)")
    serve.add_argument(
        "--max-size", type=float, default=10, metavar="MB", help="largest text or file accepted"
    )
    serve.add_argument("--open", action="store_true", help="open the page in the web browser")
    serve.add_argument("--config", type=Path, metavar="FILE", help="configuration file")

    trace = sub.add_parser("trace", help="show each signal's verdict on a match")
    trace.add_argument("target", metavar="TEXT_OR_FILE", help="a sentence with [a span], or a file")
    trace.add_argument("--rule", metavar="RULE", help="read the span with this rule")
    trace.add_argument("--config", type=Path, metavar="FILE", help="configuration file")

    from backyard_lint.audit.cli import add_parser as add_audit

    add_audit(sub)

    # Listed for --help; its options are parsed by the server itself (see main()).
    sub.add_parser(
        "lsp",
        help="run the language server (needs the 'lsp' extra); see 'backyard-lint lsp --help'",
        add_help=False,
    )
    return parser


def _err(message: str) -> None:
    sys.stderr.write(f"backyard-lint: {message}\n")


def _working_folder_setup(project: Project) -> tuple[Config, RuleSet]:
    """The configuration that applies in the working folder, and its rules."""
    cfg = project.config_for_folder(Path.cwd())
    return cfg, project.ruleset(cfg.extra_rules)


def cmd_check(args: argparse.Namespace, project: Project) -> int:
    from backyard_lint.checkcmd import cmd_check as check

    return check(args, project)


def cmd_trace(args: argparse.Namespace, project: Project) -> int:
    from backyard_lint import tracing

    _, ruleset = _working_folder_setup(project)
    try:
        target = Path(args.target)
        if "[" not in args.target and target.is_file():
            sys.stdout.write(tracing.trace_file(target, ruleset))
        else:
            sys.stdout.write(tracing.trace_sentence(args.target, ruleset, args.rule))
    except tracing.TraceError as exc:
        _err(str(exc))
        return ExitCode.ERROR
    return ExitCode.OK


def _find_rule(rule_id: str, rules: Sequence[Rule]) -> Rule | None:
    for rule in rules:
        if rule.id == rule_id or rule_id in rule.aliases:
            return rule
    return None


def cmd_explain(args: argparse.Namespace, project: Project) -> int:
    from backyard_lint import docs
    from backyard_lint.metarules import with_meta_rules

    _, ruleset = _working_folder_setup(project)
    rule = _find_rule(args.rule, with_meta_rules(ruleset.rules))
    if rule is None:
        from backyard_lint.ruleids import nearest

        guess = nearest(args.rule, [r.id for r in with_meta_rules(ruleset.rules)])
        hint = f"did you mean '{guess}'? " if guess else ""
        _err(f"unknown rule '{args.rule}' ({hint}run 'backyard-lint rules' to list them)")
        return ExitCode.ERROR
    if args.format == "json":
        sys.stdout.write(json.dumps(docs.render_rule_json(rule), indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(docs.render_rule_markdown(rule))
    return ExitCode.OK


def cmd_rules(args: argparse.Namespace, project: Project) -> int:
    from backyard_lint import docs
    from backyard_lint.metarules import with_meta_rules

    _, ruleset = _working_folder_setup(project)
    rules = with_meta_rules(ruleset.rules)
    if args.format == "json":
        data = [docs.render_rule_json(r) for r in rules]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    width = max((len(r.id) for r in rules), default=10)
    for r in rules:
        sys.stdout.write(f"{r.id:<{width}}  {r.severity.value:<10}  {r.summary}\n")
    return ExitCode.OK


def _is_filter(argv: Sequence[str]) -> bool:
    """``check --fix -`` (or ``--stdin-filename``): standard input comes back on standard output."""
    stdin = "-" in argv or any(a.startswith("--stdin-filename") for a in argv)
    return "check" in argv and "--fix" in argv and stdin


def _echo_stdin() -> None:
    try:
        sys.stdout.buffer.write(sys.stdin.buffer.read())
        sys.stdout.buffer.flush()
    except (OSError, ValueError):
        pass


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:  # argparse keeps its subparsers here
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    return parser


def cmd_export(args: argparse.Namespace, project: Project) -> int:
    from backyard_lint.checkcmd import printable
    from backyard_lint.export import enabled, run
    from backyard_lint.export.regex import ExportError

    cfg, ruleset = _working_folder_setup(project)
    try:
        written = run(args.kind, args.dest, enabled(ruleset.rules, cfg.settings_for(None)))
    except ExportError as exc:
        _err(str(exc))
        return ExitCode.ERROR
    except OSError as exc:
        _err(f"cannot write {printable(str(args.dest))}: {exc.strerror or exc}")
        return ExitCode.ERROR
    sys.stdout.write(f"wrote {len(written)} file{'s' if len(written) != 1 else ''}: {args.dest}\n")
    return ExitCode.OK


def cmd_serve(args: argparse.Namespace, project: Project) -> int:
    try:
        from backyard_lint.web.serve import serve
    except ImportError:
        _err("the page needs the 'web' extra: pip install 'backyard-lint[web]'")
        return ExitCode.ERROR
    if not 0 <= args.port <= 65535:
        _err(f"--port must be between 0 and 65535, not {args.port}")
        return ExitCode.ERROR
    if not args.max_size > 0:
        _err(f"--max-size must be a positive number of megabytes, not {args.max_size:g}")
        return ExitCode.ERROR
    limit = int(args.max_size * 1024 * 1024)
    return serve(project, args.host, args.port, limit=limit, open_browser=args.open)


def run_lsp(argv: Sequence[str]) -> int:
    """``backyard-lint lsp [--stdio | --tcp HOST:PORT] ...``: the server parses its options."""
    try:
        from backyard_lint.lsp import main as lsp_main
    except ImportError:
        _err("the language server needs the 'lsp' extra: pip install 'backyard-lint[lsp]'")
        return ExitCode.ERROR
    return int(lsp_main(list(argv)))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["lsp"]:
        return run_lsp(argv[1:])
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown and args.command:  # the subcommand's usage, not the top level's
            sub = _subparser(parser, args.command)
            sub.error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:
        if exc.code not in (0, None) and _is_filter(argv):
            _echo_stdin()  # an editor's buffer must not be emptied by a usage error
        raise
    if args.command is None:
        parser.print_help(sys.stderr)
        return ExitCode.ERROR
    try:
        Path.cwd()  # configuration is found from the working folder
    except FileNotFoundError:
        _err("the working folder no longer exists")
        return ExitCode.ERROR
    from backyard_lint.audit.cli import run as cmd_audit
    from backyard_lint.project import Project

    if args.debug:
        os.environ["BACKYARD_LINT_DEBUG"] = "1"  # the workers read it too
    handlers = {
        "check": cmd_check,
        "explain": cmd_explain,
        "rules": cmd_rules,
        "export": cmd_export,
        "serve": cmd_serve,
        "trace": cmd_trace,
        "audit": cmd_audit,
    }
    try:
        return handlers[args.command](args, Project(getattr(args, "config", None)))
    except (ConfigError, RuleError, BaselineError) as exc:
        from backyard_lint.reporters import printable

        _err(printable(str(exc)))
        return ExitCode.ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (for example `| head`); nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # silence the interpreter's final flush
        return ExitCode.OK
