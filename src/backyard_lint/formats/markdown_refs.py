"""Markdown's link reference definitions, for partial masking (``markdown_partial.py``) and for
a long document cut into pieces (``pieces.py``): a link anywhere may use a definition made
anywhere else in the document, so each stretch or piece masked on its own is given the
document's definitions, read lazily from the only stretches that may hold one."""

from __future__ import annotations

from bisect import bisect_right
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
    boundaries, from 0): the stretches between cuts that may hold one, joined (each starts at a
    safe boundary, so each reads as it does in ``text``), read when a link first looks up its
    label (``_References``). None when no stretch may hold one. When those stretches are much
    of a long text (a ``]:`` in most paragraphs), every definition is read here once, and only
    the definitions go with each piece."""
    at = text.find(DEFINITION)
    if at < 0:
        return None
    kept: list[int] = []  # the stretches (indices into cuts) that may hold a definition
    while at >= 0:
        i = bisect_right(cuts, at) - 1
        if not kept or kept[-1] != i:
            kept.append(i)
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        at = text.find(DEFINITION, max(at + 1, end))
    parts: list[str] = []
    starts: list[int] = []
    size = 0
    for i in kept:
        part = text[cuts[i] : cuts[i + 1] if i + 1 < len(cuts) else len(text)]
        starts.append(size)
        parts.append(part)
        size += len(part)
    found = References("".join(parts), starts)
    if size <= SHIPPED:
        return found
    every: dict[str, Any] = {}
    for i in range(len(starts)):
        for label, target in found._definitions(i).items():
            every.setdefault(label, target)  # the first definition of a label wins
    return every
