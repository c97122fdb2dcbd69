"""Prose in MyST directive fences and MkDocs admonitions reads as prose, line for line."""

from __future__ import annotations

from backyard_lint.docblocks import reveal

MYST = (
    "# T\n\n```{note}\nIn a note.\n```\n\n"
    "````{warning}\n```{tip}\nNested.\n```\n````\n\n```python\ncode\n```\n"
)
MKDOCS = '!!! note "Title"\r\n    First line.\r\n\r\n    Second.\r\nAfter.\n\n    code stays\n'


def test_myst_prose_fences_become_blank_lines_and_code_fences_stay() -> None:
    out, shifts = reveal(MYST, "myst")
    assert len(out) == len(MYST) and out.count("\n") == MYST.count("\n")
    lines = out.split("\n")
    assert lines[2].strip() == "" and lines[3] == "In a note." and lines[4].strip() == ""
    assert [lines[i].strip() for i in (6, 7, 9, 10)] == ["", "", "", ""]
    assert lines[8] == "Nested."
    assert lines[12] == "```python" and lines[14] == "```"
    assert set(shifts) == {0}


def test_mkdocs_admonition_bodies_move_their_indent_to_the_line_end() -> None:
    out, shifts = reveal(MKDOCS, "mkdocs")
    assert len(out) == len(MKDOCS)
    lines = out.split("\r\n")
    assert lines[0].strip() == ""
    assert lines[1] == "First line.    " and lines[3] == "Second.    "
    assert shifts[:5] == [0, 4, 0, 4, 0]
    # an indented block that follows no admonition is still code
    assert out.endswith("\n    code stays\n")


def test_other_text_is_unchanged() -> None:
    assert reveal(MYST, "mkdocs")[0] == MYST
    assert reveal(MKDOCS, "myst")[0] == MKDOCS
