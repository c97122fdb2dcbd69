"""Helpers shared by the format adapters: blanking spans while keeping line breaks, URLs, and
directives found in comments."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape
from typing import Any

from backyard_lint.directives import MARK, Directive, parse_directive
from backyard_lint.positions import LineIndex

Piece = tuple[int, int, str | None]
"""(start, end, text of the span's length to show there, or None: see ``edit`` and ``render``)."""

_NOT_BREAK = re.compile(r"[^\r\n]+")
LONE_CR = re.compile(r"\r(?!\n)")  # a carriage return alone as a line break

# Bare URLs and e-mail addresses in prose; trailing punctuation stays prose.
URL = re.compile(
    r"(?i)(?=[fhmw])(?:\b(?:https?|ftps?|file|mailto):(?://)?|\bwww\.)"
    r"[^\s<>\"`]*[^\s<>\"'`.,;:!?)\]}*_]"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def line_ends(text: str, starts: list[int]) -> list[int]:
    """The offset where each line ends, before its line break (``starts`` from ``line_starts``)."""
    ends = []
    for i in range(1, len(starts)):
        end = starts[i]
        if text[end - 1] == "\n":
            end -= 1
        if end > starts[i - 1] and text[end - 1] == "\r":
            end -= 1
        ends.append(end)
    ends.append(len(text))
    return ends


def blank(segment: str) -> str:
    """``segment`` with every character but line breaks replaced by a space."""
    if "\r" not in segment:  # the common case, quick on long stretches too
        if "\n" not in segment:
            return " " * len(segment)
        return "\n".join([" " * len(line) for line in segment.split("\n")])
    return _NOT_BREAK.sub(lambda m: " " * len(m.group()), segment)


def edit(text: str, edits: Iterable[Piece]) -> str:
    """``text`` with each ``(start, end, shown)`` applied: ``shown`` (of the span's length) put in,
    or the span blanked when ``shown`` is None. Where edits overlap, the earlier one wins."""
    out: list[str] = []
    pos = 0
    for start, end, shown in sorted(edits, key=lambda e: (e[0], e[1])):
        begin = max(start, pos)
        if end <= begin:
            continue
        out.append(text[pos:begin])
        out.append(blank(text[begin:end]) if shown is None else shown[begin - start :])
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every span blanked (spans may overlap or come in any order)."""
    return edit(text, ((start, end, None) for start, end in spans))


def render(text: str, pieces: Iterable[Piece]) -> str:
    """``text`` with everything outside the prose ``pieces`` blanked, and each piece's
    replacement (of the piece's own length), if any, put in."""
    edits: list[Piece] = []
    pos = 0
    for start, end, shown in sorted(pieces, key=lambda p: (p[0], p[1])):
        if start > pos:
            edits.append((pos, start, None))
        if shown is not None:
            edits.append((start, end, shown))
        pos = max(pos, end)
    edits.append((pos, len(text), None))
    return edit(text, edits)


def entity_text(source: str) -> str | None:
    """What a character reference such as ``&rsquo;`` shows, padded with spaces to its own
    length (so "Russia&rsquo;s" reads as "Russia’      s"); None to keep it as written."""
    shown = unescape(source)
    if shown == source or len(shown) > len(source):
        return None
    if shown.isspace() or "\r" in shown or "\n" in shown:
        shown = " "
    return shown + " " * (len(source) - len(shown))


# Where a URL may start: each scheme or "www." spelled out letter by letter in every case that
# URL's case-insensitive match accepts (Python folds "ſ" to s, "ı" and "İ" to i). RE2 finds
# them far faster than URL runs (docs/performance.md, "Figures behind the code"); URL then runs
# only on the lines that hold one. Neither a URL nor an e-mail address spans a line break.
_FOLDS = {"s": "sSſ", "i": "iIİı"}


def _letters(word: str) -> str:
    return "".join(f"[{_FOLDS.get(ch, ch + ch.upper())}]" for ch in word)


_URL_HINT = (
    f"(?:{_letters('http')}{_letters('s')}?|{_letters('ftp')}{_letters('s')}?"
    f"|{_letters('file')}|{_letters('mailto')}):|{_letters('www')}\\."
)
_url_hint: Any = None


def _hinted_lines(text: str, starts: Iterable[int]) -> Iterator[tuple[int, int]]:
    """The (start, end) of each line (``\\n``-separated) holding one of ``starts``, once each."""
    last = -1
    for at in starts:
        if at < last:
            continue
        begin = text.rfind("\n", 0, at) + 1
        last = text.find("\n", at)
        if last < 0:
            last = len(text)
        yield begin, last


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of bare URLs and e-mail addresses in ``text``."""
    global _url_hint
    spans: list[tuple[int, int]] = []
    if ":" in text or "." in text:  # (the "www." of "WWW.example.org" is in any case)
        if _url_hint is None:
            import re2

            _url_hint = re2.compile(_URL_HINT)
        hints = (m.start() for m in _url_hint.finditer(text))
        for begin, end in _hinted_lines(text, hints):
            spans += [m.span() for m in URL.finditer(text, begin, end)]
    if "@" in text:
        ats = _finds(text, "@")
        emails = [m.span() for b, e in _hinted_lines(text, ats) for m in EMAIL.finditer(text, b, e)]
        spans += emails
    return spans


def _finds(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def blank_urls(text: str) -> str:
    return blank_spans(text, url_spans(text))


def comment_directive(
    text: str, body_start: int, body_end: int, comment_end: int, index: LineIndex
) -> Directive | None:
    """The directive in a comment whose text is ``text[body_start:body_end]``, if any.

    ``comment_end`` is the offset just after the comment's closing marker.
    """
    body = text[body_start:body_end]
    if MARK not in body:
        return None
    lead = len(body) - len(body.lstrip())
    return parse_directive(
        body,
        index.line_of(body_start + lead),
        body_start,
        index.line_of(max(body_start, comment_end - 1)),
    )
