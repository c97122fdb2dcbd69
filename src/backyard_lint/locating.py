"""Findings located in their text: 1-based lines and columns, an excerpt of the source line,
and the edit ``--fix`` would make (``edits.automatic``). Used by every door that reports
positions (``runner.lint_path``, a long document's pieces in ``stream.py``, Word documents, the
audit, the docs builds)."""

from __future__ import annotations

from collections.abc import Sequence

from backyard_lint.edits import automatic
from backyard_lint.model import Finding, FixEdit, Located
from backyard_lint.positions import LineIndex

EXCERPT_MAX = 240  # longer source lines are shown as a window around the match
EXCERPT_CONTEXT = 80


def locate(text: str, findings: Sequence[Finding]) -> list[Located]:
    if not findings:
        return []
    index = LineIndex(text)
    auto = {id(f): edit for f, edit in automatic(text, findings, safe_only=True)}
    out = []
    for f in findings:
        line, col = index.position(f.start)
        end_line, end_col = index.position(f.end)
        first = index.starts[line - 1]
        last = index.starts[line] if line < len(index.starts) else len(text)
        lo, hi = first, last
        if last - first > EXCERPT_MAX:
            lo = max(first, f.start - EXCERPT_CONTEXT)
            hi = min(last, max(f.end, f.start + 1) + EXCERPT_CONTEXT)
        excerpt = text[lo:hi].rstrip("\r\n")
        column = lo - first + 1  # the source column of the excerpt's first character
        if lo > first:
            excerpt, column = "…" + excerpt, column - 1
        if hi < last:
            excerpt += "…"
        edit = auto.get(id(f))
        fix = None
        if edit is not None:
            fix = FixEdit(*index.position(edit[0]), *index.position(edit[1]), edit[2])
        out.append(Located(f, line, col, end_line, end_col, excerpt, column, fix=fix))
    return out
