"""Suppression directives in every format, as a table: (source, format, expected findings).

Each expected finding is (line, column, rule id), 1-based, columns in code points.
"""

from __future__ import annotations

import pytest

from backyard_lint.directives import UNKNOWN_RULE, UNUSED, parse_directive
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Finding, Settings, Severity
from backyard_lint.positions import LineIndex

R = "backyard.russia"
S = "stans.the-stans"
USE = "Kazakhstan is Russia's backyard."  # finding at column 15
STANS = "He toured the Stans last year."  # finding at column 11

CASES = [
    # no directive
    (f"{USE}\n", "plain", [(1, 15, R)]),
    # disable-next-line: all rules, one rule, a prefix, a list with commas
    (f"backyard-lint: disable-next-line\n{USE}\n", "plain", []),
    (f"backyard-lint: disable-next-line {R}\n{USE}\n", "plain", []),
    (f"backyard-lint: disable-next-line backyard -- quoted on purpose\n{USE}\n", "plain", []),
    (f"backyard-lint disable-next-line {S}, {R}\n{USE} {STANS}\n", "plain", []),
    # ... only the next line, and only the rules it names
    (f"backyard-lint: disable-next-line\n\n{USE}\n", "plain", [(1, 1, UNUSED), (3, 15, R)]),
    (f"backyard-lint: disable-next-line {S}\n{USE}\n", "plain", [(1, 1, UNUSED), (2, 15, R)]),
    (f"backyard-lint: disable-next-line {R}\n{USE} {STANS}\n", "plain", [(2, 48, S)]),
    # disable ... enable: the range ends at the enable
    (f"backyard-lint: disable\n{USE}\nbackyard-lint: enable\n{USE}\n", "plain", [(4, 15, R)]),
    (
        f"backyard-lint: disable {R}\n{USE}\nbackyard-lint: enable {R}\n{USE}\n",
        "plain",
        [(4, 15, R)],
    ),
    # a narrower enable re-enables only that rule; a wider one ends a narrower disable
    (
        f"backyard-lint: disable\nbackyard-lint: enable {R}\n{USE} {STANS}\n",
        "plain",
        [(3, 15, R)],
    ),
    (
        f"backyard-lint: disable {R}\nbackyard-lint: enable\n{USE}\n",
        "plain",
        [(1, 1, UNUSED), (3, 15, R)],
    ),
    # a disable without an enable runs to the end of the file
    (f"{USE}\nbackyard-lint: disable\n{USE}\n\n{USE}\n", "plain", [(1, 15, R)]),
    # disable-file works anywhere, for all rules or the ones it names
    (f"{USE}\n{STANS}\nbackyard-lint: disable-file\n", "plain", []),
    (f"{USE}\n{STANS}\nbackyard-lint: disable-file {S}\n", "plain", [(1, 15, R)]),
    # a directive that suppresses nothing, and one naming an unknown rule, are reported
    ("Clean text.\nbackyard-lint: disable-next-line\nStill clean.\n", "plain", [(2, 1, UNUSED)]),
    (
        f"backyard-lint: disable-next-line backyard.rusia\n{USE}\n",
        "plain",
        [(1, 1, UNKNOWN_RULE), (2, 15, R)],
    ),
    ("backyard-lint: enable nothing.here\nText.\n", "plain", [(1, 1, UNKNOWN_RULE)]),
    # a mention is not a finding: a directive above it suppressed nothing
    (
        'backyard-lint: disable-next-line\nThe label "Russia\'s backyard" misleads.\n',
        "plain",
        [(1, 1, UNUSED)],
    ),
    # the reports obey directives too
    (
        "backyard-lint: disable-file directive.unused\nbackyard-lint: disable-next-line\nText.\n",
        "plain",
        [],
    ),
    (
        "backyard-lint: disable-file directive\nbackyard-lint: disable-next-line x.y\nText.\n",
        "plain",
        [],
    ),
    # ... but not a blanket directive, which is then unused itself
    (
        "backyard-lint: disable-file\nbackyard-lint: disable-next-line\nText.\n",
        "plain",
        [(1, 1, UNUSED), (2, 1, UNUSED)],
    ),
    # Markdown: HTML comments, as a block or inline
    (f"<!-- backyard-lint: disable-next-line {R} -- quoted -->\n{USE}\n", "markdown", []),
    (f"{USE} <!-- backyard-lint: disable-line -->\n", "markdown", []),
    (f"<!-- backyard-lint: disable-line -->\n{USE}\n", "markdown", [(1, 6, UNUSED), (2, 15, R)]),
    (f"<!--\nbackyard-lint: disable-next-line\n-->\n{USE}\n", "markdown", []),
    (f"{USE}\n<!-- backyard-lint: disable-next-line -->\n{USE}\n", "markdown", [(1, 15, R)]),
    (f"- {USE} <!-- backyard-lint: disable-line {R} -->\n- {USE}\n", "markdown", [(2, 17, R)]),
    (f"{USE} <!-- backyard-lint: disable --> {USE}\n", "markdown", [(1, 15, R)]),
    (f"<!-- backyard-lint: disable-file -->\n\n# {USE}\n\n> {USE}\n", "markdown", []),
    # a directive inside code is not a directive
    (f"```\n<!-- backyard-lint: disable-next-line -->\n```\n{USE}\n", "markdown", [(4, 15, R)]),
    (f"`<!-- backyard-lint: disable-line -->` {USE}\n", "markdown", [(1, 54, R)]),
    # HTML: comments
    (f"<p>{USE}<!-- backyard-lint: disable-line --></p>\n", "html", []),
    (f"<!-- backyard-lint: disable-next-line {R} -->\n<p>{USE}</p>\n", "html", []),
    ("<!-- backyard-lint: disable-next-line -->\n<p>Clean.</p>\n", "html", [(1, 6, UNUSED)]),
    (f"<pre>backyard-lint: disable-file</pre>\n<p>{USE}</p>\n", "html", [(2, 18, R)]),
    # reST: comments; a comment ends with the blank line after it, so "next line" skips it
    (f".. backyard-lint: disable-next-line {R} -- quoted\n\n{USE}\n", "rst", []),
    (
        f".. backyard-lint: disable-next-line {R}\n\n{USE}\n{USE}\n",
        "rst",
        [(4, 15, R)],
    ),
    (
        f"{USE}\n\n.. backyard-lint: disable {R}\n\n{USE}\n{USE}\n\n"
        f".. backyard-lint: enable {R}\n\n{USE}\n",
        "rst",
        [(1, 15, R), (10, 15, R)],
    ),
    (f".. backyard-lint: disable-next-line {R} -- quoted\n{USE}\n", "rst", []),
    (
        f".. backyard-lint: disable\n\n{USE}\n\n.. backyard-lint: enable\n\n{USE}\n",
        "rst",
        [(7, 15, R)],
    ),
    (f"{USE}\n\n..\n   backyard-lint: disable-file\n", "rst", []),
    (f"Example::\n\n    backyard-lint: disable-file\n\n{USE}\n", "rst", [(5, 15, R)]),
]


Expected = list[tuple[int, int, str]]


def positions(text: str, findings: list[Finding]) -> Expected:
    index = LineIndex(text)
    return [(*index.position(f.start), f.rule) for f in findings]


@pytest.mark.parametrize(("source", "fmt", "expected"), CASES)
def test_directive(ruleset: RuleSet, source: str, fmt: str, expected: Expected) -> None:
    assert positions(source, lint_text(source, ruleset, fmt=fmt)) == expected


def test_directive_reports_point_at_the_directive_text(ruleset: RuleSet) -> None:
    text = "Intro.\n<!-- backyard-lint: disable-next-line backyard.rusia -- typo -->\nText.\n"
    [f] = lint_text(text, ruleset, fmt="markdown")
    assert f.rule == UNKNOWN_RULE
    assert f.severity is Severity.WARNING
    assert f.match == "backyard-lint: disable-next-line backyard.rusia -- typo"
    assert "backyard.rusia" in f.message


def test_directive_reports_obey_select_ignore_and_severity(ruleset: RuleSet) -> None:
    text = (
        "backyard-lint: disable-next-line\nClean.\nbackyard-lint: disable-next-line x.y\nClean.\n"
    )
    assert [f.rule for f in lint_text(text, ruleset)] == [UNUSED, UNKNOWN_RULE]
    assert lint_text(text, ruleset, settings=Settings(ignore=("directive",))) == []
    only = lint_text(text, ruleset, settings=Settings(ignore=(UNUSED,)))
    assert [f.rule for f in only] == [UNKNOWN_RULE]
    strict = Settings(severity=((UNUSED, Severity.ERROR),))
    assert [f.severity for f in lint_text(text, ruleset, settings=strict)] == [
        Severity.ERROR,
        Severity.WARNING,
    ]


def test_suppressed_mentions_shown_on_request_do_not_make_a_directive_used(
    ruleset: RuleSet,
) -> None:
    text = 'backyard-lint: disable-next-line\nThe label "Russia\'s backyard" misleads.\n'
    found = lint_text(text, ruleset, settings=Settings(show_mentions=True))
    assert [f.rule for f in found] == [UNUSED]


@pytest.mark.parametrize(
    ("body", "kind", "rules", "reason"),
    [
        ("backyard-lint: disable", "disable", (), ""),
        ("backyard-lint enable a.b", "enable", ("a.b",), ""),
        ("backyard-lint: disable-line a, b.c -- why  not", "disable-line", ("a", "b.c"), "why not"),
        ("  backyard-lint: disable-next-line --", "disable-next-line", (), ""),
        ("backyard-lint: disable-file x -- a -- b", "disable-file", ("x",), "a -- b"),
    ],
)
def test_parse_directive(body: str, kind: str, rules: tuple[str, ...], reason: str) -> None:
    d = parse_directive(body, 3, 100, 4)
    assert d is not None
    assert (d.kind, d.rules, d.reason, d.line, d.end_line) == (kind, rules, reason, 3, 4)
    assert d.start == 100 + len(body) - len(body.lstrip())
    assert d.end == d.start + len(body.strip())


@pytest.mark.parametrize(
    "body",
    ["backyard-lint checks prose", "backyard-lint:", "disable x"],
)
def test_not_a_directive(body: str) -> None:
    assert parse_directive(body, 0, 0, 0) is None


@pytest.mark.parametrize("body", ["backyard-lint: disabled", "backyard-lint enabel x"])
def test_a_misspelt_kind_parses_as_invalid(body: str) -> None:
    d = parse_directive(body, 0, 0, 0)
    assert d is not None and d.kind == "invalid"


def test_a_misspelt_directive_is_reported_not_ignored() -> None:
    from backyard_lint.engine import lint_text
    from conftest import ruleset_for

    rs = ruleset_for()
    cases = [
        (
            "<!-- backyard-lint: disabel backyard -->\nKazakhstan is Russia's backyard.\n",
            "markdown",
        ),
        ("backyard-lint: disable-nextline\nKazakhstan is Russia's backyard.\n", "plain"),
        (".. backyard-lint: enabel\n\nKazakhstan is Russia's backyard.\n", "rst"),
    ]
    for text, fmt in cases:
        rules = [f.rule for f in lint_text(text, rs, fmt=fmt)]
        # the typo suppresses nothing, and says so
        assert rules == ["directive.invalid", "backyard.russia"], (fmt, rules)
    # prose that merely starts with the tool's name is not a directive
    assert lint_text("backyard-lint checks prose.\n", rs) == []


LABELLED = "Kazakhstan is Russia's backyard.\n"


def test_a_directive_without_a_space_after_the_colon_works(ruleset) -> None:  # type: ignore[no-untyped-def]
    from backyard_lint.engine import lint_text

    text = "<!-- backyard-lint:disable-next-line backyard.russia -->\n" + LABELLED
    assert lint_text(text, ruleset, fmt="markdown") == []


def test_a_kind_glued_to_an_id_gets_a_message_that_does_not_contradict_itself(ruleset) -> None:  # type: ignore[no-untyped-def]
    from backyard_lint.engine import lint_text

    text = "<!-- backyard-lint: disable-next-linebackyard.russia -->\n" + LABELLED
    invalid = [f for f in lint_text(text, ruleset, fmt="markdown") if f.rule == "directive.invalid"]
    assert [f.message for f in invalid] == [
        "'disable-next-linebackyard.russia' is not a directive: put a space after "
        "'disable-next-line'."
    ]


def test_a_directive_names_a_family_as_select_does(ruleset) -> None:  # type: ignore[no-untyped-def]
    from backyard_lint.engine import lint_text

    text = (
        "<!-- backyard-lint: disable-next-line post-soviet -->\n"
        + "The former Soviet republics trade.\n"
    )
    assert lint_text(text, ruleset, fmt="markdown") == []


def _suppressor_by_the_rules(table: object, f: Finding) -> int | None:
    """What suppresses ``f``, read straight from the rules, one directive at a time: the first
    directive in source order that disables the file or the finding's line; else the last
    disable or enable that ends before the finding, if it is a disable."""
    from backyard_lint.directives import _covers

    ordered = table.ordered  # type: ignore[attr-defined]
    names = table.names  # type: ignore[attr-defined]
    line = table.index.line_of(f.start)  # type: ignore[attr-defined]
    covering = [i for i in range(len(ordered)) if _covers(names[i], f.rule)]
    for i in covering:
        d = ordered[i]
        if d.kind == "disable-file" or (
            d.kind == "disable-line" and d.line <= line <= d.end_line
        ) or (d.kind == "disable-next-line" and line == d.end_line + 1):
            return i
    before = [i for i in covering if ordered[i].kind in ("disable", "enable")]
    before = [i for i in before if ordered[i].end <= f.start]
    return before[-1] if before and ordered[before[-1]].kind == "disable" else None


def test_the_directive_table_finds_what_the_rules_say() -> None:
    """Many directives and findings, in every order (the table looks up only the directives
    that may concern a finding, so a long document stays linear)."""
    import random

    from backyard_lint.directives import Directive, _Table

    rng = random.Random(7)
    kinds = ["disable", "enable", "disable-line", "disable-next-line", "disable-file"]
    rules = ["backyard.russia", "exonym.kiev", "stans.the-stans"]
    names = [(), ("backyard",), ("exonym.kiev",), ("stans", "backyard.russia")]
    ruleset = RuleSet([])
    for _round in range(40):
        lines = 60
        text = "".join(f"line {n:02d} of the text\n" for n in range(lines))
        width = len("line 00 of the text\n")
        directives = []
        for line in sorted(rng.sample(range(lines), 12)):
            kind = rng.choice(kinds[:4] if rng.random() < 0.95 else kinds)
            start = line * width
            directives.append(
                Directive(kind, rng.choice(names), line, start, start + 7, line)
            )
        table = _Table(directives, text, ruleset)
        for _ in range(30):
            at = rng.randrange(len(text) - 4)
            finding = Finding(rng.choice(rules), Severity.WARNING, at, at + 4, "text", "m")
            assert table.suppressor(finding) == _suppressor_by_the_rules(table, finding)
