"""A large plain-text document is re-linted only around what changed, with the same findings as
a lint of the whole text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from backyard_lint.lsp import server as srv
from backyard_lint.lsp import stretch
from backyard_lint.lsp.documents import Document

PARAGRAPH = "The river runs through the valley, and the town holds a market every week.\n\n"
LABEL = "Georgia is Russia's backyard, they said.\n\n"


def _big() -> str:
    parts = []
    for i in range(stretch.LARGE // len(PARAGRAPH) + 200):
        parts.append(LABEL if i % 97 == 0 else PARAGRAPH)
    return "".join(parts)


def _key(findings: list[srv.Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.start, f.end, f.match) for f in findings]


def test_edits_relint_the_stretch_and_agree_with_a_whole_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = srv.create_server()
    doc = Document((tmp_path / "big.txt").as_uri(), _big(), 1, "plaintext")
    assert len(doc.text) >= stretch.LARGE
    first = server.lint(doc)
    assert len(first.findings) > 100
    ruleset = first.ruleset
    linted: list[int] = []  # the length of every text the server lints from here on
    real = srv.lint_text

    def counting(text: str, *args: object, **kwargs: object) -> list[srv.Finding]:
        linted.append(len(text))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(srv, "lint_text", counting)
    pick = random.Random(18)
    edits = ["Russia's backyard", "x", "", "\n\n", "the Stans ", "Kiev", "backyard"]
    for step in range(40):
        text = doc.text
        start = pick.randrange(len(text))
        end = min(len(text), start + pick.choice([0, 1, 5, 30]))
        doc.replace(start, end, pick.choice(edits))
        doc.version = step + 2
        got = server.lint(doc).findings
        assert _key(got) == _key(real(doc.text, ruleset, fmt="plain")), step
    # Each lint read a stretch, never the whole megabyte.
    assert linted and max(linted) < len(doc.text) // 10


def test_a_directive_or_a_markup_format_is_linted_whole(tmp_path: Path) -> None:
    text = _big()
    calls: list[int] = []

    def lint(part: str) -> list[srv.Finding]:
        calls.append(len(part))
        return []

    assert stretch.relint(text, [], text + "x", (len(text), 0), lint) is not None
    with_directive = text + "backyard-lint: disable backyard.russia\n"
    assert stretch.relint(text, [], with_directive, (len(text), 0), lint) is None
    # A change far from any paragraph break: the whole text.
    one_paragraph = "word " * (stretch.REACH // 2) * 4
    middle = len(one_paragraph) // 2
    assert stretch.relint(one_paragraph, [], one_paragraph, (middle, middle), lint) is None


def test_merge_keeps_the_widest_change() -> None:
    changed = stretch.merge(None, 100, 105, 2, 997)  # 5 characters become 2 (1000 -> 997)
    assert changed == (100, 895)
    assert stretch.merge(changed, 50, 50, 10, 1007) == (50, 895)
    assert stretch.merge(changed, 990, 995, 0, 992) == (100, 2)
