"""The format adapters, case by case from the dotted fixture files, plus the invariants every
adapter keeps on any input: the masked text has the source's length and line breaks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.utils import read_fixture_file

from backyard_lint.formats import FORMATS, mask
from conftest import shared

FIXTURES = Path(__file__).parent / "fixtures"
FILES = {
    "markdown": FIXTURES / "markdown.md",
    "rst": FIXTURES / "rst.rst-cases",
    "html": FIXTURES / "html.html-cases",
    "plain": FIXTURES / "plain.txt-cases",
}
BLANKED = "·"  # how the fixture files show a character the adapter blanked


def shown(source: str, masked: str) -> str:
    """The masked text as the fixture files write it: a blanked character shows as a dot."""
    return "".join(
        BLANKED if m == " " and s not in " \r\n" else m for s, m in zip(source, masked, strict=True)
    )


def breaks(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch in "\r\n"]


def assert_same_shape(source: str, masked: str) -> None:
    assert len(masked) == len(source)
    assert breaks(masked) == breaks(source)
    assert [source[i] for i in breaks(source)] == [masked[i] for i in breaks(masked)]


CASES = [
    pytest.param(fmt, source, expected, id=f"{fmt}-{line}-{title}")
    for fmt, path in FILES.items()
    for line, title, source, expected in read_fixture_file(path)
]


def test_every_format_has_a_fixture_file() -> None:
    assert set(FILES) == set(FORMATS)
    counts = {fmt: len(read_fixture_file(path)) for fmt, path in FILES.items()}
    assert all(n >= 5 for n in counts.values()), counts


@pytest.mark.parametrize(("fmt", "source", "expected"), CASES)
def test_fixture(fmt: str, source: str, expected: str) -> None:
    masked = mask(source, fmt).masked
    assert_same_shape(source, masked)
    assert shown(source, masked) == expected


@pytest.mark.parametrize(("fmt", "source", "expected"), CASES)
def test_fixture_with_crlf_and_cr_line_breaks(fmt: str, source: str, expected: str) -> None:
    plain = mask(source, fmt).masked
    for newline in ("\r\n", "\r"):
        converted = source.replace("\n", newline)
        masked = mask(converted, fmt).masked
        assert_same_shape(converted, masked)
        assert masked.replace(newline, "\n") == plain


MARKUP = st.lists(
    st.sampled_from(
        [
            *"`*_[]()<>!&;:#-=+|./\\\"'~{}@ \t\n\r",
            *("Russia's backyard", "http://x.y/z", "<!--", "-->", "```", "..", "::", "    "),
            *("é", "😀", "<p>", "</p>", "<pre>", "&amp;", "&#8217;", ".. code::"),
            *("<![", "<![CDATA[", "]]>", "<!DOCTYPE", "<?", "</", ".. _", "`_", "[1]_", "\x00"),
            "backyard-lint: disable",
        ]
    ),
    max_size=60,
).map("".join)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=300, deadline=None)
@given(source=MARKUP)
def test_any_input_keeps_length_and_line_breaks(fmt: str, source: str) -> None:
    result = mask(source, fmt)
    assert_same_shape(source, result.masked)
    for d in result.directives:
        assert 0 <= d.start <= d.end <= len(source)
        assert d.line <= d.end_line


def test_rst_without_docutils_gives_the_same_result_on_the_fixtures() -> None:
    from backyard_lint.formats import rst

    for _line, _title, source, _expected in read_fixture_file(FILES["rst"]):
        assert rst.mask(source, use_docutils=False) == rst.mask(source)


def test_rst_docutils_blanks_what_the_scanner_misses() -> None:
    from backyard_lint.formats import rst

    # A literal block inside a grid table cell: the line scanner sees a table row; docutils
    # parses the cell and finds the literal block.
    source = (
        "+----------------------+\n"
        "| Example::            |\n"
        "|                      |\n"
        "|     Russia's yard    |\n"
        "+----------------------+\n"
    )
    assert "Russia's yard" in rst.mask(source, use_docutils=False).masked
    masked = rst.mask(source).masked
    assert_same_shape(source, masked)
    assert "Russia" not in masked
    assert masked.splitlines()[1].startswith("| Example:")


def test_rst_docutils_reads_the_stretch_around_a_span_of_a_long_document() -> None:
    from backyard_lint.formats import PARTIAL_MIN, mask, partial, rst

    cell = (
        "+----------------------+\n"
        "| Example::            |\n"
        "|                      |\n"
        "|     Russia's yard    |\n"
        "+----------------------+\n"
    )
    filler = "A paragraph of prose about trains and timetables.\n\n"
    source = filler * (PARTIAL_MIN // len(filler)) + cell + "\n" + filler * 20
    assert partial("rst", source)
    at = source.index("Russia's yard")
    around = mask(source, "rst", around=[(at, at + 13)])
    assert around == rst.mask(source)  # the stretch holds the cell: the same result
    assert "Russia" not in around.masked
    # a span elsewhere: docutils does not read the cell, the line scanner's result stands
    elsewhere = mask(source, "rst", around=[(0, 10)]).masked
    assert "Russia's yard" in elsewhere
    assert_same_shape(source, elsewhere)


def test_rst_stretches_give_the_whole_documents_masking_on_the_peps() -> None:
    """For long PEPs and spans at random places, docutils' reading of each stretch that holds
    a span agrees with its reading of the whole document, there."""
    import random

    from backyard_lint.formats import PARTIAL_MIN, rst

    peps = shared("corpus", "peps")
    chosen = [p for p in sorted(peps.glob("*.rst")) if p.stat().st_size >= PARTIAL_MIN][::12]
    assert len(chosen) >= 15
    rng = random.Random(7)
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        spans = [(a, a + 30) for a in (rng.randrange(len(text)) for _ in range(3))]
        whole = rst.mask(text).masked
        part = rst.mask_around(text, spans).masked
        scanner = rst._Scanner(text)
        for lo, hi in rst._stretches(scanner, spans):
            a, b = scanner.starts[lo], rst._line_end(scanner, hi)
            assert part[a:b] == whole[a:b], (path.name, lo, hi)


def test_rst_docutils_never_writes_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    source = (
        "Title\n===\n\n.. unknown:: x\n\n:unknown-role:`x` `unclosed\n\n.. include:: /etc/passwd\n"
    )
    masked = mask(source, "rst").masked
    assert_same_shape(source, masked)
    out, err = capfd.readouterr()
    assert out == err == ""


def test_rst_falls_back_to_the_scanner_when_docutils_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from docutils.parsers.rst import Parser

    from backyard_lint.formats import rst_docutils

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("docutils broke")

    monkeypatch.setattr(Parser, "parse", broken)
    rst_docutils._DOCUTILS.clear()
    source = "Example::\n\n    Russia's backyard\n\nText.\n"
    masked = mask(source, "rst").masked
    assert masked == "Example: \n\n                     \n\nText.\n"
    rst_docutils._DOCUTILS.clear()


@pytest.mark.parametrize(
    "source",
    ["<![x\n<p>Text</p>", "<p>a</p><![if !IE]>b<![endif]>", "<![CDATA[x]]> <![ <!-- x", "<!["],
)
def test_malformed_html_never_raises(source: str) -> None:
    # html.parser raises AssertionError on a malformed marked section such as "<![x".
    assert_same_shape(source, mask(source, "html").masked)


@pytest.mark.parametrize(
    ("fmt", "source"),
    [("html", "<a " * 30_000), ("markdown", "<div>\n" + "<a " * 30_000), ("rst", "``a " * 30_000)],
)
def test_unterminated_markup_takes_linear_time(fmt: str, source: str) -> None:
    # html.parser's own close() rescans to the end for every "<a": over two minutes here.
    began = time.perf_counter()
    assert_same_shape(source, mask(source, fmt).masked)
    assert time.perf_counter() - began < 5
