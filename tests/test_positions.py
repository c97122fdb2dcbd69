"""Line starts: every line break style, and the same answer on either path of the scan."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from backyard_lint.positions import LineIndex, line_starts


def reference(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]


@given(st.lists(st.sampled_from(["a", "é", "\n", "\r", "\r\n", " ", "\u2028"])).map("".join))
def test_line_starts_match_a_scan_for_every_break(text: str) -> None:
    assert line_starts(text) == reference(text)


def test_lines_and_columns() -> None:
    for text in ("one\ntwo\n\nfour", "one\r\ntwo\r\n\r\nfour", "one\rtwo\r\rfour"):
        index = LineIndex(text)
        four = text.index("four")
        assert index.position(four) == (4, 1)
        assert index.position(four + 2) == (4, 3)
        assert index.line_text(1) == "two"
    assert line_starts("") == [0] and line_starts("\n") == [0, 1]
