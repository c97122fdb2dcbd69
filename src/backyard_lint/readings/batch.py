"""The readings of every match of one document, in order: here, or in chunks run elsewhere.

Reading a match is most of the cost of a document dense with labels, and each reading is local:
it sees only ``span.WINDOW`` characters either side of its match (``Span.around``). So the
matches of a long document can be read in chunks, each sent with only the stretch of text its
matches' windows cover, and the readings are the same whichever way they run. The caller
chooses where chunks run with ``mapper`` (``parallel.Readers`` runs them in worker processes);
a document with fewer than ``MIN_MATCHES`` matches is always read here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from backyard_lint.model import Context, Rule

Reading = tuple[Context, str]
Match = tuple[Rule, int, int]  # (rule, start, end) in the text
Chunk = tuple[str, list[Match]]  # a stretch of the text, and matches with offsets in it
Mapper = Callable[[Callable[[Chunk], list[Reading]], list[Chunk]], Iterable[list[Reading]]]

CHUNK = 500  # matches per chunk: enough that sending one costs little next to reading it
MIN_MATCHES = 4 * CHUNK  # fewer: read here (starting worker processes costs more)


def classify_all(
    text: str, matches: Sequence[Match], mapper: Mapper | None = None
) -> list[Reading]:
    """The reading of each of ``matches`` in ``text`` (``readings.classify``), in order."""
    if not matches:
        return []  # the classifier is not even imported
    from backyard_lint.readings import classifier  # here, before any worker starts: they share it
    from backyard_lint.readings.span import WINDOW

    if mapper is None or len(matches) < MIN_MATCHES:
        return [classifier.classify(text, start, end, rule) for rule, start, end in matches]
    order = sorted(range(len(matches)), key=lambda i: matches[i][1])
    chunks: list[Chunk] = []
    places: list[list[int]] = []
    for first in range(0, len(order), CHUNK):
        part = order[first : first + CHUNK]
        lo = max(0, matches[part[0]][1] - WINDOW)
        hi = max(matches[i][2] for i in part) + WINDOW
        moved = [(rule, s - lo, e - lo) for rule, s, e in (matches[i] for i in part)]
        chunks.append((text[lo:hi], moved))
        places.append(part)
    # The first chunk is read here, before any worker starts: forked workers then share the
    # patterns it compiled (readings/lazy.py) instead of each compiling them again.
    readings = [classify_chunk(chunks[0]), *mapper(classify_chunk, chunks[1:])]
    out: list[Reading] = [(Context.USE, "")] * len(matches)
    for part, readings_of_part in zip(places, readings, strict=True):
        for i, reading in zip(part, readings_of_part, strict=True):
            out[i] = reading
    return out


def classify_chunk(chunk: Chunk) -> list[Reading]:
    """The readings of one chunk's matches (run in a worker process, or here)."""
    from backyard_lint.readings import classifier

    text, matches = chunk
    return [classifier.classify(text, start, end, rule) for rule, start, end in matches]
