"""Every example in every rule file is an executable spec, plus near misses and quiet corpora.

A ``bad`` example must be flagged by that rule, at the rule's severity, read as a use. A ``good``
example must not be flagged by that rule at warning or above (and, for a suggestion rule, not at
its own severity either).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backyard_lint import formats
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Context, Finding, Rule, Settings, Severity
from backyard_lint.rules import builtin_rules_dir, load_rules
from conftest import shared

RULES = load_rules([builtin_rules_dir()])
BY_ID = {rule.id: rule for rule in RULES}


def _cases(kind: str) -> list[pytest.ParameterSet]:
    out = []
    for rule in RULES:
        examples = rule.examples_bad if kind == "bad" else rule.examples_good
        for i, text in enumerate(examples):
            out.append(pytest.param(rule, text, id=f"{rule.id}-{kind}-{i}"))
    return out


def _own(findings: list[Finding], rule: Rule) -> list[Finding]:
    return [f for f in findings if f.rule == rule.id]


def _selected(rule: Rule) -> Settings:
    """Settings that select ``rule`` (an opt-in rule is checked only when selected)."""
    return Settings(select=(rule.id,))


@pytest.mark.parametrize(("rule", "text"), _cases("bad"))
def test_bad_example_is_flagged(rule: Rule, text: str, ruleset: RuleSet) -> None:
    found = _own(lint_text(text, ruleset, settings=_selected(rule)), rule)
    assert found, f"{rule.id} does not flag: {text!r}"
    assert all(f.context == Context.USE and f.severity is rule.severity for f in found)


@pytest.mark.parametrize(("rule", "text"), _cases("good"))
def test_good_example_is_not_flagged(rule: Rule, text: str, ruleset: RuleSet) -> None:
    threshold = min(rule.severity.rank, Severity.WARNING.rank)
    found = [
        f
        for f in _own(lint_text(text, ruleset, settings=_selected(rule)), rule)
        if f.severity.rank >= threshold
    ]
    assert found == [], f"{rule.id} flags {[f.match for f in found]} in: {text!r}"


# Near misses beyond the examples: (rule, text, should it be flagged?). Each row documents a
# decision the patterns take by themselves, without help from the use-versus-mention classifier.
NEAR_MISSES = [
    ("stans.the-stans", "The stans were camping outside the arena all night.", False),
    ("stans.the-stans", "Her stans call themselves the Hive.", False),
    ("stans.the-stans", "BTS stans in Almaty organised a flash mob.", False),
    ("stans.the-stans", "We toured the 'Stans by rail.", True),
    ("stans.the-stans", "Business travellers to the five Stans need patience.", True),
    (
        "framing.sphere-of-influence",
        "The Python sphere of influence grew with every release.",
        False,
    ),
    ("framing.sphere-of-influence", "Georgia lies in Russia's sphere of influence.", True),
    ("framing.buffer", "The ring buffer zone is flushed on every write.", False),
    ("framing.vassal", "The duke's vassal owed him forty days of service.", False),
    ("framing.heartland", "The party lost its heartland seats in the north.", False),
    ("framing.great-game", "It was a great game, and Russia won on penalties.", False),
    ("exonym.kiev", "She ordered chicken Kiev.", False),
    ("exonym.kiev", "Kievan Rus' converted to Christianity in 988.", False),
    ("exonym.kiev", "Kiev Rus' traded with Byzantium.", False),
    ("exonym.kiev", "The delegation flew to Kiev.", True),
    (
        "exonym.alma-ata",
        "The Alma-Ata Declaration of 1991 enlarged the CIS to eleven members.",
        False,
    ),
    ("exonym.the-ukraine", "Analysts expect the Ukraine crisis to drag on.", False),
    ("exonym.the-ukraine", "The Ukraine-Russia talks stalled.", False),
    ("exonym.the-ukraine", "Wheat from the Ukraine reached Egypt.", True),
    ("post-soviet.region", "Post-Soviet Affairs published the article.", False),
    ("post-soviet.region", "The post-Soviet sell-off enriched a few insiders.", False),
    ("post-soviet.region", "In the post-Soviet 1990s, factories closed.", False),
    ("post-soviet.region", "Unemployment rose across the post-Soviet world.", True),
    (
        "post-soviet.region",
        "Russia and other post-Soviet and post-communist states voted no.",
        True,
    ),
    ("former-soviet.region", "Former Soviet leader Mikhail Gorbachev died in 2022.", False),
    ("former-soviet.region", "FSU beat Clemson on Saturday.", False),
    ("former-soviet.region", "Kazakhstan, a former Soviet republic, borders China.", True),
    ("former-soviet.region", "Tourism grew in formerly Soviet Georgia.", True),
    ("former-soviet.region", "Inflation is high in the FSU countries.", True),
    ("near-abroad.near-abroad", "Turkey courts the near-abroad with trade deals.", True),
    ("backyard.russia", "The Kremlin’s\nbackyard is getting crowded.", True),
    ("backyard.russia", "Investors pour into Russia's former Soviet backyard.", True),
    ("backyard.russia", "Kazakhstan is Russia's\u00a0backyard now.", True),
    ("post-soviet.region", "Trade among post-Soviet\u00a0states grew.", True),
    ("post-soviet.region", "Growth slowed across post-Soviet Europe.", True),
    ("post-soviet.region", "Elections in post-USSR countries are rarely free.", True),
    ("former-soviet.region", "Moscow wants to recover former Soviet territory.", True),
    ("former-soviet.region", "Trade with Russia's partners in the former USSR grew.", True),
    ("former-soviet.region", "The former Soviet space station Mir fell in 2001.", False),
    ("post-soviet.region", "NASA bought engines from the post-Soviet space programme.", False),
    ("backyard.russia", "Our dacha has a typical Russian backyard with a sauna.", False),
    ("backyard.china", "China's backyard furnaces produced useless pig iron in 1958.", False),
    ("post-soviet.region", "The post-Soviet Russian state rebuilt its security services.", False),
    (
        "backyard.russia",
        "Russia's backyard barbecue season starts in May, the expat guide says.",
        False,
    ),
    ("backyard.united-states", "Latin America's backyard gardens are full of mango trees.", False),
    ("backyard.australia", "Kids play cricket in the great Australian backyard.", False),
    ("backyard.china", "Beijing’s own backyard, the South China Sea, is crowded with ships.", True),
]


@pytest.mark.parametrize(("rule_id", "text", "flagged"), NEAR_MISSES)
def test_near_miss(rule_id: str, text: str, flagged: bool, ruleset: RuleSet) -> None:
    rule = BY_ID[rule_id]
    found = [
        f
        for f in _own(lint_text(text, ruleset, settings=_selected(rule)), rule)
        if f.severity is rule.severity
    ]
    assert bool(found) is flagged, f"{rule_id}: {text!r} -> {[f.match for f in found]}"


@pytest.mark.parametrize("entity", ["&rsquo;", "&#8217;", "&#x2019;", "&#39;", "&apos;"])
def test_html_apostrophe_entities(entity: str, ruleset: RuleSet) -> None:
    text = f"<p>Kazakhstan has become Russia{entity}s backyard.</p>"
    found = [f.rule for f in lint_text(text, ruleset, fmt="html")]
    assert found == ["backyard.russia"]


def test_safe_fixes_replace_exactly_the_label(ruleset: RuleSet) -> None:
    from backyard_lint import fix

    text = "In Kiev and the Ukraine, Kirghizia, Turkmenia, Alma-Ata, Byelorussia and Ashkhabad."
    edits = fix.edits(text, lint_text(text, ruleset))
    assert fix.apply_edits(text, edits) == (
        "In Kyiv and Ukraine, Kyrgyzstan, Turkmenistan, Almaty, Belarus and Ashgabat."
    )


@pytest.mark.parametrize("corpus", ["peps", "rust-book"])
def test_documentation_corpora_get_no_warning(corpus: str, ruleset: RuleSet) -> None:
    """Ordinary documentation with no regional labels: not one warning from the catalogue."""
    root = shared("corpus", corpus)
    noisy = []
    checked = 0
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".rst", ".md", ".txt") or not path.is_file():
            continue
        checked += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        for f in lint_text(text, ruleset, fmt=formats.detect(path.name)):
            if f.severity.rank >= Severity.WARNING.rank and f.rule in BY_ID:
                noisy.append(f"{Path(path).relative_to(root)}: {f.rule} {f.match!r}")
    assert checked > 50
    assert noisy == []
