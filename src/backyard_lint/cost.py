"""A user rule's cost budget, checked when the rule is loaded.

RE2 searches in linear time, but a pattern can still make a run slow: one that matches nearly
every word hands the classifier thousands of candidates per megabyte (each read in its sentence),
and a huge counted repeat compiles to a program that RE2 runs without its fast automaton. So a
user rule's patterns are tried once, at load, on :func:`sample` (ordinary prose with inline
markup, made here) and refused, with one line naming the pattern, when one costs more than:

- :data:`MAX_MATCHES_PER_MB` matches per megabyte (a label is rare in prose; the built-in rules
  match the sample not at all),
- :data:`MAX_PROGRAM_SIZE` RE2 instructions in its markup-tolerant, case-folded form,
- :data:`MAX_SECONDS_PER_MB` seconds per megabyte of searching (a generous bound: RE2 searches a
  megabyte in milliseconds).

docs/security.md states these budgets.
"""

from __future__ import annotations

import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backyard_lint.model import Rule

MAX_MATCHES_PER_MB = 1000
MAX_PROGRAM_SIZE = 20_000
MAX_SECONDS_PER_MB = 2.0
SAMPLE_CHARS = 1 << 18  # 256 KB of sample text: a few milliseconds per pattern

_WORDS = (
    "the of and a to in is was for on that with as by at from it an be this which or are has "
    "have had not but were their its one all new more after first also two been other into "
    "would who when there they over only during most some these than time between up out about "
    "can may years many such while under three where both well people city year government "
    "since through later then part region country river state island south north east west "
    "town capital border trade market language history school church team season report road "
    "council village family water power music film book story court police party election "
    "company station railway bridge harbour coast valley mountain lake forest farm field"
)
_NAMES = "Poland Kenya Chile Norway Peru Vietnam Canada Ghana Portugal Japan Brazil"
_MARKUP = ("*{}*", "**{}**", "<em>{}</em>", "[{}](https://example.org/a)", "`{}`", "{}")


def sample(size: int = SAMPLE_CHARS) -> str:
    """Deterministic prose-like text of about ``size`` characters: sentences of common words
    and country names, with some inline markup, paragraphs and numbers."""
    import random

    pick = random.Random(1991)  # a fixed sample, not a secret
    words, names = _WORDS.split(), _NAMES.split()
    out: list[str] = []
    total = 0
    while total < size:
        sentence = []
        for _ in range(pick.randint(6, 22)):
            roll = pick.random()
            if roll < 0.06:
                word = pick.choice(names)
            elif roll < 0.09:
                word = str(pick.randint(1, 2000))
            else:
                word = pick.choice(words)
            if pick.random() < 0.04:
                word = pick.choice(_MARKUP).format(word)
            sentence.append(word)
        text = " ".join(sentence)
        text = text[0].upper() + text[1:] + (".\n\n" if pick.random() < 0.15 else ". ")
        out.append(text)
        total += len(text)
    return "".join(out)


def over_budget(form: str, text: str) -> str | None:
    """Why the compiled search form ``form`` (the markup-tolerant pattern, with its case flag)
    costs too much on ``text`` (:func:`sample`), or None."""
    import re2

    options = re2.Options()
    options.log_errors = False
    try:
        compiled = re2.compile(form, options)
    except Exception:  # refused forms are reported by ``tolerant.problem``
        return None
    if compiled.programsize > MAX_PROGRAM_SIZE:
        return (
            f"compiles to {compiled.programsize} RE2 instructions "
            f"(budget {MAX_PROGRAM_SIZE}); write it with fewer or smaller repeats"
        )
    data = text.encode("utf-8")
    mb = len(data) / 1e6
    began = time.perf_counter()
    limit = int(MAX_MATCHES_PER_MB * mb)
    for found, _ in enumerate(compiled.finditer(data), 1):
        if found > limit:
            return (
                f"matches more than {MAX_MATCHES_PER_MB} times per MB of ordinary prose "
                f"(budget {MAX_MATCHES_PER_MB}): it would flag nearly every sentence"
            )
    spent = (time.perf_counter() - began) / mb
    if spent > MAX_SECONDS_PER_MB:
        return f"takes {spent:.1f} s per MB of text (budget {MAX_SECONDS_PER_MB:g} s)"
    return None


def check_rules(rules: list[Rule]) -> None:
    """Raise :class:`RuleError` (one line naming the file, rule and pattern) for the first
    pattern of ``rules`` over budget."""
    from backyard_lint.schema import RuleError
    from backyard_lint.tolerant import trigger_form
    from backyard_lint.visible import printable

    if not rules:
        return
    text = sample()
    for rule in rules:
        for i, pat in enumerate(rule.patterns):
            form = trigger_form(pat.regex)
            reason = over_budget(form if rule.case_sensitive else f"(?i:{form})", text)
            if reason:
                shown = printable(pat.regex, invisible=True)
                raise RuleError(rule.path, rule.id, f"patterns[{i}]", f"pattern '{shown}' {reason}")
