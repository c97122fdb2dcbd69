"""A format's directive comment is written and read from its one record (``Format.comment``):
each format reads back the directive it writes, and ``comment_pattern`` reads a comment syntax
that no adapter knows about."""

from __future__ import annotations

import pytest

from backyard_lint.directives import comment_pattern
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.formats import REGISTRY, Format

LABEL = "Kazakhstan is Russia's backyard."


@pytest.mark.parametrize("record", REGISTRY, ids=lambda r: r.name)
def test_each_format_reads_the_directive_it_writes(ruleset: RuleSet, record: Format) -> None:
    comment = record.directive_comment("backyard-lint: disable-next-line backyard.russia")
    before = f"Intro.\n\n{LABEL}\n\n"
    assert [f.rule for f in lint_text(before, ruleset, fmt=record.name)] == ["backyard.russia"]
    text = f"Intro.\n\n{comment}\n{LABEL}\n" if not record.comment_ends_paragraph else (
        f"Intro.\n\n{comment}\n\n{LABEL}\n"
    )
    found = lint_text(text, ruleset, fmt=record.name)
    assert not found, (record.name, text, found)


@pytest.mark.parametrize("record", REGISTRY, ids=lambda r: r.name)
def test_the_pattern_finds_the_body_between_the_records_markers(record: Format) -> None:
    body = "backyard-lint: disable backyard -- a reason"
    comment = record.directive_comment(body)
    found = comment_pattern(record.comment).fullmatch(comment)
    assert found is not None
    assert found["body"].strip() == body


def test_a_new_comment_syntax_is_read_from_its_markers_alone() -> None:
    pattern = comment_pattern(("% ", ""))
    found = pattern.fullmatch("%  backyard-lint: disable-file")
    assert found is not None and found["body"].strip() == "backyard-lint: disable-file"
    assert pattern.fullmatch("backyard-lint: disable-file") is None
    closed = comment_pattern(("{# ", " #}"))
    found = closed.fullmatch("{# backyard-lint: enable #}")
    assert found is not None and found["body"].strip() == "backyard-lint: enable"
    left_open = closed.fullmatch("{# backyard-lint: enable")
    assert left_open is not None and left_open["body"].strip() == "backyard-lint: enable"


def test_plain_text_reads_a_line_that_starts_with_the_mark() -> None:
    pattern = comment_pattern(("", ""))
    assert pattern.fullmatch("  backyard-lint: disable") is not None
    assert pattern.fullmatch("We use backyard-lint: disable it") is None
