"""Edits inside runs: the paragraph's text ends as the same edits make it on a string, every run
keeps its formatting, and tabs and breaks are never edited over."""

from __future__ import annotations

import io

import docx
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from backyard_lint import fix as fixing
from backyard_lint.word.document import open_document
from backyard_lint.word.edit import apply_in_runs
from backyard_lint.word.prose import Prose, by_paragraph, prose

_RUN_TEXT = st.text(alphabet="ab c'\u00e9\U0001f600", min_size=1, max_size=6)


def _document(runs: list[str]) -> bytes:
    d = docx.Document()
    p = d.add_paragraph()
    for i, text in enumerate(runs):
        run = p.add_run(text)
        run.font.size = Pt(10 + i)  # each run its own size, to tell them apart afterwards
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@st.composite
def _case(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, int, str]]]:
    runs = draw(st.lists(_RUN_TEXT, min_size=1, max_size=6))
    length = sum(len(r) for r in runs)
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=6, unique=True)))
    changes = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if start < end:
            changes.append((start, end, draw(st.text(alphabet="XY ", max_size=4))))
    return runs, changes


@settings(max_examples=60, deadline=None)
@given(_case())
def test_edits_in_runs_match_edits_on_the_text(
    case: tuple[list[str], list[tuple[int, int, str]]],
) -> None:
    runs, changes = case
    word = open_document(_document(runs))
    [paragraph] = word.paragraphs if "".join(runs).strip() else [None]
    if paragraph is None:
        return
    expected = fixing.apply_edits(paragraph.text, changes)
    assert apply_in_runs(paragraph, changes) == len(changes)
    after = docx.Document(io.BytesIO(word.save())).paragraphs[0]
    assert after.text == expected
    sizes = [r.font.size.pt for r in after.runs]
    assert sizes == [10 + i for i in range(len(runs))]  # no run lost, none reformatted


def test_tabs_and_breaks_are_not_edited_over() -> None:
    d = docx.Document()
    p = d.add_paragraph("Kiev")
    p.add_run().add_tab()
    p.add_run("Kiev")
    p.add_run().add_break()
    p.add_run("end")
    out = io.BytesIO()
    d.save(out)
    word = open_document(out.getvalue())
    [paragraph] = word.paragraphs
    assert paragraph.text == "Kiev\tKiev\nend"
    made = apply_in_runs(paragraph, [(0, 4, "Kyiv"), (3, 6, "x"), (9, 12, "y")])
    assert made == 1
    assert docx.Document(io.BytesIO(word.save())).paragraphs[0].text == "Kyiv\tKiev\nend"


def test_offsets_map_back_through_quotation_marks() -> None:
    d = docx.Document()
    d.add_paragraph("One.")
    d.add_paragraph("Kiev, he said.", style="Quote")
    d.add_paragraph("Two Kiev.")
    out = io.BytesIO()
    d.save(out)
    word = open_document(out.getvalue())
    linted: Prose = prose(word.paragraphs)
    shown = prose(word.paragraphs, quote_marks=False)
    assert linted.text == "One.\n\n“Kiev, he said.”\n\nTwo Kiev."
    assert shown.text == "One.\n\nKiev, he said.\n\nTwo Kiev."
    at = linted.text.index("Kiev")
    assert linted.place(at, at + 4) == (1, 0, 4)
    assert linted.place(0, 10) is None  # across a paragraph break
    assert by_paragraph(shown, [(6, 10, "Kyiv"), (26, 30, "Kyiv")]) == {
        1: [(0, 4, "Kyiv")],
        2: [(4, 8, "Kyiv")],
    }
