"""The built-in rule files, tested as data: one case per file, plus checks across the catalogue."""

from __future__ import annotations

import string
from collections import Counter
from pathlib import Path

import pytest

from backyard_lint.model import Severity
from backyard_lint.rules import (
    builtin_rules_dir,
    load_rule_file,
    load_rules,
    pattern_problem,
    rule_files,
)

RULES_DIR = builtin_rules_dir()
FILES = rule_files(RULES_DIR)
IDS = [str(p.relative_to(RULES_DIR)) for p in FILES]
RULES = load_rules([RULES_DIR])

# Families used to report accuracy per family (the dev set's names where they fit).
FAMILIES = {"backyard", "post-soviet", "stans", "near-abroad", "sphere", "framing", "exonym"}


def test_the_catalogue_is_there() -> None:
    assert len(FILES) >= 20, f"expected the whole catalogue in {RULES_DIR}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_rule_file(path: Path) -> None:
    rule = load_rule_file(path)  # validates, or raises RuleError naming file and field
    rel = path.relative_to(RULES_DIR)
    assert rule.id == ".".join((*rel.parent.parts, path.stem)), "id must equal <folder>.<file stem>"
    assert rule.family in FAMILIES
    assert rule.severity in (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)
    assert len(rule.examples_bad) >= 3, "at least three bad examples"
    assert len(rule.examples_good) >= 3, "at least three good examples"
    assert len(set(rule.examples_bad)) == len(rule.examples_bad)
    assert len(set(rule.examples_good)) == len(rule.examples_good)
    assert any(s.url.startswith(("https://", "http://")) for s in rule.sources)
    for source in rule.sources:
        assert source.title and source.argument, f"{source.url}: a title and the argument"
        assert source.quote, f"{source.url}: a short quote"
        assert len(source.quote.split()) <= 40, f"{source.url}: quotes must stay short"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_pattern_compiles_in_re2(path: Path) -> None:
    rule = load_rule_file(path)
    regexes = [p.regex for p in rule.patterns]
    regexes += [p.sentence for p in rule.patterns if p.sentence]
    regexes += list(rule.exceptions)
    for regex in regexes:
        flagged = regex if rule.case_sensitive else f"(?i:{regex})"
        assert pattern_problem(flagged) is None, regex


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_message_placeholders(path: Path) -> None:
    rule = load_rule_file(path)
    fields = {f for _, f, _, _ in string.Formatter().parse(rule.message) if f is not None}
    assert fields <= {"match", "replacement"}
    assert "match" in fields, "the message names the label it flags"
    if "replacement" in fields:
        assert rule.replacements, "{replacement} needs at least one replacement"
    assert rule.message.format(match="X", replacement="Y")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_safe_replacements_come_first(path: Path) -> None:
    """A safe fix applies the first replacement, so a safe one that is not first would never run."""
    rule = load_rule_file(path)
    assert all(not r.safe for r in rule.replacements[1:])


def test_ids_and_aliases_are_unique() -> None:
    names = Counter(name for rule in RULES for name in (rule.id, *rule.aliases))
    assert [n for n, count in names.items() if count > 1] == []


def test_no_pattern_appears_in_two_rules() -> None:
    owners: dict[str, str] = {}
    for rule in RULES:
        for pattern in rule.patterns:
            key = f"{pattern.regex}\x00{pattern.sentence}"
            assert key not in owners, f"{rule.id} repeats a pattern of {owners.get(key)}"
            owners[key] = rule.id


def test_every_issue_family_has_a_rule() -> None:
    ids = {rule.id for rule in RULES}
    for needed in (
        "backyard.russia",
        "backyard.united-states",
        "backyard.china",
        "backyard.australia",
        "backyard.europe",
        "backyard.india",
        "post-soviet.region",
        "former-soviet.region",
        "stans.the-stans",
        "near-abroad.near-abroad",
        "framing.great-game",
        "framing.chessboard",
        "framing.sphere-of-influence",
        "framing.buffer",
        "framing.satellite",
        "framing.vassal",
        "framing.soft-underbelly",
        "framing.heartland",
        "exonym.kiev",
        "exonym.kirghizia",
        "exonym.turkmenia",
        "exonym.alma-ata",
        "exonym.belorussia",
        "exonym.the-ukraine",
        "exonym.tadzhikistan",
        "exonym.ashkhabad",
    ):
        assert needed in ids


def test_severities_follow_the_catalogue_policy() -> None:
    for rule in RULES:
        expected = Severity.SUGGESTION if rule.id.startswith("framing.") else Severity.WARNING
        assert rule.severity is expected, rule.id
