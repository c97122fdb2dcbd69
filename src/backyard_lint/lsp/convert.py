"""LSP objects from our own: ranges, diagnostics and edits, in a negotiated position encoding.

Pure functions of a :class:`~backyard_lint.lsp.documents.Document` and findings or edits.
"""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types as lsp

from backyard_lint.engine import RuleSet
from backyard_lint.lsp.actions import Edit
from backyard_lint.lsp.documents import Document
from backyard_lint.model import Finding, Severity

SOURCE = "backyard-lint"
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: lsp.DiagnosticSeverity.Information,
    Severity.INFO: lsp.DiagnosticSeverity.Hint,
}


def range_of(doc: Document, start: int, end: int, encoding: str) -> lsp.Range:
    sl, sc = doc.position_at(start, encoding)
    el, ec = doc.position_at(end, encoding)
    return lsp.Range(start=lsp.Position(sl, sc), end=lsp.Position(el, ec))


def offsets_of(doc: Document, rng: lsp.Range, encoding: str) -> tuple[int, int]:
    start = doc.offset_at(rng.start.line, rng.start.character, encoding)
    end = doc.offset_at(rng.end.line, rng.end.character, encoding)
    return (start, end) if start <= end else (end, start)


def diagnostic(doc: Document, f: Finding, ruleset: RuleSet, encoding: str) -> lsp.Diagnostic:
    rule = ruleset.by_id.get(f.rule)
    message = f.message
    if f.severity is Severity.INFO:
        message += f" (not flagged: {f.context}{': ' + f.reason if f.reason else ''})"
    tags = [lsp.DiagnosticTag.Unnecessary] if f.rule == "directive.unused" else None
    return lsp.Diagnostic(
        range=range_of(doc, f.start, f.end, encoding),
        message=message,
        severity=SEVERITIES[f.severity],
        code=f.rule,
        code_description=lsp.CodeDescription(href=rule.doc_url) if rule else None,
        source=SOURCE,
        tags=tags,
    )


def problem_diagnostic(message: str) -> lsp.Diagnostic:
    """A configuration or rule problem shown on the document's first line, so that a user who
    sees no other diagnostics knows why."""
    return lsp.Diagnostic(
        range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 0)),
        message=message,
        severity=lsp.DiagnosticSeverity.Error,
        code="configuration",
        source=SOURCE,
    )


def text_edits(doc: Document, edits: Iterable[Edit], encoding: str) -> list[lsp.TextEdit]:
    return [
        lsp.TextEdit(range=range_of(doc, s, e, encoding), new_text=new) for s, e, new in edits
    ]


def workspace_edit(doc: Document, edits: Iterable[Edit], encoding: str) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(changes={doc.uri: text_edits(doc, edits, encoding)})
