"""``--format proselint``: the JSON that ``proselint check -o json`` prints (proselint 0.16).

Shape: ``{"result": {SOURCE: {"diagnostics": [{"check_path", "message", "pos": [line, col],
"replacements", "span": [start, end]}]}}}``. As in proselint, ``span`` is an offset into the
text with one newline added in front (so offsets are one more than ours), ``pos`` is 1-based, and
a file that could not be read has ``{"error": {"code", "message"}}`` instead.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backyard_lint.reporters import ReportContext

if TYPE_CHECKING:
    from backyard_lint.model import FileReport

FILE_ERROR = -31998  # proselint's ErrorCode.FileError


def _source(path: str) -> str:
    if path in ("-", "<stdin>"):
        return "<stdin>"
    return Path(path).resolve().as_uri()


def render(reports: Sequence[FileReport], ctx: ReportContext) -> str:
    result: dict[str, Any] = {}
    for r in reports:
        if r.skipped:
            continue
        if r.error is not None:
            result[_source(r.path)] = {"error": {"code": FILE_ERROR, "message": r.error}}
            continue
        result[_source(r.path)] = {
            "diagnostics": [
                {
                    "check_path": loc.finding.rule,
                    "message": loc.finding.message,
                    "pos": [loc.line, loc.column],
                    "replacements": (
                        loc.finding.replacements[0].text if loc.finding.replacements else None
                    ),
                    "span": [loc.finding.start + 1, loc.finding.end + 1],
                }
                for loc in r.findings
            ]
        }
    return json.dumps({"result": result}, indent=2, sort_keys=True) + "\n"
