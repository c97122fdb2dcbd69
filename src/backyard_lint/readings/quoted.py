"""Signal ``quoted``: quotation marks around the match or a word of it, or a block quote.

Straight, curly or angle marks, double or single ("scare quotes"). An apostrophe of possession
or elision ("Russia's", "the 'Stans") is not a quotation mark. Marks are paired from the start
of the paragraph, so a quotation that runs over several sentences counts, and one opened before
a sentence and never closed covers the rest of its paragraph. A paragraph in a Markdown block
quote (its ``>`` markers are kept for reading by the Markdown adapter) is quoted material.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.common import I, Reading
from backyard_lint.readings.lazy import Lazy
from backyard_lint.readings.span import Span, last_blank_line, open_tag

_DOUBLE_OPEN = "“„«‹"
_DOUBLE_CLOSE = "”»›"
_SINGLE = "'‘’"
_QUOTES = frozenset(_DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE + '"')
_QUOTE_RE = Lazy("[" + re.escape("".join(sorted(_QUOTES))) + "]")
_LETTERS = Lazy(r"[^\W\d_]+")
_BOUNDARY_BEFORE = " \t\r\n([{/—–-*_~" + _DOUBLE_OPEN + '"'
_BOUNDARY_AFTER = " \t\r\n)]}/—–-.,;:!?…*_~" + _DOUBLE_CLOSE + '"'
# Elisions that start with an apostrophe: the 'Stans, the '90s, 'em, 'til, rock 'n' roll.
_ELISION = Lazy(r"(?:stans?\b|\d\ds\b|em\b|til\b|tis\b|twas\b|cause\b|n\b|bout\b)", I)
_QUOTE_REACH = 1500  # how far back a paragraph's quotation marks are paired
# A line of white space only (blank, or markup the adapter blanked), up to its line break: the
# look-ahead lets two such lines in a row both be found.
_BLANK_LINE = Lazy(r"\n[ \t\r]*(?=\n)")


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
            if weak and not _LETTERS.fullmatch(text, o + 1, i) and len(single) > 1:
                # an elision inside a quotation ("‘the ’stans.’"): the elision's mark opened
                # nothing, and this mark closes the quotation around it
                single.pop()
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


# A block quote as the adapters leave it for reading: ">" at the start of a line, after any
# indentation (a quote inside a list item; the list marker is blank).
_BLOCK_QUOTE_LINE = Lazy(r"[ \t]*>")


def _block_quoted(span: Span, paragraph_start: int) -> bool:
    """True when the match's paragraph is a Markdown block quote (its first line, or the
    match's own line, starts with ">")."""
    return bool(
        _BLOCK_QUOTE_LINE.match(span.text, paragraph_start)
        or _BLOCK_QUOTE_LINE.match(span.text, span.line_start)
    )


# Quotation tags as the HTML adapter leaves them for reading.
_QUOTE_TAG = Lazy(r"<(/?)(blockquote|q)\b[^<>]*>", I)


def quoted(span: Span) -> Reading | None:
    # Pair marks from the start of the paragraph so a quotation that runs over several
    # sentences is still seen.
    lo = max(0, span.lo - _QUOTE_REACH)
    paragraph = 0 if lo == 0 else span.line_start  # where the paragraph starts, if known
    blank = last_blank_line(span.text, lo, span.lo)
    if blank >= 0:
        lo = paragraph = blank + 1
    hi = min(len(span.text), span.hi + _QUOTE_REACH)
    following = _BLANK_LINE.search(span.text, span.hi, hi)
    if following:
        hi = following.start()
    if _block_quoted(span, paragraph):
        return Context.MENTION, "inside a block quote"
    tag = open_tag(span, _QUOTE_TAG)
    if tag:
        return Context.MENTION, f"inside <{tag}>"
    for o, c in _quote_spans(span.text, lo, hi):
        if o < span.end - 1 and c > span.start:  # the marks hold part of the match
            if len(span.text[o + 1 : c].split()) <= 6:
                return Context.MENTION, "in quotation marks"
            return Context.MENTION, "inside a quotation"
    return None
