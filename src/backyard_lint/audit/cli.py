"""``backyard-lint audit SOURCE --out DIR``: the subcommand's options and glue.

Importing this module is cheap (no Dask, no pyarrow): the main parser adds the subcommand with
``add_parser``, and ``run`` imports the rest when the command runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backyard_lint.cliargs import positive

if TYPE_CHECKING:
    from backyard_lint.project import Project

EXTRA_HINT = "the audit needs the 'audit' extra: pip install 'backyard-lint[audit]'"
_SIZE = re.compile(r"(?i)\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*")


def size(value: str) -> int:
    """A size in bytes: ``4000000``, ``4MB``, ``4MiB``, ``512k``."""
    m = _SIZE.fullmatch(value)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: '{value}' (for example 4MB or 512KiB)")
    unit = (m.group(2) or "").lower()
    scale = 1
    if unit[:1] in ("k", "m", "g"):
        scale = (1024 if "i" in unit else 1000) ** (1 + "kmg".index(unit[0]))
    number = int(float(m.group(1)) * scale)
    if number < 1:
        raise argparse.ArgumentTypeError("the size must be at least one byte")
    return number


def add_parser(sub: Any) -> None:
    """Add ``audit`` to the main parser's subcommands."""
    p = sub.add_parser(
        "audit",
        help="audit an archive on Dask: tables and a report (needs the 'audit' extra)",
        description="Lint every document of an archive on a Dask cluster and write "
        "DIR/findings.parquet, DIR/documents.parquet and DIR/report.html.",
    )
    p.add_argument("source", metavar="SOURCE", help="a folder, or .jsonl/.csv/.parquet (a glob)")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="an existing Dask scheduler (tcp://HOST:PORT)"
    )
    p.add_argument(
        "--workers", type=positive, metavar="N", help="local workers (default: one per core)"
    )
    p.add_argument(
        "--partitions", type=positive, metavar="N", help="split SOURCE into N partitions"
    )
    p.add_argument(
        "--blocksize", type=size, metavar="SIZE", help="bytes per partition (default: 4MB)"
    )
    p.add_argument("--resume", action="store_true", help="finish an interrupted audit in DIR")
    for name, default in (
        ("text", "text"),
        ("id", "id"),
        ("date", "date"),
        ("section", "section"),
        ("author", "author"),
        ("url", "url"),
        ("format", "format"),
    ):
        p.add_argument(
            f"--{name}-column", default=default, metavar="NAME", help=f"default: {default}"
        )
    p.add_argument(
        "--format",
        dest="default_format",
        choices=("plain", "markdown", "rst", "html"),
        default="plain",
        help="format of a table's texts without a format column (default: plain)",
    )
    p.add_argument("--encoding", metavar="NAME", help="decode a folder's files without a BOM so")
    p.add_argument(
        "--max-chars",
        type=positive,
        default=None,
        metavar="N",
        help="longer documents are recorded as errors (default: 5,000,000)",
    )
    p.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file")


def run(args: argparse.Namespace, project: Project) -> int:
    try:
        import distributed  # noqa: F401
        import matplotlib  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        sys.stderr.write(f"backyard-lint: {EXTRA_HINT}\n")
        return 2
    from backyard_lint.audit.job import JobError
    from backyard_lint.audit.sources import SourceError

    try:
        return _audit(args, project)
    except (SourceError, JobError) as exc:
        sys.stderr.write(f"backyard-lint: {exc}\n")
        return 2
    except OSError as exc:  # the output folder cannot be written, a disk is full...
        where = exc.filename or args.out
        sys.stderr.write(f"backyard-lint: {where}: {exc.strerror or exc}\n")
        return 2


def _settings(args: argparse.Namespace, project: Project) -> Any:
    """The job's settings: columns, format, limits and the working folder's configuration."""
    from backyard_lint.audit.linting import DEFAULT_MAX_CHARS, JobSettings
    from backyard_lint.audit.sources import Columns

    cfg = project.config_for_folder(Path.cwd())
    project.ruleset(cfg.extra_rules)  # check the rules here, once: a bad rule stops the audit
    columns = Columns(
        args.text_column,
        args.id_column,
        args.date_column,
        args.section_column,
        args.author_column,
        args.url_column,
        args.format_column,
    )
    return JobSettings(
        columns=columns,
        settings=cfg.settings_for(None, show_mentions=True),
        default_format=args.default_format,
        encoding=args.encoding,
        max_chars=args.max_chars or DEFAULT_MAX_CHARS,
        extra_rules=tuple(str(p) for p in cfg.extra_rules),
    )


def _options(job: Any) -> str:
    return json.dumps(asdict(job), sort_keys=True, default=str)


def _plan(args: argparse.Namespace, job: Any, out: Path) -> tuple[Any, bool]:
    """The partitions, and whether they are new: planned now, or read back from an
    interrupted audit (``--resume``)."""
    from backyard_lint.audit import tables
    from backyard_lint.audit.job import JobError
    from backyard_lint.audit.sources import Plan, changed_inputs, plan

    saved = out / tables.PARTS / tables.PLAN
    if saved.exists():
        if not args.resume:
            raise JobError(
                f"{out} holds an audit already: add --resume to finish it, or choose another --out"
            )
        old = Plan.from_json(saved.read_text(encoding="utf-8"))
        if old.source != args.source:
            raise JobError(f"{out} holds an audit of {old.source}, not of {args.source}")
        options = (out / tables.PARTS / "options.json").read_text(encoding="utf-8")
        if options != _options(job):
            raise JobError(f"{out} holds an audit run with other options; use another --out")
        changed = changed_inputs(old)
        if changed:
            raise JobError(
                f"{changed[0]} changed since the audit in {out} started; use another --out"
            )
        return old, False
    fresh = plan(args.source, job.columns, blocksize=args.blocksize, partitions=args.partitions)
    return fresh, True


def _save_plan(out: Path, plan: Any, job: Any) -> None:
    """Keep the plan and options under DIR/parts, so that ``--resume`` can check and reuse them."""
    from backyard_lint.audit import tables

    (out / tables.PARTS).mkdir(parents=True, exist_ok=True)
    tables.write_text_atomic(out / tables.PARTS / "options.json", _options(job))
    tables.write_text_atomic(out / tables.PARTS / tables.PLAN, plan.to_json())


def _audit(args: argparse.Namespace, project: Project) -> int:
    from backyard_lint.audit import job as dask_job
    from backyard_lint.audit import page, report, tables

    out: Path = args.out
    if out.exists() and not out.is_dir():
        sys.stderr.write(f"backyard-lint: {out}: not a folder\n")
        return 2
    settings = _settings(args, project)
    plan, fresh = _plan(args, settings, out)
    try:
        with dask_job.dask_client(args.scheduler, args.workers) as client:
            if fresh:  # only once the cluster is there: a failed start leaves nothing behind
                _save_plan(out, plan, settings)
            outcome = dask_job.run(client, plan.parts, settings, out)
    except KeyboardInterrupt:
        sys.stderr.write(
            f"\nbackyard-lint: interrupted; the finished partitions are kept in {out}: "
            "run the same command with --resume to finish\n"
        )
        return 130
    if outcome.failed:
        for index, error in outcome.failed[:10]:
            sys.stderr.write(f"backyard-lint: partition {index} failed: {error}\n")
        sys.stderr.write(
            f"backyard-lint: {len(outcome.failed)} of {len(plan.parts)} partitions failed; "
            "run the same command with --resume to retry them\n"
        )
        return 2
    tables.combine(out, len(plan.parts))
    audit = report.aggregate(out)
    tables.write_text_atomic(out / "report.html", page.render(audit, args.source))
    rate = outcome.documents / outcome.seconds if outcome.seconds else 0.0
    cluster = f"the cluster at {args.scheduler}" if args.scheduler else "a local cluster"
    workers = f"{outcome.workers} worker" + ("" if outcome.workers == 1 else "s")
    line = (
        f"audited {len(plan.parts)} partitions of {args.source} on {cluster} ({workers}) "
        f"in {outcome.seconds:.1f} s "
        f"({outcome.documents:,} documents this run, {rate:,.0f}/s"
        + (f"; {outcome.skipped} finished earlier" if outcome.skipped else "")
        + ")"
    )
    sys.stdout.write(report.summary(audit, line, out))
    return 0
