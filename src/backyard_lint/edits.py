"""The fix-edit policy: which replacement fits a finding, over which range, in which case, and
whether it may be applied without review. One policy for ``check --fix``/``--diff`` and for the
language server's quick fixes, fix-all and ``source.fixAll``.

A replacement is an *edit* only when it fits the sentence mechanically:

- the range covers the article the replacement replaces ("the Stans" -> "Central Asia", not
  "the Central Asia"); an article or determiner it cannot replace ("these", "five") makes it
  advice only;
- number agrees where a verb or a copula next to the match marks it ("The Stans are ...");
- a proper-name replacement is not followed by "of" ("the post-Soviet states of the region");
- every character it deletes is prose: a match with markup inside (an HTML comment, a tag, an
  autolink, emphasis marks) is never edited.

An edit is *automatic* (``--fix``, fix-all, ``source.fixAll``) only when, besides, the match is
read as ``use`` and does not sit in a name, a title, a quotation, a link label or emphasis, and
its sentence does not discuss the word itself. Pure functions; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from backyard_lint import markup_edit
from backyard_lint.model import Context, Finding, Replacement, Severity
from backyard_lint.sentences import sentence_bounds

# (start offset, end offset, new text), offsets in code points.
Edit = tuple[int, int, str]
LINE_WINDOW = 1000  # how far either side of a match its line is read for markup and quotes

_MARKUP = frozenset("<>*_`[]()|{}\\&#=~^")
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
        "my",
        "your",
        "whose",
        "which",
        "what",
        "some",
        "any",
        "many",
        "several",
        "few",
        "all",
        "both",
        "each",
        "every",
        "no",
        "other",
        "another",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "most",
        "much",
        "more",
    ]
)
_NUMBER_VERBS_SINGULAR = frozenset(
    ["is", "was", "has", "does", "remains", "seems", "lies", "looks", "includes"]
)
_NUMBER_VERBS_PLURAL = frozenset(
    ["are", "were", "have", "do", "remain", "seem", "lie", "look", "include"]
)
_NOT_PLURAL = frozenset(["us", "caucasus", "this", "its", "his", "across", "less"])
_HEAD_CUT = re.compile(r"\b(?:that|which|who|where|until|of|in|with|between|bordering)\b")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“‘]))(the|a|an)[\s\u00a0]+['’‘]?$", re.IGNORECASE)
_PREV_WORD = re.compile(r"([^\W\d_][\w'’.-]*)([ \t\u00a0]+|-)$")
_NEXT_WORD = re.compile(r"^[ \t\u00a0]+([^\W\d_][\w'’-]*)")
_JOINERS = frozenset({"of", "the", "de", "du", "la", "von"})
_TITLE_COLON = re.compile(r"^\s*:\s*[A-Z]")
_DISCUSSION = re.compile(
    r"\b(?:words?|names?|named|naming|spell(?:s|ed|ing|ings)?|spelt|translit\w*|romani[sz]\w*|"
    r"exonyms?|toponyms?|endonyms?|called|calls|term|terms|renam\w*|formerly|previously|"
    r"known[\s\u00a0]+as|pronoun\w*|officially|version|form|forms|instead|rather)\b",
    re.IGNORECASE,
)
_OPEN_EMPHASIS = re.compile(r"<(em|i|cite|b|strong|q|dfn)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Plan:
    """What can be done about one finding. ``edits`` holds one edit per replacement that fits
    the sentence, in the rule's order of preference, with the replacement each came from;
    ``automatic`` says whether the first may be applied without review (``reason`` says why
    not, or why there is no edit at all)."""

    finding: Finding
    edits: tuple[tuple[Replacement, Edit], ...]
    automatic: bool
    reason: str = ""


def case_like(original: str, replacement: str, *, sentence_start: bool) -> str:
    """``replacement`` in the original's case: ALL CAPS stays so; an initial capital is kept
    only when the original starts its sentence (a capital that belongs to a name inside the
    sentence, "... been Russia's backyard", does not capitalise "the countries")."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if sentence_start and original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def starts_sentence(text: str, start: int, sentence_lo: int | None = None) -> bool:
    lo = sentence_bounds(text, start, start)[0] if sentence_lo is None else sentence_lo
    return not any(c.isalnum() for c in text[lo:start])


def cased(
    text: str, start: int, end: int, replacement: str, sentence_lo: int | None = None
) -> str:
    """The one capitalisation used by every door (``sentence_lo``: where the sentence starts,
    when the caller knows)."""
    at_start = starts_sentence(text, start, sentence_lo)
    return case_like(text[start:end], replacement, sentence_start=at_start)


def fixable(finding: Finding) -> bool:
    """A finding that may get a replacement at all: a use, with suggested wording."""
    return (
        finding.severity is not Severity.INFO
        and finding.context == Context.USE
        and bool(finding.replacements)
    )


def markup_inside(text: str, start: int, end: int) -> bool:
    """True when deleting ``text[start:end]`` would delete markup, not only prose."""
    return any(c in _MARKUP for c in text[start:end])


def _plural(phrase: str) -> bool:
    if " and " in phrase or "," in phrase:
        return True
    head = _HEAD_CUT.split(phrase, maxsplit=1)[0]
    words = _WORD.findall(head)
    if not words:
        return False
    last = words[-1].lower().rstrip("'’")
    if last.endswith(("'s", "’s", "ss")) or last in _NOT_PLURAL:
        return False
    return last.endswith("s") and len(last) > 2


def _agreement_clash(text: str, start: int, end: int, plural: bool) -> bool:
    """A verb or copula next to the span marks a number that the replacement does not have."""
    after = _NEXT_WORD.match(text[end : end + 40])
    before = _PREV_WORD.search(text[max(0, start - 40) : start])
    for m in (after, before):
        if m is None:
            continue
        word = m.group(1).lower()
        if (word in _NUMBER_VERBS_SINGULAR and plural) or (
            word in _NUMBER_VERBS_PLURAL and not plural
        ):
            return True
    return False


def _takes_article(match: str) -> bool:
    """Whether the label is a noun phrase that carries its own article ("the Stans", "the
    post-Soviet states", "the near abroad"), not a singular proper name ("Kiev")."""
    words = _WORD.findall(match)
    if not words:
        return False
    last = words[-1]
    return not last[:1].isupper() or _plural(match)


def fit(
    text: str, finding: Finding, replacement: str, sentence: tuple[int, int] | None = None
) -> Edit | None:
    """The edit that puts ``replacement`` in place of the finding, covering an article it
    replaces; None when no mechanical edit keeps the sentence grammatical."""
    start, end = finding.start, finding.end
    head = text[max(0, start - 40) : start]
    rep_words = replacement.split()
    rep_article = rep_words[0].lower() if rep_words else ""
    # A singular proper name ("Kiev") takes no article of its own: a "the" before it belongs to
    # the noun after it ("the Kiev office"), so it stays, and so does any other determiner.
    own_article = _takes_article(finding.match)
    article = _ARTICLE_BEFORE.search(head) if own_article else None
    if article is not None:
        start -= len(head) - article.start()  # the article goes with the label
    elif own_article:
        prev = _PREV_WORD.search(head)
        if prev is not None and prev.group(1).lower() in _DETERMINERS:
            return None  # "these post-Soviet states" -> no replacement fits after "these"
    match_plural = _plural(finding.match)
    rep_plural = _plural(replacement)
    if rep_plural != match_plural and _agreement_clash(text, start, end, rep_plural):
        return None
    proper = replacement[:1].isupper() and rep_article not in ("the", "a", "an")
    if proper and re.match(r"[ \t\u00a0]+of\b", text[end : end + 8]):
        return None  # "Central Asia of the region"
    lo = None if sentence is None else min(sentence[0], start)
    new = cased(text, start, end, replacement, lo)
    if markup_inside(text, start, end):
        # Only the prose words change, every markup character stays where it is
        # (``markup_edit``); None when markup separates the words that change.
        if finding.prose is None:  # which characters are markup is not known
            return None
        prose = text[start : finding.start] + finding.prose + text[finding.end : end]
        rewritten = markup_edit.rewrite(text[start:end], prose, new)
        return None if rewritten is None else (start, end, rewritten)
    return (start, end, new)


def _unclosed(before: str, opener: str, closer: str) -> bool:
    return before.count(opener) > before.count(closer)


def held_back(text: str, finding: Finding, sentence: tuple[int, int] | None = None) -> str:
    """Why ``finding`` must not be fixed without review ("" when nothing holds it back): it
    sits in a name, a title, a quotation, a link label or emphasis, or its sentence discusses
    the word itself."""
    start, end = finding.start, finding.end
    # The line around the match, within a window: the cost per finding stays flat on a long line.
    window_lo = max(0, start - LINE_WINDOW)
    line_lo = max(text.rfind("\n", window_lo, start) + 1, window_lo)
    line_hi = text.find("\n", end, end + LINE_WINDOW)
    line_hi = min(len(text), end + LINE_WINDOW) if line_hi < 0 else line_hi
    before, after = text[line_lo:start], text[end:line_hi]
    if _unclosed(before, "[", "]") and "]" in after:
        return "inside a link label"
    if before.count("`") % 2 == 1:
        return "inside a reStructuredText reference or role"
    for mark in ("**", "*", "__", "_"):
        if before.count(mark) % 2 == 1 and mark in after:
            return "inside emphasis (often a title)"
        before, after = before.replace(mark, ""), after.replace(mark, "")
    opened = [m.group(1).lower() for m in _OPEN_EMPHASIS.finditer(text[line_lo:start])]
    if any(f"</{tag}" not in text[line_lo:start].lower() for tag in opened):
        return "inside emphasis (often a title)"
    if before.count('"') % 2 == 1 or _unclosed(before, "“", "”") or _unclosed(before, "«", "»"):
        return "inside a quotation"
    lo, hi = sentence or sentence_bounds(text, start, end)
    words = text[lo:hi]
    if not words.isupper() and _names_around(text, lo, start, end):
        return "part of a name or title"
    if _DISCUSSION.search(words):
        return "the sentence discusses the name or its wording"
    rest = (text[lo:start] + " " + text[end:hi]).lower()
    if any(re.search(rf"\b{re.escape(r.text.lower())}\b", rest) for r in finding.replacements):
        return "the sentence already uses the suggested wording"
    return ""


def _names_around(text: str, lo: int, start: int, end: int) -> bool:
    """A capitalised word joined to the match ("Dynamo Alma-Ata", "Kiev Polytechnic", "the
    Communist Party of Kirghizia") or a title's colon ("Kiev: A Biography")."""
    pos = start
    while True:
        prev = _PREV_WORD.search(text[max(lo, pos - 60) : pos])
        if prev is None:
            break
        word = prev.group(1)
        word_start = pos - len(prev.group(0))
        if word.lower() in _JOINERS:
            pos = word_start
            continue
        if word[:1].isupper() and any(c.isalnum() for c in text[lo:word_start]):
            return True  # a capital that does not start the sentence
        break
    tail = text[end : end + 60]
    nxt = _NEXT_WORD.match(tail)
    if nxt is not None and nxt.group(1)[:1].isupper() and nxt.group(1) != "I":
        return True
    return _TITLE_COLON.match(tail) is not None


def plan(text: str, finding: Finding) -> Plan:
    if not fixable(finding):
        return Plan(finding, (), automatic=False, reason="not read as a use")
    found: list[tuple[Replacement, Edit]] = []
    seen: set[str] = set()
    sentence = sentence_bounds(text, finding.start, finding.end)
    for rep in finding.replacements:
        edit = fit(text, finding, rep.text, sentence)
        if edit is not None and edit[2] not in seen:
            seen.add(edit[2])
            found.append((rep, edit))
    if not found:
        why = (
            "the match has markup inside"
            if markup_inside(text, finding.start, finding.end)
            else "no replacement fits the sentence mechanically"
        )
        return Plan(finding, (), automatic=False, reason=why)
    reason = held_back(text, finding, sentence)
    return Plan(finding, tuple(found), automatic=not reason, reason=reason)


def automatic(
    text: str, findings: Iterable[Finding], *, safe_only: bool
) -> list[tuple[Finding, Edit]]:
    """Non-overlapping edits, with their findings, for every finding whose plan is automatic:
    its first fitting replacement (with ``safe_only``, only when that one is marked safe)."""
    out: list[tuple[Finding, Edit]] = []
    last_end = -1
    for f in sorted(findings, key=lambda x: x.sort_key):
        if not fixable(f) or f.start < last_end:
            continue
        if safe_only and not any(r.safe for r in f.replacements):
            continue
        p = plan(text, f)
        if not p.automatic:
            continue
        rep, edit = p.edits[0]
        if (safe_only and not rep.safe) or edit[0] < last_end:
            continue
        out.append((f, edit))
        last_end = edit[1]
    return out


def fix_all(text: str, findings: Iterable[Finding], *, safe_only: bool) -> list[Edit]:
    return [edit for _, edit in automatic(text, findings, safe_only=safe_only)]


def apply(text: str, changes: Iterable[Edit]) -> str:
    parts = []
    pos = 0
    for start, end, new in changes:
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
