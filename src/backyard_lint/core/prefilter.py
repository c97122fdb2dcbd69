"""The prefilter: may a text hold a finding? Literal requirements first, then only the triggers
the text needs.

Every rule's patterns, widened to tolerate inline markup (``engine.trigger_pattern``), are its
*triggers*. Each trigger has a requirement (``core/literals.py``): strings every match contains.
One small RE2 set of those literals finds the requirements a text meets; only the triggers so
needed are compiled (each once) and searched. Most texts need none, and compiling every trigger
is the largest cost of linting one small file, so neither the command's fast path nor the full
path pays it for a clean file.

The literal index (which literal files which trigger) is computed once per rule set, or read
from the rule cache's quick file for the built-in rules (``rulecache.read_quick``).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

PREFILTER_MAX_MEM = 64 << 20  # RE2 memory for a set of widened trigger patterns
MAX_SETS = 64  # compiled sets of needed triggers kept per prefilter
HEAD = 1 << 16  # bytes of a long text searched first by ``Prefilter.triggered``
DIRECTIVE_MARK = b"backyard-lint"  # a directive comment holds this (``directives.MARK``)


def load_re2() -> Any:
    """google-re2's compiled module, ``re2._re2``, without the ``re2`` package around it: the
    package imports ``functools``, ``itertools`` and ``codecs``, which together cost as much
    as loading the library. It is entered in ``sys.modules``, where ``import re2`` finds it.
    (This start-up trick pays only in the command's fast path; elsewhere ``re2`` is imported
    anyway and this returns the module it loaded.)"""
    module = sys.modules.get("re2._re2")
    if module is None:
        try:
            from _frozen_importlib import module_from_spec
            from _frozen_importlib_external import PathFinder

            package = PathFinder.find_spec("re2")
            spec = package and PathFinder.find_spec("re2._re2", package.submodule_search_locations)
            if spec is None or spec.loader is None:
                raise ImportError("re2._re2")
            module = module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules["re2._re2"] = module
        except Exception:  # another Python or layout: the ordinary import
            from re2 import _re2 as fallback  # type: ignore[attr-defined]

            module = fallback
    return module


def options(re2: Any, max_mem: int = 0) -> Any:
    """RE2's options: no logging of errors, and ``max_mem`` bytes (0: RE2's default)."""
    opts = re2.RE2.Options()
    opts.log_errors = False
    if max_mem:
        opts.max_mem = max_mem
    return opts


def compile_set(re2: Any, patterns: Sequence[str], max_mem: int = 0) -> Any | None:
    """An RE2 set of ``patterns`` searched anywhere in a text (``.Match(bytes)`` gives the
    indices of those that match), or None when one does not compile or the set is too large."""
    compiled = re2.Set(re2.RE2.Anchor.UNANCHORED, options(re2, max_mem))
    for pattern in patterns:
        if compiled.Add(pattern.encode("utf-8")) < 0:
            return None
    return compiled if compiled.Compile() else None


def build_index(
    triggers: Sequence[str], known: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The literal index of ``triggers``: ``literals`` (the strings of every requirement,
    sorted), ``gate`` (each literal as an RE2 pattern that finds it
    without regard to case), ``anchors`` (for each literal, the clauses filed under it:
    ``[trigger, [one bit mask over the literals for each other factor of the clause]]``; a
    clause is filed under each string of its most selective factor) and ``always`` (the
    triggers without a requirement), and ``requirements`` (each trigger's, by pattern). Plain
    data: the rule cache keeps it. ``known``: requirements already computed, by pattern
    (analysing the patterns costs more than a small run: docs/performance.md)."""
    from backyard_lint.core.literals import escape, requirement, strength

    known = known or {}
    reqs = [known[t] if t in known else requirement(t) for t in triggers]
    literals = sorted({s for req in reqs if req for clause in req for f in clause for s in f})
    index = {s: i for i, s in enumerate(literals)}
    anchors: list[list[Any]] = [[] for _ in literals]
    for position, req in enumerate(reqs):
        for clause in req or ():
            first, *rest = sorted(clause, key=strength, reverse=True)
            masks = [sum(1 << index[s] for s in f) for f in rest]
            for s in first:
                anchors[index[s]].append([position, masks])
    return {
        "literals": literals,
        "gate": ["(?i)" + escape(literal) for literal in literals],
        "anchors": anchors,
        "always": [position for position, req in enumerate(reqs) if req is None],
        "requirements": dict(zip(triggers, reqs, strict=True)),
    }


class Prefilter:
    """Which triggers match in a text (UTF-8 bytes), searching only those it needs."""

    def __init__(self, triggers: Sequence[str], index: dict[str, Any] | None = None) -> None:
        self.triggers = list(triggers)
        data = build_index(self.triggers) if index is None else index
        self.anchors: list[list[Any]] = data["anchors"]
        self.always = frozenset(data["always"])
        self.re2 = load_re2()
        # The literals' set has two more members after them, ``hidden.MAY_HIDE`` and the
        # directive mark: the same pass over the text says whether a character may hide a label
        # or a directive comment may be there (see ``triggered``).
        from backyard_lint.core.hidden import MAY_HIDE
        from backyard_lint.core.literals import escape

        self.hiding = len(data["gate"])  # the set's index of the first of them
        mark = escape(DIRECTIVE_MARK.decode())
        self.gate = compile_set(self.re2, [*data["gate"], MAY_HIDE, mark])
        if self.gate is None:  # cannot happen with escaped literals
            self.anchors, self.always = [], frozenset(range(len(self.triggers)))
        self._single: dict[str, Any] = {}  # by pattern: several rules may share one
        self._sets: dict[frozenset[int], tuple[list[int], Any]] = {}
        self._all: tuple[list[int], Any] | None = None

    def needs(self, data: bytes) -> set[int]:
        """The triggers whose requirement ``data`` meets."""
        return self._scan(data)[0]

    def _scan(self, data: bytes) -> tuple[set[int], bool]:
        """``needs``, and whether ``data`` must be read by the full path whatever it needs: it
        holds a character that may hide a label or a directive mark (True when the set could
        not be compiled: it may)."""
        found = set(self.always)
        if self.gate is None:
            return found, True
        hits = list(self.gate.Match(data))
        special = [i for i in (self.hiding, self.hiding + 1) if i in hits]
        for i in special:
            hits.remove(i)
        hiding = bool(special)
        if hits:
            seen = 0
            for i in hits:
                seen |= 1 << i
            for i in hits:
                for trigger, masks in self.anchors[i]:
                    if trigger not in found:
                        for mask in masks:
                            if not seen & mask:
                                break
                        else:
                            found.add(trigger)
        return found, hiding

    def triggered(self, data: bytes) -> bool:
        """Whether any trigger matches in ``data``: the needed ones, one at a time, stopping at
        the first that matches (a clean file needs few, and each is compiled once). In a long
        text each is first searched in the first ``HEAD`` bytes: a text with labels has one
        early as a rule, and a needed trigger that it lacks would be searched to the end. A
        text with a character that may hide a label (``core/hidden.py``) counts as triggered,
        for the full path normalises it before matching; so does a text with the directive
        mark, for a directive comment may be reported."""
        re2 = self.re2
        needed, hiding = self._scan(data)
        if hiding:
            return True
        patterns = {self.triggers[t] for t in needed}
        stops = (HEAD, len(data)) if len(data) > HEAD else (len(data),)
        for stop in stops:
            for pattern in patterns:
                regex = self._single.get(pattern)
                if regex is None:
                    regex = re2.RE2(pattern.encode("utf-8"), options(re2, PREFILTER_MAX_MEM))
                    if not regex.ok():  # too large for its memory: it may match, for all we know
                        return True
                    self._single[pattern] = regex
                if regex.Match(re2.RE2.Anchor.UNANCHORED, data, 0, stop)[0][0] >= 0:
                    return True
        return False

    def hits(self, data: bytes) -> list[int]:
        """The triggers that match in ``data``, in order: the needed ones in one RE2 set (one
        pass over the text however many are needed), compiled once per combination. Past
        ``MAX_SETS`` combinations (the stretches of a document dense with labels, a long-lived
        server), the set of every trigger, compiled once, answers instead."""
        needed = frozenset(self.needs(data))
        if not needed:
            return []
        found = self._sets.get(needed)
        if found is None:
            if len(self._sets) >= MAX_SETS:
                found = self._every()
            else:
                order = sorted(needed)
                patterns = [self.triggers[t] for t in order]
                found = (order, compile_set(self.re2, patterns, PREFILTER_MAX_MEM))
                self._sets[needed] = found
        order, compiled = found
        if compiled is None:  # too large a set: every needed trigger may match
            return sorted(needed)
        return sorted(t for t in (order[i] for i in compiled.Match(data)) if t in needed)

    def _every(self) -> tuple[list[int], Any]:
        if self._all is None:
            order = list(range(len(self.triggers)))
            self._all = (order, compile_set(self.re2, self.triggers, PREFILTER_MAX_MEM))
        return self._all
