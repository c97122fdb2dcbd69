"""Signal ``owner``: a pronoun owner belongs to the nearest plausible owner named before it.

Every sentence here was written for this test. Each row reads one match with the rule of one
power (its ``powers`` hint) and names the signal that decides the reading: ``owner`` when the
nearest plausible owner is another power (``literal`` for this rule), ``none`` when it is the
rule's own (a use).
"""

from __future__ import annotations

import pytest
from reading_helpers import A, U, bare_rule, check_row

from backyard_lint.model import Context, Rule

L = Context.LITERAL
RUSSIA = bare_rule(powers=("Russia", "Moscow", "Kremlin", "Putin"))
CHINA = bare_rule(powers=("China", "Beijing"))
EUROPE = bare_rule(powers=("Europe", "EU", "European Union", "Brussels"))
USA = bare_rule(powers=("United States", "US", "America", "Washington"))

CASES: list[tuple[Rule, str, Context, str]] = [
    # the nearest power owns "its", even with another named earlier in the sentence
    (RUSSIA, "none", U, "As Beijing lends to Bishkek, Moscow is losing ground in ⟦its backyard⟧."),
    (CHINA, "owner", L, "As Beijing lends to Bishkek, Moscow is losing ground in ⟦its backyard⟧."),
    (USA, "owner", L, "Washington shrugs while China buys ports in ⟦its own backyard⟧."),
    (CHINA, "none", U, "Washington shrugs while China buys ports in ⟦its own backyard⟧."),
    # two powers joined are not "its" owner: the nearest single one is
    (EUROPE, "none", U, "While Brussels argues, Russia and China win friends in ⟦its backyard⟧."),
    (CHINA, "owner", L, "While Brussels argues, Russia and China win friends in ⟦its backyard⟧."),
    (EUROPE, "none", U, "Brussels Dithers as Russia, China Move Into ⟦Its Backyard⟧"),
    # "their": a people or group in the plural, or two powers joined
    (CHINA, "owner", L, "The Russians court Bishkek, worried about ⟦their backyard⟧ in the east."),
    (RUSSIA, "none", U, "The Russians court Bishkek, worried about ⟦their backyard⟧ in the east."),
    (USA, "owner", L, "Beijing's strategists now call the Mekong basin ⟦their backyard⟧ too."),
    (RUSSIA, "none", U, "Russia and China compete for ports in ⟦their backyard⟧ of Central Asia."),
    (CHINA, "none", U, "Russia and China compete for ports in ⟦their backyard⟧ of Central Asia."),
    # no power named before the pronoun: the signal does not decide
    (RUSSIA, "none", U, "Gas deals in ⟦its backyard⟧ worry the Kremlin more than sanctions do."),
    # the owner decided, the other signals still read the match
    (RUSSIA, "attributed", A, "Putin regards Georgia as ⟦his backyard⟧, the report says."),
]


@pytest.mark.parametrize(("rule", "signal", "expected", "marked"), CASES)
def test_owner_rows(rule: Rule, signal: str, expected: Context, marked: str) -> None:
    check_row(signal, expected, marked, rule)


def test_a_rule_without_powers_is_not_read_for_an_owner() -> None:
    check_row("none", U, "Moscow frets while China builds in ⟦its backyard⟧.", bare_rule())
