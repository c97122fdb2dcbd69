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
from backyard_lint.readings.span import Span

_LANG = LEX.alt("name_languages")
_NOUN = LEX.alt("spelling_nouns")
# after the spelling: "Kharkov (Russian)", "Kiev, the Russian spelling", "Lvov in Russian"
_SPELLING_AFTER = re.compile(
    rf"\s*(?:[,(]\s*|[—–]\s*|-\s+|\s+)(?:(?:the|its|a|an|in|from)\s+)?(?:(?:{_LANG})\b"
    rf"(?:\s*[:)]|\s+(?:{_NOUN})\b|\s*[,.;]|\s*$)|(?:{_NOUN})\s+(?:in|from)\s+(?:{_LANG})\b)"
    rf"|\s+(?:in|from)\s+(?:{_LANG})\b"
    # "(Kiev) is in Russian", "Kiev is the Russian spelling", "Kiev comes from the Russian"
    rf"|[)\"”’']?\s*,?\s*(?:is|was|comes|came)\s+(?:from\s+|in\s+)?(?:the\s+)?(?:{_LANG})\b"
    rf"(?:\s+(?:{_NOUN})\b|\s*[,.;)]|\s*$)",
    I,
)
# before the spelling: "(Russian: Kharkov)", "the Russian name Kharkov", "named Lvov"
_SPELLING_BEFORE = re.compile(
    rf"(?:\b(?:{_LANG})\s*(?:(?:{_NOUN})\s*)?[:=]\s*|\b(?:{_LANG})\s+(?:{_NOUN})\s*[:,]?\s*"
    r"(?:was\s+|is\s+)?|\b(?:named|renamed\s+from|spelled|spelt|written|transliterated|"
    r"pronounced|romani[sz]ed)\s+|\b(?:from|of)\s+"
    rf"|\b(?:the|a|this|that)\s+(?:{_NOUN})\s+)['\"“‘(]?$",
    I,
)
_FROM_OF = re.compile(r"\b(?:from|of)\s+['\"“‘]?$", I)
_NAME_CHANGE = re.compile(rf"\b(?:{_NOUN}|renamed|changed|change)\b", I)


def spelling(span: Span) -> Reading | None:
    """The spelling named as a spelling of a language or a period."""
    m = _SPELLING_AFTER.match(span.text, span.end, span.hi)
    if m:
        return Context.MENTION, f"a spelling: '{quote_word(m.group().strip(' ,(—–-'))}'"
    head = span.text[max(span.lo, span.start - 60) : span.start]
    m = _SPELLING_BEFORE.search(head)
    if m and (not _FROM_OF.search(m.group()) or _NAME_CHANGE.search(head)):
        return Context.MENTION, f"a spelling: '{quote_word(m.group().strip(' ,(:'))}'"
    return None


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


_CONTRAST_WORD = re.compile(
    r"\b(?:not|rather|instead|or|vs|versus|spelled|spelt|written|known|called|renamed|replaced|"
    r"replacing|became|becomes|Russian|English)\b",
    I,
)
_CONTRAST_GAP = re.compile(
    r"[\s,:/()\"'“”‘’—–-]*(?:(?:not|rather\s+than|instead\s+of|formerly|previously|once|now|"
    r"today|or|vs\.?|versus|also|then|spelled|spelt|written|known\s+as|called|was|were|is|"
    r"used\s+to\s+be|replaced|replacing|became|becomes|renamed|in\s+Russian|in\s+English)"
    r"[\s,:/()\"'“”‘’—–-]*)*",
    I,
)
