"""reStructuredText, docutils' cross-check: the literal, doctest and math blocks docutils finds,
located in the source lines, so that the line scanner (``rst.py``) misses none."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backyard_lint.formats.rst import Span, _Scanner


def _settings() -> Any:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    settings = get_default_settings(Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.syntax_highlight = "none"
    settings.tab_width = 8
    return settings


# docutils' parser and settings are the same for every text and cost milliseconds to make:
# made once per process (a constant, not a cache of results).
_DOCUTILS: dict[str, Any] = {}


def doctree_blocks(text: str) -> list[tuple[int | None, list[str]]]:
    """(approximate 1-based line, non-blank lines) of every literal-like node docutils finds
    outside its error reports; empty when docutils fails."""
    try:
        from docutils import nodes
        from docutils.parsers.rst import Parser
        from docutils.utils import new_document

        if not _DOCUTILS:
            _DOCUTILS["settings"] = _settings()
            _DOCUTILS["parser"] = Parser()
        settings = _DOCUTILS["settings"]
        settings.warning_stream = io.StringIO()
        document = new_document("<backyard-lint>", settings)
        _DOCUTILS["parser"].parse(text, document)
    except Exception:  # malformed input: the scanner's result stands alone
        return []
    kinds = (nodes.literal_block, nodes.doctest_block, nodes.math_block)
    found = []
    for node in document.findall(lambda n: isinstance(n, kinds)):
        parent = node.parent
        while parent is not None and not isinstance(parent, nodes.system_message):
            parent = parent.parent
        if parent is not None:
            continue
        lines = [ln.strip() for ln in node.astext().splitlines() if ln.strip()]
        if lines:
            found.append((node.line, lines))
    return found


def locate(
    scanner: _Scanner,
    stripped: list[str],
    blocks: list[tuple[int | None, list[str]]],
    lo: int = 0,
    hi: int = -1,
) -> list[Span]:
    """Source spans of the doctree's literal-like blocks, found line by line in order, between
    lines ``lo`` and ``hi`` (exclusive; -1: the end) of the document, which is where the
    parsed text began and ended (its line numbers count from ``lo``). ``stripped``: the
    document's lines without their surrounding white space."""
    end = len(stripped) if hi < 0 else hi
    spans: list[Span] = []
    cursor = lo
    for hint, lines in blocks:
        starts_at = [cursor]
        if hint is not None:
            starts_at.insert(0, max(cursor, lo + hint - len(lines) - 3))
        for begin in starts_at:
            run = _find_run(stripped, lines, begin, end)
            if run is not None:
                for k, a, b in run:
                    spans.append((scanner.body_start(k) + a, scanner.body_start(k) + b))
                cursor = run[0][0]
                break
    return spans


def _where(line: str, want: str) -> tuple[int, int] | None:
    """Where ``want`` stands in the stripped source ``line``: the whole line, or inside a grid
    table cell."""
    if line == want:
        return 0, len(line)
    if line.startswith(("|", "+")):
        at = line.find(want)
        if at > 0:
            return at, at + len(want)
    return None


def _find_run(
    stripped: list[str], lines: list[str], begin: int, end: int
) -> list[tuple[int, int, int]] | None:
    """(line, start, end) of each of ``lines``, in order from line ``begin`` on and before line
    ``end`` (blank lines may stand between them), or None."""
    for j in range(begin, end):
        first = _where(stripped[j], lines[0])
        if first is None:
            continue
        run = [(j, *first)]
        k = j + 1
        for want in lines[1:]:
            while k < end and not stripped[k]:
                k += 1
            found = _where(stripped[k], want) if k < end else None
            if found is None:
                break
            run.append((k, *found))
            k += 1
        else:
            return run
    return None
