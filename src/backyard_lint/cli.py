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

from backyard_lint.baseline import BaselineError
from backyard_lint.cliargs import build_parser
from backyard_lint.config import Config, ConfigError
from backyard_lint.model import Rule
from backyard_lint.rules import RuleError

if TYPE_CHECKING:
    from backyard_lint.engine import RuleSet
    from backyard_lint.project import Project


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    ERROR = 2


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
    from backyard_lint.checkcmd import filter_output

    try:
        data = sys.stdin.buffer.read()
    except (OSError, ValueError):
        return
    filter_output(data)


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:  # argparse keeps its subparsers here
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    return parser


def cmd_export(args: argparse.Namespace, project: Project) -> int:
    from backyard_lint.export import enabled, run
    from backyard_lint.export.regex import ExportError
    from backyard_lint.visible import printable

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
        from backyard_lint.visible import printable

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
