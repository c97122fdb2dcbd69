"""Signals ``rejected`` and ``negated``: the writer denies the label.

- ``rejected``: a verb of rejection governs the label ("rejects the idea that ... is X",
  "resent being called X", "stop calling the region X", "don't call Kazakhstan X"); the verbs are
  the lists ``rejection_verbs`` and ``rejection_direct`` (verbs that take the label as their
  object and cannot be read otherwise). A denied denial affirms ("nobody disputes that ...").
- ``negated``: a denial right before the label ("is not X", "no longer X", "rather than X",
  "far from X", "neither X"), or one after it about the label itself ("X no more", "the term no
  longer applies"). "Not only X", "not just X", "not the only X" concede X; "is not X ..., but it
  comes close" takes the denial back.
"""

from __future__ import annotations

from backyard_lint.model import Context
from backyard_lint.readings.common import (
    AP,
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
    quote_word,
)
from backyard_lint.readings.lazy import Lazy, gate
from backyard_lint.readings.span import Span

# "not only X", "not just X", "not the only X" concede X
_NOT_ADDITIVE = (
    r"(?!\s+(?:(?:the|a|an)\s+)?(?:only|just|merely|simply|solely|exclusively|purely|sole|"
    r"single|first|last)\b)"
)
_NEG_CUE = (
    rf"(?<!\bor\s)\bnot\b{_NOT_ADDITIVE}|n{AP}t\b{_NOT_ADDITIVE}|\bcannot\b|\bnever\b|\bno\s+(?:longer|more)\b"
    r"|\bhardly\b|\bscarcely\b|\bfar\s+from\b|\banything\s+but\b|\bby\s+no\s+means\b"
    r"|\bin\s+no\s+(?:way|sense)\b|\bneither\b|\bnor\b|\brather\s+than\b|\binstead\s+of\b"
    r"|\bceased?\s+to\s+be\b|\bstop(?:s|ped)?\s+being\b|\bno\s+such\s+(?:thing|place)\s+as\b"
    r"|\bno(?:body|\s+one){AP}s\b|\bleast\s+of\s+all\b|\blet\s+alone\b"
)
_NEGATED = Lazy(rf"(?P<cue>{_NEG_CUE})[\s,]+{FILL}$", I)
# A denial after the label that is about the label itself: "Russia's backyard no more", "the
# post-Soviet space no longer exists"; not "the post-Soviet states no longer depend on gas".
_NEG_AFTER = Lazy(
    r"^[\s,]*(?:no\s+more\b(?!\s+than)|(?:no\s+longer|(?:does|do)\s*(?:not|n['’]t))\s+"
    r"(?:exists?|applies|apply|fits?|holds?|describes?|makes?\s+(?:any\s+)?sense|"
    r"means?\s+(?:much|anything))\b|(?:has|have)\s+ceased\s+to\s+exist|"
    r"(?:it|this|that)\s+(?:is|was)\s*(?:not\b|n['’]t\b))",
    I,
)
_REJECT = LEX.alt("rejection_verbs")
_REJECT_DIRECT = LEX.alt("rejection_direct")
_REJECTED = any_of(
    # "rejects the label (of) X", "rejects the idea that ... is X", "rejects being X"
    rf"\b(?P<verb>{_REJECT})\s+(?:{W}\s+){{0,4}}?(?:{META_NOUN}|{VIEW_NOUN})\b"
    rf"(?:\s+(?:of|about|that|as|for)\b(?:\s+{W}){{0,10}}?)?[\s,:]+{FILL_NP}$",
    rf"\b(?P<verb2>{_REJECT})\s+(?:(?:the\s+)?(?:idea|notion|claim|view|suggestion)\s+)?"
    rf"(?:that\s+)(?:{W}\s+){{1,8}}?{COPULA}\s+{FILL}$",
    rf"\b(?P<verb3>{_REJECT})\s+(?:being\s+(?:{W}\s+){{0,2}}?(?:as\s+)?|to\s+be\s+){FILL_NP}$",
    # "stopped thinking of itself as X", "stop calling the region X"
    r"\b(?P<verb5>(?:stop|stops|stopped|stopping|quit|quits|ceased?|ceases)\s+(?:thinking\s+of|"
    r"seeing|viewing|regarding|treating|describing|calling|referring\s+to|labell?ing))\s+"
    rf"(?:{W}\s+){{0,4}}?(?:as\s+)?{FILL_NP}$",
    # a direct object only after verbs that cannot be read otherwise ("rejects X")
    rf"\b(?P<verb4>{_REJECT_DIRECT})\s+{FILL_NP}$",
    # "don't call Kazakhstan X", "never describe the region as X": an imperative denial
    r"(?:^\s*|[.!?,;:]\s*|\b(?:please|so|and|but|just)\s+)"
    rf"(?P<verb6>(?:do\s+not|don{AP}t|never|let{AP}s\s+not)\s+"
    r"(?:call|describe|label|refer\s+to|think\s+of|treat|dismiss|lump))\s+"
    rf"(?:{W}\s+){{0,6}}?(?:as\s+)?{FILL_NP}$",
)
# "Nobody disputes that X is ...": a denied denial affirms.
_DENIED_DENIAL = Lazy(
    rf"(?:\b(?:no\s+one|nobody|none|few|not|never|hardly|cannot)\b|n{AP}t\b)"
    r"(?:\s+[\w'’-]+){0,2}\s*$",
    I,
)
# "is not X ..., but it comes close": the writer takes the denial back.
_NEG_UNDONE = Lazy(
    r"\bbut\s+(?:it|this|that|they|he|she|the\s+\w+)\s+(?:\w+\s+)?(?:comes?|came|is|are|was|"
    r"were|gets?|got|feels?|looks?|seems?)\s+(?:\w+\s+)?(?:close|near|nearly|almost|similar)\b",
    I,
)
# A short parenthetical that may sit between a cue and the label: "is not, as some claim, X".
_PARENTHETICAL = Lazy(r",[^,;]{1,40},")


_HAS_REJECT = gate(
    rf"\b(?:{_REJECT}|{_REJECT_DIRECT}|stop|stops|stopped|stopping|quits?|ceased?|ceases)"
    r"|\b(?:not|never)\b|n['’]t\b"
)
_HAS_NEGATION = gate(
    r"\b(?:not|cannot|never|no|hardly|scarcely|far|anything|neither|nor|rather|instead|ceased?|"
    r"stop|stops|stopped|least|let|nobody|none)\b|n['’]t\b"
)


def rejected(span: Span) -> Reading | None:
    clause = span.clause
    m = _REJECTED.search(clause) if _HAS_REJECT(clause) else None
    if m and not _DENIED_DENIAL.search(clause, 0, m.start()):
        groups = ("verb", "verb2", "verb3", "verb4", "verb5", "verb6")
        verb = next(g for g in (m.group(name) for name in groups) if g)
        return Context.NEGATED, f"rejected: '{quote_word(verb)}'"
    return None


def negated(span: Span) -> Reading | None:
    if _NEG_UNDONE.search(span.text, span.end, span.hi):
        return None
    clause = span.clause
    if not _HAS_NEGATION(clause):
        m = None
    else:
        m = _NEGATED.search(clause) or _NEGATED.search(_PARENTHETICAL.sub(" ", clause))
    if m:
        return Context.NEGATED, f"negated by '{quote_word(m.group('cue'))}'"
    m = _NEG_AFTER.search(span.after)
    if m:
        return Context.NEGATED, f"negated by '{quote_word(m.group().strip(' ,'))}'"
    return None
