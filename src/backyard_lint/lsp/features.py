"""The language server's features over a linted document: hover and code actions (quick fixes,
fix-all, disable comments). The edits themselves come from ``lsp/actions.py``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from backyard_lint.lsp import actions, convert
from backyard_lint.model import Finding, Severity

if TYPE_CHECKING:
    from backyard_lint.lsp.server import BackyardServer

FIX_ALL_KIND = "source.fixAll.backyard-lint"


def hover(server: BackyardServer, params: lsp.HoverParams) -> lsp.Hover | None:
    doc = server.documents.get(params.text_document.uri)
    if doc is None:
        return None
    result = server.lint(doc)
    pos = params.position
    offset = doc.offset_at(pos.line, pos.character, server.encoding)
    hits = [f for f in result.findings if f.start <= offset < f.end]
    if not hits:
        return None
    parts = [actions.hover_markdown(f, result.ruleset.by_id.get(f.rule)) for f in hits]
    kind = lsp.MarkupKind.Markdown
    caps = server.client_capabilities.text_document
    formats = caps.hover.content_format if caps and caps.hover else None
    if formats and lsp.MarkupKind.Markdown not in formats:
        kind = lsp.MarkupKind.PlainText
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=kind, value="\n\n---\n\n".join(parts)),
        range=convert.range_of(doc, hits[0].start, hits[0].end, server.encoding),
    )

def code_actions(
    server: BackyardServer, params: lsp.CodeActionParams
) -> list[lsp.CodeAction] | None:
    doc = server.documents.get(params.text_document.uri)
    if doc is None:
        return None
    result = server.lint(doc)
    start, end = convert.offsets_of(doc, params.range, server.encoding)
    in_range = [
        f
        for f in result.findings
        if f.start <= end and f.end >= start and f.severity is not Severity.INFO
    ]
    out: list[lsp.CodeAction] = []

    def diags(findings: Sequence[Finding]) -> list[lsp.Diagnostic]:
        return [convert.diagnostic(doc, f, result.ruleset, server.encoding) for f in findings]

    for f in in_range:
        diagnostic = diags([f])
        if actions.fixable(f):
            for new, edit, preferred in actions.replacement_edits(doc.text, f):
                out.append(
                    lsp.CodeAction(
                        title=f"Replace '{doc.text[edit[0] : edit[1]]}' with '{new}'",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=diagnostic,
                        is_preferred=preferred,
                        edit=convert.workspace_edit(doc, [edit], server.encoding),
                    )
                )
        if not f.rule.startswith("directive."):
            title, edits = actions.disable_edits(doc, f)
            out.append(
                lsp.CodeAction(
                    title=title,
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=diagnostic,
                    edit=convert.workspace_edit(doc, edits, server.encoding),
                )
            )
    def fix_all(findings: list[Any], scope: str) -> lsp.CodeAction | None:
        edits = actions.fix_all_edits(doc.text, findings, safe_only=False)
        if len(edits) < 2:
            return None
        return lsp.CodeAction(
            title=f"Fix all {len(edits)} backyard-lint findings in the {scope}",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=diags(findings),
            edit=convert.workspace_edit(doc, edits, server.encoding),
        )

    fix_range = [f for f in in_range if actions.fixable(f)]
    in_selection = fix_all(fix_range, "selection")
    if in_selection is not None:
        out.append(in_selection)
    fix_doc = [f for f in result.findings if actions.fixable(f)]
    in_document = fix_all(fix_doc, "document") if len(fix_doc) > len(fix_range) else None
    if in_document is not None:
        out.append(in_document)
    safe = actions.fix_all_edits(doc.text, result.findings, safe_only=True)
    if safe:
        out.append(
            lsp.CodeAction(
                title="Fix all backyard-lint findings with safe fixes",
                kind=FIX_ALL_KIND,
                edit=convert.workspace_edit(doc, safe, server.encoding),
            )
        )
    only = params.context.only
    if only:
        out = [a for a in out if any(_kind_matches(str(a.kind), str(k)) for k in only)]
    return out


def _kind_matches(kind: str, wanted: str) -> bool:
    return not wanted or kind == wanted or kind.startswith(wanted + ".")
