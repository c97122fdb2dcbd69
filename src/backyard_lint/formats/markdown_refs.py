"""Markdown's link reference definitions, for partial masking (``markdown_partial.py``) and for
a long document cut into pieces (``pieces.py``): a link anywhere may use a definition made
anywhere else in the document, so each stretch or piece masked on its own is given the
document's definitions, read lazily from the only stretches that may hold one."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from markdown_it.common.utils import normalizeReference

from backyard_lint.formats.markdown import _BLOCK, _block_source
from backyard_lint.positions import LineIndex

DEFINITION = "]:"  # every link reference definition holds it
SHIPPED = 1 << 20  # characters of stretches with definitions sent with each piece, at most


class References(dict):  # type: ignore[type-arg]
    """The document's link reference definitions, each read when a link first looks up its
    label. Every definition holds "]:"; the label before it (on the same line, without a
    backslash) says which stretch between safe boundaries may define which label, so only
    those stretches are parsed (any other definition's stretch is parsed for every label).
    The first definition of a label wins, as in markdown-it."""

    def __init__(self, text: str, bounds: list[int]) -> None:
        super().__init__()
        self._text = text
        self._bounds = bounds
        self._by_label: dict[str, list[int]] | None = None  # label -> stretches (indices)
        self._anywhere: list[int] = []
        self._parsed: dict[int, dict[str, Any]] = {}
        self._missing: set[str] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            return self[key]
        if key in self._missing:
            return default
        if self._by_label is None:
            self._index()
        assert self._by_label is not None
        for i in sorted({*self._by_label.get(key, ()), *self._anywhere}):
            found = self._definitions(i).get(key)
            if found is not None:
                self[key] = found
                return found
        self._missing.add(key)
        return default

    def _index(self) -> None:
        text, bounds = self._text, self._bounds
        by_label: dict[str, list[int]] = {}
        at = text.find(DEFINITION)
        while at >= 0:
            i = bisect_right(bounds, at) - 1
            line = text.rfind("\n", 0, at)
            line = max(line, text.rfind("\r", line + 1, at))  # not back to the start
            opener = text.rfind("[", line + 1, at)
            label = text[opener + 1 : at]
            if opener < 0 or "\\" in label or "]" in label:
                self._anywhere.append(i)
            else:
                by_label.setdefault(normalizeReference(label), []).append(i)
            at = text.find(DEFINITION, at + 1)
        self._by_label = by_label

    def _definitions(self, i: int) -> dict[str, Any]:
        """The definitions in the ``i``-th stretch between safe boundaries."""
        found = self._parsed.get(i)
        if found is None:
            text, bounds = self._text, self._bounds
            start = bounds[i]
            chunk = text[start : bounds[i + 1] if i + 1 < len(bounds) else len(text)]
            env: dict[str, Any] = {}
            starts = LineIndex(chunk).starts if start == 0 else []
            _BLOCK.parse(_block_source(chunk, starts, start == 0), env)
            found = self._parsed[i] = env.get("references", {})
        return found


def definitions(text: str, cuts: list[int]) -> dict[str, Any] | None:
    """The link reference definitions of ``text`` for each piece cut at ``cuts`` (safe
    boundaries, from 0), gathered (``Gathered``) from the stretches between cuts that may hold
    one; None when no stretch may hold one."""
    gathered = Gathered()
    gathered.add(text, cuts, 0, len(text))
    return gathered.result()


class Gathered:
    """The link reference definitions of a document, gathered stretch by stretch in document
    order (each stretch starts at a safe boundary, so each reads as it does in the document):
    the stretches that may hold one are kept, and read when a link first looks up its label
    (``References``). Past ``SHIPPED`` characters of them (a ``]:`` in most paragraphs), those
    kept so far are read at once and only their definitions are kept."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.every: dict[str, Any] | None = None  # once read at once

    def add(self, text: str, cuts: Sequence[int], lo: int, hi: int) -> None:
        """The stretches of ``text[lo:hi]`` between the safe boundaries ``cuts`` (sorted, ``lo``
        among them) that hold "]:"."""
        at = text.find(DEFINITION, lo, hi)
        while at >= 0:
            i = bisect_right(cuts, at) - 1
            end = min(cuts[i + 1], hi) if i + 1 < len(cuts) else hi
            self.parts.append(text[cuts[i] : end])
            self.size += end - cuts[i]
            at = text.find(DEFINITION, max(at + 1, end), hi)
        if self.size > SHIPPED:
            self._read()

    def _read(self) -> None:
        found = self._references()
        every = {} if self.every is None else self.every
        for i in range(len(self.parts)):
            for label, target in found._definitions(i).items():
                every.setdefault(label, target)  # the first definition of a label wins
        self.every, self.parts, self.size = every, [], 0

    def _references(self) -> References:
        starts, at = [], 0
        for part in self.parts:
            starts.append(at)
            at += len(part)
        return References("".join(self.parts), starts)

    def result(self) -> dict[str, Any] | None:
        if self.every is not None:
            if self.parts:
                self._read()
            return self.every
        return self._references() if self.parts else None
