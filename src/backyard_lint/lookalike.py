"""Invisible and look-alike characters: normalised for matching, offsets kept.

A zero-width space, a joiner, a soft hyphen, a word joiner, a byte-order mark or a direction mark
inside a label ("Russia's\\u200b backyard", "back\\u00adyard"), or a Cyrillic or Greek letter that
looks Latin inside a Latin word ("Russi\\u0430's backyard"), would hide the label from every rule.
:func:`normalise` deletes the invisible characters and maps look-alike letters to their Latin
twins (only in words that mix them with Latin letters: a Russian word stays as it is), keeping,
for each character of the result, its offset in the source. :func:`lint_through` lints the
normalised text and gives the findings back in the source's offsets; a finding whose match held
look-alike letters says so in its message.

Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from backyard_lint.core import hidden
from backyard_lint.model import Finding

INVISIBLE = frozenset(hidden.INVISIBLE)
LOOKALIKES = dict(zip(hidden.LOOKALIKE_FROM, hidden.LOOKALIKE_TO, strict=True))
_SUSPECT = re.compile("[" + "".join(sorted(INVISIBLE | LOOKALIKES.keys())) + "]")


def _is_latin(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or (
        c.isalpha() and "LATIN" in unicodedata.name(c, "")
    )


def normalise(text: str) -> tuple[str, list[int]] | None:
    """``text`` without invisible characters and with look-alike letters in mixed-script words
    made Latin, and where the dropped characters were (each as the offset in the result it
    would have had: see :func:`source_offset`); None when nothing changes. Linear, and
    without a table per character (a 20 MB text with one hidden character stays cheap)."""
    if text.isascii():
        return None
    swaps: dict[int, str] = {}
    drops: list[int] = []
    checked_to = -1  # look-alike letters up to here were judged with their word
    for m in _SUSPECT.finditer(text):
        i = m.start()
        c = text[i]
        if c in INVISIBLE:
            drops.append(i)
            continue
        if i < checked_to:
            continue
        lo, hi = _word(text, i)
        checked_to = hi
        if any(_is_latin(text[j]) for j in range(lo, hi)):
            swaps.update({j: LOOKALIKES[text[j]] for j in range(lo, hi) if text[j] in LOOKALIKES})
    if not swaps and not drops:
        return None
    changes = sorted([*((i, "") for i in drops), *swaps.items()])
    out: list[str] = []
    pos = 0
    for i, new in changes:
        out += [text[pos:i], new]
        pos = i + 1
    out.append(text[pos:])
    return "".join(out), [d - k for k, d in enumerate(drops)]


def source_offset(dropped: list[int], j: int) -> int:
    """The offset in the source of the normalised text's offset ``j``."""
    return j + bisect_right(dropped, j)


def _word(text: str, i: int) -> tuple[int, int]:
    """The letters around ``i`` (invisible characters inside the word included)."""

    def inside(c: str) -> bool:
        return c.isalpha() or c in INVISIBLE

    lo = i
    while lo > 0 and inside(text[lo - 1]):
        lo -= 1
    hi = i + 1
    while hi < len(text) and inside(text[hi]):
        hi += 1
    return lo, hi


def lint_through(text: str, lint: Callable[[str], list[Finding]]) -> list[Finding]:
    """``lint(text)``, on the normalised text when it differs, with the findings' offsets,
    matches and spans as the rules saw them given back in ``text``'s terms."""
    result = normalise(text)
    if result is None:
        return lint(text)
    norm, dropped = result
    out = []
    for f in lint(norm):
        start = source_offset(dropped, f.start)
        end = source_offset(dropped, f.end - 1) + 1 if f.end > f.start else start
        match = text[start:end]
        prose = None
        if f.prose is not None:  # a blank stays blank; every other character is the source's
            blank = {
                source_offset(dropped, j)
                for j in range(f.start, f.end)
                if f.prose[j - f.start] == " " != norm[j]
            }
            prose = "".join(" " if i in blank else c for i, c in enumerate(match, start))
        message = f.message
        mixed = sorted({c for c in match if c in LOOKALIKES})
        if mixed:
            letters = ", ".join(f"'{c}' ({unicodedata.name(c)})" for c in mixed)
            message += f" Written with look-alike letters from another script: {letters}."
        out.append(replace(f, start=start, end=end, match=match, message=message, prose=prose))
    return out
