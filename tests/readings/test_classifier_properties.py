"""Properties of the classifier as a whole: quotation pairing, sentence bounds, gates, laziness,
and that no input makes it fail. Every sentence here was written for this test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reading_helpers import M, N, U, bare_rule, read
from test_signals import CASES

from backyard_lint.model import Context
from backyard_lint.readings import attributed, classify, mention, negated
from backyard_lint.sentences import sentence_bounds


def test_readings_hint_limits_what_excuses_a_match() -> None:
    marked = "Central Asia is not ⟦Russia's backyard⟧."
    assert read(marked)[0] is N
    only_quotes = bare_rule(readings=("mention",))
    assert read(marked, only_quotes) == (U, "")
    assert read("The label '⟦Russia's backyard⟧' irks.", only_quotes)[0] is M


def test_possessive_apostrophes_never_pair_as_quotes() -> None:
    # Many possessives and elisions, curly and straight, around a label: still a use.
    text = (
        "Putin’s envoys and Tokayev's ministers met; the ’Stans’ leaders' summit in "
        "⟦Russia’s backyard⟧ drew Beijing’s and Brussels' attention."
    )
    assert read(text)[0] is U


def test_quotation_in_an_earlier_sentence_of_the_paragraph() -> None:
    text = "“The term is colonial. Calling us ⟦Moscow's backyard⟧ is lazy,” the envoy said."
    assert read(text)[0] is M
    closed = "“The term is colonial,” she said. Kazakhstan remains ⟦Moscow's backyard⟧."
    assert read(closed)[0] is U
    # a quotation left open in an earlier paragraph (LF or CRLF) does not reach the next one
    for newline in ("\n", "\r\n"):
        text = f"He said: \"No comment.{newline}{newline}Kazakhstan remains ⟦Moscow's backyard⟧."
        assert read(text)[0] is U


def test_sentence_bounds_skip_abbreviations_and_split_headings() -> None:
    text = "Gen. Ivanov spoke. The U.S. envoy left.\nNobody's backyard\nA new era began."
    start = text.index("envoy")
    lo, hi = sentence_bounds(text, start, start + 5)
    assert text[lo:hi] == "The U.S. envoy left."
    start = text.index("Nobody")
    lo, hi = sentence_bounds(text, start, start + 6)
    assert text[lo:hi] == "Nobody's backyard"
    bold = "It ended.** **Kazakhstan** is next."
    start = bold.index("Kazakhstan")
    lo, hi = sentence_bounds(bold, start, start + 10)
    assert bold[lo:hi] == "**Kazakhstan** is next."
    wrapped = "The talks were held in Russia's\nbackyard last year. Next."
    start = wrapped.index("backyard")
    lo, hi = sentence_bounds(wrapped, start, start + 8)
    assert wrapped[lo:hi] == "The talks were held in Russia's\nbackyard last year."


def test_gates_never_hide_a_signal(monkeypatch: pytest.MonkeyPatch) -> None:
    # The RE2 word gates only skip work: with every gate open, every reading is the same.
    gated = [read(marked) for _, _, marked in CASES]
    for module in (attributed, mention, negated):
        for name in dir(module):
            if name.startswith("_HAS_"):
                monkeypatch.setattr(module, name, lambda s: True)
    assert [read(marked) for _, _, marked in CASES] == gated


_ALPHABET = "abc Russia's backyard not the term post-Soviet era \"“”‘’'«».,;:!?—–-()*_\n\r\t 1991"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list(_ALPHABET)), min_size=1, max_size=300),
    data=st.data(),
)
def test_classify_never_fails(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    reading, reason = classify(text, start, end, bare_rule(period_nouns=("x",)))
    assert isinstance(reading, Context)
    assert isinstance(reason, str)
    lo, hi = sentence_bounds(text, start, end)
    assert 0 <= lo <= start and end <= hi <= len(text)


def test_a_collective_noun_between_a_denial_and_the_label() -> None:
    from backyard_lint.engine import lint_text
    from backyard_lint.model import Settings
    from conftest import ruleset_for

    text = "They want to be seen as one bloc rather than a collection of post-Soviet states."
    [f] = lint_text(text, ruleset_for(), settings=Settings(show_mentions=True))
    assert f.context is Context.NEGATED


def test_the_long_alternations_are_compiled_only_when_a_gate_lets_a_text_through() -> None:
    """Compiling the rejection and term-frame alternations costs more than the rest of a small
    run; a plain use never needs them, a rejection does."""
    import subprocess
    import sys

    probe = (
        "from backyard_lint.readings import mention, negated\n"
        "from backyard_lint.engine import RuleSet, lint_text\n"
        "from backyard_lint.rules import builtin_rules_dir, load_rules\n"
        "rules = RuleSet(load_rules([builtin_rules_dir()]))\n"
        "def state():\n"
        "    # compiling binds the compiled pattern's methods onto the Lazy object\n"
        "    return ['search' in vars(p) for p in (negated._REJECTED, mention._META_BEFORE)]\n"
        'found = lint_text("Investors flock to Russia\'s backyard.", rules)\n'
        "print(len(found), state())\n"
        'found = lint_text("Analysts reject calling Central Asia Russia\'s backyard.", rules)\n'
        "print(len(found), state())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["1 [False, False]", "0 [True, False]"], done.stderr
