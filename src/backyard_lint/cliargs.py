"""The command line's options: one parser for every subcommand (``cli.py`` runs them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backyard_lint import __version__
from backyard_lint.model import RULE_SEVERITIES

ERROR = 2  # the exit code of a usage error (``cli.ExitCode.ERROR``)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(ERROR, f"{self.prog}: error: {message}\n")


def _ids(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def positive(value: str) -> int:
    """An option's whole number of at least 1 (``--jobs``, and the audit's counts)."""
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
        type=positive,
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


