"""The readings of spelling rules (exonyms), keyed by signal.

Every sentence here was written for this test. A spelling is nobody's view: a negation or an
attribution does not excuse it; a quotation, a name, the spelling named as a spelling, a
sentence about events before independence, or contrast with the right spelling does.
"""

from __future__ import annotations

import pytest
from reading_helpers import NAME, SPELLING, H, M, U, check_row

from backyard_lint.model import Context

CASES: list[tuple[str, Context, str]] = [
    # --- none: the writer's own spelling for today's city --------------------------------
    ("none", U, "Russian officials say ⟦Kiev⟧ must accept the terms."),
    ("none", U, "The talks were not held in ⟦Kiev⟧ but in Minsk."),
    ("none", U, "Grain from ⟦Kiev⟧ reaches the port while Kyiv's allies watch."),
    ("none", U, "Since 1991 ⟦Kiev⟧ has grown by half a million people."),
    ("none", U, "The night train from ⟦Kiev⟧ to Lviv runs every day."),
    ("none", U, "A cafe near the station in ⟦Kiev⟧ serves good borscht."),
    # --- quoted ----------------------------------------------------------------------------
    ("quoted", M, 'The old spelling "⟦Kiev⟧" still appears in some atlases.'),
    # --- name: another thing named after the city, or a place elsewhere -------------------
    ("name", NAME, "He has supported Dynamo ⟦Kiev⟧ since he was a boy."),
    ("name", NAME, "The menu offered chicken ⟦Kiev⟧ and a green salad."),
    ("name", NAME, "She baked a ⟦Kiev⟧ cake for the party."),
    ("name", NAME, "The ranch lies a few miles outside ⟦Odessa⟧, Texas."),
    ("name", NAME, "Oil workers in ⟦Odessa⟧ (Texas) expect a busy winter."),
    ("name", NAME, "He still shoots with an old ⟦Kiev⟧ camera."),
    # --- spelling: the spelling named as one ----------------------------------------------
    ("spelling", M, "⟦Kharkov⟧ (Russian) is how older maps label the city."),
    ("spelling", M, "The city, named ⟦Lvov⟧ in Russian, sits near the Polish border."),
    ("spelling", M, "⟦Kiev⟧, the Russian spelling, fell out of use in English style guides."),
    ("spelling", M, "The station sign still read (Russian: ⟦Kharkov⟧) in small letters."),
    # --- historical: events before independence -------------------------------------------
    ("historical", H, "The train left ⟦Kiev⟧ in 1941 under heavy bombing."),
    ("historical", H, "Under the Russian Empire, ⟦Kiev⟧ was a provincial capital."),
    ("historical", H, "During the Second World War ⟦Kharkov⟧ changed hands four times."),
    ("historical", H, "Soviet statistics listed ⟦Odessa⟧ as the third port of the union."),
    ("historical", H, "Princes ruled from ⟦Kiev⟧ in the eleventh century."),
    # --- mention: the word discussed -------------------------------------------------------
    ("mention", M, "The city was long known in English as ⟦Kiev⟧."),
    ("mention", M, "The Russian name of the city is usually transliterated as ⟦Kiev⟧."),
    # --- contrast: set against the right spelling -----------------------------------------
    ("contrast", M, "It is Kyiv, not ⟦Kiev⟧."),
    ("contrast", M, "Kyiv (formerly ⟦Kiev⟧) is Ukraine's capital."),
    ("contrast", M, "⟦Kiev⟧, or Kyiv as the city spells it, hosted the talks."),
]


@pytest.mark.parametrize(
    ("signal", "expected", "marked"), CASES, ids=[f"{c[0]}:{c[2][:50]}" for c in CASES]
)
def test_spelling_reading_and_signal(signal: str, expected: Context, marked: str) -> None:
    check_row(signal, expected, marked, SPELLING)
