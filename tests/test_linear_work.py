"""The engine's work per match does not grow with the document (issue 18, point 2).

Counted, not timed: every search made for one match (a rule's sentence condition, its exception
patterns) reads a stretch around the match, never the whole text (the text is encoded once, and
RE2 is given the byte range of the stretch). RE2's Python binding converts
the text from its start on every call, so a whole-text argument made a run cost matches times
length (``benchmarks/linear_time.py`` measures the time)."""

from __future__ import annotations

from typing import Any

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.rules import parse_rule
from rule_text import RULE


class Recording:
    """A compiled pattern that records the length of every text it is given."""

    def __init__(self, inner: Any, seen: list[int]) -> None:
        self.inner = inner
        self.seen = seen

    def search(self, text: str, *args: int) -> Any:
        self.seen.append(len(text))
        return self.inner.search(text, *args)

    def finditer(self, text: str, *args: int) -> Any:
        self.seen.append(len(text))
        return self.inner.finditer(text, *args)

    def Match(self, anchor: Any, data: bytes, pos: int, end: int) -> Any:
        """RE2's own call on encoded text: what it reads is ``data[pos:end]``."""
        self.seen.append(end - pos)
        return self.inner.Match(anchor, data, pos, end)


def test_per_match_searches_get_a_stretch_not_the_whole_text() -> None:
    rule = parse_rule(RULE, "test.yaml")
    rules = RuleSet([rule])
    comp = rules.compiled(rule)
    seen: list[int] = []
    comp.patterns = tuple((p, Recording(s, seen)) for p, s in comp.patterns)
    comp.exceptions = tuple(Recording(e, seen) for e in comp.exceptions)
    paragraph = "The city of Kiev is old. We ate chicken Kiev there.\n\n" + "Filler words. " * 20
    text = (paragraph + "\n\n") * 400
    found = lint_text(text, rules)
    assert len(found) == 400  # the excepted dish is not reported
    assert len(seen) >= 800  # one sentence check per match, one exception search per kept match
    assert max(seen) < 2000 < len(text)


def test_directives_are_looked_up_near_each_finding(monkeypatch: Any) -> None:
    """A document with a disable/enable pair and a disable-next-line in every paragraph: the
    directives checked per finding do not grow with the document (each finding used to be
    checked against every directive: quadratic)."""
    from backyard_lint import directives
    from backyard_lint.project import Project

    calls = [0]
    real = directives._covers

    def counting(*args: Any) -> bool:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(directives, "_covers", counting)
    ruleset = Project().ruleset()
    paragraph = (
        "Officials spoke of Russia's backyard again, and of Kiev.\n\n"
        "<!-- backyard-lint: disable backyard.china -->\n\n"
        "<!-- backyard-lint: enable backyard.china -->\n\n"
        "<!-- backyard-lint: disable-next-line exonym -->\nThey named Kiev.\n\n"
    )
    per_finding = []
    for repeats in (100, 400):
        calls[0] = 0
        found = lint_text(paragraph * repeats, ruleset, fmt="markdown")
        assert len(found) >= 2 * repeats  # the backyard label and the first Kiev in each
        per_finding.append(calls[0] / len(found))
    assert per_finding[1] <= 1.5 * per_finding[0], per_finding
