"""A long document linted in pieces, on every core (``engine.lint_text`` given a ``mapper``).

A document of at least two pieces' length, in a format that can be cut (``Format.cuts``:
Markdown, plain text), is cut at safe boundaries (``formats.masking.cut_points``: places where
masking from there on gives what masking the whole document gives) into pieces of about
``PIECE`` characters. Each piece goes through the one pipeline (``pipeline.raw_findings``) on its
own, reading ``REACH`` characters or more of the document either side of it (up to a safe
boundary), so that every match is read, and every sentence around a match is found, as in the
whole document. A piece keeps only the findings and directives that start inside it. What the
document defines for all its parts (Markdown's link reference definitions) goes with each piece
(``formats.masking.outside_of``). The caller applies the directives to the whole document.

The pieces go to the ``mapper`` in order, made as they are sent: the worker processes of
``readers.Readers`` each hold one piece at a time, and this process never masks the whole
document. The findings are those of the whole document linted at once (``tests/test_pieces.py``),
with one exception: Markdown nested too deeply for its parser is read as plain text, and then
only in the piece that holds it rather than in the whole document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

TYPE_CHECKING = False  # typing costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any, TypeAlias

    from backyard_lint.directives import Directive
    from backyard_lint.engine import RuleSet
    from backyard_lint.model import Finding, Settings
    from backyard_lint.pipeline import Found
    from backyard_lint.readers import Mapper

    Piece: TypeAlias = tuple[int, int, int, int]  # (read from, start, end, read to)
    # (format, settings, the text read, start and end of the piece in it, where the text read
    # starts in the document and its line there, what the document defines, its safe
    # boundaries, or None to find them)
    Task: TypeAlias = tuple[str, Settings, str, int, int, int, int, Any, list[int] | None]

PIECE = 1 << 20  # characters per piece, about: small enough to spread a few MB over the cores
# Characters of the document read on each side of a piece, at least: twice what the classifier
# reads around a match (readings/span.py, WINDOW). A reading may look past its paragraph into
# that window, and it reads a window that starts at the start of its text as the start of a
# document; with less around a piece, a match near its start can read otherwise.
REACH = 4800


def plan(cuts: Sequence[int], length: int, size: int = PIECE) -> list[Piece]:
    """The pieces of a text of ``length`` characters with safe boundaries ``cuts`` (sorted):
    each starts at a boundary at least ``size`` after the last, and is read from the last
    boundary ``REACH`` or more before it to the first ``REACH`` or more after its end."""
    starts = [0]
    for cut in cuts:
        if cut - starts[-1] >= size and length - cut >= size // 4:  # no sliver at the end
            starts.append(cut)
    out: list[Piece] = []
    for start, end in zip(starts, [*starts[1:], length], strict=True):
        i = bisect_right(cuts, start - REACH) - 1
        j = bisect_left(cuts, end + REACH)
        out.append((cuts[i] if i >= 0 else 0, start, end, cuts[j] if j < len(cuts) else length))
    return out


def lint_in_pieces(
    text: str,
    ruleset: RuleSet,
    *,
    fmt: str,
    settings: Settings,
    mapper: Mapper,
    size: int = PIECE,
) -> Found | None:
    """The findings and directives of ``text`` (as ``pipeline.raw_findings`` gives them for the
    whole text), linted in pieces by ``mapper``; None when the text is too short or its format
    cannot be cut."""
    if len(text) < 2 * size:
        return None
    from backyard_lint.formats.masking import cut_points, outside_of

    cuts = cut_points(fmt, text)
    if cuts is None:
        return None
    pieces = plan(cuts, len(text), size)
    if len(pieces) < 2:
        return None
    outside = outside_of(fmt, text, cuts)

    def tasks() -> Iterator[Task]:
        line = at = 0
        for before, start, end, after in pieces:
            line += text.count("\n", at, before)  # no lone CR: such a text is not cut
            at = before
            piece = text[before:after]
            inside = cuts[bisect_left(cuts, before) : bisect_left(cuts, after)]
            bounds = [c - before for c in inside]
            yield fmt, settings, piece, start - before, end - before, before, line, outside, bounds

    findings: list[Finding] = []
    marks: list[Directive] = []
    for found, read in mapper(lint_piece, tasks(), ruleset):
        findings += found
        marks += read
    return findings, tuple(marks)


def lint_piece(ruleset: RuleSet, task: Task) -> Found:
    """One piece's findings and directives, with offsets and lines in the whole document (run
    in a worker process, or here)."""
    from dataclasses import replace

    from backyard_lint.pipeline import raw_findings

    fmt, settings, text, start, end, base, line, outside, cuts = task
    findings, marks = raw_findings(
        text, ruleset, fmt=fmt, settings=settings, outside=outside, cuts=cuts
    )
    return (
        [replace(f, start=f.start + base, end=f.end + base) for f in findings
         if start <= f.start < end],
        tuple(
            replace(d, start=d.start + base, end=d.end + base, line=d.line + line,
                    end_line=d.end_line + line)
            for d in marks if start <= d.start < end
        ),
    )
