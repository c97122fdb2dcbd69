"""``--format github``: GitHub Actions workflow commands, which become annotations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from backyard_lint.reporters import ReportContext

if TYPE_CHECKING:
    from backyard_lint.model import FileReport

_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport], ctx: ReportContext) -> str:
    out = []
    for r in reports:
        if r.error is not None:
            out.append(f"::error file={_prop(r.path)},title=backyard-lint::{_data(r.error)}\n")
        for loc in r.findings:
            f = loc.finding
            props = (
                f"file={_prop(r.path)},line={loc.line},col={loc.column},"
                f"endLine={loc.end_line},endColumn={loc.end_column},"
                f"title={_prop('backyard-lint ' + f.rule)}"
            )
            out.append(f"::{_LEVEL[str(f.severity)]} {props}::{_data(f.message)}\n")
    return "".join(out)
