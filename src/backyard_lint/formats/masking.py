"""Masking a document: the adapters' common result (:class:`Masked`) and :func:`mask`.

Every adapter returns text of exactly the source's length with the same line breaks, in which
non-prose (code, URLs, front matter, tags, attributes, directives) is replaced by spaces, so an
offset in the masked text is the same offset in the source.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from backyard_lint.directives import Directive
from backyard_lint.formats import BY_NAME, FORMATS, partial


@dataclass(frozen=True)
class Masked:
    """A document ready for matching: ``masked`` has the source's length and line breaks."""

    masked: str
    directives: tuple[Directive, ...] = ()
    regions: tuple[tuple[int, int], ...] | None = None
    """Where the text was masked (start, end), when only stretches of it were (see
    ``mask(..., around=...)``): everything outside is blank. None: the whole text."""
    marks: tuple[tuple[int, int], ...] = ()
    """Spans (start, end) blanked in ``masked`` that are markup a reader reads through, such as
    Markdown's emphasis marks: the matcher sees them blank (so ``Russia's *backyard*`` matches),
    the use-or-mention classifier sees them as written (``"*Russia's backyard*"`` is quoted)."""
    quotes: tuple[int, ...] = ()
    """Offsets of the first character of each paragraph of a block quote that the markup marks
    by indentation alone (reStructuredText): the classifier sees a ``>`` there, as Markdown
    writes a block quote, where the masked text holds white space."""

    def for_reading(self, text: str) -> str:
        """``masked`` with the ``marks`` of ``text`` (the source) put back, and a ``>`` at
        each of the ``quotes``."""
        if not self.marks and not self.quotes:
            return self.masked
        return ReadingView(self, text)(0, len(self.masked))


class ReadingView:
    """``Masked.for_reading(text)`` cut on demand: ``view(lo, hi)`` is ``for_reading(text)[lo:hi]``
    and the whole is never built, so a long document is not held once more (the classifier
    reads windows of it: ``readings/batch.py``).

    Edits (a mark put back, a ``>`` at a quote) are applied in order of (start, end); where two
    overlap, each character comes from the first that covers it."""

    def __init__(self, doc: Masked, text: str) -> None:
        self.masked = doc.masked
        self.text = text
        edits = [(s, e, False) for s, e in doc.marks]
        edits += [(q, q + 1, True) for q in doc.quotes if doc.masked[q : q + 1].isspace()]
        edits.sort(key=lambda edit: (edit[0], edit[1]))  # stable: a mark before a quote
        self._edits = edits
        self._starts = [start for start, _end, _quote in edits]
        self._longest = max((end - start for start, end, _quote in edits), default=0)

    def __len__(self) -> int:
        return len(self.masked)

    def __call__(self, lo: int, hi: int) -> str:
        hi = min(hi, len(self.masked))
        if not self._edits:
            return self.masked[lo:hi]
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, hi)
        out: list[str] = []
        pos = lo
        for start, end, quote in self._edits[first:last]:
            begin = max(start, pos)
            end = min(end, hi)
            if end <= begin:
                continue
            out.append(self.masked[pos:begin])
            out.append(">" if quote else self.text[begin:end])
            pos = end
        out.append(self.masked[pos:hi])
        return "".join(out)


def mask(
    text: str,
    fmt: str,
    around: Iterable[tuple[int, int]] | None = None,
    outside: Any = None,
    cuts: list[int] | None = None,
) -> Masked:
    """Mask ``text`` as format ``fmt``. Markup parsers are imported here, only when needed.

    ``around``: spans (start, end) of the text that matter. When ``partial(fmt, text)``, only
    the stretches of the document that hold them are masked (``Masked.regions``), each exactly
    as masking the whole text would, and everything else is blank (Markdown); or the whole text
    is masked by the line scanner and docutils' cross-check reads only those stretches
    (reStructuredText, ``rst.mask_around``). Every match a rule may have in the masked text
    must lie in such a span (see ``RuleSet.locate``).

    ``outside``: when ``text`` is a piece of a longer document (``pieces.py``), what the rest
    of it defines (``outside_of``); ``cuts``: the piece's safe boundaries (``cut_points``),
    when they are known.
    """
    module = _adapter(fmt)
    piece = () if outside is None and cuts is None else (outside, cuts)  # only a piece's
    result: Masked
    if around is not None and partial(fmt, text):
        result = module.mask_around(text, around, *piece)
    else:
        result = module.mask(text, *piece[:1])
    if len(result.masked) != len(text):  # a broken adapter must never shift offsets
        raise AssertionError(f"{fmt} adapter changed the text's length")
    return result


def _adapter(fmt: str) -> Any:
    record = BY_NAME.get(fmt)
    if record is None:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return import_module(record.adapter)


def cut_points(fmt: str, text: str) -> list[int] | None:
    """The safe boundaries of ``text`` in format ``fmt``, in order, from 0: offsets where the
    text can be cut so that masking each piece on its own (given ``outside_of``) masks it as
    the whole text would. None when the format or this text cannot be cut."""
    if not BY_NAME[fmt].cuts:
        return None
    found: list[int] | None = _adapter(fmt).cut_points(text)
    return found


def outside_of(fmt: str, text: str, cuts: list[int]) -> Any:
    """What ``text`` defines for all its pieces (Markdown: its link reference definitions), or
    None; ``cuts`` from ``cut_points``."""
    return _adapter(fmt).outside(text, cuts)
