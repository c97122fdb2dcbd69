"""Signal ``historical``: the label is right for the period the sentence describes.

- a past time governs the label: "in the Cold War", "until 1989", "of the nineteenth century";
- "post-Soviet" or "former Soviet" as a time: followed by a period noun ("the post-Soviet era",
  "the post-Soviet economic transition"; the list ``period_nouns``, which a rule's
  ``period_nouns`` hint extends), after "the early" or "the turbulent", or beside the 1990s or a
  year up to the early 1990s ("by 1993");
- the Soviet Union itself in the past: "the collapse of the former Soviet Union" (the list
  ``union_itself``), "the previous status of Russia in the former USSR", "... divided the
  previously single country";
- the break-up told as an event earlier in the sentence, with the label's own verb in the past:
  "After the collapse of the USSR, the former Soviet republics faced ..." (the list
  ``breakup_nouns``); "since the collapse", or a present or perfect verb after the label ("...
  republics have grown apart"), make the time run until now;
- for a spelling (an exonym rule), a sentence about events before independence: a year up to
  1991, a century, or an event or state of the past from the list ``past_events`` ("the Russian
  Empire", "the Second World War", "Soviet statistics", "pagan idols"), or a period adjective
  right before the place (``past_adjectives``: "medieval Kiev", "tsarist Odessa").

"Since 1991", "unlike in the 1990s", "today" make the time run until now: no period reading.
An ordinal or a quantifier ("the first former Soviet republic to ...", "throughout the former
Soviet republics") is not a time.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.common import LEX, I, Reading, quote_word
from backyard_lint.readings.lazy import Lazy, gate
from backyard_lint.readings.span import Span

_PERIOD_NOUNS = LEX.words("period_nouns")
_WORD = Lazy(r"[\w'’-]+")
_PERIOD_ADJ = Lazy(
    r"[a-z][a-z-]*(?:al|ic|ical|ary|ive|ian|ed|ing|ous|ful|ent|ant|ist|ly|y|st)|"
    r"early|late|first|initial|new|long|short|three|two|thirty|twenty|few|many",
)
_PERIOD_BEFORE = Lazy(
    r"\b(?:the\s+|its\s+|their\s+)?(?:early|earliest|late|immediate|formative|turbulent|chaotic|"
    r"heady|lean)\s+(?:twenty\s+|thirty\s+|two\s+|three\s+|few\s+)?$"
    r"|\b(?:since|during|after)\s+the\s+$",
    I,
)
_DECADE = Lazy(
    r"\b(?:in|during|throughout|by|until|through|of)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?\s*)?"
    r"(?:1990s|['’]?90s|nineties)\b|\bin\s+199\d\b",
    I,
)
_SOVIET_WORD = Lazy(r"soviet|ussr|communis", I)
_UNION = Lazy(r"union|ussr|u\.s\.s\.r", I)
# "the collapse of the former Soviet Union": the state itself, in the past.
_UNION_ITSELF = Lazy(
    rf"\b(?:{LEX.alt('union_itself')})\s+of\s+(?:the\s+)?$"
    r"|\b(?:born|lived|grew\s+up|served|studied|worked)\s+in\s+(?:the\s+)?$"
    # "independence from the former Soviet Union": leaving the state itself
    r"|\b(?:independence|separation|secession|withdrawal|exit|departure)\s+from\s+(?:the\s+)?$"
    r"|\b(?:broke|break|breaking|emerged|emerging|seceded|withdrew)\s+(?:away\s+)?from\s+"
    r"(?:the\s+)?$"
    # "was once a republic of the former USSR": past tense, not today's region
    r"|\b(?:was|were)\s+(?:once\s+|then\s+)?(?:an?\s+|the\s+)?(?:part|parts|republics?|members?)"
    r"\s+of\s+(?:the\s+)?$",
    I,
)
# "the previous status of Russia in the former USSR", "... the former Soviet Union divided the
# previously single country": the Union told as a state of the past.
_PREVIOUS = Lazy(
    r"\b(?:previous|erstwhile)\s+(?:[\w'’-]+\s+){0,8}?(?:in|of|within)\s+(?:the\s+)?$", I
)
_PREVIOUSLY = Lazy(
    r"^\s*(?:[\w'’-]+ed|split|broke|left|tore)\s+(?:the|a|its|their)\s+previously\b", I
)
# A time before the label's present-day sense: "in the Cold War", "until 1989", "of the
# nineteenth century". Any rule: the label then describes a past arrangement.
_PAST = (
    r"(?:the\s+)?(?:1[5-8]\d\d|19[0-8]\d|199[01])\b(?!s)|(?:the\s+)?1[5-9]\d0s"
    r"|(?:the\s+)?(?:1[5-9]th|20th|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)"
    r"[- ]centur(?:y|ies)|(?:the\s+)?(?<!new\s)cold\s+war|soviet\s+(?:times|rule|days)"
    r"|the\s+soviet\s+(?:era|period|years)|the\s+tsars|tsarist\s+times|the\s+interwar\s+years"
    r"|the\s+(?:last|previous)\s+century"
)
# a date's month (and day) before its year: "in July 1917", "on September 19, 1941"
_MONTH = (
    r"(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)"
)
_PAST_PREP = r"\b(?:in|during|until|till|before|under|throughout|by)\s+"
# searched only in text that holds a digit: a month's name is tried at every word
_PAST_DATE = Lazy(
    rf"(?<!since\s)\b(?:in|during|until|till|before|by|on)\s+{_MONTH}"
    r"(?:1[5-8]\d\d|19[0-8]\d|199[01])\b",
    I,
)
_EVENT_DATE = Lazy(rf"{_MONTH}(?:[1-9]\d\d|1[0-8]\d\d|19[0-8]\d|199[01])\b(?!s)", I)
_DIGIT = Lazy(r"\d")
_PAST_BEFORE = Lazy(rf"(?<!since\s){_PAST_PREP}(?:{_PAST})", I)
_PAST_AFTER = Lazy(
    rf"(?<!since\s){_PAST_PREP}(?:{_PAST})|\bof\s+the\s+(?:1[5-9]th|20th|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth)[- ]century",
    I,
)
_YEAR = Lazy(r"(?<!since )(?<!since the )\b(?:19(?:8[5-9]|9\d))\b(?!s)")
_PAST_EVENT = Lazy(
    rf"(?<![\w-])(?:{LEX.alt('past_events')})(?![\w-])"
    # a year up to independence after a preposition or in brackets: "in 1941", "(980)"
    r"|(?:\b(?:in|of|by|until|till|before|after|during|from|to|circa|c\.)\s+(?:the\s+year\s+)?"
    r"|\()"
    r"(?:[1-9]\d\d|1[0-8]\d\d|19[0-8]\d|199[01])\b(?!s|\s*(?:rooms?|km|miles|people|metres|meters))"
    # a year before a noun: "the 1978 conference", "the 1941 massacre" (not "the 300 best")
    r"|\bthe\s+(?:18\d\d|19[0-8]\d|199[01])\b(?!s)"
    r"|\b(?:1[0-9]th|20th|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth)[- ]centur(?:y|ies)\b",
    I,
)


# Cheap tests (RE2, one pass) for the words the long patterns above need: most sentences
# hold none, and the patterns cost tens of microseconds a sentence.
_HAS_PAST = gate(r"\d\d\d|centur|cold\s+war|soviet|tsar|interwar")
_HAS_PAST_EVENT = gate(rf"{LEX.alt('past_events')}|\d\d\d|centur|\(")


def historical(span: Span) -> Reading | None:
    """Any rule: a past time, or "post-Soviet"/"former Soviet" as a period."""
    m = None
    if _HAS_PAST(span.clause):
        m = _PAST_BEFORE.search(span.clause) or _date(_PAST_DATE, span.clause)
    if m and _SINCE.search(span.clause + span.near_after):
        m = None  # "since independence in 1991": a time that runs until now
    if m is None and _HAS_PAST(span.near_after):
        m = _PAST_AFTER.search(span.near_after) or _date(_PAST_DATE, span.near_after)
        if m and (_SINCE.search(span.near_after) or _RELATIVE.match(span.near_after)):
            m = None  # "..., which won independence in 1991, now number fifteen"
    if m:
        return Context.HISTORICAL, f"period: '{quote_word(m.group().strip())}'"
    extra = span.rule.hint("period_nouns")
    if not (_SOVIET_WORD.search(span.match) or extra):
        return None
    nouns = _PERIOD_NOUNS.union(w.lower() for w in extra)
    # the next word, or the one after a single adjective: "post-Soviet (economic) transition"
    for i, word in enumerate(_WORD.findall(span.after)[:2]):
        if word.lower() in nouns:
            return Context.HISTORICAL, f"period: followed by '{word}'"
        if i or word[0].isupper() or not _PERIOD_ADJ.fullmatch(word.lower()):
            break
    if _UNION.search(span.match):
        m = _UNION_ITSELF.search(span.clause)
        if m is None and not _SINCE.search(span.clause + span.near_after):
            m = _PREVIOUS.search(span.clause) or _PREVIOUSLY.search(span.near_after)
        if m:
            return (
                Context.HISTORICAL,
                f"the Soviet Union itself: '{quote_word(m.group().strip())}'",
            )
    bare_adjective = _SOVIET_WORD.search((span.match.split() or [""])[-1])
    m = _PERIOD_BEFORE.search(span.clause)
    if m and (bare_adjective or not m.group().lower().startswith(("since", "during", "after"))):
        return Context.HISTORICAL, f"period: after '{quote_word(m.group().strip())}'"
    relative = _RELATIVE.match(span.near_after)
    local = span.clause + span.match + " " + ("" if relative else span.near_after)
    m = _DECADE.search(local) or _YEAR.search(local)
    if m and not _SINCE.search(local):  # "since independence in 1991": until now
        return Context.HISTORICAL, f"period: '{quote_word(m.group())}'"
    return _after_breakup(span)


_SOVIET_UNION = r"(?:the\s+)?(?:Soviet\s+Union|USSR|U\.S\.S\.R\.?)\b"
_BREAKUP = Lazy(
    rf"\b(?:{LEX.alt('breakup_nouns')})\s+of\s+{_SOVIET_UNION}"
    rf"|\b(?:separation|independence|secession|split|break)\s+from\s+{_SOVIET_UNION}"
    rf"|{_SOVIET_UNION}\s+(?:collapsed|broke\s+up|fell\s+apart|dissolved|disintegrated|imploded)",
    I,
)
# "since the collapse", "thirty years after the collapse": a time that runs until now
_SINCE_BREAKUP = Lazy(
    r"\b(?:since|(?:years|decades|generations?|a\s+century)\s+(?:on\s+)?after)\s+(?:the\s+)?$", I
)
_NOW_VERB = Lazy(
    r"^\W*(?:\w+\W+){0,3}?(?:is|are|has|have|remains?|continues?|still|now|today|seems?|looks?)\b",
    I,
)


def _after_breakup(span: Span) -> Reading | None:
    """The break-up named as an event before the label, the label's verb in the past."""
    m = _BREAKUP.search(span.head)
    if m is None or _SINCE_BREAKUP.search(span.head[max(0, m.start() - 40) : m.start()]):
        return None
    if _NOW_VERB.search(span.after) or _SINCE.search(span.head[m.end() :]):
        return None
    return Context.HISTORICAL, f"after the break-up: '{quote_word(m.group())}'"


# a relative clause after the label tells its referents' past, not the label's time
_RELATIVE = Lazy(r"^\s*,?\s*(?:which|who|that|whose)\b", I)
# "since 1991", "unlike in the 1990s", "now": a time that runs until today
_SINCE = Lazy(
    r"\b(?:since|ever\s+since|unlike|compared\s+(?:to|with)|than|now|today|nowadays|currently|"
    r"these\s+days)\b",
    I,
)


# A period adjective right before the place: "medieval Kiev", "tsarist Odessa".
_PAST_ADJECTIVE = Lazy(rf"(?<![\w-])(?:{LEX.alt('past_adjectives')})\s+$", I)


def _date(pattern: Lazy, text: str) -> re.Match[str] | None:
    """A full date before independence in ``text`` ("on September 19, 1941")."""
    return pattern.search(text) if _DIGIT.search(text) else None


def historical_spelling(span: Span) -> Reading | None:
    """A spelling in a sentence about events before independence (an exonym rule)."""
    found = historical(span)
    if found:
        return found
    m = _PAST_ADJECTIVE.search(span.text, max(span.lo, span.start - 30), span.start)
    if m:
        return Context.HISTORICAL, f"period: '{quote_word(m.group().strip())} {span.match}'"
    m = None
    if _HAS_PAST_EVENT(span.sentence):
        m = _PAST_EVENT.search(span.sentence) or _date(_EVENT_DATE, span.sentence)
    if m and not _SINCE.search(span.sentence[max(0, m.start() - 12) : m.start()]):
        return Context.HISTORICAL, f"period: '{quote_word(m.group())}'"
    return None
