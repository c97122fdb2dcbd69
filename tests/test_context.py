"""The use-versus-mention classifier, one signal and one reading per row.

Every sentence here was written for this test. The span the classifier reads is marked with
⟦ ⟧ (the marks are removed before classifying), so the table does not depend on what the rule
catalogue's patterns match. Rows include near misses in both directions: sentences where a
signal word is present but does not govern the label (still ``use``), and sentences where the
label is excused by a signal that sits a few words away.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backyard_lint import context
from backyard_lint.context import classify
from backyard_lint.model import Context, Replacement, Rule, Severity
from backyard_lint.sentences import sentence_bounds

U, M, N, A, H, NAME = (
    Context.USE,
    Context.MENTION,
    Context.NEGATED,
    Context.ATTRIBUTED,
    Context.HISTORICAL,
    Context.NAME,
)


def _rule(*replacements: Replacement, **hints: tuple[str, ...]) -> Rule:
    return Rule(
        id="test.rule",
        severity=Severity.WARNING,
        summary="test",
        message="test",
        patterns=(),
        explanation="test",
        sources=(),
        examples_bad=(),
        examples_good=(),
        hints=tuple(sorted(hints.items())),
        replacements=replacements,
    )


RULE = _rule()


def _read(marked: str, rule: Rule = RULE) -> tuple[Context, str]:
    start = marked.index("⟦")
    end = marked.index("⟧") - 1
    text = marked.replace("⟦", "").replace("⟧", "")
    return classify(text, start, end, rule)


CASES: list[tuple[str, Context]] = [
    # --- plain use ------------------------------------------------------------------------
    ("Kazakhstan has long been ⟦Russia's backyard⟧.", U),
    ("Investors are flocking to ⟦the Kremlin’s back yard⟧ in search of uranium.", U),
    ("The summit was held in ⟦Russia's\nbackyard⟧, in Tashkent.", U),
    ("Experts say the ⟦post-Soviet states⟧ face a shrinking workforce.", U),
    ("No ⟦post-Soviet state⟧ has adopted the euro so far.", U),
    ("In other words, ⟦the post-Soviet space⟧ is coming apart.", U),
    ("A week in ⟦the 'Stans⟧ is not enough for the Pamir Highway.", U),
    ("Backpackers love ⟦the ’Stans⟧, and the hostels' owners know it.", U),
    ("Our route through ⟦the ‘Stans⟧ ended at the Caspian ferries’ terminal.", U),
    ('The 12" pipeline crosses ⟦Russia\'s backyard⟧ to reach "the coast".', U),
    ("The countries' leaders met in ⟦Russia's backyard⟧, said 'officials'.", U),
    ("Russia’s ‘near abroad’ policy failed, and China now invests in ⟦the Kremlin's backyard⟧.", U),
    ('He said "yes" to the plan, and Kazakhstan became ⟦Russia\'s backyard⟧ again.', U),
    ("⟦Post-Soviet States⟧ Brace for a Hard Winter", U),  # headline without a title word
    # --- scope: a signal elsewhere in the sentence does not excuse the label -----------------
    ("Russia rejects sanctions; Kazakhstan is ⟦Russia's backyard⟧.", U),
    ("Moscow rejects the claim, but Kazakhstan remains ⟦Russia's backyard⟧.", U),
    ("Moscow did not comment, and Georgia remains ⟦Russia's backyard⟧.", U),
    ("Kazakhstan, which is not a NATO member, is still ⟦Russia's backyard⟧.", U),
    ("It isn't surprising that Beijing is expanding in ⟦Russia's backyard⟧.", U),
    ("Moscow does not want to lose control of ⟦its backyard⟧.", U),
    ("The summit was not held in ⟦Russia's backyard⟧ this year.", U),
    ("China is challenging Russia in ⟦its own backyard⟧.", U),
    ("Nobody disputes that Armenia is ⟦Russia's backyard⟧ any more.", U),
    ("Perceiving itself as a great power, Moscow tightened its grip on ⟦its backyard⟧.", U),
    ("Ukraine rejects the accusation, while troops mass near ⟦its ex-Soviet neighbour⟧.", U),
    # "not only / not just / not merely" concede the label
    ("Kazakhstan is not only ⟦Russia's backyard⟧ but also China's gateway to Europe.", U),
    ("Tajikistan is not just ⟦Moscow's backyard⟧; it is a transit hub.", U),
    ("Kyrgyzstan is not merely ⟦Russia's backyard⟧ in this story.", U),
    ("Armenia is not a partner but ⟦Russia's backyard⟧, the column argued.", U),
    ("Georgia is not the only ⟦post-Soviet state⟧ with a breakaway region.", U),
    ("Armenia is not a friendly ⟦post-Soviet state⟧ for Moscow these days.", U),
    ("The so-called colour revolutions swept through ⟦the post-Soviet space⟧.", U),
    ("According to official statistics, remittances prop up ⟦the post-Soviet economies⟧.", U),
    ("In the Kremlin's view, NATO is encroaching, and ⟦the post-Soviet states⟧ must choose.", U),
    ("Unlike in the 1990s, ⟦the post-Soviet states⟧ now run their own central banks.", U),
    # --- mention: quotation marks -------------------------------------------------------------
    ('Analysts reject the phrase "⟦Russia\'s backyard⟧" outright.', M),
    ("Critics call the region “⟦Russia’s backyard⟧” far too often.", M),
    ("Referring to Kazakhstan as ‘⟦Russia’s backyard⟧’ misreads its trade.", M),
    ("The column called Armenia '⟦Russia's backyard⟧' twice.", M),
    ("Le Monde parlait de «⟦backyard⟧» russe.", M),
    ('Central Asia is ⟦Russia\'s "backyard"⟧ only in headlines.', M),  # scare quotes, one word
    ("Kazakhstan is Russia’s ‘⟦backyard⟧’ in a lazy headline.", M),
    ("The minister said: \"Kazakhstan is ⟦Russia's backyard⟧ and always will be.", M),
    ("“Everyone here knows it. Armenia is ⟦Russia’s backyard⟧,” the official said.", M),
    ("The ‘⟦Stans⟧’ nickname irritates people in Almaty.", M),
    ('Analysts call the region **"⟦the Stans⟧"**, a label locals dislike.', M),
    # --- mention: discussed as a term ---------------------------------------------------------
    ("The label ⟦Russia's backyard⟧ is resented in Almaty.", M),
    ("The term ⟦post-Soviet space⟧ hides fifteen different paths.", M),
    ("Editors dropped the ⟦post-Soviet⟧ label from the style guide.", M),
    ("The ⟦near abroad⟧ concept shaped Russian policy for decades.", M),
    ("Locals have a nickname for the region: ⟦the Stans⟧.", M),
    ("They live in the so-called ⟦near abroad⟧.", M),
    ("Backpackers visit a region dubbed ⟦the Stans⟧ by guidebooks.", M),
    ("Five republics known as ⟦the Stans⟧ lie east of the Caspian.", M),
    ("The Russian phrase is usually translated as ⟦near abroad⟧.", M),
    ("Georgia belongs to what is often called ⟦the post-Soviet space⟧.", M),
    ("It is a country that is sometimes referred to, rightly or not, as ⟦Moscow's backyard⟧.", M),
    ("Calling Kazakhstan ⟦Russia's backyard⟧ ignores its trade with China.", M),
    ("By describing the region as ⟦Moscow's backyard⟧, the report erases its governments.", M),
    ("The notion that Central Asia is ⟦Russia's backyard⟧ dies hard.", M),
    ("The image of Kazakhstan as ⟦Russia's backyard⟧ is decades old.", M),
    ("The idea that great powers are entitled to ⟦spheres of influence⟧ is old.", M),
    ("He mocked talk of ⟦a post-Soviet space⟧ at the conference.", N),
    ("Remarks about Armenia being ⟦Russia's backyard⟧ angered Yerevan.", M),
    ("⟦Russia's backyard⟧ is a misnomer for a region of eighty million people.", M),
    ("⟦The near abroad⟧ is an outdated term.", M),
    ("Readers object to ⟦the Stans⟧ as a catch-all for five countries.", M),
    ("The Baltic states hate being lumped in with ⟦the post-Soviet states⟧.", M),
    ("Why do editors write ⟦post-Soviet states⟧ when they mean Central Asia?", M),
    ("What we call ⟦the post-Soviet space⟧ is really four regions.", M),
    ("Locals dislike the name ⟦the Stans⟧.", M),
    ("In the name of ⟦the post-Soviet states⟧, the summit issued a statement.", U),
    ("In a word, ⟦the post-Soviet space⟧ is coming apart.", U),
    ("Russian remains the language of ⟦the post-Soviet space⟧.", U),
    ("The use of force in ⟦Russia's backyard⟧ alarmed Europe.", U),
    ("⟦Post-Soviet countries⟧ thinking of joining NATO face pressure.", U),
    ("⟦The Stans⟧, as backpackers call them, are cheap and friendly.", M),
    ("⟦The near abroad⟧ — Moscow's term for its neighbours — is shrinking.", M),
    ("⟦The near abroad⟧, the Kremlin's old term for its neighbours, is shrinking.", M),
    ("The near abroad is Moscow's term for ⟦the former Soviet republics⟧.", U),
    ("⟦The near abroad⟧, as it is known in Moscow, stretches to the Pacific.", M),
    ("The belief that Moscow still has friends among ⟦the post-Soviet states⟧ is common.", U),
    # --- negated ------------------------------------------------------------------------------
    ("Central Asia is not ⟦Russia's backyard⟧.", N),
    ("Kazakhstan isn't ⟦Moscow’s backyard⟧ any more.", N),
    ("Uzbekistan is no longer ⟦the Kremlin's backyard⟧.", N),
    ("Armenia was never ⟦Russia's backyard⟧.", N),
    ("Kazakhstan is not, and never has been, ⟦Russia's backyard⟧.", N),
    ("Kazakhstan is not, as some claim, ⟦Russia's backyard⟧.", N),
    ("Central Asia is *not* ⟦Russia's backyard⟧.", N),  # Markdown emphasis stays in the text
    ("Kazakhstan is _no longer_ ⟦Moscow's backyard⟧.", N),
    ("Kazakhstan will not become ⟦Moscow's backyard⟧ again.", N),
    ("Georgia does not want to be ⟦Russia's backyard⟧.", N),
    ("Georgia refuses to be ⟦Russia's backyard⟧.", N),
    ("The Pacific is hardly ⟦Australia's backyard⟧ now.", N),
    ("They see their country as a bridge rather than ⟦Russia's backyard⟧.", N),
    ("Kazakhstan is a sovereign state, not ⟦Russia's backyard⟧.", N),
    ("Far from being ⟦Russia's backyard⟧, Kazakhstan is a regional power.", N),
    ("Kazakhstan: not ⟦Russia's backyard⟧", N),
    ("Kazakhstan is neither ⟦Russia's backyard⟧ nor China's.", N),
    ("These are independent states, not Russia's ⟦near abroad⟧.", N),
    ("Style guides advise against ⟦former Soviet republics⟧ for today's states.", N),
    ("Central Asia is nobody's backyard, least of all ⟦Russia's backyard⟧.", N),
    ("Kazakhstan is not a province, let alone ⟦Moscow's backyard⟧.", N),
    ("I have never been to ⟦the Stans⟧.", U),
    ("Russia's backyard? ⟦The post-Soviet space⟧ is not what it was.", U),
    ("Tokayev's diplomacy is not ⟦vassalage⟧ to Russia, some say, but it comes close.", U),
    ("There is no such thing as ⟦the post-Soviet space⟧.", N),
    ("Leaders in Astana reject the idea that their country is ⟦Russia's backyard⟧.", N),
    ("Tokayev rejected any suggestion of Kazakhstan being ⟦Russia's backyard⟧.", N),
    ("Kyrgyz officials deny that their republic is ⟦Moscow's backyard⟧.", N),
    ("The region has shaken off the image of ⟦Russia's backyard⟧.", N),
    ("Central Asians reject being treated as ⟦Russia's backyard⟧.", N),
    ("Georgia stopped thinking of itself as part of ⟦the post-Soviet space⟧ long ago.", N),
    ("It is time to stop calling Central Asia ⟦Russia's backyard⟧.", N),
    ("⟦Russia's backyard⟧ no more: Central Asia courts Brussels.", N),
    ("⟦The post-Soviet space⟧ no longer exists.", N),
    ("⟦The post-Soviet states⟧ no longer depend on Russian gas.", U),
    # --- attributed ---------------------------------------------------------------------------
    ("Russia keeps troops in what the Kremlin calls ⟦the near abroad⟧.", A),
    ("Kazakhstan lies in what Moscow still regards as ⟦its backyard⟧.", A),
    ("Moscow regards Central Asia as ⟦its backyard⟧.", A),
    (
        "Moscow has long regarded the five republics, with their Soviet-built pipelines, "
        "as ⟦its backyard⟧.",
        A,
    ),
    ("Western media portray Kazakhstan as ⟦Russia's backyard⟧.", A),
    ("The region is often described as ⟦Russia's backyard⟧.", A),
    ("In the Kremlin's view, Kazakhstan is ⟦Russia's backyard⟧.", A),
    ("In the eyes of Russian nationalists, Ukraine is ⟦Russia's backyard⟧.", A),
    ("Kazakhstan, as Moscow sees it, is ⟦Russia's backyard⟧.", A),
    ("Kazakhstan is ⟦Russia's backyard⟧, as Putin sees it.", A),
    ("According to the Kremlin, Central Asia is ⟦Russia's backyard⟧.", A),
    ("Putin insists that Ukraine is part of ⟦Russia's backyard⟧.", A),
    ("Kazakhstan, long considered ⟦Russia's backyard⟧, now courts Brussels.", A),
    ("Moscow calls the region ⟦its backyard⟧.", A),
    ("Cuba sits in a sea that Washington considers ⟦its backyard⟧.", A),
    ("Russia's self-declared ⟦near abroad⟧ now includes the Baltic states.", A),
    ("In Kremlin parlance, Georgia belongs to ⟦the near abroad⟧.", A),
    ("From Moscow's perspective, Georgia still belongs to ⟦the post-Soviet space⟧.", A),
    ("Kazakhstan, in the Kremlin's view, is ⟦Russia's backyard⟧.", A),
    ("The Kremlin has said it wants ⟦a buffer zone⟧ along the border.", A),
    ("Russian officials insist that Armenia belongs to ⟦the near abroad⟧.", A),
    ("Russian officials still speak of ⟦the near abroad⟧.", A),
    ("Kremlin propaganda portrays Moldova as part of Russia's ⟦near abroad⟧.", A),
    ("The Kremlin said troops would stay in ⟦the former Soviet republic⟧ of Armenia.", U),
    ("Nationalist commentators often refer to Kazakhstan as ⟦Russia's backyard⟧.", A),
    ("Headlines describing Central Asia as ⟦Russia's backyard⟧ have become rarer.", A),
    ("Moscow likes to think of Ukraine as part of ⟦its backyard⟧.", A),
    # near misses: the frame governs a claim about the label's referent, not the label
    ("In the eyes of many Europeans, ⟦the post-Soviet space⟧ is a blank on the map.", U),
    ("⟦The post-Soviet space⟧ is, in the eyes of many Europeans, a blank on the map.", U),
    ("Putin considers ⟦the former Soviet republics⟧ part of Russia's natural domain.", U),
    ("Moscow insists on its interests in ⟦the post-Soviet space⟧.", U),
    ("Moscow announced new investments in ⟦the post-Soviet space⟧.", U),
    ("Observers say ⟦the near abroad⟧ matters more to Moscow than ever.", U),
    # near misses: a reporting frame that attributes a fact, not the label
    ("According to the World Bank, ⟦post-Soviet economies⟧ grew by four per cent.", U),
    (
        "Russian influence in ⟦the former Soviet republics⟧ of Central Asia will wane as the war "
        "drags on and sanctions bite, according to several economists.",
        U,
    ),
    ("China's rail link serves as a lifeline for ⟦post-Soviet Central Asia⟧.", U),
    ("This report defines Central Asia as ⟦the former Soviet republics⟧ east of the Caspian.", U),
    # --- historical ---------------------------------------------------------------------------
    ("Wages collapsed in the early ⟦post-Soviet⟧ years.", H),
    ("Under the tsars, Central Asia was ⟦Russia's backyard⟧.", H),
    ("In the Soviet era, Central Asia was ⟦Moscow's backyard⟧.", H),
    ("Privatisation defined the ⟦post-Soviet⟧ era.", H),
    ("The ⟦post-Soviet⟧ economic transition was brutal.", H),
    ("The ⟦post-Soviet⟧ decades brought new borders.", H),
    ("In the 1990s, ⟦post-Soviet states⟧ struggled with hyperinflation.", H),
    ("Armenia and Azerbaijan have fought since the collapse of ⟦the former Soviet Union⟧.", H),
    ("Estonia was once a republic of ⟦the former USSR⟧.", H),
    ("In 1992, ⟦former Soviet republics⟧ signed the Tashkent treaty.", H),
    ("In the Cold War the Soviet Union ruled ⟦its vassal states⟧ through local parties.", H),
    ("Poland was a Soviet ⟦satellite state⟧ until 1989.", H),
    ("⟦The Great Game⟧ of the nineteenth century pitted two empires against each other.", H),
    ("A new Cold War is being fought in ⟦Russia's backyard⟧.", U),
    ("Belarus has been a Russian ⟦satellite state⟧ since 1994.", U),
    # near misses
    ("Since the 1990s, ⟦post-Soviet states⟧ have drifted apart.", U),
    ("Since independence in 1991, ⟦the post-Soviet republics⟧ have built new armies.", U),
    ("⟦Post-Soviet states⟧ such as Kyrgyzstan joined the WTO and later, in 2015, the EAEU.", U),
    ("Three decades after the Soviet collapse, ⟦post-Soviet countries⟧ still share a gauge.", U),
    ("⟦Post-Soviet states⟧ in Central Asia trade more with China than ever.", U),
    # --- names --------------------------------------------------------------------------------
    ("He publishes in ⟦Post-Soviet⟧ Affairs and in Europe-Asia Studies.", NAME),
    ("She directs the Centre for the Study of ⟦the Post-Soviet Space⟧ in Leeds.", NAME),
    ("A new book titled ⟦Russia's Backyard⟧ tells the story of the Caspian.", NAME),
    ("See Russia and the ⟦Near Abroad⟧ (Routledge, 2019) for the background.", NAME),
    ("Her chapter in ⟦Post-Soviet Eurasia⟧ (2012) covers the gas wars.", NAME),
    ("Russia's grip on ⟦the near abroad⟧ (see chapter 2) is weakening.", U),
    ("Politics and Society in ⟦Post-Soviet States⟧, Department of Government, Spring 2024", NAME),
    # near misses: capitals alone do not make a name
    ("⟦Post-Soviet states⟧ are diverging fast.", U),
    ("The ⟦Post-Soviet Space⟧ Is Fragmenting, Again", U),
    ("He wrote for a journal about ⟦post-Soviet states⟧ for years.", U),
]


@pytest.mark.parametrize(("marked", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_reading(marked: str, expected: Context) -> None:
    reading, reason = _read(marked)
    assert reading is expected, reason
    if reading is Context.USE:
        assert reason == ""
    else:
        assert reason, "every reading other than use carries a reason"


@pytest.mark.parametrize(
    ("marked", "fragment"),
    [
        ('Analysts reject the phrase "⟦Russia\'s backyard⟧".', "quotation marks"),
        ("Central Asia is not ⟦Russia's backyard⟧.", "negated by 'not'"),
        ("Russia keeps troops in what the Kremlin calls ⟦the near abroad⟧.", "what ... calls"),
        ("Privatisation defined the ⟦post-Soviet⟧ era.", "followed by 'era'"),
        ("He publishes in ⟦Post-Soviet⟧ Affairs.", "name 'Post-Soviet Affairs'"),
    ],
)
def test_reasons_name_the_signal(marked: str, fragment: str) -> None:
    assert fragment in _read(marked)[1]


def test_rule_hint_adds_period_nouns() -> None:
    marked = "Factories were sold off in ⟦post-Soviet⟧ privatisation."
    assert _read(marked)[0] is U
    hinted = _rule(period_nouns=("privatisation",))
    assert _read(marked, hinted) == (H, "period: followed by 'privatisation'")


SPELLING = _rule(Replacement("Kyiv", safe=True))


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        # a spelling is nobody's view: dates, negation and attribution do not excuse it
        ("In 1990, ⟦Kiev⟧ was the capital of a Soviet republic.", U),
        ("Russian officials say ⟦Kiev⟧ must accept the terms.", U),
        ("The talks were not held in ⟦Kiev⟧ but in Minsk.", U),
        # quoting it, discussing it or setting it against the right spelling does
        ("It is Kyiv, not ⟦Kiev⟧.", M),
        ("Kyiv (formerly ⟦Kiev⟧) is Ukraine's capital.", M),
        ("⟦Kiev⟧, or Kyiv as the city spells it, hosted the talks.", M),
        ("Grain from ⟦Kiev⟧ reaches the port while Kyiv's allies watch.", U),
        ("The city was long known in English as ⟦Kiev⟧.", M),
        ("The Russian name of the city is usually transliterated as ⟦Kiev⟧.", M),
        ('The old spelling "⟦Kiev⟧" still appears in some atlases.', M),
    ],
)
def test_spelling_rules_accept_fewer_readings(marked: str, expected: Context) -> None:
    assert _read(marked, SPELLING)[0] is expected


def test_readings_hint_limits_what_excuses_a_match() -> None:
    marked = "Central Asia is not ⟦Russia's backyard⟧."
    assert _read(marked)[0] is N
    only_quotes = _rule(readings=("mention",))
    assert _read(marked, only_quotes) == (U, "")
    assert _read("The label '⟦Russia's backyard⟧' irks.", only_quotes)[0] is M


def test_possessive_apostrophes_never_pair_as_quotes() -> None:
    # Many possessives and elisions, curly and straight, around a label: still a use.
    text = (
        "Putin’s envoys and Tokayev's ministers met; the ’Stans’ leaders' summit in "
        "⟦Russia’s backyard⟧ drew Beijing’s and Brussels' attention."
    )
    assert _read(text)[0] is U


def test_quotation_in_an_earlier_sentence_of_the_paragraph() -> None:
    text = "“The term is colonial. Calling us ⟦Moscow's backyard⟧ is lazy,” the envoy said."
    assert _read(text)[0] is M
    closed = "“The term is colonial,” she said. Kazakhstan remains ⟦Moscow's backyard⟧."
    assert _read(closed)[0] is U
    # a quotation left open in an earlier paragraph (LF or CRLF) does not reach the next one
    for newline in ("\n", "\r\n"):
        text = f"He said: \"No comment.{newline}{newline}Kazakhstan remains ⟦Moscow's backyard⟧."
        assert _read(text)[0] is U


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
    gated = [_read(marked) for marked, _ in CASES]
    for name in dir(context):
        if name.startswith("_HAS_"):
            monkeypatch.setattr(context, name, lambda s: True)
    assert [_read(marked) for marked, _ in CASES] == gated


def test_classify_is_fast() -> None:
    text = " ".join(c[0].replace("⟦", "").replace("⟧", "") for c in CASES)
    spans = []
    for marked, _ in CASES:
        plain = marked.replace("⟦", "").replace("⟧", "")
        offset = text.index(plain)
        spans.append((offset + marked.index("⟦"), offset + marked.index("⟧") - 1))
    began = time.perf_counter()
    for _ in range(5):
        for start, end in spans:
            classify(text, start, end, RULE)
    per_match = (time.perf_counter() - began) / (5 * len(spans))
    assert per_match < 0.001, f"{per_match * 1e6:.0f} µs per match"


_ALPHABET = "abc Russia's backyard not the term post-Soviet era \"“”‘’'«».,;:!?—–-()*_\n\r\t 1991"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list(_ALPHABET)), min_size=1, max_size=300),
    data=st.data(),
)
def test_classify_never_fails(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    reading, reason = classify(text, start, end, _rule(period_nouns=("x",)))
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
        "from backyard_lint import context\n"
        "from backyard_lint.engine import RuleSet, lint_text\n"
        "from backyard_lint.rules import builtin_rules_dir, load_rules\n"
        "rules = RuleSet(load_rules([builtin_rules_dir()]))\n"
        "def state():\n"
        "    return [p._compiled is not None for p in (context._REJECTED, context._META_BEFORE)]\n"
        "found = lint_text(\"Investors flock to Russia's backyard.\", rules)\n"
        "print(len(found), state())\n"
        "found = lint_text(\"Analysts reject calling Central Asia Russia's backyard.\", rules)\n"
        "print(len(found), state())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["1 [False, False]", "0 [True, False]"], done.stderr
