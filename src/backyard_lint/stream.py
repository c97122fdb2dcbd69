"""A long document linted from its file, a piece at a time, without ever holding its whole text.

``runner.lint_path`` hands the command's long documents here: Markdown or plain text of
``STREAM_BYTES`` or more, checked without ``--fix``, ``--diff``, ``--encoding`` or proselint. Two
passes over the file:

1. ``plan`` reads it once, decoding as it goes, a window at a time. A window always starts at a
   safe boundary (``formats.masking.cut_points``), so the boundaries found in it are boundaries
   of the whole document: a window sees less of what follows, which can only hide a boundary
   (a block it cannot see closed runs on), never make one. The pieces are chosen as
   ``pieces.plan`` chooses them, each read with ``REACH`` characters or more of the document
   either side, up to a boundary; what the document defines for every piece (Markdown's link
   reference definitions) is gathered on the way.
2. ``lint_file`` reads each piece again from the file and sends it to the mapper: each goes
   through the one pipeline (``pipeline.raw_findings``) in a worker, which also locates its
   findings in the piece's text (``locating.locate``), lines counted from where it starts.

The findings are those of the document read whole (``tests/test_stream.py``). A document that
cannot be planned this way gives None, and the caller reads it whole: one with a byte-order
mark, a NUL byte, bytes that are not UTF-8, a lone carriage return, a directive comment (a
directive applies across the document), an invisible or look-alike character (``lookalike.py``
normalises the whole text), or no safe boundary for ``MAX_WINDOW`` characters; and a file that
changes between the two passes.
"""

from __future__ import annotations

import codecs
import os
import stat
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, TYPE_CHECKING, Any

from backyard_lint.pieces import PIECE, REACH

if TYPE_CHECKING:
    from backyard_lint.engine import RuleSet
    from backyard_lint.formats.markdown_refs import Gathered
    from backyard_lint.model import Located, Settings
    from backyard_lint.readers import Mapper

    # (the first byte of the text read and the byte after it, where that text starts in the
    # document and its line there, the piece's start and end in the text read)
    Spec = tuple[int, int, int, int, int, int]

# A shorter document is read whole: its text costs little memory, and reading it whole is no
# slower (here the safe boundaries are found once for the plan and again in each piece: the 10
# MB dense document of docs/performance.md took 1.7 s streamed, 1.5 to 1.8 s read whole).
STREAM_BYTES = 16 << 20
BLOCK = 1 << 20  # bytes read at a time
SLACK = 1 << 16  # characters read past a piece's end and REACH: the cut after them is in view
MAX_WINDOW = 16 * PIECE  # characters held while looking for a cut, at most
BATCH = 4  # pieces planned from one window, about (each window's boundaries are found once)


class _NotStreamed(Exception):
    """The document is to be read whole (see the module's docstring)."""


def lint_file(
    path: str,
    fmt: str,
    settings: Settings,
    ruleset: RuleSet,
    mapper: Mapper,
    size: int | None = None,
    least: int | None = None,
) -> list[Located] | None:
    """The located findings of the file at ``path``, in order, linted piece by piece (of about
    ``size`` characters, ``PIECE`` by default) by ``mapper``; None when it is shorter than
    ``least`` bytes (``STREAM_BYTES``) or is not to be streamed (the caller reads it whole)."""
    from backyard_lint import formats
    from backyard_lint.core.read import MAX_BYTES

    size = PIECE if size is None else size
    least = STREAM_BYTES if least is None else least
    if not formats.BY_NAME[fmt].cuts:
        return None
    try:
        st = os.stat(path)  # noqa: PTH116 - a name, not a Path
        if not stat.S_ISREG(st.st_mode) or not max(least, 2 * size) <= st.st_size <= MAX_BYTES:
            return None  # (the caller reads it, and says why it cannot)
        with open(path, "rb") as f:  # noqa: PTH123
            before = os.fstat(f.fileno())
            specs, outside = plan(f, fmt, size)
    except (OSError, _NotStreamed):
        return None
    located: list[Located] = []
    try:
        with open(path, "rb") as f:  # noqa: PTH123
            if _changed(before, os.fstat(f.fileno())):
                return None
            tasks = _tasks(f, specs, (fmt, settings, outside))
            for found in mapper(locate_piece, tasks, ruleset):
                located += found
    except (OSError, _NotStreamed):
        return None
    return located


def _changed(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns, before.st_ino) != (
        after.st_size, after.st_mtime_ns, after.st_ino,
    )


def _tasks(f: IO[bytes], specs: list[Spec], common: tuple[str, Settings, Any]) -> Iterator[Any]:
    """Each piece's task, read from the file as the mapper asks for it."""
    fmt, settings, outside = common
    for first, end, base, line, start, stop in specs:
        f.seek(first)
        data = f.read(end - first)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # the file changed since it was planned
            raise _NotStreamed from None
        yield fmt, settings, text, start, stop, base, line, outside


def locate_piece(ruleset: RuleSet, task: Any) -> list[Located]:
    """One piece's findings, located, with offsets and lines in the whole document (run in a
    worker process, or here)."""
    from backyard_lint.locating import locate
    from backyard_lint.pieces import lint_piece

    fmt, settings, text, start, stop, base, line, outside = task
    # The piece's findings in its own text's offsets (no directive: not streamed), located there.
    kept, _ = lint_piece(ruleset, (fmt, settings, text, start, stop, 0, 0, outside, None))
    kept.sort(key=lambda f: f.sort_key)
    out = []
    for loc in locate(text, kept):
        f, fix = loc.finding, loc.fix
        if fix is not None:
            fix = replace(fix, line=fix.line + line, end_line=fix.end_line + line)
        out.append(
            replace(
                loc,
                finding=replace(f, start=f.start + base, end=f.end + base),
                line=loc.line + line,
                end_line=loc.end_line + line,
                fix=fix,
            )
        )
    return out


class _Window:
    """Text decoded from the file, from a safe boundary on: ``base`` characters, ``base_byte``
    bytes and ``base_line`` lines into the document."""

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.text = ""
        self.base = self.base_byte = self.base_line = 0
        self.eof = False

    def more(self) -> None:
        data = self.f.read(BLOCK)
        if self.base == 0 and not self.text and data.startswith(codecs.BOM_UTF8):
            raise _NotStreamed
        try:
            self.text += self.decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise _NotStreamed from None
        self.eof = not data

    def byte_at(self, k: int) -> int:
        return self.base_byte + len(self.text[:k].encode("utf-8"))

    def line_at(self, k: int) -> int:
        return self.base_line + self.text.count("\n", 0, k)  # (no lone CR: not streamed)

    def drop(self, k: int) -> None:
        self.base_byte, self.base_line = self.byte_at(k), self.line_at(k)
        self.base += k
        self.text = self.text[k:]


def plan(f: IO[bytes], fmt: str, size: int = PIECE) -> tuple[list[Spec], Any]:
    """The pieces of the document in ``f`` and what it defines for all of them (first pass)."""
    from backyard_lint.formats.markdown_refs import Gathered
    from backyard_lint.formats.masking import cut_points

    window = _Window(f)
    gathered = Gathered() if fmt == "markdown" else None
    specs: list[Spec] = []
    start = 0  # the next piece's start, in the window
    while True:
        while not window.eof and (
            len(window.text) < start + BATCH * size + 2 * REACH + SLACK
            or window.text.endswith("\r")  # (a CR LF may come in two blocks: not a lone CR)
        ):
            window.more()
        cuts = cut_points(fmt, window.text)
        if cuts is None:
            raise _NotStreamed
        done = 0  # what lies before the next piece's text is done with
        while (found := _piece_end(cuts, start, size, len(window.text), window.eof)) or (
            window.eof
        ):
            end, after = found or (len(window.text), len(window.text))
            # A piece is read from the last cut REACH or more before its start.
            first = cuts[bisect_right(cuts, max(0, start - REACH)) - 1]
            line = window.line_at(first)
            specs.append((window.byte_at(first), window.byte_at(after), window.base + first,
                          line, start - first, end - first))
            if found is None:  # the last piece
                _done_with(window.text, cuts, 0, len(window.text), gathered)
                return specs, gathered.result() if gathered is not None else None
            start = end
            done = cuts[bisect_right(cuts, max(0, start - REACH)) - 1]
        if done == 0 and len(window.text) > MAX_WINDOW:  # no cut in sight
            raise _NotStreamed
        _done_with(window.text, cuts, 0, done, gathered)
        window.drop(done)
        start -= done
        window.more()


def _done_with(text: str, cuts: list[int], lo: int, hi: int, gathered: Gathered | None) -> None:
    """A stretch of the document from one cut to another, read for the last time: refuse
    what only the whole text can handle (no word is cut in two here), and gather its link
    definitions."""
    from backyard_lint import lookalike
    from backyard_lint.pipeline import DIRECTIVE_MARK

    part = text[lo:hi]
    if DIRECTIVE_MARK in part or "\0" in part or lookalike.normalise(part) is not None:
        raise _NotStreamed
    if gathered is not None:
        gathered.add(text, cuts, lo, hi)


def _piece_end(
    cuts: list[int], start: int, size: int, length: int, eof: bool
) -> tuple[int, int] | None:
    """The end of the piece that starts at ``start`` (the first cut ``size`` or more after it,
    not leaving a sliver at the end of the document) and the end of the text read with it (the
    first cut ``REACH`` or more after that, or the document's end); None when the window of
    ``length`` characters (the whole rest of the document when ``eof``) does not show both."""
    i = bisect_left(cuts, start + size)
    if i == len(cuts) or (eof and length - cuts[i] < size // 4):
        return None
    end = cuts[i]
    j = bisect_left(cuts, end + REACH)
    if j < len(cuts):
        return end, cuts[j]
    return (end, length) if eof else None
