"""Plain text: everything is prose, except bare URLs and e-mail addresses, and lines that hold
only a directive (``backyard-lint: disable-next-line backyard.russia -- reason``)."""

from __future__ import annotations

from backyard_lint.directives import MARK, Directive, parse_directive
from backyard_lint.formats._util import blank_spans, url_spans
from backyard_lint.formats.masking import Masked
from backyard_lint.positions import line_starts


def mask(text: str) -> Masked:
    spans = url_spans(text)
    found: list[Directive] = []
    if MARK in text:
        starts = line_starts(text)
        for line, start in enumerate(starts):
            end = starts[line + 1] if line + 1 < len(starts) else len(text)
            raw = text[start:end].rstrip("\r\n")
            if not raw.lstrip().startswith(MARK):
                continue
            directive = parse_directive(raw, line, start, line)
            if directive is not None:
                found.append(directive)
                spans.append((start, start + len(raw)))
    return Masked(blank_spans(text, spans), tuple(found))
