"""Signal ``mention``: the words are discussed as words, not used.

- a noun of discussion before or after the label ("the label X", "the X label", "the term: X",
  the list ``meta_nouns``; after the label the list ``meta_after``), a claim under discussion
  ("the notion that Central Asia is X", with the list ``view_nouns``);
- a naming frame ("so-called X", "dubbed X", "known as X", "referring to ... as X", "X, as
  backpackers call them", "X, Moscow's term for ...");
- the label as the subject of a sentence about the words: "X is a misnomer", "X is a Russian
  term for ...", "X as a catch-all".
"""

from __future__ import annotations

from backyard_lint.model import Context
from backyard_lint.readings.common import (
    COPULA,
    FILL,
    FILL_NP,
    LEX,
    META_NOUN,
    VIEW_NOUN,
    I,
    Reading,
    W,
    any_of,
    norm,
    quote_word,
)
from backyard_lint.readings.lazy import Lazy, gate
from backyard_lint.readings.span import Span

# Nouns after the label that make it a topic: "the post-Soviet label", "backyard mentality".
_META_AFTER = Lazy(
    rf"""^\s*['"”’»]?\s*(?:{LEX.alt("meta_after")})\b""", I, needs=LEX.alt("meta_after")
)
# "X is a Russian term for ...", "X is the name used for ...": a definition of the words.
_DEFINED = Lazy(
    r"""^\s*['"”’»]?\s*(?:,\s*)?(?:is|are|was|were|remains?)\s+(?:(?:a|an|the|one)\s+)"""
    r"(?:[\w-]+\s+){0,3}?(?:term|phrase|word|expression|label|name|coinage|euphemism|"
    r"neologism|shorthand|designation)\s+(?:for|used|coined|that|which|meaning|describing|"
    r"referring|applied|of|invented|introduced)\b",
    I,
    needs=r"term|phrase|word|expression|label|name|coinage|euphemism|neologism|shorthand|designation",
)
# "X refers to the fourteen republics ...", "X, in Russian usage, denotes ...": the words
# defined. A verb in the singular only ("refers", not "refer"): "the former Soviet republics
# refer to Russia as ..." has the countries as its subject, not the words.
_REFERS = Lazy(
    r"""^\s*['"”’»]?\s*(?:,[^,.;:]{1,40},\s*|(?:[\w'’-]+\s+){0,6}?)"""
    r"(?P<verb>refers\s+to|denotes|designates|signifies|(?:is|are|was|were)\s+(?:\w+ly\s+)?used\s+"
    r"(?:to\s+(?:describe|denote|designate|refer\s+to|mean|name)|for\s+(?:the|all|any)))\b",
    I,
)
_REFERS_WORDS = ("refers", "denotes", "designates", "signifies", "used")  # a cheap gate
_META_BEFORE = any_of(
    # "the label X", "the term: X", "the phrase 'X'"
    rf"(?<!other\s)(?<!in\sa\s)\b(?P<noun>{META_NOUN})\s*[:,]?\s+(?:(?:of|about|around)\s+)?"
    rf"{FILL_NP}$",
    # "the name X" (not "in the name of X")
    rf"\b(?P<noun6>names?)\s*[:,]?\s+{FILL_NP}$",
    # "a nickname for the region: X"
    rf"(?<!other\s)\b(?P<noun4>{META_NOUN}|names?)\b(?:\s+{W}){{0,5}}?\s*:\s+{FILL_NP}$",
    # "the notion that Central Asia is X", "the idea of Kazakhstan as X"
    rf"\b(?P<noun2>{META_NOUN}|{VIEW_NOUN})\s+(?:of|about|on)\s+(?:{W}\s+){{1,6}}?"
    rf"(?:as|being|to\s+be)\s+{FILL_NP}$",
    rf"\b(?P<noun3>{META_NOUN}|{VIEW_NOUN})\s+that\s+(?:{W}\s+){{1,8}}?{COPULA}\s+{FILL}$",
    # "the idea that great powers are entitled to X": a claim under discussion. Only a claim of
    # right or need, so that "the notion that Russia enjoys ties with its post-Soviet neighbours"
    # keeps the writer's own label.
    r"\b(?P<noun5>idea|notion|belief|assumption|myth|premise|thesis|fantasy|conviction)\s+that\s+"
    rf"(?:{W}\s+){{1,8}}?(?:entitled\s+to|deserves?|(?:has|have)\s+a\s+right\s+to|should|must|"
    rf"ought\s+to|owns?|needs?)\s+(?:{W}\s+){{0,3}}?{FILL_NP}$",
    # talk about the words: "talk of X", "references to X", "the use of X"
    # ("the language of X" is not here: it is as often the language spoken in X)
    r"\b(?P<talk>talk\s+(?:of|about)|references?\s+to|mentions?\s+of|the\s+use\s+of|usage\s+of)"
    rf"\s+{FILL_NP}$",
)
_CALLED = any_of(
    r"\b(?P<frame>so[- ]called|dubbed|termed|nicknamed|christened|styled|"
    r"(?:known|spelled|spelt|written|transliterated|translated|romani[sz]ed|rendered|glossed|"
    r"referred\s+to|refers?\s+to)"
    r"(?:\s*,[^,;]{1,40},|\s+(?:in\s+\w+|locally|abroad|internationally|widely|commonly|"
    r"officially|then|once|formerly|still|usually|often))*\s+as|spelled|spelt|what\s+(?:is|was|are|were)\s+(?:once\s+|often\s+|"
    r"sometimes\s+|still\s+)?(?:called|termed|known\s+as|referred\s+to\s+as|dubbed)|"
    r"(?:is|are|was|were|be|been|being|often|sometimes|also|once|commonly|widely|usually|"
    r"collectively|still|now|long)\s+(?:called|labell?ed|branded|tagged))\s+(?:as\s+)?"
    rf"{FILL_NP}$",
    # "Referring to Central Asia as X is wrong", "by calling the region X"
    r"(?:^\s*|\b(?:by|of|about|against|from|for|in|on|that|when|with)\s+)"
    r"(?P<gerund>referring\s+to|calling|describing|labell?ing|branding|characteri[sz]ing|"
    r"dubbing|portraying|depicting|framing|casting|painting|dismissing|lumping)\s+"
    rf"(?:{W}\s+){{0,6}}?(?:as\s+|together\s+as\s+)?{FILL_NP}$",
    # "lumped in with the post-Soviet states", "counted among the Stans": a classification
    r"\b(?P<grouped>(?:lumped|grouped|bundled|classed|classified|counted|filed|listed)\s+"
    r"(?:(?:in|together)\s+)*(?:with|among|under|as|into))\s+"
    rf"{FILL_NP}$",
    # the frame words, the gerunds and the participles of grouping
    needs=r"called|dubbed|termed|nicknamed|christened|styled|known|spel[lt]|written|translit|"
    r"translated|romani[sz]ed|rendered|glossed|refer|labell?ed|branded|tagged|calling|describing|"
    r"labell?ing|branding|characteri[sz]ing|dubbing|portraying|depicting|framing|casting|painting|"
    r"dismissing|lumping|lumped|grouped|bundled|classed|classified|counted|filed|listed",
)
# "the near abroad, Moscow's term for its neighbours", "the Stans (a traveller's nickname)"
_APPOSITIVE_TERM = Lazy(
    r"^\s*(?:,|\(|[—–]|\s-)\s*(?:(?:the|a|an|its|their)\s+)?(?:[\w.-]+['’]s?\s+)?"
    r"(?:(?:own|old|official|preferred|favou?rite|usual|common|informal|colloquial|"
    r"Soviet-era|catch-all|loaded|shorthand)\s+)?"
    r"(?:term|phrase|label|name|word|expression|euphemism|shorthand|nickname|moniker|coinage|"
    r"catch-?phrase|tag|designation)\b",
    I,
    needs=r"term|phrase|label|name|word|expression|euphemism|shorthand|nickname|moniker|coinage|"
    r"catch-?phrase|tag|designation",
)
# "the Stans, as backpackers call them,", "the near abroad, as it is known,"
_CALLED_AFTER = Lazy(
    rf"^\s*,?\s*as\s+(?:(?:{W}\s+){{1,4}}?(?:call|calls|called|term|terms|termed|dub|dubs|dubbed|"
    r"name|names|named|nickname|nicknamed|like\s+to\s+call|likes\s+to\s+call)\s+(?:it|them|this|"
    r"these|the\s+\w+)|(?:it|they|this|these)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:called|known|"
    r"dubbed|termed|nicknamed))\b",
    I,
    needs=r"call|term|dub|nam|known",
)
# "Little Russia, as the Ukraine was then called": the label as the name something went by
_WAS_CALLED = Lazy(
    r"^\s*(?:is|was|are|were)\s+(?:then\s+|once\s+|still\s+|often\s+|sometimes\s+|also\s+|"
    r"usually\s+|commonly\s+|widely\s+|long\s+|formerly\s+)?(?:called|known|named|spelled|"
    r"spelt|written|styled)"
    # the naming ends there: not "as Kiev is known for its chestnuts"
    r"\s*(?:[,.;:)!?]|$|\s+(?:then|at\s+the\s+time|in\s+\w+|before|until|back\s+then|by\s+\w+))",
    I,
)
_META_PREDICATE = Lazy(
    r"^\s*['\"”’»]?\s*(?:,\s*)?(?:is|are|was|were|has\s+become|remains?|sounds?|seems?)\s+"
    r"(?:(?:a|an|the|now|often|still|increasingly|simply|just|widely|largely|deeply|"
    r"[a-z]+ly|seen\s+as|considered)\s+)*"
    r"(?:misnomer|myth|fiction|clich[eé]|caricature|stereotype|trope|relic|anachronism|"
    r"misconception|fallacy|insult|slur|(?:outdated|dated|anachronistic|obsolete|loaded|"
    r"offensive|colonial|condescending|derogatory|pejorative|patroni[sz]ing|reductive|"
    r"misleading|inaccurate|lazy|problematic|dismissive|unhelpful)\s+(?:\w+\s+)?(?:term|label|"
    r"phrase|expression|shorthand|description|metaphor|framing|name|word|designation|way))\b",
    I,
    needs=r"misnomer|myth|fiction|clich|caricature|stereotype|trope|relic|anachronism|"
    r"misconception|fallacy|insult|slur|term|label|phrase|expression|shorthand|description|"
    r"metaphor|framing|name|word|designation|way",
)
# "X as a catch-all", "X when they mean Central Asia": the words weighed as words
_AS_A_TERM = Lazy(
    r"^\s*['\"”’»]?\s*(?:as\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:description|descriptor|term|label|"
    r"name|catch-?all|shorthand|synonym|euphemism|byword|umbrella\s+term|designation)\b|"
    r"(?:when|where|if)\s+(?:they|we|you|he|she|people|writers|editors|reporters|journalists|"
    r"analysts|authors)\s+(?:really\s+)?mean\b)",
    I,
    needs=r"description|descriptor|term|label|name|catch-?all|shorthand|synonym|euphemism|byword|"
    r"umbrella|designation|mean",
)
_MISLABEL = Lazy(
    r"^\s*['\"”’»]?\s*(?:,\s*)?(?:is|are|was|were)\s+(?:(?:a|an|the|now|often|still|"
    r"increasingly|[a-z]+ly)\s+)*(?:offensive|condescending|derogatory|pejorative|misleading|"
    r"inaccurate|outdated|anachronistic|colonial|patroni[sz]ing|a\s+misnomer)\s*[.,;!]?\s*$",
    I,
    needs=r"offensive|condescending|derogatory|pejorative|misleading|inaccurate|outdated|"
    r"anachronistic|colonial|patroni[sz]ing|misnomer",
)


_HAS_META = gate(
    rf"\b(?:{META_NOUN}|{VIEW_NOUN}|names?|talk|references?|mentions?|use|usage|language|rhetoric|"
    r"discourse)\b"
)


def mention(span: Span) -> Reading | None:
    m = _META_BEFORE.search(span.head) if _HAS_META(span.head) else None
    if m:
        groups = ("noun", "noun2", "noun3", "noun4", "noun5", "noun6", "talk")
        noun = next(g for g in (m.group(name) for name in groups) if g)
        return Context.MENTION, f"discussed as a term: '{quote_word(noun)}'"
    m = _CALLED.search(span.before)
    if m:
        frame = m.group("frame") or m.group("gerund") or m.group("grouped")
        return Context.MENTION, f"discussed as a term: '{quote_word(frame)} ...'"
    m = _META_AFTER.search(span.after)
    if m:
        return Context.MENTION, f"discussed as a term: '... {quote_word(m.group().strip())}'"
    m = _CALLED_AFTER.search(span.after)
    last = span.before.rstrip()[-3:].lower()
    if m is None and last in ("as", " as", "(as", ",as"):
        m = _WAS_CALLED.match(span.after)
    if m:
        return Context.MENTION, f"discussed as a term: '{quote_word(m.group().strip(' ,'))}'"
    m = _APPOSITIVE_TERM.search(norm(span.text[span.end : min(span.hi, span.end + 80)]))
    if m:
        return Context.MENTION, f"discussed as a term: '{quote_word(m.group().strip(' ,—–-('))}'"
    m = _AS_A_TERM.search(span.after)
    if m:
        return Context.MENTION, f"discussed as a term: '{quote_word(m.group().strip())}'"
    low = span.near_after.lower()
    m = _REFERS.search(span.near_after) if any(w in low for w in _REFERS_WORDS) else None
    if m:
        return Context.MENTION, f"discussed as a term: defined ('{quote_word(m.group('verb'))}')"
    m = _META_PREDICATE.search(span.after) or _DEFINED.search(span.after)
    if m or _MISLABEL.search(span.after):
        return Context.MENTION, "discussed as a term: called a misnomer"
    return None
