"""The classifier's and the engine's hand-written scans give what the plain regular expression
(or the left-to-right reading) they replace gives, for any text (hypothesis; text biased
towards sentence ends, marks, blank lines and characters past ASCII)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from backyard_lint import sentences
from backyard_lint.encoded import Encoded, compile_raw
from backyard_lint.readings.common import norm
from backyard_lint.readings.names import _WORD_BEFORE_REVERSED
from backyard_lint.readings.span import last_blank_line

PROPERTY = settings(
    max_examples=int(os.environ.get("BACKYARD_LINT_EXAMPLES", "300")), deadline=None
)
PIECES = st.sampled_from(
    [".", "!", "?", "…", "\n", "\n", "\r", " ", " ", "\t", "\xa0", "A", "b", "1", '"', "'",
     "٣", "[", "’", ")", "*", "_", "~", "#", "-", ">", "(", "“", "«", "é", "😀", "Mr", "U.S",
     "2.", "word"]
)
TEXT = st.lists(PIECES, max_size=60).map("".join)


# The sentence end as one regular expression, and its false ends (the former algorithm).
_END = re.compile(
    r"""(?P<stop>[.!?…]+)[)\]"'”’»*_]*(?=\s[\s"'“‘«(\[*_]*[A-Z0-9])"""
    r"|\r?\n[ \t]*\r?\n"
    r"|\r?\n(?=[ \t]*(?:[#*+>-]|\d{1,3}[.)])\s)"
    r"|(?P<line>\r?\n)(?=[ \t]*[\"'“‘«(\[*_]*[A-Z0-9])"
)


def _is_break(text: str, m: re.Match[str]) -> bool:
    if m.group("stop") == ".":
        before = text[max(0, m.start() - 20) : m.start()].split()
        before_space = m.start() == 0 or text[m.start() - 1].isspace()
        token = before[-1].lstrip("([{\"'“‘«") if before and not before_space else ""
        if token[:1].isalpha():
            bare = token.replace(".", "").lower()
            if bare in sentences._ABBREVIATIONS or len(bare) == 1 or "." in token:
                return False
    elif m.group("line"):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()].rstrip()
        return 0 < len(line) <= 50 and line[-1] not in ".!?,;:-–—([{/&"
    return True


def _reference_bounds(text: str, start: int, end: int, window: int) -> tuple[int, int]:
    """Sentence bounds read left to right over every candidate run."""

    def breaks(lo: int, hi: int) -> Iterator[re.Match[str]]:
        limit = min(len(text), hi + 40)
        for c in re.compile(r"[.!?…\n]+").finditer(text, lo, hi):
            for at in range(c.start(), c.end()):
                m = _END.match(text, at, limit)
                if m:
                    if _is_break(text, m):
                        yield m
                    break

    lo, hi = max(0, start - window), min(len(text), end + window)
    s = last = lo
    for m in breaks(lo, start):
        if m.start() < last:
            continue
        if m.end() > start:
            break
        s = last = m.end()
    e = next((m.end() for m in breaks(end, hi)), hi)
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


@PROPERTY
@given(text=TEXT, data=st.data())
def test_sentence_bounds_read_from_the_right_as_from_the_left(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    window = sentences.WINDOW
    try:
        sentences.WINDOW = 12  # a small window: runs cut at its edges are common
        assert sentences.sentence_bounds(text, start, end) == _reference_bounds(
            text, start, end, 12
        )
    finally:
        sentences.WINDOW = window
    assert sentences.sentence_bounds(text, start, end) == _reference_bounds(
        text, start, end, window
    )


_SPACES = re.compile(r"\s+")
_LOOSE_MARK = re.compile(
    r"[\"“”„«»‹›‘’'`*_~](?![^\W\d_])|(?<![^\W\d_])[\"“”„«»‹›‘’'`*_~]|\*+|~~"
)


@PROPERTY
@given(text=TEXT)
def test_norm_is_the_regular_expression(text: str) -> None:
    assert norm(text) == _SPACES.sub(" ", _LOOSE_MARK.sub(" ", text))


@PROPERTY
@given(text=TEXT, data=st.data())
def test_last_blank_line_is_the_last_match(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    expected = -1
    for m in re.compile(r"\n[ \t\r]*(?=\n)").finditer(text, lo, hi):
        expected = m.end()
    assert last_blank_line(text, lo, hi) == expected


@PROPERTY
@given(text=TEXT)
def test_words_before_read_reversed(text: str) -> None:
    forward = re.search(r"([\w.]+(?:\s+[\w.]+){0,2})\s*$", text)
    reversed_ = _WORD_BEFORE_REVERSED.match(text[::-1])
    assert (forward.group(1) if forward else None) == (
        reversed_.group(1)[::-1] if reversed_ else None
    )


@PROPERTY
@given(text=TEXT, pattern=st.sampled_from([r"\w+", r"(?i:a|é)\b", r"\s*", "😀.", r"[.!?]+\s"]))
def test_encoded_search_gives_the_wrappers_offsets(text: str, pattern: str) -> None:
    expected = [m.span() for m in re2.compile(pattern).finditer(text) if m.start() != m.end()]
    assert list(Encoded(text).spans(compile_raw(pattern))) == expected


PLAIN_WORDS = st.sampled_from(
    ["a", "Word", "1", " ", ",", ".", ";", ":", "'", '"', "?", "!", "(", ")", "’", "“", "-", "--",
     "/", "@", "=", "+", "%", "$", "1.", "x)", "http://example.org/a", "www.example.org",
     "a@example.org", "Mr."]
)
PLAIN_LINE = st.one_of(
    st.integers(0, 3).map(lambda n: " " * n),
    st.tuples(st.sampled_from("AbZq"), st.lists(PLAIN_WORDS, max_size=12)).map(
        lambda t: t[0] + "".join(t[1])
    ),
)


@PROPERTY
@given(lines=st.lists(PLAIN_LINE, min_size=1, max_size=6), end=st.sampled_from(["", "\n", "\n\n"]))
def test_plain_paragraphs_mask_as_markdown_it_masks_them(lines: list[str], end: str) -> None:
    from backyard_lint.formats import markdown

    text = "\n".join(lines) + end
    assert markdown._PLAIN.fullmatch(text)
    for front_matter in (True, False):
        assert markdown._mask(text, front_matter) == markdown._parsed(text, front_matter, None)
