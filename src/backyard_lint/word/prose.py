"""The text of a Word document as the linter reads it, and the way back to its paragraphs.

Paragraphs are set apart by a blank line, so a heading or a table cell is a sentence of its own
(as a Markdown heading is): the classifier's title logic reads a heading by itself. A paragraph
in one of Word's quotation styles ("Quote", "Intense Quote"; LibreOffice's "Quotations") is put
between quotation marks, so the classifier reads it as quoted, as it reads a quotation in the
text. The marks are not part of any paragraph: offsets map back through ``starts``. Pure
functions only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from backyard_lint.model import Finding
from backyard_lint.word.document import Paragraph

SEPARATOR = "\n\n"
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"


@dataclass(frozen=True)
class Prose:
    """``text`` holds each paragraph's text at ``starts[i]``, in order."""

    text: str
    starts: tuple[int, ...]
    paragraphs: tuple[Paragraph, ...]

    def place(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(paragraph index, start, end in it) of ``text[start:end]``; None when the span is
        not inside one paragraph's text (it crosses a paragraph break)."""
        i = bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        base = self.starts[i]
        if end - base > len(self.paragraphs[i].text):
            return None
        return i, start - base, end - base


def prose(paragraphs: Sequence[Paragraph], *, quote_marks: bool = True) -> Prose:
    """The text to lint (``quote_marks``: quotation-style paragraphs put between quotation
    marks) or to show (without them)."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for i, p in enumerate(paragraphs):
        if i:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        quoted = quote_marks and p.role == "quote"
        if quoted:
            parts.append(OPEN_QUOTE)
            pos += len(OPEN_QUOTE)
        starts.append(pos)
        parts.append(p.text)
        pos += len(p.text)
        if quoted:
            parts.append(CLOSE_QUOTE)
            pos += len(CLOSE_QUOTE)
    return Prose("".join(parts), tuple(starts), tuple(paragraphs))


def in_paragraphs(source: Prose, findings: Iterable[Finding]) -> list[tuple[int, Finding]]:
    """Each finding with its paragraph's index and its offsets made relative to that paragraph;
    a finding across a paragraph break is kept at its start, up to the paragraph's end."""
    out: list[tuple[int, Finding]] = []
    for f in findings:
        place = source.place(f.start, f.end)
        if place is None:
            i = max(0, bisect_right(source.starts, f.start) - 1)
            start = max(0, f.start - source.starts[i])
            end = len(source.paragraphs[i].text)
        else:
            i, start, end = place
        out.append((i, replace(f, start=start, end=max(start, end))))
    return out


def moved(source: Prose, target: Prose, start: int, end: int) -> tuple[int, int] | None:
    """The span of ``source.text`` at the same place in ``target.text`` (two renderings of the
    same paragraphs), or None when it crosses a paragraph break."""
    place = source.place(start, end)
    if place is None:
        return None
    i, s, e = place
    return target.starts[i] + s, target.starts[i] + e


def by_paragraph(
    source: Prose, changes: Iterable[tuple[int, int, str]]
) -> dict[int, list[tuple[int, int, str]]]:
    """Edits (start, end, new text) of ``source.text`` grouped by paragraph index, relative to
    the paragraph; an edit across a paragraph break is left out."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    for start, end, new in changes:
        place = source.place(start, end)
        if place is not None:
            i, s, e = place
            out.setdefault(i, []).append((s, e, new))
    return out
