"""Masking a long Markdown document only around its labels (``markdown.mask_around``) gives, in
every stretch it masks, exactly what masking the whole document gives, and ``lint_text`` finds
the same findings either way: on the Rust book and on generated documents built to trip the
safe-boundary scanner (lists holding fences at every indent, HTML blocks and comments across
blank lines, front matter, indented code, reference definitions, setext headings, tables)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backyard_lint import formats
from backyard_lint.engine import lint_text
from backyard_lint.formats import markdown, markdown_partial
from conftest import ruleset_for, shared

LABEL = "Kazakhstan is Russia's backyard."


def assert_regions_equal(text: str) -> int:
    """Mask every other stretch between safe boundaries, then the others: each masked
    stretch equals the whole document's mask there, and all else is blank. Returns the
    number of stretches."""
    full = markdown.mask(text)
    bounds = markdown_partial.boundaries(text)
    assert bounds[0] == 0 and bounds == sorted(set(bounds))
    for parity in (0, 1):
        spans = [(b, b + 1) for b in bounds[parity::2]]
        part = markdown.mask_around(text, spans)
        assert len(part.masked) == len(text)
        regions = part.regions if part.regions is not None else ((0, len(text)),)
        pos = 0
        for start, end in regions:
            assert part.masked[start:end] == full.masked[start:end], (start, end)
            assert not part.masked[pos:start].strip()
            pos = end
        assert not part.masked[pos:].strip()
        inside = [d for d in full.directives if any(s <= d.start < e for s, e in regions)]
        assert list(part.directives) == inside
        marks = [m for m in full.marks if any(s <= m[0] < e for s, e in regions)]
        assert list(part.marks) == marks
    return len(bounds)


def assert_same_findings(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ruleset = ruleset_for()
    monkeypatch.setattr(formats, "PARTIAL_MIN", 10**9)
    whole = lint_text(text, ruleset, fmt="markdown")
    monkeypatch.setattr(formats, "PARTIAL_MIN", 0)
    assert lint_text(text, ruleset, fmt="markdown") == whole


@pytest.fixture(scope="module")
def book() -> list[Path]:
    files = sorted(shared("corpus", "rust-book").glob("*.md"))
    if not files:
        pytest.fail("no Markdown files in ../shared/corpus/rust-book")
    return files


def test_rust_book_regions_equal_the_whole_mask(book: list[Path]) -> None:
    stretches = 0
    for path in book:
        stretches += assert_regions_equal(path.read_text(encoding="utf-8"))
    assert stretches > 20 * len(book)  # the scanner finds boundaries, not just the start


def test_rust_book_with_labels_gives_the_same_findings(
    book: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in book[:40])
    paragraphs = text.split("\n\n")
    for i in range(7, len(paragraphs), 97):  # a label in a paragraph, code block, list...
        paragraphs[i] += " " + LABEL
    assert_same_findings("\n\n".join(paragraphs), monkeypatch)


# --- generated documents ----------------------------------------------------------------------

BLOCKS = [
    "A paragraph of text.\nIt wraps onto a second line.",
    "Title\n=====",
    "Title\n---",
    "# Heading",
    "---",
    "- item one\n- item two",
    "1. step one\n\n   ```sh\n   cargo run\n   ```\n\n2. step two",
    "- item\n\n  ```\n  code\n\n  more code\n  ```",
    "- item\n  ```\n  code",
    "- ```\n  code\n  ```",
    "-  ~~~\n   code\n\ncol zero",
    "  ```\n  indented fence\n```",
    "   ```\ncode at column 0\n\nmore\n   ```",
    " ```\n code\n     ```\n",
    "```rust\nfn main() {}\n```",
    "````\n```\nnested\n```\n````",
    "~~~\nunclosed tilde",
    "```\nunclosed backtick",
    "``` not`a fence\ntext",
    "    indented code\n\n    more code",
    "\tcode after a tab",
    " \t```\n code?",
    "> a quote\n> ```\n> code",
    "> quote\n```\nfence after quote\n```",
    "> quote\nlazy line",
    "<div>\nhtml block\n```\n</div>",
    "<div>\n\ntext after div",
    "  <div>\n  html in a list?\n```",
    "<!-- a comment\n\nacross a blank line\n-->",
    "<!--\n\nunclosed comment",
    "  <!--\n\n  indented comment\n-->",
    "<script>\nlet x = 1;\n\n</script>",
    "<pre>\n\npre text\n</pre>",
    "<?php\n\necho 1;\n?>",
    "<!DOCTYPE\n\nhtml>",
    "<![CDATA[\n\ndata\n]]>",
    "<span>\nafter a span tag",
    "text\n<span>\n```\ncode?\n```",
    "text\n<span>\n```\n\ncode after a blank line\n```",
    "text\n<span>\n<!--\n\ncomment after a blank line\n-->",
    "<div>\n```\n\nprose, or code?\n```",
    "- item\n  <div>\n```\n\ncode, or prose?\n```",
    '<Listing file-name="src/main.rs">',
    '<Listing file-name="x">\n```\n\nprose, then a fence opens\n```\n\ncode?',
    "</Listing>",
    "<span>inline html</span> in a paragraph",
    "[foo]: /url",
    '[Bar]:\n  /bar "title"',
    "> [quoted]: /q",
    "See [the link][foo] and [Bar] and [quoted][].",
    "[Multi\nLine]: /m\n\n[a\\]b]: /e\n\n> [in\n> quote]: /q",
    "Links: [x][multi line], [a\\]b], [in quote] and [FOO].",
    "[foo]: /second-definition",
    "[Russia's backyard][foo] as a reference link",
    "| a | b |\n| - | - |\n| c | d |",
    "<!-- backyard-lint: disable-next-line backyard.russia -- quoted -->",
    "```\n<!-- backyard-lint: disable-file -->\n```",
    "*emphasis* and _more_ and ~~gone~~ and `code`",
    "Text with a URL https://example.org/x and <https://example.org/y>.",
    "Russia&rsquo;s backyard &amp; more",
]
LABELLED = [LABEL, f"*{LABEL}*", f'"{LABEL}"', f"- {LABEL}", f"> {LABEL}", f"    {LABEL}"]

block = st.one_of(st.sampled_from(BLOCKS), st.sampled_from(LABELLED))
piece = st.tuples(block, st.sampled_from(["", "", "", " ", "  ", "   ", "    ", "\t"]))
separator = st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "\n\t\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["---\ntitle: x\n---", "+++\na = 1\n+++", "---\nx"])))
    for text, indent in draw(st.lists(piece, min_size=1, max_size=14)):
        lines = text.split("\n")
        if draw(st.booleans()):
            lines = [indent + line if line else line for line in lines]
        parts.append("\n".join(lines))
        parts.append(draw(separator))
    doc = "".join(parts)
    if LABEL not in doc:
        doc += "\n\n" + LABEL + "\n"
    if draw(st.integers(0, 5)) == 0:
        doc = doc.replace("\n", "\r\n")
    return doc


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_regions_equal_the_whole_mask(text: str) -> None:
    assert_regions_equal(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_give_the_same_findings(text: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        assert_same_findings(text, mp)


# --- particular cases -------------------------------------------------------------------------


def test_boundaries_skip_fences_comments_and_front_matter() -> None:
    text = (
        "---\ntitle: x\n\nmore: y\n---\nIntro.\n\n"
        "```\ncode\n\nStill code.\n```\n\n"
        "<!--\n\nComment.\n-->\n\n"
        "After.\n"
    )
    bounds = markdown_partial.boundaries(text)
    starts = {text[b:].split("\n", 1)[0] for b in bounds}
    assert "After." in starts and "```" in starts and "<!--" in starts
    assert not {"Still code.", "Comment.", "more: y"} & starts


def test_markdown_it_tells_whether_an_indented_fence_is_still_open() -> None:
    # In a list item the fence ends with the item; at the top level it runs on. The scanner
    # cannot tell, so markdown-it reads the text up to the next candidate.
    in_item = "- item\n\n  ```\n  code\n\nNext paragraph.\n\nLater.\n"
    bounds = markdown_partial.boundaries(in_item)
    assert bounds == [0, in_item.index("Next"), in_item.index("Later")]
    assert_regions_equal(in_item)
    top = "  ```\n  code\n\nStill code.\n\n```\n\nAfter.\n"
    assert markdown_partial.boundaries(top) == [0, top.index("After")]
    assert_regions_equal(top)
    comment = "  <!--\n  x\n\nStill a comment.\n-->\n\nAfter.\n"
    assert markdown_partial.boundaries(comment) == [0, comment.index("After")]


def test_a_list_fence_closed_in_the_item_keeps_the_boundaries() -> None:
    text = "1. step\n\n   ```sh\n   cargo run\n   ```\n\nNext paragraph.\n"
    assert text.index("Next") in markdown_partial.boundaries(text)


def test_reference_definitions_elsewhere_change_the_mask_and_are_read() -> None:
    # The brief's guess was that definitions elsewhere change nothing in a stretch: they do.
    # With "[ref]" defined, "[Russia's backyard][ref]" is a link whose brackets and label are
    # blanked; without, it is text, brackets and all.
    use = "Kazakhstan is [Russia's backyard][ref].\n"
    filler = "".join(f"Paragraph {i}.\n\n" for i in range(50))
    text = use + "\n" + filler + "[ref]: https://example.org\n"
    alone = markdown.mask(use).masked
    whole = markdown.mask(text).masked
    assert whole[: len(use)] != alone
    assert "[ref]" not in whole[: len(use)]
    part = markdown.mask_around(text, [(15, 32)])
    assert part.regions == ((0, text.index("Paragraph 0")),)
    assert part.masked[: len(use)] == whole[: len(use)]
    assert_regions_equal(text)


def test_the_first_definition_of_a_label_wins() -> None:
    text = (
        "[x]: /first\n\n"
        + "".join(f"Paragraph {i}.\n\n" for i in range(5))
        + '[X]: /second "title"\n\n[see][x] and [x]\n'
    )
    assert_regions_equal(text)


def test_directives_in_code_are_not_directives_and_others_are_found() -> None:
    text = (
        "---\nnote: <!-- backyard-lint: disable-file -->\n---\n\n"
        "```\n<!-- backyard-lint: disable-file -->\n```\n\n"
        "    <!-- backyard-lint: disable-file -->\n\n"
        + "".join(f"Paragraph {i}.\n\n" for i in range(5))
        + "<!-- backyard-lint: disable-next-line backyard.russia -- quoted -->\n"
        + LABEL
        + "\n"
    )
    spans = [(i, i + 1) for i in range(len(text)) if text.startswith("backyard-lint", i)]
    part = markdown.mask_around(text, spans)
    assert [d.kind for d in part.directives] == ["disable-next-line"]
    assert part.directives == markdown.mask(text).directives
    assert_regions_equal(text)


def test_lone_carriage_returns_mask_the_whole_text() -> None:
    text = "One.\r\rTwo.\r\r" + LABEL
    part = markdown.mask_around(text, [(text.index("Kaz"), len(text))])
    assert part.regions is None
    assert part == markdown.mask(text)


def test_lint_text_masks_only_around_the_label_in_a_long_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[object] = []
    real = markdown.mask_around

    def spy(text: str, spans: list[tuple[int, int]]) -> formats.Masked:
        result = real(text, spans)
        seen.append(result.regions)
        return result

    monkeypatch.setattr(markdown, "mask_around", spy)
    body = "".join(f"Paragraph {i} of the *book*.\n\n" for i in range(3000))
    text = body + LABEL + "\n\n" + body
    assert len(text) > formats.PARTIAL_MIN
    [finding] = lint_text(text, ruleset_for(), fmt="markdown")
    assert text[finding.start : finding.end] == "Russia's backyard"
    assert seen == [((len(body), len(body) + len(LABEL) + 2),)]


# --- emphasis marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "match"),
    [
        ("Kazakhstan is *Russia's backyard*.", "use", "Russia's backyard"),
        ("Kazakhstan is Russia's *backyard*.", "use", "Russia's *backyard"),
        ("Kazakhstan is **Russia's** ~~backyard~~.", "use", "Russia's** ~~backyard"),
        ("Kazakhstan is _Russia's_ backyard.", "use", "Russia's_ backyard"),
        ('Some call Kazakhstan "*Russia\'s backyard*".', "mention", "Russia's backyard"),
        ('Kazakhstan is *"Russia\'s backyard"*.', "mention", "Russia's backyard"),
    ],
)
def test_emphasis_marks_are_blanked_for_matching_and_read_by_the_classifier(
    text: str, context: str, match: str
) -> None:
    from backyard_lint.model import Settings

    [finding] = lint_text(
        text, ruleset_for(), fmt="markdown", settings=Settings(show_mentions=True)
    )
    assert (finding.context.value, finding.match) == (context, match)
    assert finding.message.startswith("'Russia's backyard'")


def test_emphasis_marks_are_kept_for_reading() -> None:
    text = 'A "*Russia\'s backyard*" and snake_case.'
    masked = markdown.mask(text)
    assert masked.masked == 'A " Russia\'s backyard " and snake_case.'
    assert masked.marks == ((3, 4), (21, 22))
    assert masked.for_reading(text) == text


# --- bare URLs (formats._util.url_spans, used by every adapter) -------------------------------

URL_TEXT = st.lists(
    st.sampled_from(
        [
            *("http", "HTTPS", "httpſ", "ftp", "FTPS", "fıle", "FİLE", "mailto", "MAİLTO", "www"),
            *(":", "://", ".", "@", "/", "x", "é", "a.b", "\n", "\r\n", " ", "\t", "<", ">", "_"),
            *("example.org", "user@host.org", '"', "'", "`", ")", "www.", "wWw.", "\u2028"),
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(URL_TEXT)
def test_url_spans_equal_a_scan_of_the_whole_text(text: str) -> None:
    from backyard_lint.formats import _util

    whole = [m.span() for m in _util.URL.finditer(text)]
    whole += [m.span() for m in _util.EMAIL.finditer(text)]
    assert _util.url_spans(text) == whole


def test_locate_takes_the_whole_text_when_the_patterns_are_too_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from backyard_lint import engine

    ruleset = engine.RuleSet(ruleset_for().rules)
    monkeypatch.setattr(engine, "PREFILTER_MAX_MEM", 1 << 10)
    text = "abc\nRussia's backyard"
    assert ruleset.locate(list(ruleset.rules), text) == [(0, len(text))]
