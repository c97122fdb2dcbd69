"""A long document linted in pieces (pieces.py) gives the findings of the whole document linted
at once: the pieces are cut where masking cannot tell the difference, each reads enough of the
document around it, and what the document defines for all its parts goes with each piece."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backyard_lint import pieces
from backyard_lint.engine import lint_text
from backyard_lint.formats.masking import cut_points, mask, outside_of
from backyard_lint.model import Settings
from backyard_lint.readers import Readers, in_process
from conftest import ruleset_for, shared

SHOW = Settings(show_mentions=True)

# Paragraphs of our own, with the constructs that stay open across a blank line.
PARAGRAPHS = [
    "Analysts still call the region Russia's backyard, and the label sticks.",
    "> The minister said that Central Asia is \"our near abroad\".\n>\n> He repeated it.",
    "```text\nRussia's backyard\n\nthe Stans, inside a fence with a blank line\n```",
    "<!--\na comment with a blank line\n\nand the Stans inside it\n-->",
    "See [the report][report] on the post-Soviet states, and the [map][].",
    "- a list item about the Stans\n\n  still the item, on the former Soviet republics",
    "---",
    "The trip went from Kiev to Lviv, as the 1990 guidebook spelled it.",
    "<!-- backyard-lint: disable backyard -->",
    "Critics reject the phrase \"Russia's backyard\" as a dismissive label.",
    "<!-- backyard-lint: enable backyard -->",
    "<!-- backyard-lint: disable-next-line exonym -->\nShe moved to Kiev last year.",
    "    indented code: Russia's backyard\n\n    still code: the Stans",
    "Washington treats Latin America as its backyard, one columnist wrote.",
    "See [the old spelling][Kiev]: a label defined at the end is a link, not the exonym.",
]


def markdown_document(repeats: int, paragraphs: list[str] = PARAGRAPHS) -> str:
    parts = ["---\ntitle: front matter\n\nwith a blank line: the Stans\n---"]
    for r in range(repeats):
        turned = paragraphs[r % len(paragraphs) :] + paragraphs[: r % len(paragraphs)]
        parts += turned
    parts += [
        "[report]: https://example.org/report",
        "[map]: https://example.org/map 'A map'",
        "[Kiev]: https://example.org/kyiv",
    ]
    return "\n\n".join(parts) + "\n"


def whole_and_pieces(text: str, fmt: str, size: int) -> tuple[list[Any], list[Any]]:
    ruleset = ruleset_for()
    whole = lint_text(text, ruleset, fmt=fmt, settings=SHOW)
    cut = lint_text(text, ruleset, fmt=fmt, settings=SHOW, mapper=in_process, piece=size)
    return whole, cut


def test_the_plan_covers_the_text_once_and_reads_around_each_piece() -> None:
    text = markdown_document(40)
    cuts = cut_points("markdown", text)
    assert cuts is not None and cuts[0] == 0
    plan = pieces.plan(cuts, len(text), 3000)
    assert len(plan) > 10
    assert plan[0][1] == 0 and plan[-1][2] == len(text)
    for (_b1, _s1, end, _a1), (_b2, start, _e2, _a2) in itertools.pairwise(plan):
        assert end == start  # contiguous
    for before, start, end, after in plan:
        assert {before, start, end} <= {*cuts, len(text)} and (after in cuts or after == len(text))
        assert before == 0 or start - before >= pieces.REACH
        assert after == len(text) or after - end >= pieces.REACH


@pytest.mark.parametrize("size", [400, 2000, 9000])
def test_markdown_in_pieces_gives_the_findings_of_the_whole(size: int) -> None:
    text = markdown_document(30)
    whole, cut = whole_and_pieces(text, "markdown", size)
    assert len(whole) > 100
    contexts = {f.context.value for f in whole}
    assert {"use", "mention"} <= contexts
    rules = {f.rule for f in whole}
    assert "directive.unused" in rules or any(r.startswith("exonym") for r in rules)
    assert cut == whole


def test_plain_text_in_pieces_gives_the_findings_of_the_whole() -> None:
    text = "\n\n".join(p.replace("```", "'''") for p in PARAGRAPHS * 25) + "\n"
    whole, cut = whole_and_pieces(text, "plain", 1000)
    assert len(whole) > 100 and cut == whole


def test_each_piece_is_masked_as_the_whole_document_masks_it() -> None:
    """Reference links defined at the end are links in every piece (their label is markup),
    fenced code and comments across blank lines stay blank, front matter only at the top."""
    text = markdown_document(12)
    whole = mask(text, "markdown").masked
    cuts = cut_points("markdown", text)
    assert cuts is not None
    outside = outside_of("markdown", text, cuts)
    assert outside is not None
    for before, start, end, after in pieces.plan(cuts, len(text), 1500):
        piece = mask(text[before:after], "markdown", outside=outside).masked
        assert piece[start - before : end - before] == whole[start:end]
    assert "[report]" in text and "[report]" not in whole  # the label was read as markup
    without = mask(text[: text.index("[report]:")], "markdown").masked
    assert "[report]" in without  # (without the definition it would be text)


def test_no_cut_where_masking_from_there_would_differ() -> None:
    text = markdown_document(3)
    cuts = cut_points("markdown", text)
    assert cuts is not None
    for cut in cuts[1:]:
        assert not text.startswith(("---", "+++"), cut)  # would read as front matter
        inside_fence = text.count("```", 0, cut) % 2 == 1
        inside_comment = text.rfind("<!--", 0, cut) > text.rfind("-->", 0, cut)
        assert not inside_fence and not inside_comment
    assert cut_points("markdown", "a\rb\r\rc" * 10) is None  # lone carriage returns
    assert cut_points("html", "<p>a</p>\n\n<p>b</p>") is None  # a format that cannot be cut


def test_the_rust_book_in_pieces_gives_the_findings_of_the_whole() -> None:
    """A real book's chapters (reference links, code, tables, lists) with our labels between
    its paragraphs."""
    chapters = sorted(shared("corpus", "rust-book").glob("*.md"))
    paragraphs = [p for c in chapters[:40] for p in c.read_text(encoding="utf-8").split("\n\n")]
    mixed: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        mixed.append(paragraph)
        if i % 4 == 0:
            mixed.append(PARAGRAPHS[i % len(PARAGRAPHS)])
    text = "\n\n".join(mixed) + "\n"
    assert "]: " in text and len(text) > 200_000
    whole, cut = whole_and_pieces(text, "markdown", 20_000)
    assert len(whole) > 100 and cut == whole


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_worker_processes_lint_the_pieces(start: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers inherit the rule set; where processes are spawned (macOS, Windows) it
    travels pickled as its rules, and each worker compiles what it needs."""
    import multiprocessing

    from backyard_lint import readers

    monkeypatch.setattr(readers, "process_context", lambda: multiprocessing.get_context(start))
    ruleset = ruleset_for()
    text = markdown_document(20 if start == "fork" else 6)
    whole = lint_text(text, ruleset, fmt="markdown", settings=SHOW)
    with Readers(2) as pool:
        cut = lint_text(text, ruleset, fmt="markdown", settings=SHOW, mapper=pool, piece=2000)
        assert pool.started
    assert cut == whole


def test_the_command_on_a_long_document_gives_the_findings_of_the_whole(tmp_path: Path) -> None:
    """More than two pieces' length, through the command with two worker processes."""
    path = tmp_path / "long.md"
    repeats = 1 + 2 * pieces.PIECE // len(markdown_document(1))
    text = markdown_document(repeats)
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "backyard_lint", "check", "--jobs", "2", "--format", "json",
         str(path)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    found = [
        (f["rule"], f["line"], f["column"]) for f in json.loads(done.stdout)["files"][0]["findings"]
    ]
    from backyard_lint.runner import locate

    expected = [
        (item.finding.rule, item.line, item.column)
        for item in locate(text, lint_text(text, ruleset_for(), fmt="markdown"))
    ]
    assert len(expected) > 1000 and found == expected


def test_definitions_read_at_once_when_they_are_much_of_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stretches with "]:" beyond what each piece should carry: the definitions alone go."""
    from backyard_lint.formats import markdown_refs

    monkeypatch.setattr(markdown_refs, "SHIPPED", 0)
    text = markdown_document(30)
    cuts = cut_points("markdown", text)
    assert cuts is not None
    shipped = outside_of("markdown", text, cuts)
    assert type(shipped) is dict and "KIEV" in shipped  # (labels are kept upper case)
    whole, cut = whole_and_pieces(text, "markdown", 2000)
    assert cut == whole


def _random_block(rng: Any, words: list[str]) -> str:
    """One Markdown block of a random kind, among those that stay open across blank lines."""
    s, t = rng.choice(words), rng.choice(words)
    kinds = [
        f"```\n{s}\n\n{t}\n```",
        f"~~~~ text\n{s}\n\n````\n~~~~",
        f"<!--\n{s}\n\n{t}\n-->",
        f"<pre>\n{s}\n\n</pre>",
        f"<div>\n{s}\n</div>",
        f"- {s}\n\n  {t}\n- {s}",
        f"1. {s}\n\n   ```\n   {t}\n\n   ```\n2. more",
        f"> {s}\n>\n> {t}",
        f"| a | b |\n| --- | --- |\n| {s} | x |",
        f"{s}\n====",
        f"[{rng.choice(['ref', 'Kiev', 'x'])}]: https://example.org/{rng.randrange(9)}",
        f"See [the map][{rng.choice(['ref', 'Kiev', 'x'])}] and [Kiev][].",
        "---",
        f"    indented {s}\n\n    more {t}",
        rng.choice(["<!-- backyard-lint: disable -->", "<!-- backyard-lint: enable -->"]),
        f"  ```\n{s}\n\n{t}",  # a fence indented in a way that may sit in a list item
        f"{s} {t}",
    ]
    return str(rng.choice(kinds))


def _random_markdown(seed: int, blocks: int) -> str:
    import random

    rng = random.Random(seed)
    words = [p for p in PARAGRAPHS if "\n" not in p and "backyard-lint" not in p]
    parts: list[str] = ["---\ntitle: x\n\nmore: y\n---"] if seed % 3 == 0 else []
    parts += [_random_block(rng, words) for _ in range(blocks)]
    text = "".join(p + rng.choice(["\n\n", "\n\n\n", "\n", "\n \n"]) for p in parts)
    return text.replace("\n", "\r\n") if seed % 4 == 1 else text


@pytest.mark.parametrize("seed", range(40))
def test_random_markdown_pieces_are_masked_as_the_whole(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each piece masked on its own, with nothing around it: every cut must be one where
    masking from there gives what masking the whole document gives."""
    monkeypatch.setattr(pieces, "REACH", 0)
    text = _random_markdown(seed, 120)
    whole = mask(text, "markdown").masked
    cuts = cut_points("markdown", text)
    assert cuts is not None
    outside = outside_of("markdown", text, cuts)
    for before, start, end, after in pieces.plan(cuts, len(text), 200):
        assert (before, after) == (start, end)
        assert mask(text[start:end], "markdown", outside=outside).masked == whole[start:end]


@pytest.mark.parametrize("seed", range(8))
def test_random_markdown_in_pieces_gives_the_findings_of_the_whole(seed: int) -> None:
    """Long enough that most pieces read from a cut inside the document."""
    text = _random_markdown(seed, 500)
    ruleset = ruleset_for()
    whole = lint_text(text, ruleset, fmt="markdown", settings=SHOW)
    for size in (300, 2000):
        cut = lint_text(text, ruleset, fmt="markdown", settings=SHOW, mapper=in_process, piece=size)
        assert cut == whole, (seed, size)


def test_a_piece_reads_the_document_before_it() -> None:
    """A piece that starts right at a block quote whose last line is a lazy continuation: the
    reading of the label there ("inside a block quote") needs the text before the piece, as
    the classifier reads a window that starts at the start of its text as a document's start.
    Without the margin around each piece (``REACH``) it reads as a use."""
    filler = "Plain words about rivers and hills follow here without any label at all."
    quote = (
        "[ref]: https://example.org/2\n> In 1992 the press wrote of Kiev.\n>\n"
        "> Analysts describe it as a region.\n    continued: China's backyard, they wrote."
    )
    text = "\n\n".join([filler] * 30 + [quote] + [filler] * 30) + "\n"
    at = text.index("[ref]")
    cuts = cut_points("markdown", text)
    assert cuts is not None and at in cuts
    size = next(
        s for s in range(50, 3000) if any(p[1] == at for p in pieces.plan(cuts, len(text), s))
    )
    whole, cut = whole_and_pieces(text, "markdown", size)
    assert [f.context.value for f in whole if f.rule == "backyard.china"] == ["mention"]
    assert cut == whole
