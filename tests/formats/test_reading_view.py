"""``ReadingView`` cuts the text the classifier reads without building it whole: every window
is the same stretch of ``Masked.for_reading``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backyard_lint.formats import mask
from backyard_lint.formats.masking import ReadingView

PIECES = [
    "Kyrgyzstan is *Russia's backyard*. ",
    "_the Stans_ and **near abroad**, ",
    "`code` here ",
    "~~struck~~ ",
    "\n\n",
    "\n\n   Indented quote of Kiev.\n\n",
    "> quoted *text*\n",
    ":emphasis:`x` and *y* ",
    "word ",
]
DOCS = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


def check(text: str, fmt: str, lo: int, hi: int) -> None:
    doc = mask(text, fmt)
    whole = doc.for_reading(text)
    view = ReadingView(doc, text)
    assert len(view) == len(whole)
    assert view(lo, hi) == whole[lo:hi], (lo, hi)


@given(DOCS, st.sampled_from(["markdown", "rst"]), st.integers(0, 900), st.integers(0, 900))
def test_a_window_is_the_same_stretch_of_the_whole(text: str, fmt: str, a: int, b: int) -> None:
    check(text, fmt, min(a, b), max(a, b))


def test_every_window_of_documents_with_marks_and_quotes() -> None:
    markdown = "Intro *Russia's* _backyard_ and **the Stans**.\n\n> *quoted* text\n"
    rst = "Intro.\n\n   Kyrgyzstan is *Russia's backyard*.\n\nAfter *that*.\n"
    for text, fmt in ((markdown, "markdown"), (rst, "rst")):
        doc = mask(text, fmt)
        assert doc.quotes if fmt == "rst" else doc.marks  # reST marks quotes, Markdown emphasis
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 2):
                check(text, fmt, lo, hi)
