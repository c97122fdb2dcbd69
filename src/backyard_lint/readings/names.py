"""Signal ``name``: the match is part of a proper name, not the writer's label.

Told by capitals and the words around the match:

- a title or an institution: "Post-Soviet Affairs", "Centre for the Study of the Post-Soviet
  Space", "a book titled Russia's Backyard", a title followed by its publication ("(Routledge,
  2019)"), an entry of a reference list ("Smith, J. (2019). Russia's Backyard ..."), a title set
  in italics or bold (``*Russia's Backyard*``), a listing set in title case with a word such as
  "Studies" or "Journal";
- another thing named after a place: a club, a dish, a product, a station ("Dynamo Kiev",
  "chicken Kiev", "Kiev cake"), or a place elsewhere of the same name ("Odessa, Texas").

The title words, institution words and name cues are the word lists ``institutions``,
``title_house``, ``title_cues``, ``name_words_before``, ``name_words_after`` (in any case:
"chicken Kiev", "a Kiev cake"), ``name_heads_before``, ``name_heads_after`` (capitalised only:
"Kiev Station" is a name, "a Kiev station" a station in the city) and ``places_elsewhere``.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.common import LEX, Reading, quote_word
from backyard_lint.readings.lazy import Lazy
from backyard_lint.readings.span import Span, last, open_tag

_INSTITUTION = LEX.alt("institutions")
# In a line set in title case, these words anywhere mark a title (a course, a journal).
_TITLE_HOUSE = Lazy(rf"\b(?:{LEX.alt('title_house')})\b")
_INSTITUTION_WORD = Lazy(rf"\b(?:{_INSTITUTION})\b")
_NAME_HEAD = Lazy(rf"^\s*[\"'“”‘’]?\s*(?:{_INSTITUTION})\b")
_NAME_BEFORE = Lazy(
    rf"(?:{_INSTITUTION})\s+(?:(?:of|for|on)\s+)"
    r"(?:(?:the|and|&|of|for|on|[A-Z][\w'’.-]*),?\s+)*$"
)
# In a title or a listing "in" joins a topic ("Society in Post-Soviet States"); in a sentence
# it gives a place ("the Summit in Kiev", "Research in the Stans is underfunded").
_NAME_BEFORE_TITLE = Lazy(
    rf"(?:{_INSTITUTION})\s+(?:(?:of|for|on|in)\s+)"
    r"(?:(?:the|and|&|of|for|on|in|[A-Z][\w'’.-]*),?\s+)*$"
)
_TITLE_CUE = Lazy(
    rf"\b(?:(?:{LEX.alt('title_cues')}),?\s+"
    r"(?:(?:was\s+|is\s+)?(?:titled|entitled|called|named)\s+)?|\b(?:titled|entitled)\s+|"
    r"\b(?:published\s+in|writing\s+in|editor\s+of|editors\s+of|appeared\s+in|author\s+of)\s+)"
    r"(?P<title>(?:(?:the|a|an|and|&|of|for|[A-Z][\w'’.:-]*),?\s+)*[‘'’]?)$",
)
# A title followed by its publication: "(2019)", "(Routledge, 2019)", ", 2019)".
_CITATION = Lazy(r"^\s*[:.]?\s*\((?P<publisher>[A-Z][\w .&'’-]*,\s*)?(?:1[89]|20)\d\d[a-z]?\)")
_CAP_RUN_BEFORE = Lazy(r"(?:(?:[A-Z][\w'’.:-]*|of|for|and|the|on|in|to|&),?\s+)*$")
_CAP_WORD = Lazy(r"[A-Z][\w'’.-]*")
_SMALL = LEX.words("small_words")
_WORDISH = Lazy(r"\S+")
# An entry of a reference list: the author's year in brackets (or after a comma) before a title.
_REFERENCE = Lazy(
    r"(?:\((?:1[89]|20)\d\d[a-z]?\)|,\s(?:1[89]|20)\d\d)[.:]?\s+(?:[\"“‘*_]\s*)?"
    # the title's first words: "(2015). The Near Abroad ..."
    r"(?:(?:The|A|An|[A-Z][\w'’-]*)\s+(?:(?:[A-Z][\w'’:-]*|of|and|the|in|on|for|to|&),?\s+)*)?$"
)
# A title set in emphasis: the marks stand at both ends of a capitalised run.
_EMPHASIS_OPEN = Lazy(r"(?:^|[\s(\[])(?P<mark>\*\*?|__?)(?!\s)[^*_\n]*$")
_BEFORE_NAME = LEX.words("name_words_before")
_AFTER_NAME = LEX.words("name_words_after")
# words that make a name only when capitalised ("Kiev Station", not "a Kiev station")
_BEFORE_HEAD = frozenset(LEX.entries("name_heads_before"))
_AFTER_HEAD = frozenset(LEX.entries("name_heads_after"))
_ELSEWHERE = Lazy(
    rf"^\s*(?:,\s*|\(\s*)(?:{LEX.alt('places_elsewhere')})(?![\w-])",
)
# The last three words at most (before white space at the end), matched in the reversed text:
# searched forwards with "$", the pattern was tried at every offset of the text.
_WORD_BEFORE_REVERSED = Lazy(r"\s*([\w.]+(?:\s+[\w.]+){0,2})")
_WORD_AFTER = Lazy(r"^\s*([\w.]+(?:\s+[\w.]+)?)")


def _named_after(span: Span) -> str:
    """The name when the match is a place's name given to another thing, else ""."""
    head = span.text[max(span.lo, span.start - 40) : span.start]
    tail = span.text[span.end : min(span.hi, span.end + 40)]
    m = _WORD_BEFORE_REVERSED.match(head[::-1])
    if m:
        words = m.group(1)[::-1].split()
        for n in range(len(words)):
            before = " ".join(words[n:])
            if _names_a_thing(before, _BEFORE_NAME, _BEFORE_HEAD, span):
                return before + " " + span.match
    m = _WORD_AFTER.match(tail)
    if m:
        words = m.group(1).split()
        for n in (2, 1):
            after = " ".join(words[:n]).rstrip(".,")
            if len(words) >= n and _names_a_thing(after, _AFTER_NAME, _AFTER_HEAD, span):
                return span.match + " " + after
    m = _ELSEWHERE.match(tail)
    if m:
        return span.match + m.group()
    return ""


def _names_a_thing(
    word: str, any_case: frozenset[str], capitalised: frozenset[str], span: Span
) -> bool:
    """True when ``word`` beside a place makes it another thing's name: a word of
    ``any_case`` ("chicken Kiev"), or one of ``capitalised`` as written ("Kiev Station"), but
    not in a headline set in title case, whose capitals prove nothing ("Drone Hits Kiev
    School")."""
    if word.lower() in any_case:
        return True
    return word in capitalised and not _every_word_capitalised(span.sentence)


def _titled(span: Span) -> str:
    """The title when the match sits in one set in emphasis or in a reference entry, else ""."""
    head = span.text[span.lo : span.start]
    emphasis = _EMPHASIS_OPEN.search(head)
    if emphasis:
        mark = emphasis.group("mark")
        close = span.text.find(mark, span.end, span.hi)
        inner = span.text[emphasis.end("mark") : close] if close >= 0 else ""
        if inner and _capitalised(inner):
            return inner
    line = span.text[max(span.line_start, span.start - 200) : span.start]  # past a full stop
    if _REFERENCE.search(line) and _capitalised(span.match):
        return span.match + _capitalised_run(span.text[span.end : span.hi])
    return ""


def _capitalised(words: str) -> bool:
    significant = [w for w in words.split() if w.lower().strip("'’‘\"“*_") not in _SMALL]
    return bool(significant) and all(w.lstrip("'’‘\"“*_")[:1].isupper() for w in significant)


def _every_word_capitalised(sentence: str) -> bool:
    """True for a headline set in title case: every word but the small ones capitalised."""
    big = [w for w in _WORDISH.findall(sentence) if w[0].isalpha() and w.lower() not in _SMALL]
    return len(big) >= 3 and all(w[0].isupper() for w in big)


def _title_case_sentence(sentence: str) -> bool:
    words = [w for w in _WORDISH.findall(sentence) if w[0].isalpha()]
    if len(words) < 4:
        return False
    big = [w for w in words if w.lower() not in _SMALL]
    lower = sum(1 for w in big if not w[0].isupper())
    # a title capitalises its words: one lower-case word in six or more may slip ("The School
    # for Girls in Odessa reopened." is a sentence, not a title)
    return lower == 0 or (len(big) >= 6 and lower <= len(big) // 6)


_CITE_TAG = Lazy(r"<(/?)(cite)\b[^<>]*>", re.IGNORECASE)


def name(span: Span) -> Reading | None:
    if open_tag(span, _CITE_TAG):
        return Context.NAME, "part of a title: inside <cite>"
    other = _named_after(span) or _titled(span)
    if other:
        return Context.NAME, f"part of the name '{quote_word(other)}'"
    if not _capitalised(span.match):
        return None  # a name is capitalised
    head = last(span.text[span.lo : span.start])
    tail = span.text[span.end : span.hi]
    title_case = _title_case_sentence(span.sentence)
    after = _capitalised_run(tail)
    name = ""
    direct = _NAME_HEAD.match(tail)
    before = (_NAME_BEFORE_TITLE if title_case else _NAME_BEFORE).search(head)
    if direct:  # "Post-Soviet Affairs"
        name = span.match + direct.group()
    elif not title_case and _INSTITUTION_WORD.search(after):
        name = span.match + after  # "Post-Soviet States Research Network"
    elif title_case and _TITLE_HOUSE.search(span.sentence):  # a course or journal listing
        name = span.sentence
    elif citation := _CITATION.match(tail[len(after) :]):  # "... Abroad (Routledge, 2019)"
        lead = _CAP_RUN_BEFORE.search(head)
        name = (lead.group() if lead else "") + span.match + after
        if not citation.group("publisher") and _capitalised_words(name) < 2:
            name = ""  # a place and a year: "We visited Kiev (2019) and Lviv (2021)"
    elif before:  # "Centre for the Study of the Post-Soviet Space"
        name = head[before.start() :] + span.match + after
    elif not title_case:
        cue = _TITLE_CUE.search(head)  # "a book titled Russia's Backyard"
        # a title opens with a capital: not "a tour of the Stans", "the book, the Stans ..."
        opening = cue.group("title")[:1] if cue else ""
        if cue and (not opening or opening.isupper() or opening in "'‘’"):
            name = cue.group("title") + span.match + after
    if not name.strip(" ,"):
        return None
    return Context.NAME, f"part of the name '{quote_word(name.strip(' ,'))}'"


def _capitalised_words(name: str) -> int:
    """How many words of ``name`` are capitalised (a title has two or more)."""
    return sum(1 for w in name.split() if w.lstrip("'’‘\"“")[:1].isupper())


def _capitalised_run(tail: str) -> str:
    """The capitalised words (and small joining words between them) that follow the match."""
    end = 0
    for m in _NEXT_WORD.finditer(tail):
        raw = m.group(1)
        word = raw.rstrip(',.;:!?"”’)')
        if word.lower() in _SMALL:
            continue
        if not word or not _CAP_WORD.fullmatch(word):
            break
        end = m.start(1) + len(word)
        if raw != word:
            break  # punctuation ends the run
    return tail[:end]


_NEXT_WORD = Lazy(r"\s*(\S+)")
