"""The bar the product is built for: the source articles argue against the labels and lint clean,
while the same claims made in the writer's own voice are flagged.

The articles are read at run time from ``../shared/sources/`` (beside the checkout); nothing of
them is copied here. The rewritten sentences below are our own paraphrases of the articles'
points, with the quotation marks, negations and attributions taken out, so the labels are used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backyard_lint.engine import lint_text
from backyard_lint.model import Context, Settings, Severity
from conftest import ruleset_for

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
FLAGGING = (Severity.WARNING, Severity.ERROR)

_articles = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the checkout")
def test_both_articles_are_there() -> None:
    assert len(_articles) == 2, [p.name for p in _articles]


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the checkout")
@pytest.mark.parametrize("path", _articles, ids=[p.stem[:40] for p in _articles])
def test_source_article_lints_clean(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    findings = lint_text(text, ruleset_for())
    loud = [f"{f.rule} at {f.start}: {f.match!r}" for f in findings if f.severity in FLAGGING]
    assert loud == []


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the checkout")
def test_source_articles_hold_labels_read_as_mentions() -> None:
    # Clean for the right reason: the labels are there, and read as quoted or rejected.
    readings = set()
    for path in _articles:
        text = path.read_text(encoding="utf-8")
        for f in lint_text(text, ruleset_for(), settings=Settings(show_mentions=True)):
            readings.add(f.context)
    assert {Context.MENTION, Context.NEGATED} <= readings


# Our own sentences: the articles' claims restated as if the writer held the labels.
REWRITTEN = {
    "backyard.russia": [
        "Western outlets and Russian pundits agree that Central Asia is Russia’s backyard.",
        "Central Asia is Russia's backyard, and its five republics take their cue from Moscow.",
        "For decades after 1991 the region served as Moscow's backyard for security and trade.",
        "Macron flew to Astana and Tashkent, deep in the Kremlin’s backyard, with traders.",
        "Beijing, Brussels, Ankara and Washington now compete in Russia's back yard.",
        "Kazakhstan and Uzbekistan, two large states in Russia’s backyard, courted EU money.",
        "The Middle Corridor lets Chinese goods cross Putin's backyard on their way to Europe.",
        "Uranium from Russia's\nbackyard feeds reactors across Europe.",
    ],
    "post-soviet.region": [
        "The post-Soviet states of Central and Eastern Europe are catching up only now.",
        "Investors are returning to the post-Soviet republics of Central Asia.",
    ],
    "former-soviet.region": [
        "The former Soviet republics of Central Asia balance China against the EU.",
        "Kazakhstan leads the ex-Soviet states of the region in uranium output.",
    ],
}
_CASES = [(rule, sentence) for rule, sentences in REWRITTEN.items() for sentence in sentences]


@pytest.mark.parametrize(("rule_id", "sentence"), _CASES, ids=[s[:50] for _, s in _CASES])
def test_the_same_claims_in_the_writers_voice_are_flagged(rule_id: str, sentence: str) -> None:
    findings = lint_text(sentence, ruleset_for())
    fired = {f.rule for f in findings if f.severity in FLAGGING and f.context is Context.USE}
    assert rule_id in fired, [(f.rule, f.context, f.reason) for f in findings]
