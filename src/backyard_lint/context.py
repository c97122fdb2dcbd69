"""Use versus mention: how a match is read in its sentence.

``classify(text, start, end, rule)`` reads ``text[start:end]`` (``text`` is the masked document)
and returns a ``Context`` and a short reason that ``--show-mentions`` shows to the user. The
signals are tried in this order; the first that holds gives the reading:

- ``mention``, quoted: straight, curly or angle quotation marks around the match or a word of it
  ("scare quotes"). An apostrophe of possession or elision ("Russia's", "the 'Stans") is not a
  quotation mark; marks are paired from the start of the paragraph, so a quotation that runs over
  several sentences counts, and one that is never closed covers the rest of its paragraph;
- ``name``: part of a title or an institution, told by capitals and title words ("Post-Soviet
  Affairs", "Centre for the Study of the Post-Soviet Space", "a book titled Russia's Backyard");
- ``historical``: a past time governs the label ("the post-Soviet era", "in the early post-Soviet
  years", "in the 1990s", "until 1989", "in the Cold War", "the collapse of the former Soviet
  Union"); a rule adds period nouns with its ``period_nouns`` hint;
- ``negated`` by rejection: "rejects the idea that ... is X", "resent being called X";
- ``mention``, discussed: "the label X", "the X label", "so-called X", "dubbed X", "known as X",
  "referring to ... as X", "X, as backpackers call them", "X is a misnomer";
- ``negated``: a denial right before the label ("is not X", "no longer X", "rather than X",
  "far from X", "neither X"); "not only X", "not just X", "not the only X" are still uses;
- ``attributed``: someone else's view ("what Moscow calls X", "Moscow regards ... as X", "long
  considered X", "Putin insists that ... is X", "the Kremlin has said ...", "in the Kremlin's
  view, ... is X", "according to Moscow", "its self-proclaimed X").

Every signal is local: a cue must sit in the label's own clause, with only filler words between
("is not simply part of X" concedes X; "Russia rejects sanctions; Kazakhstan is X" is a use), and a
frame attributes only the predicate of its claim, not a label that is the claim's subject.

A rule whose replacement is safe to apply everywhere is a spelling ("Kiev"): only quotation,
discussion, a name or contrast with the right spelling excuse it, since a spelling is nobody's
view and a date or a negation does not make it right. A rule may choose its readings with a
``readings`` hint. The logic is compiled regular expressions over one sentence, with RE2 word
gates in front of the costly ones; no model, no downloads.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import re2

from backyard_lint.model import Context, Rule
from backyard_lint.sentences import sentence_bounds

Reading = tuple[Context, str]
USE: Reading = (Context.USE, "")

_I = re.IGNORECASE
_AP = "['’]"  # an apostrophe, straight or curly

# ---------------------------------------------------------------------------------------------
# Building blocks shared by several signals.

# Words that may stand between a cue and the label without changing what the cue governs:
# articles, possessives, "part of", "in", auxiliaries and "-ly" adverbs ("is not simply" is NOT
# here: "not simply X" concedes X).
_FILLER_WORDS = (
    r"a|an|the|some|any|anyone" + _AP + r"s|somebody" + _AP + r"s|part|parts|of|in|within|inside|"
    r"really|actually|truly|exactly|quite|necessarily|entirely|wholly|fully|somehow|still|yet|"
    r"anymore|any\s+more|longer|more|be|been|being|become|becomes|becoming|became|remain|remains|"
    r"remaining|remained|to\s+be(?:come)?|seen|considered|regarded|treated|viewed|perceived|"
    r"thought|described|as|like|its|their|his|her|extension|sort|kind|type|so|much|even|ever|"
    r"belong|belongs|belonged|belonging|is|are|was|were|has|have|had|will|would|could|can|"
    r"should|must|may|might|shall|do|does|did|again|now|today|mere|"
    # a collective noun before the label: "rather than a collection of satellite states"
    r"collection|group|set|bunch|cluster|string|handful|loose|"
    r"(?-i:[A-Z])[\w.-]*" + _AP + r"s?"  # a possessor: "not Russia's X"
)
_WANT_TO = (
    r"(?:wants?|wanted|wish(?:es|ed)?|intends?|needs?|ha(?:s|ve)|deserves?|going|likes?|meant|"
    r"supposed|destined|willing|content|happy|prepared|about|used|seems?|appears?)\s+to"
)
# "-ly" adverbs ("is not geographically X"), not the words that only end like one
_LY = (
    r"(?!(?:only|early|family|supply|apply|reply|rely|ally|july|italy|holy|ugly|fly|belly|silly|"
    r"jolly|rally|bully|daily|weekly|monthly|yearly|likely|unlikely|friendly|unfriendly|lonely|"
    r"lovely|elderly|costly|deadly|orderly|scholarly|kindly|lowly|manly|timely|wily|oily|hilly|"
    r"woolly|assembly|anomaly|monopoly|melancholy)\b)[a-z]{2,}ly"
)
_FILL = rf"(?:(?:{_FILLER_WORDS}|{_LY}|{_WANT_TO})[\s,]+)*"
# Fillers inside a noun phrase: "as (merely) (a part of) X".
_FILL_NP = (
    r"(?:(?:a|an|the|its|their|his|her|part\s+of|a\s+part\s+of|firmly|still|long|traditionally|"
    r"historically|merely|simply|just|mere|some\s+kind\s+of|some\s+sort\s+of|nothing\s+more\s+than|"
    rf"little\s+more\s+than|no\s+more\s+than|being|to\s+be|{_LY}|"
    r"(?-i:[A-Z])[\w.-]*" + _AP + r"s?)\s+)*"  # a possessor: "as part of Russia's X"
)
_W = r"[\w'’.-]+,?"  # one word, apostrophes and hyphens included, maybe a comma after
_AFTER_REACH = re.compile(r"^(?:\S+\s+){0,8}")  # signals after the label: within 8 words
_CLAUSE_HARD = re.compile(r"[;:()\[\]{}—–]|\s-\s|[.!?]\s")
_CLAUSE_SOFT = re.compile(
    r",\s*(?:and|or|so|yet|but|while|whereas|although|though|because|since|which|who|where|when)\b"
    r"|\b(?:but|whereas|although|though|because|while|yet)\b",
    _I,
)
_COPULA = (
    r"(?:is|are|was|were|be|been|being|remains?|remained|becomes?|became|constitutes?|"
    r"forms?|belongs?\s+to|lies?\s+in|lay\s+in|sits?\s+in)"
)

# Nouns that make the words an object of discussion: "the label X", "the X label".
_META_NOUN = (
    r"term|terms|terminology|label|labels|labell?ing|phrase|phrases|phrasing|expression|"
    r"expressions|word|words|wording|epithet|epithets|notion|notions|concept|concepts|idea|ideas|"
    r"metaphor|metaphors|clich[eé]s?|tropes?|moniker|monikers|nickname|nicknames|designation|"
    r"designations|tag|tags|catch-?phrase|catch-?phrases|slogan|slogans|shorthand|formula|"
    r"formulation|characteri[sz]ations?|framing|framings|stereotypes?|myths?|narratives?|"
    r"rhetoric|construct|constructs|descriptor|descriptors|appellation|sobriquet|buzz-?words?|"
    r"euphemisms?|misnomer|caricature|vocabulary|lexicon|parlance|jargon|concept|category|"
    r"categori[sz]ation|adjective|noun|usage|catchword|shibboleth"
)
# Nouns that name a view of something: they need "of ... as X" or "that ... is X".
_VIEW_NOUN = (
    r"statements?|remarks?|comments?|allegations?|accusations?|assertions?|suggestions?|"
    r"reports?|rumou?rs?|headlines?|articles?|depictions?|descriptions?|talk|"
    r"image|images|view|views|vision|picture|perception|perceptions|conception|description|"
    r"descriptions|depiction|depictions|portrayal|portrayals|assumption|assumptions|premise|"
    r"claim|claims|thesis|fiction|fantasy|belief|beliefs|argument|suggestion|assertion|"
    r"presumption|perspective|understanding|treatment|status|role|reputation|identity"
)
# Nouns after the label that make it a topic: "the post-Soviet label", "backyard mentality".
_META_AFTER = re.compile(
    r"""^\s*['"”’»]?\s*(?:label|labels|labell?ing|tag|tags|term|terms|moniker|metaphor|metaphors|"""
    r"""tropes?|framing|narratives?|clich[eé]s?|epithets?|stereotypes?|rhetoric|discourse|"""
    r"""paradigm|construct|designation|thesis|myths?|mentality|mindset|world-?view|terminology|"""
    r"""formulation|catch-?phrase|concept|notion|idea|lens|analogy|imagery|doctrine|syndrome|"""
    r"""trope|characteri[sz]ation|caricature|fantasy|worldview)\b""",
    _I,
)


def _any(*patterns: str) -> _Lazy:
    return _Lazy("|".join(f"(?:{p})" for p in patterns), _I)


class _Lazy:
    """A regular expression compiled when first searched. The long alternations (of verbs of
    rejection, of words for a term) take Python tens of milliseconds to compile, more than the
    rest of a small run, and a cheap RE2 gate before each (``_gate``) means most texts never
    search them."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled.search(text, pos, endpos)


def _gate(pattern: str) -> Callable[[str], bool]:
    """A cheap test (RE2, one linear pass) for the words a costly pattern cannot do without."""
    options = re2.Options()
    options.log_errors = False
    compiled = re2.compile(f"(?i:{pattern})", options)
    return lambda s: compiled.search(s) is not None


# ---------------------------------------------------------------------------------------------
# The match and its surroundings.


@dataclass(frozen=True)
class _Span:
    text: str
    lo: int
    hi: int
    start: int
    end: int
    rule: Rule

    @cached_property
    def match(self) -> str:
        return self.text[self.start : self.end]

    @cached_property
    def head(self) -> str:
        """The sentence before the match (its last ``_REACH`` characters at most)."""
        return _norm(_last(self.text[self.lo : self.start])) + " "

    @cached_property
    def before(self) -> str:
        """The sentence before the match, up to the last hard clause break (; : dash bracket)."""
        head = _last(self.text[self.lo : self.start])
        cut = 0
        for m in _CLAUSE_HARD.finditer(head):
            cut = m.end()
        return _norm(head[cut:]) + " "

    @cached_property
    def clause(self) -> str:
        """``before`` cut again at the last coordinating or subordinating conjunction."""
        head = self.before
        cut = 0
        for m in _CLAUSE_SOFT.finditer(head):
            cut = m.end()
        return head[cut:]

    @cached_property
    def after(self) -> str:
        """The sentence after the match, up to the next hard clause break."""
        tail = self.text[self.end : self.hi]
        m = _CLAUSE_HARD.search(tail)
        return _norm(tail[: m.start()] if m else tail)

    @cached_property
    def near_after(self) -> str:
        """The first few words after the match, with a space before them."""
        found = _AFTER_REACH.match(self.after.lstrip() + " ")
        return " " + (found.group() if found else "")

    @cached_property
    def sentence(self) -> str:
        return _norm(self.text[self.lo : self.hi])


# Signals before a label are looked for in this many characters at most: every one of them is
# local, and the bound keeps the cost per match small even in a run-on sentence.
_REACH = 320


def _last(s: str) -> str:
    """The last ``_REACH`` characters of ``s``, starting at a word."""
    if len(s) <= _REACH:
        return s
    cut = s.find(" ", len(s) - _REACH)
    return s[cut:] if cut >= 0 else s[-_REACH:]


_SPACES = re.compile(r"\s+")
_LOOSE_MARK = re.compile(r"[\"“”„«»‹›‘’'`*_~](?![^\W\d_])|(?<![^\W\d_])[\"“”„«»‹›‘’'`*_~]|\*+|~~")


def _norm(s: str) -> str:
    """One space for any run of white space; quotation marks and emphasis marks ("*not*",
    "_not_", "~~x~~", left in place by the Markdown adapter) outside words become spaces."""
    return _SPACES.sub(" ", _LOOSE_MARK.sub(" ", s))


def _quote_word(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Quotation marks.

_DOUBLE_OPEN = "“„«‹"
_DOUBLE_CLOSE = "”»›"
_SINGLE = "'‘’"
_QUOTES = frozenset(_DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE + '"')
_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(_QUOTES))) + "]")
_LETTERS = re.compile(r"[^\W\d_]+")
_BOUNDARY_BEFORE = " \t\r\n([{/—–-*_~" + _DOUBLE_OPEN + '"'
_BOUNDARY_AFTER = " \t\r\n)]}/—–-.,;:!?…*_~" + _DOUBLE_CLOSE + '"'
# Elisions that start with an apostrophe: the 'Stans, the '90s, 'em, 'til, rock 'n' roll.
_ELISION = re.compile(r"(?:stans?\b|\d\ds\b|em\b|til\b|tis\b|twas\b|cause\b|n\b|bout\b)", _I)
_QUOTE_REACH = 1500  # how far back a paragraph's quotation marks are paired
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _quote_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Paired quotation marks (offsets of the opening and closing mark) in ``text[lo:hi]``.

    Double marks pair by direction, straight ones by position (a mark after a space or a bracket
    opens, a mark before a space or punctuation closes). A single mark between two letters, or a
    curly ’ where a quotation would open, is an apostrophe; a mark opening a known elision ("the
    'Stans") pairs only with a mark right at the end of that word.
    """
    spans: list[tuple[int, int]] = []
    double: list[int] = []
    single: list[tuple[int, bool]] = []  # (offset, weak)
    for found in _QUOTE_RE.finditer(text, lo, hi):
        i = found.start()
        c = found.group()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        opens = (prev in _BOUNDARY_BEFORE or prev in _QUOTES) and not nxt.isspace()
        closes = (nxt in _BOUNDARY_AFTER or nxt in _QUOTES) and not prev.isspace()
        if c in _DOUBLE_OPEN or c in _DOUBLE_CLOSE or c == '"':
            if c in _DOUBLE_OPEN:
                if double and closes and not opens:
                    spans.append((double.pop(), i))  # a “ typed where ” was meant
                else:
                    double.append(i)
            elif double and (c != '"' or closes or not opens):
                spans.append((double.pop(), i))
            elif opens:
                double.append(i)
            continue
        # single marks
        if prev.isalnum() and nxt.isalnum():
            continue  # Russia's, don't
        if single and closes:
            o, weak = single[-1]
            if not weak or _LETTERS.fullmatch(text, o + 1, i):
                single.pop()
                spans.append((o, i))
                continue
        if opens and c != "’":
            weak = bool(_ELISION.match(text, i + 1))
            single.append((i, weak))
    # A quotation opened before a sentence and never closed in the paragraph (a quotation cut
    # off, or one that runs over paragraphs) covers the rest of it.
    for o in double:
        nxt = text[o + 1 : o + 2]
        if nxt.isupper():
            spans.append((o, hi))
    return spans


def _quoted(span: _Span) -> Reading | None:
    # Pair marks from the start of the paragraph so a quotation that runs over several
    # sentences is still seen.
    lo = max(0, span.lo - _QUOTE_REACH)
    for blank in _BLANK_LINE.finditer(span.text, lo, span.lo):
        lo = blank.end()
    hi = min(len(span.text), span.hi + _QUOTE_REACH)
    following = _BLANK_LINE.search(span.text, span.hi, hi)
    if following:
        hi = following.start()
    for o, c in _quote_spans(span.text, lo, hi):
        if o < span.end - 1 and c > span.start:  # the marks hold part of the match
            if len(span.text[o + 1 : c].split()) <= 6:
                return Context.MENTION, "in quotation marks"
            return Context.MENTION, "inside a quotation"
    return None


# ---------------------------------------------------------------------------------------------
# Names: journals, books, institutes.

_INSTITUTION = (
    r"Affairs|Studies|Review|Journal|Quarterly|Bulletin|Yearbook|Annual|Papers|Reports?|Series|"
    r"Press|Institute|Institution|Centre|Center|Program|Programme|Project|Initiative|Department|"
    r"School|Faculty|College|University|Library|Archives?|Society|Association|Council|"
    r"Foundation|Forum|Network|Conference|Congress|Workshop|Lab|Laboratory|Observatory|Monitor|"
    r"Digest|Survey|Handbook|Encyclopa?edia|Dictionary|Magazine|Gazette|Newsletter|Podcast|"
    r"Research|Chair|Commission|Committee|Fund|Trust|Consortium|Seminar|Symposium|Summit|"
    r"Museum|Collection|Reader|Atlas|Index|Barometer|Database|Dataset|Working\s+Group"
)
# In a line set in title case, these words anywhere mark a title (a course, a journal).
_TITLE_HOUSE = re.compile(
    r"\b(?:Studies|Affairs|Journal|Review|Quarterly|Institute|Centre|Center|University|Press|"
    r"Department|Programme|Program|School|College|Faculty|Syllabus|Seminar)\b"
)
_INSTITUTION_WORD = re.compile(rf"\b(?:{_INSTITUTION})\b")
_NAME_HEAD = re.compile(rf"^\s*[\"'“”‘’]?\s*(?:{_INSTITUTION})\b")
_NAME_BEFORE = re.compile(
    rf"(?:{_INSTITUTION})\s+(?:(?:of|for|on|in)\s+)(?:(?:the|and|&|of|for|on|in|[A-Z][\w'’.-]*),?\s+)*$"
)
_TITLE_CUE = re.compile(
    r"\b(?:(?:book|journal|volume|monograph|study|report|article|paper|essay|chapter|series|"
    r"course|podcast|documentary|film|exhibition|programme|program|conference|anthology|"
    r"collection|newsletter|magazine|blog|column|lecture|seminar|panel)\s+"
    r"(?:(?:was\s+|is\s+)?(?:titled|entitled|called|named)\s+)?|\b(?:titled|entitled)\s+|"
    r"\b(?:published\s+in|writing\s+in|editor\s+of|editors\s+of|appeared\s+in|author\s+of)\s+)"
    r"(?:(?:the|a|an|and|&|of|for|[A-Z][\w'’.:-]*),?\s+)*$",
)
# A title followed by its publication: "(2019)", "(Routledge, 2019)", ", 2019)".
_CITATION = re.compile(r"^\s*[:.]?\s*\((?:[A-Z][\w .&'’-]*,\s*)?(?:1[89]|20)\d\d[a-z]?\)")
_CAP_RUN_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’.:-]*|of|for|and|the|on|in|to|&),?\s+)*$")
_CAP_WORD = re.compile(r"[A-Z][\w'’.-]*")
_SMALL_WORDS = "of for and the on in & to at a an de du des der von"
_SMALL = frozenset(_SMALL_WORDS.split())
_WORDISH = re.compile(r"\S+")


def _title_case_sentence(sentence: str) -> bool:
    words = [w for w in _WORDISH.findall(sentence) if w[0].isalpha()]
    if len(words) < 4:
        return False
    big = [w for w in words if w.lower() not in _SMALL]
    caps = sum(1 for w in big if w[0].isupper())
    return caps >= 0.75 * len(big)


def _name(span: _Span) -> Reading | None:
    significant = [w for w in span.match.split() if w.lower().strip("'’‘") not in _SMALL]
    if not significant or not all(w.lstrip("'’‘\"“")[:1].isupper() for w in significant):
        return None  # a name is capitalised
    head = _last(span.text[span.lo : span.start])
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
    return Context.NAME, f"part of the name '{_quote_word(name.strip(' ,'))}'"


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


# ---------------------------------------------------------------------------------------------
# Periods: "post-Soviet" as a time.

_PERIOD_NOUN_WORDS = """era eras period periods years year decade decades transition transitions
1990s 90s nineties collapse breakup break-up dissolution aftermath times epoch age history histories
generation generations interregnum moment transformation transformations quarter-century days
months stage phase"""
_PERIOD_NOUNS = frozenset(_PERIOD_NOUN_WORDS.split())
_WORD = re.compile(r"[\w'’-]+")
_PERIOD_ADJ = re.compile(
    r"[a-z][a-z-]*(?:al|ic|ical|ary|ive|ian|ed|ing|ous|ful|ent|ant|ist|ly|y|st)|"
    r"early|late|first|initial|new|long|short|three|two|thirty|twenty|few|many",
)
_PERIOD_BEFORE = re.compile(
    r"\b(?:the\s+|its\s+|their\s+)?(?:early|earliest|late|first|initial|immediate|mid|middle|"
    r"formative|turbulent|chaotic|heady|lean)\s+(?:twenty\s+|thirty\s+|two\s+|three\s+|few\s+)?$"
    r"|\b(?:since|during|throughout|after)\s+the\s+$",
    _I,
)
_DECADE = re.compile(
    r"\b(?:in|during|throughout|by|until|through|of)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?\s*)?"
    r"(?:1990s|['’]?90s|nineties)\b|\bin\s+199\d\b",
    _I,
)
_SOVIET_WORD = re.compile(r"soviet|ussr|communis", _I)
_UNION = re.compile(r"union|ussr|u\.s\.s\.r", _I)
# "the collapse of the former Soviet Union": the state itself, in the past.
_UNION_ITSELF = re.compile(
    r"\b(?:collapse|dissolution|breakup|break-up|fall|end|demise|disintegration|implosion|death|"
    r"legacy|legacies|remnants|ruins|heirs?|successors?|successor\s+states|republics?|history|"
    r"days|times|territory|borders|army|leaders?|leadership|government|constitution|citizens|"
    r"archives|parts?|break-up|split|partition|former\s+republics?)\s+of\s+(?:the\s+)?$"
    r"|\b(?:born|lived|grew\s+up|served|studied|worked)\s+in\s+(?:the\s+)?$",
    _I,
)
# A time before the label's present-day sense: "in the Cold War", "until 1989", "of the
# nineteenth century". Any rule: the label then describes a past arrangement.
_PAST = (
    r"(?:the\s+)?(?:1[5-8]\d\d|19[0-8]\d|199[01])\b(?!s)|(?:the\s+)?1[5-9]\d0s"
    r"|(?:the\s+)?(?:1[5-9]th|20th|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)"
    r"[- ]centur(?:y|ies)|(?:the\s+)?(?<!new\s)cold\s+war|soviet\s+(?:times|rule|days)"
    r"|the\s+soviet\s+(?:era|period|years)|the\s+tsars|tsarist\s+times|the\s+interwar\s+years"
)
_PAST_PREP = r"\b(?:in|during|until|till|before|under|throughout|by)\s+"
_PAST_BEFORE = re.compile(rf"(?<!since\s){_PAST_PREP}(?:{_PAST})", _I)
_PAST_AFTER = re.compile(
    rf"(?<!since\s){_PAST_PREP}(?:{_PAST})|\bof\s+the\s+(?:1[5-9]th|20th|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth)[- ]century",
    _I,
)
_YEAR = re.compile(r"(?<!since )(?<!since the )\b(?:19(?:8[5-9]|9\d))\b(?!s)")


def _historical(span: _Span) -> Reading | None:
    m = _PAST_BEFORE.search(span.clause)
    if m and _SINCE.search(span.clause + span.near_after):
        m = None  # "since independence in 1991": a time that runs until now
    if m is None:
        m = _PAST_AFTER.search(span.near_after)
    if m:
        return Context.HISTORICAL, f"period: '{_quote_word(m.group().strip())}'"
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
        if m:
            return (
                Context.HISTORICAL,
                f"the Soviet Union itself: '{_quote_word(m.group().strip())}'",
            )
    bare_adjective = _SOVIET_WORD.search((span.match.split() or [""])[-1])
    m = _PERIOD_BEFORE.search(span.clause)
    if m and (bare_adjective or not m.group().lower().startswith(("since", "during", "after"))):
        return Context.HISTORICAL, f"period: after '{_quote_word(m.group().strip())}'"
    local = span.clause + span.match + " " + span.near_after
    m = _DECADE.search(local) or _YEAR.search(local)
    if m and not _SINCE.search(local):  # "since independence in 1991": until now
        return Context.HISTORICAL, f"period: '{_quote_word(m.group())}'"
    return None


# "since 1991", "unlike in the 1990s", "now": a time that runs until today
_SINCE = re.compile(
    r"\b(?:since|ever\s+since|unlike|compared\s+(?:to|with)|than|now|today|nowadays|currently|"
    r"these\s+days)\b",
    _I,
)


# ---------------------------------------------------------------------------------------------
# Negation and rejection.

# "not only X", "not just X", "not the only X" concede X
_NOT_ADDITIVE = (
    r"(?!\s+(?:(?:the|a|an)\s+)?(?:only|just|merely|simply|solely|exclusively|purely|sole|"
    r"single|first|last)\b)"
)
_NEG_CUE = (
    rf"(?<!\bor\s)\bnot\b{_NOT_ADDITIVE}|n{_AP}t\b{_NOT_ADDITIVE}|\bcannot\b|\bnever\b|\bno\s+(?:longer|more)\b"
    r"|\bhardly\b|\bscarcely\b|\bfar\s+from\b|\banything\s+but\b|\bby\s+no\s+means\b"
    r"|\bin\s+no\s+(?:way|sense)\b|\bneither\b|\bnor\b|\brather\s+than\b|\binstead\s+of\b"
    r"|\bceased?\s+to\s+be\b|\bstop(?:s|ped)?\s+being\b|\bno\s+such\s+(?:thing|place)\s+as\b"
    r"|\bno(?:body|\s+one){_AP}s\b|\bleast\s+of\s+all\b|\blet\s+alone\b"
)
_NEGATED = re.compile(rf"(?P<cue>{_NEG_CUE})[\s,]+{_FILL}$", _I)
# A denial after the label that is about the label itself: "Russia's backyard no more", "the
# post-Soviet space no longer exists"; not "the post-Soviet states no longer depend on gas".
_NEG_AFTER = re.compile(
    r"^[\s,]*(?:no\s+more\b(?!\s+than)|(?:no\s+longer|(?:does|do)\s*(?:not|n['’]t))\s+"
    r"(?:exists?|applies|apply|fits?|holds?|describes?|makes?\s+(?:any\s+)?sense|"
    r"means?\s+(?:much|anything))\b|(?:has|have)\s+ceased\s+to\s+exist|"
    r"(?:it|this|that)\s+(?:is|was)\s*(?:not\b|n['’]t\b))",
    _I,
)
_REJECT = (
    r"reject(?:s|ed|ing)?|rejection\s+of|den(?:y|ies|ied|ying)|denial\s+of|refut(?:e|es|ed|ing)|"
    r"repudiat(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|disput(?:e|es|ed|ing)|challeng(?:e|es|ed|ing)|"
    r"debunk(?:s|ed|ing)?|resent(?:s|ed|ing)?|object(?:s|ed|ing)?\s+to|bristl(?:e|es|ed|ing)\s+at|"
    r"push(?:es|ed|ing)?\s+back\s+(?:against|on)|(?:take|takes|taking|took)\s+"
    r"(?:offen[cs]e|issue|exception)\s+(?:at|with|to)|(?:shake|shakes|shaking|shook|shaken)\s+off|"
    r"shed(?:s|ding)?|(?:move|moves|moved|moving)\s+(?:beyond|past|away\s+from)|"
    r"outgr(?:ow|ows|own|ew|owing)|(?:break|breaks|breaking|broke)\s+(?:free|away)\s+(?:of|from)|"
    r"escap(?:e|es|ed|ing)|abandon(?:s|ed|ing)?|ditch(?:es|ed|ing)?|retir(?:e|es|ed|ing)|"
    r"drop(?:s|ped|ping)?|stop(?:s|ped|ping)?\s+(?:calling|using|treating|seeing|describing)|"
    r"avoid(?:s|ed|ing)?|refus(?:e|es|ed|ing)\s+to\s+be|criticis(?:e|es|ed|ing)|"
    r"criticiz(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|decr(?:y|ies|ied|ying)|mock(?:s|ed|ing)?|"
    r"ridicul(?:e|es|ed|ing)|lament(?:s|ed|ing)?|question(?:s|ed|ing)?|doubt(?:s|ed|ing)?|"
    r"contest(?:s|ed|ing)?|counter(?:s|ed|ing)?|chafe[sd]?\s+at|resist(?:s|ed|ing)?\s+being|"
    r"tired\s+of|weary\s+of|sick\s+of|offended\s+by|insulted\s+by|no\s+longer\s+accept(?:s|ed)?"
)
_REJECT_DIRECT = (
    r"reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|repudiat(?:e|es|ed|ing)|debunk(?:s|ed|ing)?|"
    r"refus(?:e|es|ed|ing)\s+to\s+be(?:come)?|(?:advis(?:e|es|ed|ing)|warn(?:s|ed|ing)?|"
    r"caution(?:s|ed|ing)?|argu(?:e|es|ed|ing))\s+against"
)
_REJECTED = _any(
    # "rejects the label (of) X", "rejects the idea that ... is X", "rejects being X"
    rf"\b(?P<verb>{_REJECT})\s+(?:{_W}\s+){{0,4}}?(?:{_META_NOUN}|{_VIEW_NOUN})\b"
    rf"(?:\s+(?:of|about|that|as|for)\b(?:\s+{_W}){{0,10}}?)?[\s,:]+{_FILL_NP}$",
    rf"\b(?P<verb2>{_REJECT})\s+(?:(?:the\s+)?(?:idea|notion|claim|view|suggestion)\s+)?"
    rf"(?:that\s+)(?:{_W}\s+){{1,8}}?{_COPULA}\s+{_FILL}$",
    rf"\b(?P<verb3>{_REJECT})\s+(?:being\s+(?:{_W}\s+){{0,2}}?(?:as\s+)?|to\s+be\s+){_FILL_NP}$",
    # "stopped thinking of itself as X", "stop calling the region X"
    r"\b(?P<verb5>(?:stop|stops|stopped|stopping|quit|quits|ceased?|ceases)\s+(?:thinking\s+of|"
    r"seeing|viewing|regarding|treating|describing|calling|referring\s+to|labell?ing))\s+"
    rf"(?:{_W}\s+){{0,4}}?(?:as\s+)?{_FILL_NP}$",
    # a direct object only after verbs that cannot be read otherwise ("rejects X")
    rf"\b(?P<verb4>{_REJECT_DIRECT})\s+{_FILL_NP}$",
)
# "Nobody disputes that X is ...": a denied denial affirms.
_DENIED_DENIAL = re.compile(
    rf"(?:\b(?:no\s+one|nobody|none|few|not|never|hardly|cannot)\b|n{_AP}t\b)"
    r"(?:\s+[\w'’-]+){0,2}\s*$",
    _I,
)
# "is not X ..., but it comes close": the writer takes the denial back.
_NEG_UNDONE = re.compile(
    r"\bbut\s+(?:it|this|that|they|he|she|the\s+\w+)\s+(?:\w+\s+)?(?:comes?|came|is|are|was|"
    r"were|gets?|got|feels?|looks?|seems?)\s+(?:\w+\s+)?(?:close|near|nearly|almost|similar)\b",
    _I,
)
# A short parenthetical that may sit between a cue and the label: "is not, as some claim, X".
_PARENTHETICAL = re.compile(r",[^,;]{1,40},")


_HAS_REJECT = _gate(
    rf"\b(?:{_REJECT}|{_REJECT_DIRECT}|stop|stops|stopped|stopping|quits?|ceased?|ceases)"
)
_HAS_NEGATION = _gate(
    r"\b(?:not|cannot|never|no|hardly|scarcely|far|anything|neither|nor|rather|instead|ceased?|"
    r"stop|stops|stopped|least|let|nobody|none)\b|n['’]t\b"
)


def _rejected(span: _Span) -> Reading | None:
    clause = span.clause
    m = _REJECTED.search(clause) if _HAS_REJECT(clause) else None
    if m and not _DENIED_DENIAL.search(clause, 0, m.start()):
        groups = ("verb", "verb2", "verb3", "verb4", "verb5")
        verb = next(g for g in (m.group(name) for name in groups) if g)
        return Context.NEGATED, f"rejected: '{_quote_word(verb)}'"
    return None


def _negated(span: _Span) -> Reading | None:
    if _NEG_UNDONE.search(span.text, span.end, span.hi):
        return None
    clause = span.clause
    if not _HAS_NEGATION(clause):
        m = None
    else:
        m = _NEGATED.search(clause) or _NEGATED.search(_PARENTHETICAL.sub(" ", clause))
    if m:
        return Context.NEGATED, f"negated by '{_quote_word(m.group('cue'))}'"
    m = _NEG_AFTER.search(span.after)
    if m:
        return Context.NEGATED, f"negated by '{_quote_word(m.group().strip(' ,'))}'"
    return None


# ---------------------------------------------------------------------------------------------
# Mention: the words discussed as words.

_META_BEFORE = _any(
    # "the label X", "the term: X", "the phrase 'X'"
    rf"(?<!other\s)(?<!in\sa\s)\b(?P<noun>{_META_NOUN})\s*[:,]?\s+(?:(?:of|about|around)\s+)?"
    rf"{_FILL_NP}$",
    # "the name X" (not "in the name of X")
    rf"\b(?P<noun6>names?)\s*[:,]?\s+{_FILL_NP}$",
    # "a nickname for the region: X"
    rf"(?<!other\s)\b(?P<noun4>{_META_NOUN}|names?)\b(?:\s+{_W}){{0,5}}?\s*:\s+{_FILL_NP}$",
    # "the notion that Central Asia is X", "the idea of Kazakhstan as X"
    rf"\b(?P<noun2>{_META_NOUN}|{_VIEW_NOUN})\s+(?:of|about|on)\s+(?:{_W}\s+){{1,6}}?"
    rf"(?:as|being|to\s+be)\s+{_FILL_NP}$",
    rf"\b(?P<noun3>{_META_NOUN}|{_VIEW_NOUN})\s+that\s+(?:{_W}\s+){{1,8}}?{_COPULA}\s+{_FILL}$",
    # "the idea that great powers are entitled to X": a claim under discussion. Only a claim of
    # right or need, so that "the notion that Russia enjoys ties with its post-Soviet neighbours"
    # keeps the writer's own label.
    r"\b(?P<noun5>idea|notion|belief|assumption|myth|premise|thesis|fantasy|conviction)\s+that\s+"
    rf"(?:{_W}\s+){{1,8}}?(?:entitled\s+to|deserves?|(?:has|have)\s+a\s+right\s+to|should|must|"
    rf"ought\s+to|owns?|needs?)\s+(?:{_W}\s+){{0,3}}?{_FILL_NP}$",
    # talk about the words: "talk of X", "references to X", "the use of X"
    # ("the language of X" is not here: it is as often the language spoken in X)
    r"\b(?P<talk>talk\s+(?:of|about)|references?\s+to|mentions?\s+of|the\s+use\s+of|usage\s+of)"
    rf"\s+{_FILL_NP}$",
)
_CALLED = _any(
    r"\b(?P<frame>so[- ]called|dubbed|termed|nicknamed|christened|styled|"
    r"(?:known|spelled|spelt|written|transliterated|translated|romani[sz]ed|rendered|glossed|"
    r"referred\s+to|refers?\s+to)"
    r"(?:\s*,[^,;]{1,40},|\s+(?:in\s+\w+|locally|abroad|internationally|widely|commonly|"
    r"officially|then|once|formerly|still|usually|often))*\s+as|spelled|spelt|what\s+(?:is|was|are|were)\s+(?:once\s+|often\s+|"
    r"sometimes\s+|still\s+)?(?:called|termed|known\s+as|referred\s+to\s+as|dubbed)|"
    r"(?:is|are|was|were|be|been|being|often|sometimes|also|once|commonly|widely|usually|"
    r"collectively|still|now|long)\s+(?:called|labell?ed|branded|tagged))\s+(?:as\s+)?"
    rf"{_FILL_NP}$",
    # "Referring to Central Asia as X is wrong", "by calling the region X"
    r"(?:^\s*|\b(?:by|of|about|against|from|for|in|on|that|when|with)\s+)"
    r"(?P<gerund>referring\s+to|calling|describing|labell?ing|branding|characteri[sz]ing|"
    r"dubbing|portraying|depicting|framing|casting|painting|dismissing|lumping)\s+"
    rf"(?:{_W}\s+){{0,6}}?(?:as\s+|together\s+as\s+)?{_FILL_NP}$",
    # "lumped in with the post-Soviet states", "counted among the Stans": a classification
    r"\b(?P<grouped>(?:lumped|grouped|bundled|classed|classified|counted|filed|listed)\s+"
    r"(?:(?:in|together)\s+)*(?:with|among|under|as|into))\s+"
    rf"{_FILL_NP}$",
)
# "the near abroad, Moscow's term for its neighbours", "the Stans (a traveller's nickname)"
_APPOSITIVE_TERM = re.compile(
    r"^\s*(?:,|\(|[—–]|\s-)\s*(?:(?:the|a|an|its|their)\s+)?(?:[\w.-]+['’]s?\s+)?"
    r"(?:(?:own|old|official|preferred|favou?rite|usual|common|informal|colloquial|"
    r"Soviet-era|catch-all|loaded|shorthand)\s+)?"
    r"(?:term|phrase|label|name|word|expression|euphemism|shorthand|nickname|moniker|coinage|"
    r"catch-?phrase|tag|designation)\b",
    _I,
)
# "the Stans, as backpackers call them,", "the near abroad, as it is known,"
_CALLED_AFTER = re.compile(
    rf"^\s*,?\s*as\s+(?:(?:{_W}\s+){{1,4}}?(?:call|calls|called|term|terms|termed|dub|dubs|dubbed|"
    r"name|names|named|nickname|nicknamed|like\s+to\s+call|likes\s+to\s+call)\s+(?:it|them|this|"
    r"these|the\s+\w+)|(?:it|they|this|these)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:called|known|"
    r"dubbed|termed|nicknamed))\b",
    _I,
)
_META_PREDICATE = re.compile(
    r"^\s*['\"”’»]?\s*(?:,\s*)?(?:is|are|was|were|has\s+become|remains?|sounds?|seems?)\s+"
    r"(?:(?:a|an|the|now|often|still|increasingly|simply|just|widely|largely|deeply|"
    r"[a-z]+ly|seen\s+as|considered)\s+)*"
    r"(?:misnomer|myth|fiction|clich[eé]|caricature|stereotype|trope|relic|anachronism|"
    r"misconception|fallacy|insult|slur|(?:outdated|dated|anachronistic|obsolete|loaded|"
    r"offensive|colonial|condescending|derogatory|pejorative|patroni[sz]ing|reductive|"
    r"misleading|inaccurate|lazy|problematic|dismissive|unhelpful)\s+(?:\w+\s+)?(?:term|label|"
    r"phrase|expression|shorthand|description|metaphor|framing|name|word|designation|way))\b",
    _I,
)
# "X as a catch-all", "X when they mean Central Asia": the words weighed as words
_AS_A_TERM = re.compile(
    r"^\s*['\"”’»]?\s*(?:as\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:description|descriptor|term|label|"
    r"name|catch-?all|shorthand|synonym|euphemism|byword|umbrella\s+term|designation)\b|"
    r"(?:when|where|if)\s+(?:they|we|you|he|she|people|writers|editors|reporters|journalists|"
    r"analysts|authors)\s+(?:really\s+)?mean\b)",
    _I,
)
_MISLABEL = re.compile(
    r"^\s*['\"”’»]?\s*(?:,\s*)?(?:is|are|was|were)\s+(?:(?:a|an|the|now|often|still|"
    r"increasingly|[a-z]+ly)\s+)*(?:offensive|condescending|derogatory|pejorative|misleading|"
    r"inaccurate|outdated|anachronistic|colonial|patroni[sz]ing|a\s+misnomer)\s*[.,;!]?\s*$",
    _I,
)


_HAS_META = _gate(
    rf"\b(?:{_META_NOUN}|{_VIEW_NOUN}|names?|talk|references?|mentions?|use|usage|language|rhetoric|"
    r"discourse)\b"
)


def _mention(span: _Span) -> Reading | None:
    m = _META_BEFORE.search(span.head) if _HAS_META(span.head) else None
    if m:
        groups = ("noun", "noun2", "noun3", "noun4", "noun5", "noun6", "talk")
        noun = next(g for g in (m.group(name) for name in groups) if g)
        return Context.MENTION, f"discussed as a term: '{_quote_word(noun)}'"
    m = _CALLED.search(span.before)
    if m:
        frame = m.group("frame") or m.group("gerund") or m.group("grouped")
        return Context.MENTION, f"discussed as a term: '{_quote_word(frame)} ...'"
    m = _META_AFTER.search(span.after)
    if m:
        return Context.MENTION, f"discussed as a term: '... {_quote_word(m.group().strip())}'"
    m = _CALLED_AFTER.search(span.after)
    if m:
        return Context.MENTION, f"discussed as a term: '{_quote_word(m.group().strip(' ,'))}'"
    m = _APPOSITIVE_TERM.search(_norm(span.text[span.end : min(span.hi, span.end + 80)]))
    if m:
        return Context.MENTION, f"discussed as a term: '{_quote_word(m.group().strip(' ,—–-('))}'"
    m = _AS_A_TERM.search(span.after)
    if m:
        return Context.MENTION, f"discussed as a term: '{_quote_word(m.group().strip())}'"
    m = _META_PREDICATE.search(span.after)
    if m or _MISLABEL.search(span.after):
        return Context.MENTION, "discussed as a term: called a misnomer"
    return None


# ---------------------------------------------------------------------------------------------
# Attribution: someone else's view.

_PERCEIVE = (
    r"regards?|regarded|regarding|sees?|saw|seen|seeing|views?|viewed|viewing|treats?|treated|"
    r"treating|perceives?|perceived|perceiving|considers?|considered|considering|describes?|"
    r"described|describing|portrays?|portrayed|portraying|depicts?|depicted|depicting|casts?|"
    r"casting|paints?|painted|painting|characteri[sz](?:e|es|ed|ing)|frames?|framed|framing|"
    r"brands?|branded|branding|labels?|label(?:l)?ed|label(?:l)?ing|refers?|referred|referring|"
    r"thinks?\s+of|thought\s+of|imagines?|imagined|envisions?|envisioned|envisages?|envisaged|"
    r"conceives?\s+of|conceived\s+of|pictures?|pictured|recasts?|"
    r"reimagines?|reimagined|dismiss(?:es|ed)?|"
    r"mistakes?\s+\w+\s+for|mistook|mistaken\s+for|eyes|eyed|claims?|claimed"
)
_ATTR_WHAT = re.compile(
    rf"\bwhat\s+(?P<who>(?:{_W}\s+){{1,6}}?)(?P<verb>calls?|called|call|considers?|considered|"
    r"regards?|regarded|sees?|saw|views?|viewed|describes?|described|terms?|termed|dubs?|dubbed|"
    r"deems?|deemed|perceives?|perceived|refers?\s+to\s+as|referred\s+to\s+as|thinks?\s+of\s+as|"
    r"thought\s+of\s+as|treats?\s+as|treated\s+as|claims?(?:\s+as)?|likes?\s+to\s+call|"
    r"liked\s+to\s+call|used\s+to\s+call|sees?\s+as|saw\s+as|views?\s+as|regards?\s+as|"
    rf"considers?\s+to\s+be|labels?|labell?ed|brands?|branded)\s+(?:as\s+|to\s+be\s+)?{_FILL_NP}$",
    _I,
)
_ATTR_AS = re.compile(
    rf"\b(?P<verb>{_PERCEIVE})\b(?:\s+{_W}){{0,12}}?\s+as\s+{_FILL_NP}$",
    _I,
)
_ATTR_DIRECT = re.compile(
    r"(?<!-)\b(?P<verb>considers?|considered|deems?|deemed|calls?|called|calling|labels?|"
    r"label(?:l)?ed|brands?|branded|dubs?|dubbed)\s+"
    r"(?P<obj>(?:(?!(?:for|on|upon|up|off|out|in|at|back|into|to|with|from|by|through|across|"
    r"over|under|about|after|before|during|against|between|among|within|without|towards?|around|"
    r"is|was|were|are|has|have|had|made|will|would|that|it|this)\b)[\w'’.-]+\s+){0,5}?)"
    rf"(?:to\s+be\s+)?{_FILL_NP}$",
    _I,
)
# Before "considered X" with no object: the participle ("long considered X"), not the verb
# whose object is the label itself ("Putin considers the former Soviet republics ...").
_PASSIVE = re.compile(
    r"(?:^|[,(]|\b(?:is|are|was|were|be|been|being|long|often|widely|once|still|generally|"
    r"commonly|traditionally|usually|sometimes|historically|formerly|previously|also|now|"
    r"what|that|which))\s*$",
    _I,
)
# "a sea that Washington considers X": the relative pronoun is the object, X the view.
_RELATIVE_CONSIDER = re.compile(
    r"\b(?:that|which|what|whom)\s+(?:[\w'’.-]+\s+){1,4}?(?:considers?|considered|deems?|deemed|"
    rf"calls?|called)\s+(?:to\s+be\s+)?{_FILL_NP}$",
    _I,
)
_POSSESSOR = rf"(?:(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?{_AP}s?|their|his|her)"
_VIEW_WORDS = (
    r"view|views|eyes|mind|minds|thinking|world-?view|world\s+view|imagination|perception|"
    r"conception|understanding|calculus|calculations|narrative|narratives|rhetoric|parlance|"
    r"words|terms|lexicon|vocabulary|jargon|vernacular|language|telling|reckoning|estimation|"
    r"opinion|mental\s+maps?|geopolitical\s+imagination|thinking|framing|propaganda|worldview"
)
_ATTR_FRAME = _any(
    rf"\bin\s+{_POSSESSOR}\s+(?:own\s+)?(?:{_VIEW_WORDS})\b",
    rf"\bin\s+the\s+(?:{_VIEW_WORDS})\s+of\b",
    r"\bin\s+(?:Kremlin|Russian|Moscow|official|Soviet|Putin|Putinist|nationalist|imperial|"
    r"Western|Chinese|American|Beijing|Washington|state|government)\s+(?:official\s+)?"
    r"(?:parlance|rhetoric|jargon|terms|language|thinking|discourse|narratives?|propaganda|"
    r"imagination|lexicon|vocabulary|eyes|speak|terminology)\b",
    rf"\bfrom\s+{_POSSESSOR}\s+(?:own\s+)?(?:perspective|point\s+of\s+view|standpoint|"
    r"vantage\s+point|viewpoint|side)\b",
    r"\bfrom\s+the\s+(?:perspective|point\s+of\s+view|standpoint|vantage\s+point|viewpoint)\s+of\b",
    rf"\bas\s+(?:{_W}\s+){{1,4}}?(?:sees?|saw|puts?|views?|viewed|calls?|called|terms?|termed|"
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
)
_ATTR_CLAIM = re.compile(
    r"\b(?P<who>[\w'’.-]+)\s+(?:(?:still|long|has\s+long|have\s+long|often|also|firmly|"
    r"apparently|evidently|clearly|openly|repeatedly|reportedly)\s+)*"
    r"(?P<verb>claims?|claimed|claiming|insists?|insisted|insisting|maintains?|maintained|"
    r"alleges?|alleged|pretends?|pretended|imagines?|imagined|believes?|believed|thinks|"
    r"assumes?|assumed|presumes?|presumed|likes?\s+to\s+(?:think|believe|pretend|imagine)|"
    r"would\s+have\s+(?:us|you|the\s+world|everyone)\s+believe|"
    r"wants?\s+(?:us|the\s+world|everyone|others)\s+to\s+believe)\b"
    rf"(?:\s+that)?(?:\s+{_W}){{0,8}}?\s+{_COPULA}\s+{_FILL}$",
    _I,
)
# A government or its people speaking: "the Kremlin has said", "Chinese officials insist".
_ACTOR = (
    r"(?:the\s+)?(?:Kremlin|Moscow|Putin|Medvedev|Lavrov|Peskov|Zakharova|Beijing|Xi(?:\s+Jinping)?|"
    r"Washington|Canberra|Brussels|New\s+Delhi|Delhi|(?:(?:Russian|Chinese|American|US|U\.S\.|"
    r"Australian|European|EU|Indian|Kremlin|Soviet|government|state|official|senior)\s+)+"
    r"(?:officials?|leaders?|diplomats?|president|ministers?|ministry|government|media|"
    r"propaganda|spokes(?:man|woman|person)|experts?|analysts?|commentators?|nationalists?|"
    r"politicians?|lawmakers?|generals?|strategists?|doctrine|television|TV|press|"
    r"authorities|officers?)|officials|spokes(?:man|woman|person)|the\s+(?:foreign\s+)?ministry)"
)
_ATTR_SAY = re.compile(
    rf"\b(?P<who>{_ACTOR})\s+(?:(?:has|have|had|long|repeatedly|often|also|now|reportedly|"
    r"openly|publicly|recently|previously|again|still|always)\s+)*"
    r"(?:(?P<verb>says?|said|told\s+\w+|tells\s+\w+|warned|warns|speaks?\s+of|spoke\s+of|"
    r"talks?\s+(?:of|about)|talked\s+(?:of|about)|refers?\s+to|referred\s+to)\b(?:\s+that)?"
    r"|(?P<verb_that>stated?|states|declared?|declares|announced?|announces|insists?|insisted|"
    r"argues?|argued|claims?|claimed|made\s+(?:it\s+)?clear|makes\s+(?:it\s+)?clear|maintains?|"
    r"maintained|asserts?|asserted)\s+that\b)(?P<verb_end>)"
    rf"(?:\s+{_W}){{0,12}}?\s+$",
)
# What a government says is its view only where the label is what it claims or wants: "...
# said Ukraine belongs to its near abroad", "... said it wants a buffer zone", "speaks of the
# near abroad". A wire reporter's own "in the former Soviet republic of Armenia, officials
# said" stays a use.
_CLAIMED_SHAPE = re.compile(
    rf"(?:^\s*|\s(?:{_COPULA}|as|part\s+of|wants?|wanted|seeks?|sought|demands?|demanded|"
    r"calls?\s+for|called\s+for|proposes?|proposed|plans?|planned|needs?|needed|envisages?|"
    rf"envisaged)\s+)(?:{_FILL_NP})$",
    _I,
)
_DISTANCING = re.compile(
    r"\b(?P<adj>self-declared|self-proclaimed|self-styled|self-appointed|perceived|presumed|"
    r"supposed|putative|purported|alleged|would-be|imagined|imaginary|claimed|notional|"
    r"mythical|mythic|fabled|self-described)\s+(?:\w+\s+)?$",
    _I,
)
_FIRST_PERSON = frozenset({"i", "we", "i'd", "we'd", "you", "us", "one"})


_HAS_AS = _gate(r"\bas\b")


def _attributed(span: _Span) -> Reading | None:
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
        return Context.ATTRIBUTED, f"attributed: '{_quote_word(m.group('who'))} {verb}'"
    # A frame such as "in the Kremlin's view" or "according to Moscow" attributes the claim's
    # predicate: the label must sit there ("..., Kazakhstan is X"), not be the subject the
    # claim is about ("In Europe's eyes, the post-Soviet space is a blank").
    m = _ATTR_FRAME.search(span.before)
    if m and _predicate(_last_clause(span.before[m.end() :])):
        return Context.ATTRIBUTED, f"attributed: '{_quote_word(m.group())}'"
    m = _ATTR_FRAME.search(span.near_after)
    if m and _predicate(span.clause):
        return Context.ATTRIBUTED, f"attributed: '{_quote_word(m.group())}'"
    return None


_VERBISH = re.compile(
    rf"\b(?:{_COPULA}|seems?|appears?|lies|lay|has|have|had|belongs?)\b|\b\w+(?:ed|es)\b", _I
)
_DETERMINER = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})


def _last_clause(between: str) -> str:
    """What follows a frame up to the label: past the frame's own comma, in the last clause."""
    rest = between.partition(",")[2] or between
    cut = 0
    for m in _CLAUSE_SOFT.finditer(rest):
        cut = m.end()
    return rest[cut:]


def _predicate(between: str) -> bool:
    """True when the words before the label hold a verb, so the label is in the predicate."""
    words = [w for w in re.findall(r"[\w'’-]+", between) if w.lower() not in _DETERMINER]
    return len(words) >= 2 or bool(_VERBISH.search(between))


# ---------------------------------------------------------------------------------------------


def _contrasted(span: _Span) -> Reading | None:
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
        before = re.search(rf"(?<!\w){word}(?!\w)(?P<gap>[^.;!?]{{0,30}})$", near_before, _I)
        after = re.match(rf"^(?P<gap>[^.;!?]{{0,30}}?)(?<!\w){word}(?!\w)", near_after, _I)
        for found in (before, after):
            if found and _CONTRAST_GAP.fullmatch(found.group("gap")):
                return Context.MENTION, f"set against '{_quote_word(replacement.text)}'"
    return None


_CONTRAST_GAP = re.compile(
    r"[\s,:/()\"'“”‘’—–-]*(?:(?:not|rather\s+than|instead\s+of|formerly|previously|once|now|"
    r"today|or|vs\.?|versus|also|then|spelled|spelt|written|known\s+as|called|was|were|is|"
    r"used\s+to\s+be|replaced|replacing|became|becomes|renamed|in\s+Russian|in\s+English)"
    r"[\s,:/()\"'“”‘’—–-]*)*",
    _I,
)


_CHECKS: tuple[Callable[[_Span], Reading | None], ...] = (
    _quoted,
    _name,
    _historical,
    _rejected,
    _mention,
    _negated,
    _attributed,
)
_SPELLING_CHECKS = (_quoted, _name, _mention, _contrasted)
_Checks = tuple[tuple[Callable[[_Span], Reading | None], ...], frozenset[Context]]


@lru_cache(maxsize=512)
def _checks(rule: Rule) -> _Checks:
    """The signals that may excuse a rule's matches.

    A rule may list the readings it accepts in its ``readings`` hint. Without one, a rule whose
    replacement is safe to apply everywhere is a spelling ("Kiev", "Alma-Ata"): only quoting,
    discussing the word or a name excuses it, since a spelling is nobody's view and does not turn
    right when negated or dated. Every other rule accepts every reading.
    """
    names = {n.strip().lower() for n in rule.hint("readings")}
    allowed = frozenset(c for c in Context if c.value in names and c is not Context.USE)
    if allowed:
        return _CHECKS, allowed
    if any(r.safe for r in rule.replacements):
        return _SPELLING_CHECKS, frozenset({Context.MENTION, Context.NAME})
    return _CHECKS, frozenset(Context) - {Context.USE}


def classify(text: str, start: int, end: int, rule: Rule) -> tuple[Context, str]:
    """Read ``text[start:end]``: (``Context.USE``, "") or another reading with a short reason."""
    lo, hi = sentence_bounds(text, start, end)
    span = _Span(text, lo, hi, start, end, rule)
    checks, allowed = _checks(rule)
    for check in checks:
        found = check(span)
        if found is not None and found[0] in allowed:
            return found
    return USE
