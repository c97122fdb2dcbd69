"""The views of one sentence that the signals read (the example of ``readings.span``)."""

from __future__ import annotations

from reading_helpers import RULE

from backyard_lint.readings.span import WINDOW, Span

SENTENCE = (
    "In Tashkent (a hub), traders say, and the ministry agrees, that Uzbekistan is not "
    "Russia's backyard but a partner; Astana agrees."
)


def _span(text: str) -> Span:
    start = text.index("Russia's backyard")
    return Span.around(text, start, start + len("Russia's backyard"), RULE)


def test_the_views_of_the_documented_sentence() -> None:
    span = _span(SENTENCE)
    assert span.match == "Russia's backyard"
    assert span.head.startswith("In Tashkent (a hub), traders say,")
    assert span.head.endswith("that Uzbekistan is not  ")
    assert span.before == ", traders say, and the ministry agrees, that Uzbekistan is not  "
    assert span.clause == " the ministry agrees, that Uzbekistan is not  "
    assert span.after == " but a partner"
    assert span.near_after == " but a partner "
    assert span.sentence == SENTENCE


def test_the_window_is_bounded_in_a_long_document() -> None:
    filler = "The orchard is quiet in winter. " * 5000
    span = _span(filler + SENTENCE + " " + filler)
    assert len(span.text) <= 2 * WINDOW + len("Russia's backyard")
    assert span.sentence == SENTENCE
