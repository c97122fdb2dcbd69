"""Properties that hold for any text, checked with hypothesis on text biased towards what breaks
linters: our trigger words, quotes, markup characters, the three line ends, emoji and combining
marks, directives and URLs.

- ``lint_text`` never raises, in any format;
- findings lie inside the text, are sorted, and each points at a span that one of its rule's own
  RE2 patterns matches in the masked text;
- masking keeps the length and every line break;
- the proselint checks and ``lint_text`` agree on plain text;
- decoding and encoding a file again gives back the same bytes (BOM, codec);
- ``lint_path`` on any bytes gives a report or a one-line reason, never an exception.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backyard_lint import formats
from backyard_lint.engine import RuleSet, _flagged, lint_text
from backyard_lint.inputs import decode_full
from backyard_lint.model import Settings
from backyard_lint.runner import RunOptions, lint_path
from backyard_lint.sentences import sentence_bounds
from conftest import PROJECT, ruleset_for

# 200 examples per test in the suite; BACKYARD_LINT_EXAMPLES=20000 runs them at scale
# (see fuzz/README.md).
PROPERTY = settings(
    max_examples=int(os.environ.get("BACKYARD_LINT_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SHOW_ALL = Settings(show_mentions=True)
LINE_BREAKS = re.compile(r"[\r\n]")


@cache
def rules() -> RuleSet:
    return ruleset_for()


def _words_from_rules() -> list[str]:
    """Words and two-word runs from every rule's examples: the trigger vocabulary, kept current
    as rules are added."""
    words: set[str] = set()
    for rule in rules().rules:
        for example in (*rule.examples_bad, *rule.examples_good):
            words.add(example)
            parts = re.findall(r"\S+", example)
            words.update(parts)
            words.update(" ".join(parts[i : i + 2]) for i in range(len(parts) - 1))
            words.update(" ".join(parts[i : i + 3]) for i in range(len(parts) - 2))
    return sorted(words)


MARKUP = [
    "```", "~~~", "`", "``", "---", "+++", "***", "*", "_", "**", "#", "## ", "> ", "- ", "1. ",
    "    ", "\t", "[", "]", "(", ")", "![", "](", "<", ">", "</", "/>", "<p>", "</p>", "<div>",
    "<pre>", "<code>", "</code>", "<script>", "<!--", "-->", "<a href='", "'>", "&amp;",
    "&rsquo;", "&#8217;", "&#x2019;", "&", ";", "|", "||", ":", "::", ".. ", ".. note::",
    ".. code-block:: python", ":role:`", "`_", "__", "=====", "-----", "~~~~~", "\\",
    "http://example.org/x", "https://t.co/a?b=c", "www.example.com", "a@b.org",
    "<!-- backyard-lint: disable-next-line backyard.russia -->",
    "<!-- backyard-lint: disable -->", "<!-- backyard-lint: enable -->",
    ".. backyard-lint: disable-next-line backyard", "backyard-lint: disable-line ALL",
    "backyard-lint: disable-file", "backyard-lint: nonsense",
]  # fmt: skip
QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "`", "‹", "›"]
ODD = [
    "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " ", "  ", "\u00a0", "\u2028", "\u200b", "\ufeff",
    "😀", "👩🏽‍🚀", "🇰🇿", "\u0301", "e\u0301", "\u0308", "Ж", "ß", "İ", "ǅ", "ﬁ", "\u202e", "\x00",
    "\x0b", "\x0c", "\x1c", "\x85", "𝔘", ".", "!", "?", "…", ",", "(", ")", "1990s", "-",
]  # fmt: skip

TOKENS = st.sampled_from(_words_from_rules() + MARKUP + QUOTES + ODD)
TEXT = st.lists(st.one_of(TOKENS, TOKENS, TOKENS, st.text(max_size=4)), max_size=60).map(
    lambda parts: "".join(p if p in ODD or not p.strip() else p + " " for p in parts)
)
# Some texts without the spaces the map adds, so that tokens glue together.
GLUED = st.lists(st.one_of(TOKENS, st.text(max_size=3)), max_size=40).map("".join)
ANY_TEXT = st.one_of(TEXT, GLUED)
FORMAT = st.sampled_from(formats.FORMATS)


@cache
def _pattern_spans_fn(rule_id: str) -> Callable[[str], set[tuple[int, int]]]:
    rule = rules().by_id[rule_id]
    opts = re2.Options()
    opts.log_errors = False
    compiled = [
        (
            re2.compile(_flagged(rule, p.regex), opts),
            re2.compile(_flagged(rule, p.sentence), opts) if p.sentence else None,
        )
        for p in rule.patterns
    ]

    def spans(masked: str) -> set[tuple[int, int]]:
        out = set()
        for regex, sentence in compiled:
            for m in regex.finditer(masked):
                if sentence is not None:
                    lo, hi = sentence_bounds(masked, m.start(), m.end())
                    if sentence.search(masked, lo, hi) is None:
                        continue
                out.add((m.start(), m.end()))
        return out

    return spans


@PROPERTY
@given(text=ANY_TEXT, fmt=FORMAT)
def test_findings_lie_in_the_text_sorted_and_match_their_rule(text: str, fmt: str) -> None:
    ruleset = rules()
    findings = lint_text(text, ruleset, fmt=fmt, settings=SHOW_ALL)
    assert [f.sort_key for f in findings] == sorted(f.sort_key for f in findings)
    masked = formats.mask(text, fmt).masked if findings else text
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.match == text[f.start : f.end]
        if f.rule in ruleset.by_id:  # not a directive report (directive.unused, ...)
            assert f.start < f.end
            assert (f.start, f.end) in _pattern_spans_fn(ruleset.by_id[f.rule].id)(masked), (
                f"{f.rule} reported {f.match!r}, which none of its patterns matches there"
            )
    # Reported findings (mentions hidden) are a subset of the ones shown with mentions.
    plain = lint_text(text, ruleset, fmt=fmt)
    assert {f.sort_key for f in plain} <= {f.sort_key for f in findings}


@PROPERTY
@given(text=ANY_TEXT, fmt=FORMAT)
def test_masking_keeps_length_and_line_breaks(text: str, fmt: str) -> None:
    masked = formats.mask(text, fmt).masked
    assert len(masked) == len(text)
    breaks = [m.start() for m in LINE_BREAKS.finditer(text)]
    assert [m.start() for m in LINE_BREAKS.finditer(masked)] == breaks
    assert [masked[i] for i in breaks] == [text[i] for i in breaks]


@PROPERTY
@given(text=ANY_TEXT)
def test_proselint_checks_agree_with_lint_text_on_plain_text(text: str) -> None:
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    from backyard_lint.proselint import __register__

    ruleset = rules()
    if not text:  # proselint 0.16 cannot lint empty content (it tries to read a file)
        assert lint_text(text, ruleset) == []
        return
    registry = CheckRegistry()
    saved = list(registry.checks)
    registry.checks[:] = list(__register__)  # a process-wide singleton: restored below
    try:
        config = {"max_errors": 1_000_000, "checks": {r.id: True for r in ruleset.rules}}
        results = LintFile("doc.txt", text).lint(config)  # type: ignore[arg-type]
    finally:
        registry.checks[:] = saved
    # proselint pads the text with a line break at each end: its offsets are one further.
    theirs = sorted((r.check_result.check_path, *(i - 1 for i in r.check_result.span))
                    for r in results)  # fmt: skip
    ours = sorted((f.rule, f.start, f.end) for f in lint_text(text, ruleset)
                  if f.rule in ruleset.by_id)  # fmt: skip
    assert theirs == ours


ENCODINGS = [
    (b"", "utf-8"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
]


@PROPERTY
@given(text=ANY_TEXT.filter(lambda t: "\x00" not in t), which=st.sampled_from(ENCODINGS))
def test_decoding_then_encoding_gives_back_the_same_bytes(
    text: str, which: tuple[bytes, str]
) -> None:
    bom, codec = which
    if not bom and text.startswith("\ufeff"):
        text = "x" + text  # a leading U+FEFF without a BOM would read as one
    data = bom + text.encode(codec)
    decoded, got_codec, got_bom = decode_full(data)
    assert decoded == text
    assert got_bom + decoded.encode(got_codec) == data


SUFFIXES = st.sampled_from([".txt", ".md", ".rst", ".html", ".unknown"])
RAW = st.one_of(
    st.binary(max_size=200),
    st.tuples(ANY_TEXT, st.sampled_from(ENCODINGS)).map(
        lambda t: t[1][0] + t[0].encode(t[1][1], "surrogatepass")
    ),
    st.tuples(ANY_TEXT, st.binary(max_size=4), st.integers(0, 100)).map(
        lambda t: (lambda b: b[: t[2]] + t[1] + b[t[2] :])(t[0].encode("utf-8", "surrogatepass"))
    ),
)


@PROPERTY
@given(data=RAW, suffix=SUFFIXES, encoding=st.sampled_from([None, None, "latin-1", "utf-16"]))
def test_lint_path_never_raises_on_any_bytes(
    data: bytes, suffix: str, encoding: str | None
) -> None:
    """Any file: a report with findings inside the text, or one line saying why it was not
    linted; never an exception, never an internal error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        report = lint_path(path, RunOptions(encoding=encoding, show_mentions=True), PROJECT)
    if report.error is not None:
        assert "\n" not in report.error
        assert not report.error.startswith("internal error"), report.error
        assert report.findings == []
    for loc in report.findings:
        assert 1 <= loc.line <= loc.end_line and loc.column >= 1
