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
``title_house``, ``title_cues``, ``name_words_before``, ``name_words_after`` and
``places_elsewhere``.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.common import LEX, Reading, quote_word
from backyard_lint.readings.span import Span, last, open_tag

_INSTITUTION = LEX.alt("institutions")
# In a line set in title case, these words anywhere mark a title (a course, a journal).
_TITLE_HOUSE = re.compile(rf"\b(?:{LEX.alt('title_house')})\b")
_INSTITUTION_WORD = re.compile(rf"\b(?:{_INSTITUTION})\b")
_NAME_HEAD = re.compile(rf"^\s*[\"'“”‘’]?\s*(?:{_INSTITUTION})\b")
_NAME_BEFORE = re.compile(
    rf"(?:{_INSTITUTION})\s+(?:(?:of|for|on|in)\s+)"
    r"(?:(?:the|and|&|of|for|on|in|[A-Z][\w'’.-]*),?\s+)*$"
)
_TITLE_CUE = re.compile(
    rf"\b(?:(?:{LEX.alt('title_cues')})\s+"
    r"(?:(?:was\s+|is\s+)?(?:titled|entitled|called|named)\s+)?|\b(?:titled|entitled)\s+|"
    r"\b(?:published\s+in|writing\s+in|editor\s+of|editors\s+of|appeared\s+in|author\s+of)\s+)"
    r"(?:(?:the|a|an|and|&|of|for|[A-Z][\w'’.:-]*),?\s+)*$",
)
# A title followed by its publication: "(2019)", "(Routledge, 2019)", ", 2019)".
_CITATION = re.compile(r"^\s*[:.]?\s*\((?:[A-Z][\w .&'’-]*,\s*)?(?:1[89]|20)\d\d[a-z]?\)")
_CAP_RUN_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’.:-]*|of|for|and|the|on|in|to|&),?\s+)*$")
_CAP_WORD = re.compile(r"[A-Z][\w'’.-]*")
_SMALL = LEX.words("small_words")
_WORDISH = re.compile(r"\S+")
# An entry of a reference list: the author's year in brackets (or after a comma) before a title.
_REFERENCE = re.compile(
    r"(?:\((?:1[89]|20)\d\d[a-z]?\)|,\s(?:1[89]|20)\d\d)[.:]?\s+(?:[\"“‘*_]\s*)?$"
)
# A title set in emphasis: the marks stand at both ends of a capitalised run.
_EMPHASIS_OPEN = re.compile(r"(?:^|[\s(\[])(?P<mark>\*\*?|__?)(?!\s)[^*_\n]*$")
_BEFORE_NAME = LEX.words("name_words_before")
_AFTER_NAME = LEX.words("name_words_after")
_ELSEWHERE = re.compile(
    rf"^\s*(?:,\s*|\(\s*)(?:{LEX.alt('places_elsewhere')})(?![\w-])",
)
_WORD_BEFORE = re.compile(r"([\w.]+(?:\s+[\w.]+){0,2})\s*$")
_WORD_AFTER = re.compile(r"^\s*([\w.]+(?:\s+[\w.]+)?)")


def _named_after(span: Span) -> str:
    """The name when the match is a place's name given to another thing, else ""."""
    head = span.text[max(span.lo, span.start - 40) : span.start]
    tail = span.text[span.end : min(span.hi, span.end + 40)]
    m = _WORD_BEFORE.search(head)
    if m:
        words = m.group(1).lower().split()
        for n in range(len(words)):
            if " ".join(words[n:]) in _BEFORE_NAME:
                return " ".join(m.group(1).split()[n:]) + " " + span.match
    m = _WORD_AFTER.match(tail)
    if m:
        words = m.group(1).split()
        for n in (2, 1):
            if len(words) >= n and " ".join(words[:n]).lower().rstrip(".,") in _AFTER_NAME:
                return span.match + " " + " ".join(words[:n])
    m = _ELSEWHERE.match(tail)
    if m:
        return span.match + m.group()
    return ""


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


def _title_case_sentence(sentence: str) -> bool:
    words = [w for w in _WORDISH.findall(sentence) if w[0].isalpha()]
    if len(words) < 4:
        return False
    big = [w for w in words if w.lower() not in _SMALL]
    caps = sum(1 for w in big if w[0].isupper())
    return caps >= 0.75 * len(big)


_CITE_TAG = re.compile(r"<(/?)(cite)\b[^<>]*>", re.IGNORECASE)


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
    before = _NAME_BEFORE.search(head)
    if direct:  # "Post-Soviet Affairs"
        name = span.match + direct.group()
    elif not title_case and _INSTITUTION_WORD.search(after):
        name = span.match + after  # "Post-Soviet States Research Network"
    elif title_case and _TITLE_HOUSE.search(span.sentence):  # a course or journal listing
        name = span.sentence
    elif _CITATION.match(tail[len(after) :]):  # "Russia and the Near Abroad (Routledge, 2019)"
        lead = _CAP_RUN_BEFORE.search(head)
        name = (lead.group() if lead else "") + span.match + after
    elif before:  # "Centre for the Study of the Post-Soviet Space"
        name = head[before.start() :] + span.match + after
    elif not title_case:
        cue = _TITLE_CUE.search(head)  # "a book titled Russia's Backyard"
        if cue:
            name = head[cue.end() :] + span.match + after
    if not name.strip(" ,"):
        return None
    return Context.NAME, f"part of the name '{quote_word(name.strip(' ,'))}'"


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


_NEXT_WORD = re.compile(r"\s*(\S+)")
