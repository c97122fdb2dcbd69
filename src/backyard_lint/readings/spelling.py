"""Signals ``contrast`` and ``spelling``: a place's name discussed as a name.

- ``contrast``: a spelling set against its replacement close by, joined by a word of contrast
  or only by punctuation ("Kyiv, not Kiev", "Almaty (formerly Alma-Ata)"); "the Ukraine ...
  Ukraine's ports" elsewhere in the sentence is no contrast;
- ``spelling``: the spelling named as a spelling in a language or a period ("Kiev, the Russian
  spelling", "Kharkov (Russian)", "named Lvov in Russian", "(Russian: Kharkov)", "the Soviet-era
  name Alma-Ata"): the lists ``name_languages`` and ``spelling_nouns``.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.common import LEX, I, Reading, quote_word
from backyard_lint.readings.lazy import Lazy
from backyard_lint.readings.span import Span

_LANG = LEX.alt("name_languages")
_NOUN = LEX.alt("spelling_nouns")
# after the spelling: "Kharkov (Russian)", "Kiev, the Russian spelling", "Lvov in Russian"
_SPELLING_AFTER = Lazy(
    rf"\s*(?:[,(]\s*|[—–]\s*|-\s+|\s+)(?:(?:the|its|a|an|in|from)\s+)?(?:(?:{_LANG})\b"
    rf"(?:\s*[:)]|\s+(?:{_NOUN})\b|\s*[,.;]|\s*$)|(?:{_NOUN})\s+(?:in|from)\s+(?:{_LANG})\b)"
    rf"|\s+(?:in|from)\s+(?:{_LANG})\b"
    # "Kiev is how Russian speakers say it": the word's use described
    r"|\s*(?:is|was)\s+how\s+(?:[\w'’-]+\s+){1,4}?(?:say|says|said|spell|spells|spelled|spelt|"
    r"write|writes|wrote|pronounce|pronounces|pronounced|call|calls|called|knew|know|knows)\b"
    # "Lugansk, as Luhansk is spelled in Russian": the spelling of another language
    r"|\s*,\s*as\s+(?:[\w'’-]+\s+){1,3}?(?:is|was|are|were)\s+(?:usually\s+|often\s+)?"
    rf"(?:spelled|spelt|written|known|called|transliterated|rendered)\s+in\s+(?:{_LANG})\b"
    # "(Kiev) is in Russian", "Kiev is the Russian spelling", "Kiev comes from the Russian"
    rf"|[)\"”’']?\s*,?\s*(?:is|was|comes|came)\s+(?:from\s+|in\s+)?(?:the\s+)?(?:{_LANG})\b"
    rf"(?:\s+(?:{_NOUN})\b|\s*[,.;)]|\s*$)",
    I,
)
# before the spelling: "(Russian: Kharkov)", "the Russian name Kharkov", "named Lvov"
_SPELLING_BEFORE = Lazy(
    rf"(?:\b(?:{_LANG})\s*(?:(?:{_NOUN})\s*)?[:=]\s*|\b(?:{_LANG})\s+(?:{_NOUN})"
    # "the Russian name for the city is Kharkov"
    r"(?:\s+(?:for|of)\s+(?:the\s+|this\s+|that\s+|its\s+)?[\w'’-]+)?\s*[:,]?\s*"
    r"(?:was\s+|is\s+)?|\b(?:named|renamed\s+from|spelled|spelt|written|transliterated|"
    r"pronounced|romani[sz]ed)\s+|\b(?:from|of)\s+"
    rf"|\b(?:the|a|this|that)\s+(?:{_NOUN})\s+)['\"“‘(]?$",
    I,
)
# "stop saying Kiev", "many still write Kiev out of habit": the word said or written. The
# word must end its clause (or a habit or a contrast follow it): in "officials said Kiev
# must accept" it is the subject of what was said.
_SAID = LEX.words("word_verbs")
_SAID_AFTER = Lazy(
    r"\s*(?:[.,;:!?)\"”’]|$|(?:instead|any\s*more|out\s+of\s+habit|by\s+habit|"
    r"in\s+(?:English|Russian)|rather\s+than|when\s+(?:they|we|you|people)|because)\b)",
    I,
)
_FROM_OF = Lazy(r"\b(?:from|of)\s+['\"“‘]?$", I)
_NAME_CHANGE = Lazy(rf"\b(?:{_NOUN}|renamed|changed|change)\b", I)


def spelling(span: Span) -> Reading | None:
    """The spelling named as a spelling of a language or a period."""
    m = _SPELLING_AFTER.match(span.text, span.end, span.hi)
    if m:
        return Context.MENTION, f"a spelling: '{quote_word(m.group().strip(' ,(—–-'))}'"
    head = span.text[max(span.lo, span.start - 60) : span.start]
    said = _said_before(head)
    if said and _SAID_AFTER.match(span.text, span.end, span.hi):
        return Context.MENTION, f"a spelling: '{quote_word(said)} ...'"
    m = _SPELLING_BEFORE.search(head)
    if m and (not _FROM_OF.search(m.group()) or _NAME_CHANGE.search(head)):
        return Context.MENTION, f"a spelling: '{quote_word(m.group().strip(' ,(:'))}'"
    return None


def _said_before(head: str) -> str:
    """The verb of saying or writing right before the match ("saying", "write it"), or ""."""
    if not head[-1:].isspace():
        return ""
    words = head.rsplit(None, 2)[-2:]
    if words and words[-1].lower() == "it":
        words = words[:-1]
    return words[-1] if words and words[-1].lower() in _SAID else ""


def contrast(span: Span) -> Reading | None:
    """A spelling set against its replacement: "Kyiv, not Kiev", "Almaty (formerly Alma-Ata)".

    The right spelling must stand close by, joined to the match by a word of contrast or only by
    punctuation; "the Ukraine ... Ukraine's ports" elsewhere in the sentence is no contrast.
    """
    near_before = span.head[-60:]
    near_after = " " + span.after[:60]
    for replacement in span.rule.replacements:
        word = re.escape(replacement.text.strip())
        if not word:
            continue
        before = re.search(rf"(?<!\w){word}(?!\w)(?P<gap>[^.;!?]{{0,30}})$", near_before, I)
        after = re.match(rf"^(?P<gap>[^.;!?]{{0,30}}?)(?<!\w){word}(?!\w)", near_after, I)
        if after and not _CONTRAST_WORD.search(after.group("gap")):
            after = None  # "Kiev (Kyiv)": the writer's own spelling, glossed
        for found in (before, after):
            if found and _CONTRAST_GAP.fullmatch(found.group("gap")):
                return Context.MENTION, f"set against '{quote_word(replacement.text)}'"
    return None


_CONTRAST_WORD = Lazy(
    r"\b(?:not|rather|instead|or|vs|versus|spelled|spelt|written|known|called|renamed|replaced|"
    r"replacing|became|becomes|Russian|English|to)\b",
    I,
)
_CONTRAST_GAP = Lazy(
    r"[\s,:/()\"'“”‘’—–-]*(?:(?:not|rather\s+than|instead\s+of|formerly|previously|once|now|"
    r"today|or|vs\.?|versus|also|then|spelled|spelt|written|known\s+as|called|was|were|is|"
    r"used\s+to\s+be|replaced|replacing|became|becomes|renamed|in\s+Russian|in\s+English|to)"
    r"[\s,:/()\"'“”‘’—–-]*)*",
    I,
)
