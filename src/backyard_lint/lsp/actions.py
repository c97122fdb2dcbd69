"""What the server's code actions and hovers say, as plain text edits and Markdown.

Pure functions of a :class:`~backyard_lint.lsp.documents.Document` and findings; the server turns
them into LSP objects. No pygls import here.
"""

from __future__ import annotations

from collections.abc import Iterable

from backyard_lint import formats, markup_edit
from backyard_lint.fix import match_case
from backyard_lint.lsp.documents import Document
from backyard_lint.model import Context, Finding, Rule, Severity
from backyard_lint.sentences import sentence_bounds

# (start offset, end offset, new text), offsets in code points.
Edit = tuple[int, int, str]


def fixable(finding: Finding) -> bool:
    return (
        finding.severity is not Severity.INFO
        and finding.context == Context.USE
        and bool(finding.replacements)
    )


def cased(text: str, finding: Finding, replacement: str) -> str:
    """``replacement`` in the original's case: ALL CAPS stays so; an initial capital stays
    when the match starts its sentence (``match_case``). A capital that only belongs to a name
    inside the sentence ("... been Russia's backyard") does not capitalise the replacement."""
    letters = [c for c in finding.prose or finding.match if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    lo, _ = sentence_bounds(text, finding.start, finding.end)
    if any(c.isalnum() for c in text[lo : finding.start]):
        return replacement
    return match_case(finding.prose or finding.match, replacement)


def kept_markup(finding: Finding, new: str) -> str | None:
    """The span's new source text with the markup inside it kept (``markup_edit``), or None."""
    return markup_edit.rewrite(finding.match, finding.prose, new)


def replacement_edits(text: str, finding: Finding) -> list[tuple[str, Edit]]:
    """One (new text, edit) per suggested replacement, in the original's case. Markup inside
    the match is kept; where it cannot be, the whole span is replaced (an offer the user sees
    before taking it, never part of "fix all")."""
    out = []
    seen: set[str] = set()
    for rep in finding.replacements:
        new = cased(text, finding, rep.text)
        if new in seen:
            continue
        seen.add(new)
        source = kept_markup(finding, new)
        out.append((new, (finding.start, finding.end, new if source is None else source)))
    return out


def fix_all_edits(text: str, findings: Iterable[Finding], *, safe_only: bool) -> list[Edit]:
    """Non-overlapping edits: each fixable finding's first replacement."""
    out: list[Edit] = []
    last_end = -1
    for f in sorted(findings, key=lambda x: x.sort_key):
        if not fixable(f) or f.start < last_end:
            continue
        first = f.replacements[0]
        if safe_only and not first.safe:
            continue
        source = kept_markup(f, cased(text, f, first.text))
        if source is None:  # markup between the words that change: offered one by one only
            continue
        out.append((f.start, f.end, source))
        last_end = f.end
    return out


def _eol(doc: Document, line: int) -> str:
    starts = doc.index.starts
    if line + 1 < len(starts):
        end = starts[line + 1]
        return "\r\n" if doc.text[end - 2 : end] == "\r\n" else doc.text[end - 1]
    if len(starts) > 1:  # the last line: reuse the previous line's break
        end = starts[-1]
        return "\r\n" if doc.text[end - 2 : end] == "\r\n" else doc.text[end - 1]
    return "\n"


def _indent(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t"))]


def _blank(doc: Document, line: int) -> bool:
    return 0 <= line < doc.line_count and not doc.line_text(line).strip()


def disable_edits(doc: Document, finding: Finding) -> tuple[str, list[Edit]]:
    """A title and the edits that suppress ``finding``'s rule on its line, written in the
    format's comment syntax."""
    rule = finding.rule
    line = doc.index.line_of(finding.start)
    line_start = doc.index.starts[line]
    indent = _indent(doc.line_text(line))
    eol = _eol(doc, line)
    record = formats.BY_NAME.get(doc.fmt, formats.BY_NAME["plain"])
    comment = record.directive_comment
    body = f"backyard-lint: disable-next-line {rule}"
    if not record.comment_ends_paragraph or line == 0 or _blank(doc, line - 1):
        # A reST comment must be followed by a blank line, or the next line joins it.
        after = eol if record.comment_ends_paragraph else ""
        return f"Disable {rule} for this line", [
            (line_start, line_start, f"{indent}{comment(body)}{eol}{after}")
        ]
    # Inside a paragraph such a comment line would split it: wrap the paragraph instead.
    first = line
    while first > 0 and not _blank(doc, first - 1):
        first -= 1
    last = line
    while last + 1 < doc.line_count and not _blank(doc, last + 1):
        last += 1
    start = doc.index.starts[first]
    para_indent = _indent(doc.line_text(first))
    end_start = doc.index.starts[last]
    end = end_start + len(doc.line_text(last))
    return f"Disable {rule} for this paragraph", [
        (start, start, f"{para_indent}{comment(f'backyard-lint: disable {rule}')}{eol}{eol}"),
        (end, end, f"{eol}{eol}{para_indent}{comment(f'backyard-lint: enable {rule}')}"),
    ]


def rule_markdown(rule: Rule) -> str:
    """The rule's page as Markdown: the same renderer as ``explain`` and ``docs/rules``."""
    from backyard_lint.docs import render_rule_markdown

    return render_rule_markdown(rule).strip()


def hover_markdown(finding: Finding, rule: Rule | None) -> str:
    head = f"**backyard-lint** `{finding.rule}`: {finding.message}"
    if finding.context != Context.USE:
        head += f"\n\n*Not flagged as a use ({finding.context}"
        head += f": {finding.reason})*" if finding.reason else ")*"
    if rule is None:
        return head
    return head + "\n\n---\n\n" + rule_markdown(rule)
