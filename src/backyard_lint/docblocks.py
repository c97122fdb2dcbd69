"""Prose that documentation builds keep in blocks plain Markdown reads as code.

MyST writes a note as a fenced block, `````{note}``, and MkDocs (Python-Markdown's admonition
extension) as ``!!! note`` followed by lines indented four spaces. CommonMark reads both as code,
which backyard-lint skips. ``reveal(text, dialect)`` returns a text of the same length, line for
line, where such blocks read as paragraphs: the fence or marker lines become spaces, and an
admonition's indent moves to the end of its line. It also returns, per line (0-based), how many
columns a position on that line moved left, to put a finding back where it is in the file.
"""

from __future__ import annotations

import re

# Directives whose body is prose (docutils' and Sphinx's admonitions, and the like).
PROSE_DIRECTIVES = frozenset(
    [
        "admonition",
        "attention",
        "caution",
        "danger",
        "error",
        "hint",
        "important",
        "note",
        "seealso",
        "tip",
        "warning",
        "topic",
        "sidebar",
        "epigraph",
        "pull-quote",
        "highlights",
        "versionadded",
        "versionchanged",
        "deprecated",
        "dropdown",
    ]
)

_MYST_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})\{([\w-]+)\}")
_ADMONITION = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+\S")
_INDENT = 4
_BREAK = re.compile(r"(\r\n?|\n)")  # the line breaks ``positions.line_starts`` counts


def _blank(line: str) -> str:
    return " " * len(line)


def _myst(lines: list[str]) -> None:
    closing: list[str] = []  # fences of the open prose directives, innermost last
    for i, line in enumerate(lines):
        body = line.strip()
        if closing and body == closing[-1]:
            lines[i] = _blank(line)
            closing.pop()
            continue
        match = _MYST_OPEN.match(line)
        if match and match.group(3) in PROSE_DIRECTIVES:
            lines[i] = _blank(line)
            closing.append(match.group(2))


def _admonitions(lines: list[str], shifts: list[int]) -> None:
    i = 0
    while i < len(lines):
        match = _ADMONITION.match(lines[i])
        if not match:
            i += 1
            continue
        indent = len(match.group(1)) + _INDENT
        lines[i] = _blank(lines[i])
        i += 1
        while i < len(lines):
            text = lines[i]
            if text.strip() and (len(text) - len(text.lstrip(" ")) < indent):
                break
            if text.strip():
                lines[i] = text[_INDENT:] + " " * _INDENT
                shifts[i] = _INDENT
            i += 1


def reveal(text: str, dialect: str) -> tuple[str, list[int]]:
    """``text`` with the prose blocks of ``dialect`` (``myst`` or ``mkdocs``) readable, and each
    line's column shift."""
    parts = _BREAK.split(text)
    lines, breaks = parts[0::2], parts[1::2]
    shifts = [0] * len(lines)
    if dialect == "myst":
        _myst(lines)
    elif dialect == "mkdocs":
        _admonitions(lines, shifts)
    out = [part for pair in zip(lines, [*breaks, ""], strict=True) for part in pair]
    return "".join(out), shifts
