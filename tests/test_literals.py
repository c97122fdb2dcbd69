"""Requirements of trigger patterns: every match meets its trigger's requirement, or the fast path
would skip a pattern that matches (a missed finding). Checked on the analysis, on real text and
on generated patterns and texts."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backyard_lint.core.follow import WILD as W
from backyard_lint.core.literals import FOLLOWS as F
from backyard_lint.core.literals import escape, requirement
from backyard_lint.rules import builtin_rules_dir, load_rules
from backyard_lint.tolerant import MARKUP_GAP as _MARKUP_GAP
from conftest import shared

if TYPE_CHECKING:
    from backyard_lint.core.literals import Requirement


def _corpus(name: str) -> Path:
    return shared("corpus", name)


@cache
def _gate(literal: str) -> re2._Regexp:  # type: ignore[name-defined]
    return re2.compile("(?i)" + escape(literal))


def _holds(req: Requirement | None, text: str) -> bool:
    """The fast path's reading of a requirement: each string looked for as its gate does."""
    if req is None:
        return True
    return any(
        all(any(_gate(s).search(text) for s in factor) for factor in clause) for clause in req
    )


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # F, W: what must follow a run is appended to it after F; W is any non-letter
        (r"\bRussia's\s+backyard\b", ((("backyard",), (f"russia's{F}{W}",)),)),
        (
            r"(?i:\b(?:Russia|Moscow)\s*'s\s+back\s*yard)",
            (((f"back{F}{W}", f"back{F}ya"), (f"moscow{F}{W}", f"russia{F}{W}"), ("yard",)),),
        ),
        (r"\bnear[\s\pZ]*-?[\s\pZ]*abroad\b", ((("abroad",), (f"near{F}{W}", f"near{F}ab")),)),
        (
            r"(?:\b|_)[Ss]tan[\s\pZ]*-?[\s\pZ]*(?:[Cc]ountr(?:y|ies)|[Nn]ations?)",
            ((("countries", "country", "nation"), (f"stan{F}{W}", f"stan{F}co", f"stan{F}na")),),
        ),
        # what follows is read two characters deep at most, not past the end of the sequence,
        # and not at all when it may be any letter
        (r"soviet(?:ab|c\s*d)", (((f"soviet{F}ab", f"soviet{F}c{W}", f"soviet{F}cd"),),)),
        (
            r"soviet(?:\s|x)+y",
            (((f"soviet{F}{W}", f"soviet{F}x{W}", f"soviet{F}xx", f"soviet{F}xy"),),),
        ),
        (r"soviet(?:abc)*\s", (((f"soviet{F}{W}", f"soviet{F}ab"),),)),
        (r"soviet(?:\s*x)?", ((("soviet",),),)),
        # a run's strings stay apart when one only contains another ("spheres" and "sphere"
        # followed by a space); one that ends with another goes ("_buffer" and "buffer")
        (r"spheres?\s+of", (((f"sphere{F}{W}", f"spheres{F}{W}"),),)),
        (r"(?:\b|_)buffer\s", (((f"buffer{F}{W}",),),)),
        (r"soviet\w+", ((("soviet",),),)),  # may be a letter: not read
        (r"soviet[^x]", ((("soviet",),),)),
        # a small class is one character without case, an optional part multiplies out
        (r"(?:\b|_)[Ss]tan-?[Ll]ands?(?:\b|_)", ((("stan-land", "stanland"),),)),
        (r"\bStans\b", ((("stans",),),)),
        # strings that contain another string of their factor add nothing
        (r"(?:Kiev|Kievan|Kyiv)", ((("kiev", "kyiv"),),)),
        # a top-level alternation: a clause per branch; a clause implied by another goes
        (
            r"its\s+backyard|backyard\s+of\s+Russia",
            ((("backyard",),), ((f"backyard{F}{W}",), ("russia",))),
        ),
        (
            r"Russia's\s+backyard|near\s+abroad",
            ((("abroad",), (f"near{F}{W}",)), (("backyard",), (f"russia's{F}{W}",))),
        ),
        # "its" and a long list beside a selective factor are left out
        (
            r"(?:its|his)\s+back\s*(?:yards?|gardens?)",
            (((f"back{F}{W}", f"back{F}ga", f"back{F}ya"), ("garden", "yard")),),
        ),
        (
            r"post[\s-]*(?:Soviet|USSR)\s+states",
            (
                (
                    (f"post{F}{W}", f"post{F}so", f"post{F}us"),
                    (f"soviet{F}{W}", f"ussr{F}{W}"),
                    ("states",),
                ),
            ),
        ),
        (r"(?:abroad|x*)\s+yard", ((("yard",),),)),  # one alternative needs nothing
        (r"(?:abroad){2}", ((("abroadabroad",),),)),
        (r"(?:abroad){1,3}", ((("abroad",),),)),
        # a group that starts with white space is not one exact string ("back yard")
        (r"back(?:\s+yard|x)", (((f"back{F}{W}", f"back{F}x"),),)),
        (r"(?:\s*back){2}", ((("back",),),)),
        (r"(?-i:US)\s+back-?yard", ((("back-yard", "backyard"),),)),  # "us" is too short
        (r"(?:ab|cd)", None),  # shorter than MIN_LENGTH
        (r"(?:abroad)?", None),
        (r"[a-z]+\s+\w+", None),
        (r"\x{2019}stans", None),  # RE2-only syntax: unsure
        (r"a(?<x>bc)d", None),
        (r"\Qabroad\E", None),
        (r"[[:alpha:]]abroad", None),
        (r"abroad(", None),  # not a pattern at all
    ],
)
def test_requirements(pattern: str, expected: Requirement | None) -> None:
    assert requirement(pattern) == expected


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
            texts += [text, marked, text.replace(" ", "\u00a0"), text.upper(), text.title()]
    for line in _corpus("dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    book = sorted(_corpus("rust-book").rglob("*.md"))
    texts += [p.read_text(encoding="utf-8") for p in book]
    return texts


def test_every_trigger_match_meets_its_requirement() -> None:
    from backyard_lint.engine import RuleSet

    options = re2.Options()
    options.log_errors = False
    options.max_mem = 64 << 20
    texts = _texts()
    checked = 0
    with_requirement = 0
    for trigger in RuleSet(load_rules([builtin_rules_dir()])).triggers:
        req = requirement(trigger)
        with_requirement += req is not None
        regex = re2.compile(trigger, options)
        for text in texts:
            if regex.search(text):
                assert _holds(req, text), (trigger, req, text[:200])
                checked += 1
    assert checked > 100  # the texts do hold matches
    assert with_requirement >= 80  # and nearly every trigger has a requirement


# -- Generated patterns: the analysis against RE2 itself ----------------------------------------

_WORDS = ("back", "yard", "stan", "land", "soviet", "near", "abroad", "ab", "x", "its")
_GAPS = ("\\s", "\\s+", "\\s*", "[\\s\\pZ]+", _MARKUP_GAP + "*", _MARKUP_GAP + "+")
_OTHERS = (
    *(re.escape(w.capitalize()) for w in _WORDS[:4]),
    "[Ss]",
    "[Ll]",
    "[a-c]",
    "[yY]",
    "s?",
    "(?:s|es)?",
    ".",
    "\\b",
    "(?:\\b|_)",
    "-",
    "'",
    "’",
    "\\w+",
    "[^<>]",
)


def _patterns() -> st.SearchStrategy[str]:
    atoms = st.one_of(
        st.sampled_from([re.escape(w) for w in _WORDS]),
        st.sampled_from(_GAPS),
        st.sampled_from(_OTHERS),
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=2, max_size=5).map("".join),
            st.lists(inner, min_size=2, max_size=4).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            inner.map(lambda x: f"(?:{x})?"),
            inner.map(lambda x: f"(?:{x})*"),
            inner.map(lambda x: f"(?:{x})+"),
            inner.map(lambda x: f"(?:{x}){{2}}"),
            inner.map(lambda x: f"(?:{x}){{1,3}}?"),
            inner.map(lambda x: f"(?i:{x})"),
            inner.map(lambda x: f"(?-i:{x})"),
        )

    return st.recursive(atoms, extend, max_leaves=12)


_PIECES = (
    *_WORDS,
    "Back",
    "YARD",
    "Stan",
    "LAND",
    " ",
    "  ",
    "\u00a0",
    "-",
    "'",
    "’",
    "<em>",
    "</b>",
    "_",
    "*",
    "&nbsp;",
    "s",
    "S",
    "l",
    "c",
    "y",
    "\n",
    "ſ",
    "K",
)


def _re2_or_none(pattern: str) -> re2._Regexp | None:  # type: ignore[name-defined]
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error:
        return None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=_patterns(), pieces=st.lists(st.sampled_from(_PIECES), max_size=14))
def test_generated_patterns_never_match_without_their_requirement(
    pattern: str, pieces: list[str]
) -> None:
    regex = _re2_or_none(pattern)
    if regex is None:
        return
    req = requirement(pattern)
    text = "".join(pieces)
    for candidate in (text, text.upper(), text.replace(" ", "")):
        if regex.search(candidate):
            assert _holds(req, candidate), (pattern, req, candidate)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), pattern=_patterns())
def test_generated_matches_meet_their_requirement(data: st.DataObject, pattern: str) -> None:
    """Texts made to match (Python's reading of the pattern, checked with RE2)."""
    python_pattern = pattern.replace("\\pZ", "\u00a0")
    try:
        re.compile(python_pattern)
    except re.error:
        return
    regex = _re2_or_none(pattern)
    if regex is None:
        return
    text = data.draw(st.from_regex(python_pattern, fullmatch=True).filter(lambda t: len(t) < 200))
    if regex.search(text):
        assert _holds(requirement(pattern), text), (pattern, text)


# What follows a run (core/follow.py): a run, maybe a suffix, then a gap or a word.
_RUNS = ("(?:\\b|_)back", "[Ss]tan", "soviet", "(?:its|his)", "spheres?")
_SUFFIXES = ("", "s?", "(?:s|es)?", "(?:yard)?", "\\b", "-?", "(?:_|\\b)")
_AFTER = (
    *_GAPS, "-", "’", "[Ll]and", "(?:ab|c\\s*d)", "(?:\\s|x)+", "(?:abc)*\\s", "\\d",
    "(?:x?y?)+", "(?:x?)*z",
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    parts=st.tuples(
        st.sampled_from(_RUNS),
        st.sampled_from(_SUFFIXES),
        st.sampled_from(_AFTER),
        st.sampled_from(_AFTER),
        st.sampled_from(_WORDS),
    ),
)
def test_what_follows_a_run_is_read_soundly(data: st.DataObject, parts: tuple[str, ...]) -> None:
    pattern = "".join(parts)
    python_pattern = pattern.replace("\\pZ", "\u00a0")
    regex = _re2_or_none(pattern)
    assert regex is not None
    text = data.draw(st.from_regex(python_pattern, fullmatch=True).filter(lambda t: len(t) < 200))
    for candidate in (text, text.upper(), f"x{text}y"):
        if regex.search(candidate):
            assert _holds(requirement(pattern), candidate), (pattern, candidate)


def test_the_quick_file_files_each_clause_under_its_literals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path's encoding of the requirements reads as the requirements do."""
    from backyard_lint import entry, rulecache
    from backyard_lint.core.prefilter import compile_set, load_re2
    from backyard_lint.engine import RuleSet

    monkeypatch.setenv("BACKYARD_LINT_CACHE_DIR", str(tmp_path))
    rules = load_rules([builtin_rules_dir()])
    data = entry._quick_data()
    triggers = RuleSet(rules).triggers
    assert data["triggers"] == triggers
    assert rulecache.cache_file(str(builtin_rules_dir()), "quick")
    gate = compile_set(load_re2(), data["gate"])
    reqs = [requirement(trigger) for trigger in triggers]
    for text in _texts()[:400]:
        hits = gate.Match(text.encode()) or []
        seen = {data["literals"][i] for i in hits}
        for position, (trigger, req) in enumerate(zip(triggers, reqs, strict=True)):
            expected = req is None or any(
                all(seen.intersection(f) for f in clause) for clause in req
            )
            filed = position in data["always"] or any(
                position == t and all(sum(1 << i for i in hits) & m for m in masks)
                for i in hits
                for t, masks in data["anchors"][i]
            )
            assert filed == expected, (trigger[:80], text[:80])
