"""Plain text: everything is prose, except bare URLs and e-mail addresses, and lines that hold
only a directive (``backyard-lint: disable-next-line backyard.russia -- reason``)."""

from __future__ import annotations

import re
from typing import Any

from backyard_lint.directives import MARK, Directive, comment_pattern, parse_directive
from backyard_lint.formats import BY_NAME
from backyard_lint.formats._util import LONE_CR, blank_spans, url_spans
from backyard_lint.formats.masking import Masked
from backyard_lint.positions import line_starts

_COMMENT = comment_pattern(BY_NAME["plain"].comment)
# The start of a line after a blank line (no URL runs across a blank line).
_AFTER_BLANK = re.compile(r"\n[ \t]*\r?\n(?=[^\s])")


def cut_points(text: str) -> list[int] | None:
    """Where a long text may be cut into pieces masked on their own (``pieces.py``): after a
    blank line. None for a text with a lone carriage return as a line break."""
    if LONE_CR.search(text):
        return None
    return [0, *(m.end() for m in _AFTER_BLANK.finditer(text))]


def outside(text: str, cuts: list[int]) -> None:
    """Plain text defines nothing for its pieces."""


def mask(text: str, outside: Any = None) -> Masked:
    spans = url_spans(text)
    found: list[Directive] = []
    if MARK in text:
        starts = line_starts(text)
        for line, start in enumerate(starts):
            end = starts[line + 1] if line + 1 < len(starts) else len(text)
            raw = text[start:end].rstrip("\r\n")
            comment = _COMMENT.fullmatch(raw)
            if comment is None:
                continue
            directive = parse_directive(comment["body"], line, start + comment.start("body"), line)
            if directive is not None:
                found.append(directive)
                spans.append((start, start + len(raw)))
    return Masked(blank_spans(text, spans), tuple(found))
