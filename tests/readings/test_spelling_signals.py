"""The readings of spelling rules (exonyms), keyed by signal.

Every sentence here was written for this test. A spelling is nobody's view: a negation or an
attribution does not excuse it; a quotation, a name, the spelling named as a spelling, a
sentence about events before independence, or contrast with the right spelling does.
"""

from __future__ import annotations

import dataclasses

import pytest
from reading_helpers import NAME, SPELLING, H, M, U, bare_rule, check_row

from backyard_lint.model import Context, Replacement

CASES: list[tuple[str, Context, str]] = [
    # --- none: the writer's own spelling for today's city --------------------------------
    ("none", U, "Russian officials say ⟦Kiev⟧ must accept the terms."),
    ("none", U, "The talks were not held in ⟦Kiev⟧ but in Minsk."),
    ("none", U, "Grain from ⟦Kiev⟧ reaches the port while Kyiv's allies watch."),
    ("none", U, "Since 1991 ⟦Kiev⟧ has grown by half a million people."),
    ("none", U, "The night train from ⟦Kiev⟧ to Lviv runs every day."),
    ("none", U, "A cafe near the station in ⟦Kiev⟧ serves good borscht."),
    # a place's name before a common noun is the place, not a name: "a Kiev school"
    ("none", U, "A ⟦Kiev⟧ school was hit by a drone on Monday."),
    ("none", U, "Two people were hurt on a ⟦Kiev⟧ street near the river."),
    ("none", U, "Our favourite ⟦Kiev⟧ restaurant serves dumplings."),
    # a place and a year in brackets is no title: a title has two capitalised words or more
    ("none", U, "We visited ⟦Kiev⟧ (2019), Lviv (2021) and Odesa (2022)."),
    # an institution and "in" give the place where it is, not its name
    ("none", U, "The Summit in ⟦Kiev⟧ ended without a deal."),
    ("none", U, "The School for Girls in ⟦Odessa⟧ reopened."),
    ("name", NAME, "She teaches at the University of ⟦Kiev⟧."),
    # a headline in title case: its capitals prove nothing
    ("none", U, "Missile Strike Damages ⟦Kiev⟧ Station"),
    ("none", U, "Best ⟦Odessa⟧ Hotel Deals This Summer"),
    # "wartime", "revolutionary", "post-Soviet": not a period before independence
    ("none", U, "Life in wartime ⟦Kiev⟧ goes on between the sirens."),
    ("none", U, "Revolutionary ⟦Kiev⟧ in 2014 was full of barricades."),
    ("none", U, "The post-Soviet ⟦Kiev⟧ skyline is dominated by glass towers."),
    ("none", U, "Pagan festivals aside, ⟦Kiev⟧ is a modern European capital."),
    # the word as the subject of what was said is the city
    ("none", U, "Officials said ⟦Kiev⟧ must accept the terms."),
    ("none", U, "Trains from ⟦Kiev⟧ to Lviv take six hours."),
    # --- quoted ----------------------------------------------------------------------------
    ("quoted", M, 'The old spelling "⟦Kiev⟧" still appears in some atlases.'),
    # --- name: another thing named after the city, or a place elsewhere -------------------
    ("name", NAME, "He has supported Dynamo ⟦Kiev⟧ since he was a boy."),
    ("name", NAME, "The menu offered chicken ⟦Kiev⟧ and a green salad."),
    ("name", NAME, "She baked a ⟦Kiev⟧ cake for the party."),
    ("name", NAME, "The ranch lies a few miles outside ⟦Odessa⟧, Texas."),
    ("name", NAME, "Oil workers in ⟦Odessa⟧ (Texas) expect a busy winter."),
    ("name", NAME, "He still shoots with an old ⟦Kiev⟧ camera."),
    # a capitalised building or body after the place, or a business before it
    ("name", NAME, "The ⟦Kiev⟧ Symphony Orchestra toured Canada in the autumn."),
    ("name", NAME, "She studied the violin at the ⟦Kiev⟧ Conservatory."),
    ("name", NAME, "⟦Lvov⟧ Polytechnic is one of the oldest engineering schools in Europe."),
    ("name", NAME, "We stayed at the Hotel ⟦Kiev⟧ on the Moscow ring road."),
    ("name", NAME, "She studied at the ⟦Kiev⟧ Conservatory."),
    ("name", NAME, "The ⟦Odessa⟧ Film Studio made dozens of adventure films."),
    ("name", NAME, "Passengers for the south leave from ⟦Kiev⟧ Station in Moscow."),
    ("name", NAME, "Zorya ⟦Lugansk⟧ finished third in the league."),
    # --- spelling: the spelling named as one ----------------------------------------------
    ("spelling", M, "⟦Kharkov⟧ (Russian) is how older maps label the city."),
    ("spelling", M, "The city, named ⟦Lvov⟧ in Russian, sits near the Polish border."),
    ("spelling", M, "⟦Kiev⟧, the Russian spelling, fell out of use in English style guides."),
    ("spelling", M, "The station sign still read (Russian: ⟦Kharkov⟧) in small letters."),
    ("spelling", M, "⟦Lugansk⟧, as Luhansk is spelled in Russian, lies in the Donbas."),
    ("spelling", M, "The Russian name for the city is ⟦Kharkov⟧."),
    ("spelling", M, "⟦Kiev⟧ is how Russian speakers say the name."),
    # the word said or written, ending its clause
    ("spelling", M, "Many older readers still write ⟦Kiev⟧ out of habit."),
    ("spelling", M, "Why the city wants you to stop saying ⟦Kiev⟧"),
    ("spelling", M, "Most English speakers grew up saying ⟦Kiev⟧."),
    # --- historical: events before independence -------------------------------------------
    ("historical", H, "The train left ⟦Kiev⟧ in 1941 under heavy bombing."),
    ("historical", H, "Under the Russian Empire, ⟦Kiev⟧ was a provincial capital."),
    ("historical", H, "During the Second World War ⟦Kharkov⟧ changed hands four times."),
    ("historical", H, "Soviet statistics listed ⟦Odessa⟧ as the third port of the union."),
    ("historical", H, "Princes ruled from ⟦Kiev⟧ in the eleventh century."),
    # a full date before independence: a month (and a day) between the preposition and year
    ("historical", H, "On September 19, 1941, German troops entered ⟦Kiev⟧."),
    ("historical", H, "⟦Lvov⟧ resigned as prime minister in July 1917."),
    ("none", U, "On May 9, 2023, ⟦Kiev⟧ held its own Europe Day parade."),
    # a year before a noun names an event of that year; a count does not
    ("historical", H, "⟦Alma-Ata⟧ hosted the 1978 conference on primary health care."),
    ("none", U, "The 300 best cafes in ⟦Kiev⟧ are on this list."),
    ("historical", H, "⟦Kharkov⟧ was the first capital of Soviet Ukraine."),
    # a period adjective right before the place
    ("historical", H, "Medieval ⟦Kiev⟧ was a centre of Orthodox learning."),
    ("historical", H, "Tsarist ⟦Odessa⟧ drew Greek, Jewish and Italian merchants."),
    ("historical", H, "Soviet ⟦Kiev⟧ was rebuilt after the war in a grand style."),
    ("historical", H, "Few photographs survive of interwar ⟦Lvov⟧."),
    # the conversion of Rus' and its rulers
    ("historical", H, "Tradition says the prince threw the idols of ⟦Kiev⟧ into the river."),
    ("historical", H, "Yaroslav the Wise built a great cathedral in ⟦Kiev⟧."),
    ("historical", H, "The Mongols sacked ⟦Kiev⟧ and burned most of its churches."),
    # --- mention: the word discussed -------------------------------------------------------
    ("mention", M, "The city was long known in English as ⟦Kiev⟧."),
    ("mention", M, "The Russian name of the city is usually transliterated as ⟦Kiev⟧."),
    # the name something went by: "as X was then called"
    ("mention", M, "The story is set in Little Russia, as ⟦the Ukraine⟧ was then called."),
    ("none", U, "Just as ⟦Kiev⟧ is known for its chestnuts, Lviv is known for coffee."),
    # --- contrast: set against the right spelling -----------------------------------------
    ("contrast", M, "It is Kyiv, not ⟦Kiev⟧."),
    ("contrast", M, "Kyiv (formerly ⟦Kiev⟧) is Ukraine's capital."),
    ("contrast", M, "⟦Kiev⟧, or Kyiv as the city spells it, hosted the talks."),
    ("contrast", M, "Most newsrooms switched from ⟦Kiev⟧ to Kyiv in 2019."),
]


@pytest.mark.parametrize(
    ("signal", "expected", "marked"), CASES, ids=[f"{c[0]}:{c[2][:50]}" for c in CASES]
)
def test_spelling_reading_and_signal(signal: str, expected: Context, marked: str) -> None:
    check_row(signal, expected, marked, SPELLING)


def test_an_exonym_rule_without_a_safe_fix_is_read_as_a_spelling() -> None:
    """A rule of the exonym family whose fix is not safe everywhere ("Odessa", a place in
    Texas too) still gets the spelling signals: the past excuses it, a negation does not."""
    odessa = dataclasses.replace(bare_rule(Replacement("Odesa", safe=False)), family="exonym")
    check_row("historical", H, "During the Second World War ⟦Odessa⟧ was occupied.", odessa)
    check_row("historical", H, "Tsarist ⟦Odessa⟧ grew into a great port.", odessa)
    check_row("none", U, "The ferry does not stop in ⟦Odessa⟧ this year.", odessa)
