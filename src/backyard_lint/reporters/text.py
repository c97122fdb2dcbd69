"""``--format text`` (the default): grouped by file, the source line with a caret under the label,
and the suggested wording."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from backyard_lint.reporters import ReportContext, printable

if TYPE_CHECKING:
    from backyard_lint.model import FileReport, Located

_COLORS = {"error": "31", "warning": "33", "suggestion": "36", "info": "90"}


def _width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide East Asian characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _diff_line(line: str) -> str:
    """A line of a patch with control characters escaped (a CRLF file's line end kept)."""
    body = line.removesuffix("\r")
    return printable(body) + line[len(body) :]


def _excerpt(loc: Located, color: bool) -> list[str]:
    # A long line comes as a window around the match (see runner.locate).
    source = loc.line_text
    start = loc.column - loc.excerpt_column
    line = printable(source.replace("\t", "    "))
    raw_prefix = printable(source[:start].replace("\t", "    "))
    if loc.end_line == loc.line:
        label = source[start : loc.end_column - loc.excerpt_column]
    else:
        label = source[start:]
    gutter = str(loc.line)
    pad = " " * len(gutter)
    caret = " " * _width(raw_prefix) + "^" * max(1, _width(printable(label.replace("\t", "    "))))
    sev = str(loc.finding.severity)
    return [
        f"  {pad} |",
        f"  {gutter} | {line}",
        f"  {pad} | {_paint(caret, _COLORS[sev], color)}",
    ]


def render(reports: Sequence[FileReport], ctx: ReportContext) -> str:
    out: list[str] = []
    counts: Counter[str] = Counter()
    files_with = 0
    fixable = 0
    for r in reports:
        if not r.findings and not r.diff:
            continue
        if any(str(loc.finding.severity) != "info" for loc in r.findings):
            files_with += 1
        if r.findings:
            out.append(_paint(printable(r.path), "1", ctx.color))
        for loc in r.findings:
            f = loc.finding
            sev = str(f.severity)
            counts[sev] += 1
            place = loc.where or f"{loc.line}:{loc.column}"
            head = (
                f"{printable(place)}: {_paint(sev, _COLORS[sev], ctx.color)} "
                f"[{printable(f.rule)}] {printable(f.message)}"
            )
            out.append(f"  {head}")
            out.extend(_excerpt(loc, ctx.color))
            if sev == "info" and f.reason:
                out.append(printable(f"  = not reported: read as {f.context} ({f.reason})"))
            elif f.replacements:
                first = f.replacements[0]
                rest = [r.text for r in f.replacements[1:]]
                note = " (safe fix: --fix applies it)" if loc.autofix else ""
                fixable += loc.autofix
                alt = f"; or {', '.join(repr(t) for t in rest)}" if rest else ""
                out.append(printable(f"  = try: {first.text!r}{note}{alt}"))
            out.append("")
        if r.diff:
            out.extend(_diff_line(d) for d in r.diff.rstrip("\n").split("\n"))
            out.append("")
    fixed = sum(r.fixed for r in reports)
    total = sum(v for k, v in counts.items() if k != "info")
    if ctx.summary and (total or counts.get("info")):
        out.append(summary_line(counts, files_with, fixable if not fixed else 0))
    if fixed and ctx.summary:
        out.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
    if not out:
        return ""
    return "\n".join(out) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def summary_line(counts: Counter[str], files_with: int, fixable: int) -> str:
    """"Found N problems (a errors, b warnings) in F files.": the parts add up to N, and F
    counts the files with a problem; mentions shown with --show-mentions are counted apart."""
    total = sum(v for k, v in counts.items() if k != "info")
    parts = [_plural(counts[k], k) for k in ("error", "warning", "suggestion") if counts.get(k)]
    line = f"Found {_plural(total, 'problem')}"
    if parts:
        line += f" ({', '.join(parts)}) in {_plural(files_with, 'file')}"
    line += "."
    if counts.get("info"):
        line += f" {_plural(counts['info'], 'mention')} not reported (info)."
    if fixable:
        line += f" {fixable} fixable with --fix."
    return line
