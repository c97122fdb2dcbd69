"""The server's document store against a plain reference model of LSP positions."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from backyard_lint.lsp.documents import Document, format_for, uri_to_path
from backyard_lint.positions import line_starts

ALPHABET = ["a", "b", " ", "\n", "\r", "\r\n", "😀", "é", "中", "\u2028", "\x0c", "🇺🇦"]


def ref_lines(text: str) -> list[str]:
    """LSP lines: only \\n, \\r\\n and \\r end a line (not U+2028 or form feeds)."""
    return re.split(r"\r\n|\r|\n", text)


def ref_units(s: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    return len(s)


def ref_position(text: str, offset: int, encoding: str) -> tuple[int, int]:
    before = text[:offset]
    lines = ref_lines(before)
    return len(lines) - 1, ref_units(lines[-1], encoding)


texts = st.lists(st.sampled_from(ALPHABET), max_size=20).map("".join)
encodings = st.sampled_from(["utf-16", "utf-8", "utf-32"])


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), encodings)
def test_positions_round_trip(text: str, data: st.DataObject, encoding: str) -> None:
    doc = Document("file:///t.md", text)
    offset = data.draw(st.integers(0, len(text)))
    if text[offset - 1 : offset + 1] == "\r\n":  # between \r and \n is not a position
        offset -= 1
    assert doc.position_at(offset, encoding) == ref_position(text, offset, encoding)
    assert doc.offset_at(*ref_position(text, offset, encoding), encoding) == offset


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), texts), max_size=6))
def test_edits_keep_text_and_line_starts_right(text: str, edits: list) -> None:
    doc = Document("file:///t.md", text)
    expected = text
    for a, b, new in edits:
        start, end = sorted((min(a, len(expected)), min(b, len(expected))))
        expected = expected[:start] + new + expected[end:]
        doc.replace(start, end, new)
        assert doc.text == expected
        assert doc.index.starts == line_starts(expected)


def test_out_of_range_positions_clamp() -> None:
    doc = Document("file:///t.md", "abc\r\nde😀\nlast")
    assert doc.offset_at(0, 99) == 3  # the end of line 0, before its break
    assert doc.offset_at(1, 99) == len("abc\r\nde😀")
    assert doc.offset_at(1, 3) == len("abc\r\nde")  # inside the surrogate pair: before it
    assert doc.offset_at(99, 0) == len(doc.text)
    assert doc.offset_at(-1, 5) == 0
    doc.apply_change((0, 99, 0, 99), "X")
    assert doc.text == "abcX\r\nde😀\nlast"
    doc.apply_change((2, 2, 0, 4), "")  # a reversed range
    assert doc.text == "abcXst"


def test_line_separators_inside_a_line_are_not_line_breaks() -> None:
    doc = Document("file:///t.md", "a\u2028b\x0cc\nRussia")
    doc.apply_change((1, 0, 1, 0), "X")
    assert doc.text == "a\u2028b\x0cc\nXRussia"


def test_format_from_language_id_then_name() -> None:
    assert format_for("markdown", "file:///a.txt") == "markdown"
    assert format_for("restructuredtext", "file:///a.md") == "rst"
    assert format_for("plaintext", "file:///a.md") == "plain"
    assert format_for("unknown-lang", "file:///a/b.html") == "html"
    assert format_for("", "untitled:Untitled-1.md") == "markdown"
    assert format_for(None, "file:///a/b") == "plain"


def test_uri_to_path() -> None:
    assert str(uri_to_path("file:///tmp/a%20b.md")) == "/tmp/a b.md"
    assert uri_to_path("untitled:Untitled-1") is None
