"""The ``trace`` command: every signal's verdict on a match, so anyone can see why a match was
read as it was.

``backyard-lint trace "Kazakhstan is [Russia's backyard]."`` reads the bracketed span of one
sentence with every rule whose pattern matches there (or, when none does, with the rule named
by ``--rule``); ``backyard-lint trace FILE`` reads every match in a file, as ``check`` finds
them. For each match it prints the rule, the reading, and one line per signal in the order they
are tried: ``holds`` (with its reason), ``holds, not accepted by this rule``, or ``-``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from backyard_lint.engine import RuleSet
from backyard_lint.model import Rule

if TYPE_CHECKING:
    from backyard_lint.readings.classifier import Verdict


class TraceError(ValueError):
    """Input the command cannot read; ``str()`` is one line for the user."""


def marked(sentence: str) -> tuple[str, int, int]:
    """The text and the span marked with ``[`` and ``]`` in ``sentence``."""
    start = sentence.find("[")
    end = sentence.find("]", start + 1)
    if start < 0 or end < 0 or sentence.count("[") != 1 or sentence.count("]") != 1:
        raise TraceError("mark the span to read with one pair of brackets: 'is [the Stans].'")
    text = sentence[:start] + sentence[start + 1 : end] + sentence[end + 1 :]
    return text, start, end - 1


def _rules_at(ruleset: RuleSet, text: str, start: int, end: int) -> list[Rule]:
    """The rules with a match that overlaps ``text[start:end]``."""
    found = []
    for rule in ruleset.prefilter(text):
        if any(s < end and e > start for s, e in ruleset.matches(rule, text)):
            found.append(rule)
    return found


def trace_sentence(sentence: str, ruleset: RuleSet, rule_id: str | None = None) -> str:
    text, start, end = marked(sentence)
    if rule_id is not None:
        rule = ruleset.by_id.get(rule_id)
        if rule is None:
            raise TraceError(f"unknown rule '{rule_id}'")
        rules = [rule]
    else:
        rules = _rules_at(ruleset, text, start, end)
        if not rules:
            raise TraceError("no rule matches the marked span (name one with --rule)")
    return "".join(_block(text, start, end, rule) for rule in rules)


def trace_file(path: Path, ruleset: RuleSet) -> str:
    from backyard_lint import formats

    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TraceError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    doc = formats.mask(raw, formats.detect(path.name))
    read = doc.for_reading(raw)
    out = []
    for rule in ruleset.prefilter(raw):
        for start, end in ruleset.matches(rule, doc.masked, doc.regions):
            line = raw.count("\n", 0, start) + 1
            out.append((start, f"{path}:{line}: ", _block(read, start, end, rule)))
    out.sort(key=lambda item: item[0])
    return "".join(where + block for _, where, block in out) or f"{path}: no match\n"


def _block(text: str, start: int, end: int, rule: Rule) -> str:
    from backyard_lint.readings import classify, trace

    reading, reason = classify(text, start, end, rule)
    match = " ".join(text[start:end].split())
    lines = [f"'{match}' ({rule.id}): {reading}" + (f", {reason}" if reason else "")]
    lines += list(_verdict_lines(trace(text, start, end, rule)))
    return "\n".join(lines) + "\n"


def _verdict_lines(verdicts: Iterable[Verdict]) -> Iterable[str]:
    for v in verdicts:
        signal, found = v.signal, v.reading
        if found is None:
            yield f"  {signal:<11} -"
        elif v.allowed:
            yield f"  {signal:<11} holds: {found[0]} ({found[1]})"
        else:
            yield f"  {signal:<11} holds, not accepted by this rule: {found[0]} ({found[1]})"
