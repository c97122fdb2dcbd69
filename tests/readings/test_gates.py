"""A pattern's ``needs`` is a necessary condition: wherever the pattern matches, its gate
lets the text through. Checked on every view of every sentence the tests and the dev set hold
(the sentence, and the parts of it that the signals search), so that a gate written too
narrowly shows up as a failure here rather than as a label read wrongly."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re

from reading_helpers import RULE
from test_signals import CASES

import backyard_lint.readings as readings_package
from backyard_lint.engine import lint_text
from backyard_lint.model import Settings
from backyard_lint.project import Project
from backyard_lint.readings.lazy import Lazy
from backyard_lint.readings.span import Span


def gated_patterns() -> dict[str, Lazy]:
    found: dict[str, Lazy] = {}
    for info in pkgutil.iter_modules(readings_package.__path__):
        module = importlib.import_module(f"backyard_lint.readings.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Lazy) and value.needs is not None:
                found[f"{info.name}.{name}"] = value
    return found


def marked_spans() -> list[tuple[str, int, int]]:
    """(text, start, end) of every marked test sentence."""
    spans = []
    for _signal, _reading, marked in CASES:
        start = marked.index("⟦")
        end = marked.index("⟧") - 1
        spans.append((marked.replace("⟦", "").replace("⟧", ""), start, end))
    return spans


def found_spans(texts: list[str]) -> list[tuple[str, int, int]]:
    """(text, start, end) of every label the rules find in ``texts``, uses and the rest."""
    ruleset = Project().ruleset()
    spans = []
    for text in texts:
        for f in lint_text(text, ruleset, settings=Settings(show_mentions=True)):
            spans.append((text, f.start, f.end))
    return spans


def views(text: str, start: int, end: int) -> list[str]:
    span = Span.around(text, start, end, RULE)
    return [
        text, span.head, span.before, span.clause, span.after, span.near_after,
        span.match + " ", span.sentence, span.raw_before, span.raw_after,
    ]


def check(spans: list[tuple[str, int, int]]) -> tuple[list[str], int]:
    patterns = gated_patterns()
    assert patterns, "no pattern has a gate"
    compiled = {name: re.compile(p.pattern, p.flags) for name, p in patterns.items()}
    wrong: list[str] = []
    matched = 0
    for text, start, end in spans:
        for view in views(text, start, end):
            for name, pattern in patterns.items():
                if compiled[name].search(view) is None:
                    continue
                matched += 1
                if pattern.search(view) is None:
                    wrong.append(f"{name}: its gate hides a match in {view!r}")
    return wrong, matched


def test_a_gate_never_hides_a_match_in_the_test_sentences() -> None:
    texts = []
    for rule in Project().ruleset().rules:
        texts += [*rule.examples_bad, *rule.examples_good]
    wrong, matched = check(marked_spans() + found_spans(texts))
    assert not wrong, "\n".join(wrong[:20])
    assert matched > 100  # the check saw the gated patterns match


def test_a_gate_never_hides_a_match_in_the_dev_set() -> None:
    from conftest import shared

    path = shared("corpus", "dev.jsonl")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    wrong, matched = check(found_spans(texts))
    assert not wrong, "\n".join(wrong[:20])
    assert matched > 100
