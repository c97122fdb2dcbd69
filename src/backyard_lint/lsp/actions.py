"""What the server's code actions and hovers say, as plain text edits and Markdown.

Pure functions of a :class:`~backyard_lint.lsp.documents.Document` and findings; the server turns
them into LSP objects. No pygls import here.
"""

from __future__ import annotations

from collections.abc import Iterable

from backyard_lint import edits as policy
from backyard_lint import formats
from backyard_lint.lsp.documents import Document
from backyard_lint.model import Context, Finding, Rule

Edit = policy.Edit  # (start offset, end offset, new text), offsets in code points


def fixable(finding: Finding) -> bool:
    return policy.fixable(finding)


def cased(text: str, finding: Finding, replacement: str) -> str:
    """``replacement`` in the original's case (the policy's one capitalisation)."""
    return policy.cased(text, finding.start, finding.end, replacement)


def replacement_edits(text: str, finding: Finding) -> list[tuple[str, Edit, bool]]:
    """(new text, edit, preferred) per replacement that fits the sentence: the first is
    preferred only when it may be applied without review."""
    plan = policy.plan(text, finding)
    return [(edit[2], edit, i == 0 and plan.automatic) for i, (_, edit) in enumerate(plan.edits)]


def fix_all_edits(text: str, findings: Iterable[Finding], *, safe_only: bool) -> list[Edit]:
    """Non-overlapping edits: each automatic plan's first fitting replacement."""
    return policy.fix_all(text, findings, safe_only=safe_only)


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
    if doc.fmt in ("markdown", "html"):
        return f"Disable {rule} for this line", _inline_comment(doc, finding, line)
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


def _inline_comment(doc: Document, finding: Finding, line: int) -> list[Edit]:
    """A ``disable-line`` comment on the finding's own line, where it cannot change how the
    page renders: a line of its own would split a paragraph, end a block quote or a list item,
    or turn a table row into a paragraph. It goes at the end of the line's text (before the
    spaces or backslash of a hard line break, inside a table row's last cell); when the line
    ends inside a tag or inside the match, a ``disable``/``enable`` pair wraps the match."""
    rule = finding.rule
    comment = f"<!-- backyard-lint: disable-line {rule} -->"
    line_start = doc.index.starts[line]
    content = doc.line_text(line).rstrip("\r\n")
    text = content.rstrip(" \t")
    if text.rfind("<") > text.rfind(">") or finding.end > line_start + len(content):
        return [
            (finding.start, finding.start, f"<!-- backyard-lint: disable {rule} -->"),
            (finding.end, finding.end, f"<!-- backyard-lint: enable {rule} -->"),
        ]
    at = len(text)
    if text.endswith("\\"):
        at -= 1  # a backslash hard break stays last
    elif text.endswith("|") and text.lstrip(" >").startswith("|") and text.count("|") > 2:
        at -= 1  # a table row: inside its last cell
    return [(line_start + at, line_start + at, f" {comment} " if text[at:] else f" {comment}")]


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
