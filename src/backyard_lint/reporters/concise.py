"""``--format concise``: ``path:line:col: severity [rule] message``, one finding a line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from backyard_lint.reporters import ReportContext

if TYPE_CHECKING:
    from backyard_lint.model import FileReport


def render(reports: Sequence[FileReport], ctx: ReportContext) -> str:
    lines = []
    for r in reports:
        for loc in r.findings:
            f = loc.finding
            extra = f" ({f.context}: {f.reason})" if str(f.severity) == "info" and f.reason else ""
            lines.append(
                f"{r.path}:{loc.line}:{loc.column}: {f.severity} [{f.rule}] {f.message}{extra}"
            )
    return "".join(line + "\n" for line in lines)
