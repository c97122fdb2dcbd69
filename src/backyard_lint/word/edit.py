"""Replace text inside a paragraph's runs, keeping every run's formatting.

A replacement goes into the text element where the replaced words start, so it takes that run's
formatting; the rest of the replaced words is removed from the runs that held them (a word that
Word split over two runs, "Ki" + "ev", becomes one). A replacement over a tab or a line break is
not made.
"""

from __future__ import annotations

from collections.abc import Iterable

from backyard_lint.word.document import Paragraph

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def apply_in_runs(paragraph: Paragraph, changes: Iterable[tuple[int, int, str]]) -> int:
    """Apply non-overlapping edits (start, end, new text; offsets in ``paragraph.text``) to
    the document's elements; returns how many were made."""
    made = 0
    # From the end back: an edit changes no offset before it.
    for start, end, new in sorted(changes, reverse=True):
        if _apply(paragraph, start, end, new):
            made += 1
    return made


def _apply(paragraph: Paragraph, start: int, end: int, new: str) -> bool:
    if start >= end:
        return False
    touched = [p for p in paragraph.pieces if p.start < end and p.end > start]
    if not touched or any(p.element is None for p in touched):
        return False
    if touched[0].start > start or touched[-1].end < end:
        return False
    for n, piece in enumerate(touched):
        text = piece.element.text or ""
        head = text[: max(0, start - piece.start)]
        tail = text[max(0, end - piece.start) :] if end < piece.end else ""
        _set(piece.element, head + (new if n == 0 else "") + tail)
    return True


def _set(element: object, text: str) -> None:
    element.text = text  # type: ignore[attr-defined]
    if text != text.strip():
        element.set(_XML_SPACE, "preserve")  # type: ignore[attr-defined]
