"""``check --show-settings FILE``: the configuration that applies to one file, and where each
value came from (a configuration file, the command line, or the default)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backyard_lint import formats

if TYPE_CHECKING:
    from backyard_lint.project import Project


def settings_table(path: Path, args: argparse.Namespace, project: Project) -> dict[str, Any]:
    from backyard_lint.ruleids import check_config

    cfg = project.config_for(path.absolute())
    ruleset = project.ruleset(cfg.extra_rules)
    check_config(cfg, ruleset)
    settings = cfg.settings_for(
        path,
        select=tuple(args.select) if args.select else None,
        ignore=tuple(args.ignore),
        show_mentions=args.show_mentions,
    )
    applied = [glob for glob, _ in cfg.per_file_ignores if glob in _matching(cfg, path)]

    def row(value: Any, key: str, option: bool = False) -> dict[str, Any]:
        origin = "command line" if option else cfg.origin(key)
        return {"value": value, "from": origin}

    ignore = row(list(settings.ignore), "ignore", bool(args.ignore))
    if applied:  # the ids of the matching per-file-ignores are in the list too
        ignore["from"] += f" and per-file-ignores ({cfg.origin('per_file_ignores')})"
    fmt = cfg.format_for(path)
    return {
        "file": str(path),
        "configuration": str(cfg.path) if cfg.path else None,
        "extends": [str(p) for p in cfg.extends],
        "format": fmt or formats.detect(path),
        "excluded": cfg.is_excluded(path),
        "select": row(list(settings.select) or ["ALL"], "select", bool(args.select)),
        "ignore": ignore,
        "per-file-ignores applied": row(applied, "per_file_ignores"),
        "severity": row({k: str(v) for k, v in settings.severity}, "severity"),
        "fail-on": row(
            args.fail_on or str(cfg.fail_on or "warning"), "fail_on", bool(args.fail_on)
        ),
        "show-mentions": row(settings.show_mentions, "show_mentions", args.show_mentions),
        "extra-rules": row([str(p) for p in cfg.extra_rules], "extra_rules"),
        "exclude": row(list(cfg.exclude), "exclude"),
        "include": row(list(cfg.include), "include"),
        "extensions": row(dict(cfg.extensions), "extensions"),
        "rules enabled": sorted(
            r.id for r in ruleset.rules if settings.enabled(r.id, r.default, r.family)
        ),
    }


def _matching(cfg: Any, path: Path) -> set[str]:
    from backyard_lint.config import glob_match

    rel = cfg.relative(path)
    return {glob for glob, _ in cfg.per_file_ignores if glob_match(glob, rel)}


def show_settings(path: Path, args: argparse.Namespace, project: Project) -> int:
    table = settings_table(path, args, project)
    if args.format == "json":
        sys.stdout.write(json.dumps(table, indent=2, ensure_ascii=False) + "\n")
        return 0
    lines = []
    for key, value in table.items():
        if isinstance(value, dict) and set(value) == {"value", "from"}:
            shown = json.dumps(value["value"], ensure_ascii=False)
            lines.append(f"{key} = {shown}  # {value['from']}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
