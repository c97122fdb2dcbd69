"""The bar the product is built for: the source articles argue against the labels and lint clean,
while the same claims made in the writer's own voice are flagged.

The articles are read at run time from ``../shared/sources/`` (beside the checkout); nothing of
them is copied here. The rewritten sentences below are our own paraphrases of the articles'
points, with the quotation marks, negations and attributions taken out, so the labels are used.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from backyard_lint.engine import lint_text
from backyard_lint.model import Context, Rule, Settings, Severity, Source
from backyard_lint.rules import builtin_rules_dir, load_rules
from conftest import ruleset_for, shared

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
FLAGGING = (Severity.WARNING, Severity.ERROR)

_articles = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []


def test_both_articles_are_there() -> None:
    shared("sources")
    assert len(_articles) == 2, [p.name for p in _articles]


# Without ../shared, one case that skips with the line shared() gives (not an empty set).
_cases = _articles or [SOURCES / "missing"]


@pytest.mark.parametrize("path", _cases, ids=[p.stem[:40] for p in _cases])
def test_source_article_lints_clean(path: Path) -> None:
    shared("sources")
    text = path.read_text(encoding="utf-8")
    findings = lint_text(text, ruleset_for())
    loud = [f"{f.rule} at {f.start}: {f.match!r}" for f in findings if f.severity in FLAGGING]
    assert loud == []


def test_source_articles_hold_labels_read_as_mentions() -> None:
    shared("sources")
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


# --- The rules' own sources -------------------------------------------------------------------
#
# Every rule cites published pieces that argue against its label. These tests hold the catalogue
# to that: each source names its original publisher, gives a URL and one short verbatim quote, and
# the text a reader sees speaks of the label, never of how the catalogue was researched.

RULES = load_rules([builtin_rules_dir()])
_BY_ID = {rule.id: rule for rule in RULES}
_SOURCED = [(rule.id, i, s) for rule in RULES for i, s in enumerate(rule.sources)]
_SOURCE_IDS = [f"{rule_id}[{i}]" for rule_id, i, _ in _SOURCED]

# Sources checked against a stored copy of the page itself (not against ../shared/sources): the
# quote was read verbatim there, with the publisher, date and URL given in the rule.
CHECKED_ELSEWHERE = {
    "https://takshashila.org.in/subcontinent-is-not-indias-own-backyard-neighbours-will-continue-to-pursue-foreign-policies-independently/",
    "http://southasianmonitor.com/2017/04/27/neighboring-countries-must-reject-indias-backyard-policy/",
    "http://www.novinite.com/articles/182786/Mogherini%3A+the+Balkans+are+Among+the+Priorities+of+the+EU",
    "https://dailysabah.com/op-ed/2018/10/25/the-balkans-neither-the-backyard-of-the-eu-nor-the-playground-of-any-country/amp",
    "https://caspianpolicy.org/research/middle-corridor/ukraine-and-the-rise-of-middle-powers-rethinking-central-asias-place-in-great-power-competition",
    "https://russian_federation.en-academic.com/389/Near_abroad",
    "https://www.nationalreview.com/magazine/2022/04/18/ukraine-and-the-end-of-illusions/",
    "https://ireland.mfa.gov.ua/en/press-center/news/67570-open-letter-of-the-ministry-of-foreign-affairs-of-ukraine",
}

# Sites that reprint or proxy other outlets' articles: a source names the original instead.
REPRINT_HOSTS = (
    "criminalwatch.com",
    "bloat.cat",
    "travelistly.com",
    "strategicstudyindia.com",
    "docslib.org",
    "anyfans.com",
    "townhall.com/news/around-the-web",
)
REPRINT_MARKERS = re.compile(
    r"reprint|original publisher|\bvia\b|as credited|not shown|source:", re.I
)

# Wording about the project's own research material, which no reader can see.
INTERNAL = re.compile(
    r"\bdossier\b|\.\./shared|shared/sources|sources\.yaml|\bstored (?:copy|page|excerpt)|"
    r"\bour (?:sources|research|notes)\b",
    re.I,
)

# The owner each backyard rule is about, as its sources must name it.
OWNERS = {
    "backyard.india": r"\bIndia|\bDelhi\b",
    "backyard.europe": r"\bEurope|\bEU\b|\bBrussels\b",
    "backyard.russia": r"\bRussia|\bKremlin\b|\bMoscow\b|\bPutin",
    "backyard.australia": r"\bAustralia|\bCanberra\b",
    "backyard.china": r"\bChina|\bChinese\b|\bBeijing\b",
    "backyard.united-states": r"\bU\.?S\.?\b|United States|\bAmerica|\bWashington\b",
}


def _user_text(rule: Rule) -> dict[str, str]:
    texts = {"summary": rule.summary, "message": rule.message, "explanation": rule.explanation}
    for i, s in enumerate(rule.sources):
        for field in ("title", "publisher", "author", "argument"):
            texts[f"sources[{i}].{field}"] = getattr(s, field)
    return texts


@pytest.mark.parametrize(("rule_id", "index", "source"), _SOURCED, ids=_SOURCE_IDS)
def test_each_source_is_complete(rule_id: str, index: int, source: Source) -> None:
    where = f"{rule_id} sources[{index}]"
    assert source.title and source.publisher and source.argument, where
    assert source.url.startswith(("https://", "http://")), where
    assert source.quote, f"{where}: a short verbatim quote"
    assert len(source.quote.split()) <= 40, f"{where}: quotes stay short"
    # a sentence or less: no sentence ends inside the quote
    assert not re.search(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]", source.quote), f"{where}: one sentence"


@pytest.mark.parametrize(("rule_id", "index", "source"), _SOURCED, ids=_SOURCE_IDS)
def test_each_source_names_its_original_publisher(rule_id: str, index: int, source: Source) -> None:
    where = f"{rule_id} sources[{index}]"
    assert not any(host in source.url for host in REPRINT_HOSTS), f"{where}: {source.url} reprints"
    assert not REPRINT_MARKERS.search(source.publisher), f"{where}: {source.publisher!r}"


def test_no_source_is_cited_twice_for_the_same_rule_with_the_same_quote() -> None:
    for rule in RULES:
        pairs = [(s.url, s.quote) for s in rule.sources]
        assert len(pairs) == len(set(pairs)), rule.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_no_internal_wording_in_what_users_read(rule: Rule) -> None:
    found = {k: m.group(0) for k, v in _user_text(rule).items() if (m := INTERNAL.search(v))}
    assert found == {}, f"{rule.id}: {found}"


def test_no_internal_wording_in_the_docs() -> None:
    root = Path(__file__).resolve().parents[1]
    pages = [root / "README.md", *sorted((root / "docs").rglob("*.md"))]
    assert len(pages) > 30, "the rule pages are under docs/rules"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        m = re.search(r"\bdossier\b|sources\.yaml|shared/sources", text, re.I)
        assert m is None, f"{page.relative_to(root)}: {m.group(0) if m else ''}"


@pytest.mark.parametrize("rule_id", sorted(OWNERS))
def test_backyard_sources_are_about_that_owner(rule_id: str) -> None:
    for source in _BY_ID[rule_id].sources:
        text = f"{source.title} {source.quote}"
        assert re.search(OWNERS[rule_id], text), (
            f"{rule_id}: {source.title!r} is about another owner"
        )


@pytest.mark.parametrize("rule_id", ["backyard.india", "backyard.europe"])
def test_india_and_europe_cite_pieces_against_that_exact_label(rule_id: str) -> None:
    rule = _BY_ID[rule_id]
    assert len(rule.sources) >= 2
    for source in rule.sources:
        text = f"{source.title} {source.quote}"
        assert re.search(r"back\s*-?\s*yards?", text, re.I), f"{rule_id}: {source.title!r}"
        assert re.search(OWNERS[rule_id], text), f"{rule_id}: {source.title!r}"
        assert re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", source.date), f"{rule_id}: {source.date!r}"
    other_regions = r"Central Asia|Pacific|Fiji|Latin America|Western Balkans”|Kazakh"
    for source in rule.sources:
        assert not re.search(other_regions, source.quote), f"{rule_id}: {source.quote!r}"


def _shared_sources() -> Path:
    return shared("sources")


def _reference_material() -> tuple[set[str], set[str], str]:
    """The URLs and quotes in ../shared/sources/sources.yaml, and the two source articles' text."""
    data = yaml.safe_load((_shared_sources() / "sources.yaml").read_text(encoding="utf-8"))
    urls: set[str] = set()
    quotes: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "quotes" and isinstance(value, list):
                    quotes.update(str(q) for q in value)
                elif key == "url" and value:
                    urls.add(str(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    articles = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(_shared_sources().glob("*.txt"))
    )
    return urls, quotes, articles


def test_every_source_was_checked_against_the_page_it_cites() -> None:
    """Each URL and quote is in the reference material, or the source was checked on its page."""
    urls, quotes, articles = _reference_material()
    for rule_id, index, source in _SOURCED:
        where = f"{rule_id} sources[{index}]"
        if source.url in CHECKED_ELSEWHERE:
            continue
        assert source.url in urls, f"{where}: {source.url} was not checked"
        verbatim = any(source.quote in q for q in quotes) or source.quote in articles
        assert verbatim, f"{where}: quote not verbatim: {source.quote}"


def test_the_checked_elsewhere_list_holds_no_stale_entries() -> None:
    cited = {s.url for _, _, s in _SOURCED}
    assert cited >= CHECKED_ELSEWHERE, CHECKED_ELSEWHERE - cited
