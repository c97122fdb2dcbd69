"""The readings of every match of one document, in order: here, or in chunks run elsewhere.

Reading a match is most of the cost of a document dense with labels, and each reading is local:
it sees only ``span.WINDOW`` characters either side of its match (``Span.around``). So the
matches are read in chunks, each with only the stretch of text its matches' windows cover, cut
from a :class:`Window` (the masked document as the classifier reads it, never built whole), and
the readings are the same whichever way they run. The caller chooses where chunks run with
``mapper`` (``readers.Readers`` runs them in worker processes); a document with fewer than
``MIN_MATCHES`` matches is always read here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol

from backyard_lint.model import Context, Rule

if TYPE_CHECKING:
    from backyard_lint.readers import Mapper

Reading = tuple[Context, str]
Match = tuple[Rule, int, int]  # (rule, start, end) in the text
Chunk = tuple[str, list[Match]]  # a stretch of the text, and matches with offsets in it

CHUNK = 500  # matches per chunk: enough that sending one costs little next to reading it
MAX_SPAN = 1 << 20  # characters of text per chunk, at most (a sparse document's chunks)
MIN_MATCHES = 4 * CHUNK  # fewer: read here (starting worker processes costs more)


class Window(Protocol):
    """The text the classifier reads, cut on demand (``formats.masking.ReadingView``)."""

    def __len__(self) -> int: ...

    def __call__(self, lo: int, hi: int) -> str: ...


def classify_all(
    window: Window, matches: Sequence[Match], mapper: Mapper | None = None
) -> list[Reading]:
    """The reading of each of ``matches`` in the text of ``window`` (``readings.classify``),
    in order."""
    if not matches:
        return []  # the classifier is not even imported
    from backyard_lint.readings.span import WINDOW

    order = sorted(range(len(matches)), key=lambda i: matches[i][1])
    places = list(_parts(order, matches, WINDOW))

    def chunks() -> Iterator[Chunk]:  # made as they are read: the text is never cut whole
        for part in places:
            lo = max(0, matches[part[0]][1] - WINDOW)
            hi = max(matches[i][2] for i in part) + WINDOW
            moved = [(rule, s - lo, e - lo) for rule, s, e in (matches[i] for i in part)]
            yield window(lo, hi), moved

    made = chunks()
    # The first chunk is read here, before any worker starts: forked workers then share the
    # classifier and the patterns it compiled (readings/lazy.py).
    first = classify_chunk(None, next(made))
    if mapper is None or len(matches) < MIN_MATCHES:
        rest: Iterable[list[Reading]] = (classify_chunk(None, chunk) for chunk in made)
    else:
        rest = mapper(classify_chunk, made)
    out: list[Reading] = [(Context.USE, "")] * len(matches)
    for part, found in zip(places, chain([first], rest), strict=True):
        for i, reading in zip(part, found, strict=True):
            out[i] = reading
    return out


def _parts(order: list[int], matches: Sequence[Match], reach: int) -> Iterator[list[int]]:
    """The matches (indices, by start) in chunks of at most ``CHUNK`` whose text spans at most
    ``MAX_SPAN`` characters; a match far from the last (no shared text) starts a new chunk only
    once the chunk is that long."""
    part: list[int] = []
    lo = 0
    for i in order:
        start = matches[i][1]
        if part and (len(part) >= CHUNK or start + reach - lo > MAX_SPAN):
            yield part
            part = []
        if not part:
            lo = max(0, start - reach)
        part.append(i)
    if part:
        yield part


def classify_chunk(_shared: Any, chunk: Chunk) -> list[Reading]:
    """The readings of one chunk's matches (run in a worker process, or here; a mapper's
    ``shared`` is not needed)."""
    from backyard_lint.readings import classifier

    text, matches = chunk
    return [classifier.classify(text, start, end, rule) for rule, start, end in matches]
