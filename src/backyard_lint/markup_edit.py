"""A replacement that keeps the markup inside a match.

A match is found in the masked text, where markup (a tag, a comment, an autolink, emphasis marks)
is blank; in the source, that markup sits between the match's words: ``the <!-- note -->
Ukraine``, ``the **Ukraine**``, ``the <em>Ukraine</em>``. Replacing the whole span with the
replacement's words would delete the comment or break the emphasis. :func:`rewrite` instead
changes only the span's prose characters, word by word, and gives the span's new source text with
every markup character kept in place, or None when that cannot be done (the fix is then offered,
not applied).

Pure functions; offsets are code points into the span.
"""

from __future__ import annotations

Word = tuple[int, int]  # (start, end) of a run of prose characters that are not white space


def markup_flags(raw: str, prose: str | None) -> list[bool]:
    """For each character of ``raw``, whether it is markup: blank in ``prose`` (the masked
    span, of the same length) but not blank in ``raw``. Without ``prose`` nothing is markup."""
    if prose is None or len(prose) != len(raw):
        return [False] * len(raw)
    return [r != p and not r.isspace() for r, p in zip(raw, prose, strict=True)]


def _words(raw: str, markup: list[bool]) -> list[Word]:
    out: list[Word] = []
    start = -1
    for i, c in enumerate(raw):
        inside = not markup[i] and not c.isspace()
        if inside and start < 0:
            start = i
        elif not inside and start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, len(raw)))
    return out


def rewrite(raw: str, prose: str | None, new: str) -> str | None:
    """``raw`` (a match's source text) with its prose words replaced by ``new``'s, keeping
    every markup character (``markup_flags``); None when the words that change are separated
    by markup and cannot be replaced one for one."""
    markup = markup_flags(raw, prose)
    if not any(markup):
        return new
    old_words = _words(raw, markup)
    new_words = new.split()
    texts = [raw[s:e] for s, e in old_words]
    if not old_words or not new_words:
        return None
    a = 0  # words kept at the start
    while a < min(len(texts), len(new_words)) and texts[a] == new_words[a]:
        a += 1
    b = 0  # words kept at the end
    while (
        b < min(len(texts), len(new_words)) - a and texts[-1 - b] == new_words[-1 - b]
    ):
        b += 1
    old_mid = old_words[a : len(old_words) - b]
    new_mid = new_words[a : len(new_words) - b]
    if not old_mid and not new_mid:
        return raw
    if not new_mid:
        return _delete(raw, markup, old_words, a, len(old_words) - b)
    if not old_mid:  # an insertion: after the word before it, or before the first word
        if a > 0:
            at = old_words[a - 1][1]
            return raw[:at] + " " + " ".join(new_mid) + raw[at:]
        at = old_words[0][0]
        return raw[:at] + " ".join(new_mid) + " " + raw[at:]
    lo, hi = old_mid[0][0], old_mid[-1][1]
    if not any(markup[lo:hi]):  # the changed words are plain prose: replace them together
        return raw[:lo] + " ".join(new_mid) + raw[hi:]
    if len(old_mid) == len(new_mid):  # word for word, the markup between them kept
        out, pos = [], 0
        for (s, e), word in zip(old_mid, new_mid, strict=True):
            out += [raw[pos:s], word]
            pos = e
        return "".join(out) + raw[pos:]
    return None


def _delete(raw: str, markup: list[bool], words: list[Word], first: int, stop: int) -> str | None:
    """``raw`` without ``words[first:stop]`` and the white space that separated them, keeping
    the markup between them; one white-space run stays between the words around them."""
    if first == 0 and stop == len(words):
        return None  # nothing would be left of the prose
    if stop < len(words):  # delete from the first word up to the next kept word
        lo, hi = words[first][0], words[stop][0]
        keep_space_before_markup = False
    else:  # the last words go: delete from the end of the word before them
        lo, hi = words[first - 1][1], words[-1][1]
        keep_space_before_markup = True
    solid = [i for i in range(lo, hi) if not raw[i].isspace()]
    out = []
    for i in range(lo, hi):
        c = raw[i]
        if markup[i]:
            out.append(c)
        elif c.isspace():
            left = [j for j in solid if j < i]
            right = [j for j in solid if j > i]
            if left and right and markup[left[-1]] and markup[right[0]]:
                out.append(c)  # inside markup (a comment's words) or between two pieces of it
            elif keep_space_before_markup != any(markup[lo:i]):
                # Between a deleted word and markup, the white space goes on the side of the
                # deleted words; the run on the far side of the markup stays.
                out.append(c)
    return raw[:lo] + "".join(out) + raw[hi:]
