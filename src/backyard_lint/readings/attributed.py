"""Signal ``attributed``: the writer reports someone else's view or words.

- "what Moscow calls X", "Moscow regards ... as X", "long considered X", "the Kremlin calls it
  its X" (a verb of perception from the list ``perception_verbs`` and "as", or a verb of naming
  with an object);
- "Putin insists that ... is X", "the Kremlin has said ...", "Lavrov stated that ..." (a speaker
  from the lists ``actors``, ``actor_nations`` and ``actor_roles``, or a capitalised name, with a
  verb of saying from ``say_verbs``) where the label is what is claimed;
- a headline that gives the speaker before a colon: "Lavrov: ...";
- a frame: "in the Kremlin's view, ... is X" (the list ``view_words``), "according to Moscow",
  and "its self-proclaimed X".

A frame attributes only the predicate of its claim, not a label that is the claim's subject; a
first-person speaker ("what we call X") discusses the words instead.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.common import (
    AP,
    CLAUSE_SOFT,
    COPULA,
    FILL,
    FILL_NP,
    LEX,
    I,
    Reading,
    W,
    any_of,
    quote_word,
)
from backyard_lint.readings.lazy import Lazy, gate
from backyard_lint.readings.span import Span

_PERCEIVE = LEX.alt("perception_verbs") + r"|mistakes?\s+\w+\s+for"
_ATTR_WHAT = Lazy(
    rf"\bwhat\s+(?P<who>(?:{W}\s+){{1,6}}?)(?P<verb>calls?|called|call|considers?|considered|"
    r"regards?|regarded|sees?|saw|views?|viewed|describes?|described|terms?|termed|dubs?|dubbed|"
    r"deems?|deemed|perceives?|perceived|refers?\s+to\s+as|referred\s+to\s+as|thinks?\s+of\s+as|"
    r"thought\s+of\s+as|treats?\s+as|treated\s+as|claims?(?:\s+as)?|likes?\s+to\s+call|"
    r"liked\s+to\s+call|used\s+to\s+call|sees?\s+as|saw\s+as|views?\s+as|regards?\s+as|"
    rf"considers?\s+to\s+be|labels?|labell?ed|brands?|branded)\s+(?:as\s+|to\s+be\s+)?{FILL_NP}$",
    I,
    needs=r"what",
)
_ATTR_AS = Lazy(
    rf"\b(?P<verb>{_PERCEIVE})\b(?:\s+{W}){{0,12}}?\s+as\s+{FILL_NP}$",
    I,
)
_ATTR_DIRECT = Lazy(
    r"(?<!-)\b(?P<verb>considers?|considered|deems?|deemed|calls?|called|calling|labels?|"
    r"label(?:l)?ed|brands?|branded|dubs?|dubbed)\s+"
    r"(?P<obj>(?:(?!(?:for|on|upon|up|off|out|in|at|back|into|to|with|from|by|through|across|"
    r"over|under|about|after|before|during|against|between|among|within|without|towards?|around|"
    r"is|was|were|are|has|have|had|made|will|would|that)\b)[\w'’.-]+\s+){0,5}?)"
    rf"(?:to\s+be\s+)?{FILL_NP}$",
    I,
    needs=r"consider|deem|call|label|brand|dub",
)
# Before "considered X" with no object: the participle ("long considered X"), not the verb
# whose object is the label itself ("Putin considers the former Soviet republics ...").
_PASSIVE = Lazy(
    r"(?:^|[,(]|\b(?:is|are|was|were|be|been|being|long|often|widely|once|still|generally|"
    r"commonly|traditionally|usually|sometimes|historically|formerly|previously|also|now|"
    r"what|that|which))\s*$",
    I,
)
# "a sea that Washington considers X": the relative pronoun is the object, X the view.
_RELATIVE_CONSIDER = Lazy(
    r"\b(?:that|which|what|whom)\s+(?:[\w'’.-]+\s+){1,4}?(?:considers?|considered|deems?|deemed|"
    rf"calls?|called)\s+(?:to\s+be\s+)?{FILL_NP}$",
    I,
)
_POSSESSOR = rf"(?:(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?{AP}s?|their|his|her)"
_VIEW_WORDS = LEX.alt("view_words")
_ATTR_FRAME = any_of(
    rf"\bin\s+{_POSSESSOR}\s+(?:own\s+)?(?:{_VIEW_WORDS})\b",
    rf"\bin\s+the\s+(?:{_VIEW_WORDS})\s+of\b",
    r"\bin\s+(?:Kremlin|Russian|Moscow|official|Soviet|Putin|Putinist|nationalist|imperial|"
    r"Western|Chinese|American|Beijing|Washington|state|government)\s+(?:official\s+)?"
    r"(?:parlance|rhetoric|jargon|terms|language|thinking|discourse|narratives?|propaganda|"
    r"imagination|lexicon|vocabulary|eyes|speak|terminology)\b",
    rf"\bfrom\s+{_POSSESSOR}\s+(?:own\s+)?(?:perspective|point\s+of\s+view|standpoint|"
    r"vantage\s+point|viewpoint|side)\b",
    r"\bfrom\s+the\s+(?:perspective|point\s+of\s+view|standpoint|vantage\s+point|viewpoint)\s+of\b",
    rf"\bas\s+(?:{W}\s+){{1,4}}?(?:sees?|saw|puts?|views?|viewed|calls?|called|terms?|termed|"
    r"would\s+have\s+it|likes?\s+to\s+(?:call|put|say|think\s+of)|understands?|understood)"
    r"\s+(?:it|them|things)\b",
    # "according to" attributes the label only when the source is the one whose view the label
    # voices (a government, its officials, a doctrine), not a forecast by experts or a report.
    r"\baccording\s+to\s+(?:the\s+)?(?:Kremlin|Moscow|Putin|Russia|Russian|China|Chinese|Beijing|"
    r"Xi|Washington|America|American|US|U\.S\.|Canberra|Australia|Australian|Brussels|EU|Delhi|"
    r"India|Indian|officials?|propaganda|state|government|this|that|such|these|those|their|his|"
    r"her|him|them|its|(?:\w+\s+){0,3}(?:officials?|spokes(?:man|woman|person)|ministry|minister|"
    r"president|leaders?|nationalists|hawks|hardliners|propagandists|ideologues|doctrine|view|"
    r"logic|narrative|thinking|reasoning|rhetoric|worldview))\b"
    r"(?!\s+(?:statistics|data|figures|estimates|census|numbers|records|surveys?|polls?|reports?|"
    r"sources?|documents|websites?|budget|accounts))",
    # the nouns of the frames, "according to", and "as ... sees it"
    needs=rf"{_VIEW_WORDS}|parlance|rhetoric|jargon|terms|language|thinking|discourse|narrative|"
    r"propaganda|imagination|lexicon|vocabulary|eyes|speak|terminology|perspective|point\s+of"
    r"\s+view|standpoint|vantage|viewpoint|side|according\s+to|\bas\s(?s:.)*\b(?:sees?|saw|"
    r"puts?|views?|viewed|calls?|called|terms?|termed|would\s+have\s+it|likes?\s+to|"
    r"understands?|understood)\s+(?:it|them|things)\b",
)
_ATTR_CLAIM = Lazy(
    r"\b(?P<who>[\w'’.-]+)\s+(?:(?:still|long|has\s+long|have\s+long|often|also|firmly|"
    r"apparently|evidently|clearly|openly|repeatedly|reportedly)\s+)*"
    r"(?P<verb>claims?|claimed|claiming|insists?|insisted|insisting|maintains?|maintained|"
    r"alleges?|alleged|pretends?|pretended|imagines?|imagined|believes?|believed|thinks|"
    r"assumes?|assumed|presumes?|presumed|likes?\s+to\s+(?:think|believe|pretend|imagine)|"
    r"would\s+have\s+(?:us|you|the\s+world|everyone)\s+believe|"
    r"wants?\s+(?:us|the\s+world|everyone|others)\s+to\s+believe)\b"
    rf"(?:\s+that)?(?:\s+{W}){{0,8}}?\s+{COPULA}\s+{FILL}$",
    I,
    needs=r"claim|insist|maintain|alleg|pretend|imagin|believ|think|assum|presum",
)
# A government or its people speaking: "the Kremlin has said", "Chinese officials insist".
_ACTOR = (
    # a common noun may open the sentence: "Officials said ..."
    rf"(?:[Tt]he\s+)?(?:{LEX.alt('actors')}|(?:(?:{LEX.alt('actor_nations')})\s+)+"
    rf"(?:{LEX.alt('actor_roles')})|[Oo]fficials|[Ss]pokes(?:man|woman|person)|"
    r"(?:[Tt]he\s+)?(?:[Ff]oreign\s+)?[Mm]inistry)"
)
_ATTR_SAY = Lazy(
    rf"\b(?P<who>{_ACTOR})\s+(?:(?:has|have|had|long|repeatedly|often|also|now|reportedly|"
    r"openly|publicly|recently|previously|again|still|always)\s+)*"
    r"(?:(?P<verb>says?|said|told\s+\w+|tells\s+\w+|warned|warns|speaks?\s+of|spoke\s+of|"
    r"talks?\s+(?:of|about)|talked\s+(?:of|about)|refers?\s+to|referred\s+to)\b(?:\s+that)?"
    rf"|(?P<verb_that>{LEX.alt('say_verbs')})\s+that\b)(?P<verb_end>)"
    rf"(?:\s+{W}){{0,12}}?\s+$",
    needs=rf"say|said|told|tells|warn|speak|spoke|talk|refer|{LEX.alt('say_verbs')}",
)
# Reported speech: a named or pronoun speaker's "that" clause ("Nazarbayev stated that ...",
# "He added that ...", "..., insisting that ...") holds the speaker's words, not the writer's.
_NAMED_SAY = Lazy(
    r"(?:\b(?P<who>[Hh]e|[Ss]he|[Tt]hey|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s+"
    r"(?:has\s+|had\s+|also\s+|further\s+|later\s+)*"
    r"(?P<verb>said|stated|assured|declared|insisted|argued|suggested|claimed|wrote|added|noted|"
    r"asserted|told\s+\w+)"
    r"|,\s*(?P<part>insisting|saying|stating|noting|adding|arguing|claiming|asserting|declaring|"
    r"assuring))\s+that\b(?:\s+\S+){1,16}?\s+$",
    needs="that",
)
# A headline that names its speaker before a colon: "Lavrov: ...".
_HEADLINE_SPEAKER = Lazy(rf"\s*(?P<who>(?:{LEX.alt('actors')})(?:\s+[A-Z][\w'’.-]+)?)\s*:\s")
# What a government says is its view only where the label is what it claims or wants: "...
# said Ukraine belongs to its near abroad", "... said it wants a buffer zone", "speaks of the
# near abroad". A wire reporter's own "in the former Soviet republic of Armenia, officials
# said" stays a use.
_CLAIMED_SHAPE = Lazy(
    rf"(?:^\s*|\s(?:{COPULA}|as|part\s+of|wants?|wanted|seeks?|sought|demands?|demanded|"
    r"calls?\s+for|called\s+for|proposes?|proposed|plans?|planned|needs?|needed|envisages?|"
    # "... remains (firmly) within Moscow's X": membership claimed
    r"envisaged)\s+)(?:(?:firmly\s+|still\s+|well\s+)?(?:within|inside|in|among)\s+)?"
    rf"(?:{FILL_NP})$",
    I,
)
_DISTANCING = Lazy(
    r"\b(?P<adj>self-declared|self-proclaimed|self-styled|self-appointed|perceived|presumed|"
    r"supposed|putative|purported|alleged|would-be|imagined|imaginary|claimed|notional|"
    r"mythical|mythic|fabled|self-described)\s+(?:\w+\s+)?$",
    I,
)
_FIRST_PERSON = frozenset({"i", "we", "i'd", "we'd", "you", "us", "one"})


_HAS_AS = gate(r"\bas\b")


def attributed(span: Span) -> Reading | None:
    m = _NAMED_SAY.search(span.head)
    if m:
        said = f"{m.group('who')} {m.group('verb')}" if m.group("verb") else m.group("part")
        return Context.ATTRIBUTED, f"attributed: '{quote_word(said)} that'"
    m = _HEADLINE_SPEAKER.match(span.text, span.lo, span.start)
    if m:
        return Context.ATTRIBUTED, f"attributed: headline '{m.group('who')}: ...'"
    m = _ATTR_WHAT.search(span.before)
    if m:
        who = m.group("who").split()
        verb = m.group("verb").split()[0]
        if who and who[0].lower() in _FIRST_PERSON:
            return Context.MENTION, f"discussed as a term: 'what {who[0]} {verb}'"
        return Context.ATTRIBUTED, f"attributed: 'what ... {verb}'"
    m = _DISTANCING.search(span.before) or _DISTANCING.search(span.match + " ")
    if m and m.group("adj").lower() != "so-called":
        return Context.ATTRIBUTED, f"attributed: '{m.group('adj')}'"
    m = None
    if _HAS_AS(span.before):
        m = _ATTR_AS.search(span.clause) or _ATTR_AS.search(span.before)
    if m:
        return Context.ATTRIBUTED, f"attributed: '{m.group('verb')} ... as'"
    m = _ATTR_DIRECT.search(span.clause)
    if m and (
        m.group("obj").strip()
        or _PASSIVE.search(span.clause, 0, m.start())
        or _RELATIVE_CONSIDER.search(span.before)
    ):
        return Context.ATTRIBUTED, f"attributed: '{m.group('verb')}'"
    m = _ATTR_CLAIM.search(span.clause)
    if m and m.group("who").lower() not in _FIRST_PERSON:
        return Context.ATTRIBUTED, f"attributed: '{m.group('verb')}'"
    m = _ATTR_SAY.search(span.before)
    if m and _CLAIMED_SHAPE.search(" " + span.before[m.end("verb_end") :]):
        verb = m.group("verb") or m.group("verb_that")
        return Context.ATTRIBUTED, f"attributed: '{quote_word(m.group('who'))} {verb}'"
    # A frame such as "in the Kremlin's view" or "according to Moscow" attributes the claim's
    # predicate: the label must sit there ("..., Kazakhstan is X"), not be the subject the
    # claim is about ("In Europe's eyes, the post-Soviet space is a blank").
    m = _ATTR_FRAME.search(span.before)
    if m and _predicate(_last_clause(span.before[m.end() :])):
        return Context.ATTRIBUTED, f"attributed: '{quote_word(m.group())}'"
    m = _ATTR_FRAME.search(span.near_after)
    if m and _predicate(span.clause):
        return Context.ATTRIBUTED, f"attributed: '{quote_word(m.group())}'"
    return None


_VERBISH = Lazy(
    rf"\b(?:{COPULA}|seems?|appears?|lies|lay|has|have|had|belongs?)\b|\b\w+(?:ed|es)\b", I
)
_DETERMINER = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})


def _last_clause(between: str) -> str:
    """What follows a frame up to the label: past the frame's own comma, in the last clause."""
    rest = between.partition(",")[2] or between
    cut = 0
    for m in CLAUSE_SOFT.finditer(rest):
        cut = m.end()
    return rest[cut:]


def _predicate(between: str) -> bool:
    """True when the words before the label hold a verb, so the label is in the predicate."""
    words = [w for w in re.findall(r"[\w'’-]+", between) if w.lower() not in _DETERMINER]
    return len(words) >= 2 or bool(_VERBISH.search(between))
