"""Plain text: everything is prose, except lines that hold only a directive."""

from __future__ import annotations

from backyard_lint.directives import MARK, Directive, parse_directive
from backyard_lint.formats import Masked
from backyard_lint.positions import line_starts


def mask(text: str) -> Masked:
    if MARK not in text:
        return Masked(text)
    chars = list(text)
    found: list[Directive] = []
    starts = line_starts(text)
    for line, start in enumerate(starts):
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        raw = text[start:end].rstrip("\r\n")
        body = raw.strip()
        if not body.startswith(MARK):
            continue
        directive = parse_directive(body, line, start + raw.index(body), line)
        if directive is None:
            continue
        found.append(directive)
        for i in range(start, start + len(raw)):
            chars[i] = " "
    return Masked("".join(chars), tuple(found))
