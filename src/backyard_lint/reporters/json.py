"""``--format json``: the documented, versioned schema (version 1)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from backyard_lint.reporters import ReportContext, context_label, json_safe

if TYPE_CHECKING:
    from backyard_lint.model import FileReport, Located


def finding_dict(loc: Located) -> dict[str, Any]:
    f = loc.finding
    return {
        "rule": f.rule,
        "severity": str(f.severity),
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "match": f.match,
        "message": f.message,
        "replacements": [r.text for r in f.replacements],
        "context": context_label(f),
        "reading": str(f.context),
        "reason": f.reason,
        "fix_safe": loc.autofix,
        "fix": None if loc.fix is None else asdict(loc.fix),
    } | ({"where": loc.where} if loc.where else {})


def render(reports: Sequence[FileReport], ctx: ReportContext) -> str:
    data = {
        "version": 1,
        "files": [
            {"path": json_safe(r.path), "findings": [finding_dict(loc) for loc in r.findings]}
            for r in reports
            if r.error is None and not r.skipped
        ],
        "errors": [
            {"path": json_safe(r.path), "message": r.error} for r in reports if r.error is not None
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
