"""Re-linting a large plain-text document only around what changed.

After an edit, the findings before the changed stretch still stand, and those after it stand
shifted by the change in length. So the server lints only the paragraphs that hold the change
(from the blank line before it to the blank line after it) and keeps the rest. Paragraphs are
independent in plain text (a sentence, and so every rule's context, ends at a blank line);
markup formats are linted whole (a change can open a code block that runs to the end), as is any
document with a directive (a ``disable`` reaches past its paragraph).

Pure functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from backyard_lint.model import Finding

LARGE = 1 << 20  # documents at least this long (code points) are re-linted by stretch
REACH = 1 << 16  # how far from the change a paragraph break is looked for
DIRECTIVE_MARK = "backyard-lint"

Changed = tuple[int, int]  # (first changed offset, unchanged characters at the end)


def merge(changed: Changed | None, start: int, end: int, inserted: int, length: int) -> Changed:
    """``changed`` after ``text[start:end]`` was replaced by ``inserted`` characters, giving a
    text of ``length``."""
    tail = length - (start + inserted)
    if changed is None:
        return start, tail
    return min(changed[0], start), min(changed[1], tail)


def relint(
    before: str,
    findings: list[Finding],
    text: str,
    changed: Changed,
    lint: Callable[[str], list[Finding]],
) -> list[Finding] | None:
    """The findings of ``text``, from ``findings`` (those of ``before``) and a lint of the
    paragraphs around ``changed``; None when a stretch cannot stand for the whole."""
    lo, tail = changed
    hi = max(lo, len(text) - tail)
    if DIRECTIVE_MARK in text:
        return None
    a = text.rfind("\n\n", max(0, lo - REACH), lo)
    if a < 0:
        if lo > REACH:
            return None
        a = 0
    b = text.find("\n\n", hi, hi + REACH)
    if b < 0:
        if len(text) - hi > REACH:
            return None
        b = len(text)
    delta = len(text) - len(before)
    old_b = b - delta
    if any(f.start < a < f.end or f.start < old_b < f.end for f in findings):
        return None
    kept_before = [f for f in findings if f.end <= a]
    middle = [replace(f, start=f.start + a, end=f.end + a) for f in lint(text[a:b])]
    kept_after = [
        replace(f, start=f.start + delta, end=f.end + delta) for f in findings if f.start >= old_b
    ]
    return kept_before + middle + kept_after
