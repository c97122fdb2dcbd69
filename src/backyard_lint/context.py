"""Use versus mention: how a match is read in its sentence.

First version: quotation marks only. The full classifier replaces this module.
"""

from __future__ import annotations

from backyard_lint.model import Context, Rule

_OPEN = "\"“‘«'"
_CLOSE = "\"”’»'"


def classify(text: str, start: int, end: int, rule: Rule) -> tuple[Context, str]:
    """Read ``text[start:end]``: (``Context.USE``, "") or another reading with a short reason."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before and before in _OPEN and after and after in _CLOSE:
        return Context.MENTION, "in quotation marks"
    return Context.USE, ""
