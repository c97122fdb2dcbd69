"""Required literals: every match of a trigger contains one of them, or the fast path would
skip a pattern that matches (a missed finding). Checked on the analysis and on real text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import re2

from backyard_lint.literals import escape, required, required_all
from backyard_lint.rules import builtin_rules_dir, load_rules

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: this test reads ../shared/corpus beside the checkout")
    return path


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bRussia's\s+backyard\b", ("Russia's",)),  # a tie: the first
        (r"(?i:\b(?:Russia|Moscow)\s*'s\s+back\s*yard)", ("Moscow", "Russia")),
        (r"\bnear[\s\pZ]*-?[\s\pZ]*abroad\b", ("abroad",)),
        (r"(?:its|his)\s+(?:own\s+)?back(?:\s*-\s*)?yards?", ("back",)),
        (r"(?:ab|cd)", None),  # shorter than MIN_LENGTH
        (r"(?:abroad|x*)", None),  # one alternative needs nothing
        (r"(?:abroad)?\s+yard", ("yard",)),  # the optional part gives nothing
        (r"(?:abroad){1,3}", ("abroad",)),
        (r"[Ss]tans", ("tans",)),  # a class breaks a run
        (r"\bStans\b", ("Stans",)),
        (r"\x{2019}stans", None),  # RE2-only syntax: unsure
        (r"(?P<x>abroad)", ("abroad",)),
        (r"a(?<x>bc)d", None),
        (r"\Qabroad\E", None),
        (r"[[:alpha:]]abroad", None),
        (r"abroad(", None),  # not a pattern at all
    ],
)
def test_required_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required(pattern) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?i:\b(?:its|his)\s+back(?:\s*yards?|\s+gardens?)\b)",
         (("back",), ("garden", "yard"), ("his", "its"))),
        (r"\bpost[\s-]*(?:Soviet|USSR)\s+states", (("Soviet", "USSR"), ("post",), ("states",))),
        (r"(?:abroad|x*)\s+yard", (("yard",),)),
        (r"(?:near|far)|abroad", (("abroad", "far", "near"),)),  # one branch at the top
        (r"(?:ab)?", None),
    ],
)
def test_required_all(pattern: str, expected: tuple[tuple[str, ...], ...] | None) -> None:
    assert required_all(pattern) == expected


def test_escape_gives_a_literal_re2_pattern() -> None:
    for literal in ("Russia’s", "U.S.", "a+b", "(x)", "[y]", "back-yard", "a\\b"):
        assert re2.search("(?i)" + escape(literal), f"xx {literal.upper()} yy")
        assert re2.fullmatch(escape(literal), literal)


def _texts() -> list[str]:
    """Rule examples, their markup variants, the hand-labelled sentences and the Rust book."""
    texts: list[str] = []
    for rule in load_rules([builtin_rules_dir()]):
        for text in (*rule.examples_bad, *rule.examples_good):
            marked = text.replace(" ", " <em>", 1)
            texts += [text, marked, text.replace(" ", "\u00a0"), text.upper()]
    for line in _corpus("dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    book = sorted(_corpus("rust-book").rglob("*.md"))
    texts += [p.read_text(encoding="utf-8") for p in book]
    return texts


def test_every_trigger_match_contains_one_of_its_literals() -> None:
    from backyard_lint.engine import RuleSet

    options = re2.Options()
    options.log_errors = False
    options.max_mem = 64 << 20
    texts = _texts()
    checked = 0
    for trigger in RuleSet(load_rules([builtin_rules_dir()]))._triggers:
        factors = [lits for lits in (required(trigger),) if lits]
        factors += required_all(trigger) or []
        if not factors:
            continue
        regex = re2.compile(trigger, options)
        gates = [re2.compile("(?i)(?:" + "|".join(map(escape, lits)) + ")") for lits in factors]
        for text in texts:
            if regex.search(text):
                for lits, gate in zip(factors, gates, strict=True):
                    assert gate.search(text), (trigger, lits, text[:200])
                checked += 1
    assert checked > 50  # the texts do hold matches


def test_the_rule_cache_keeps_the_literals_of_each_trigger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backyard_lint import rulecache
    from backyard_lint.engine import RuleSet

    monkeypatch.setenv("BACKYARD_LINT_CACHE_DIR", str(tmp_path))
    rules = load_rules([builtin_rules_dir()])
    folder = str(builtin_rules_dir())
    entries = rulecache.read(rulecache.cache_file(folder) or "", rulecache.code_stamp(), folder)
    cached = {
        trigger: lits
        for entry in entries.values()
        for trigger, lits in zip(entry["triggers"], entry["literals"], strict=True)
    }
    for trigger in RuleSet(rules)._triggers:
        assert cached[trigger] == required_all(trigger)
