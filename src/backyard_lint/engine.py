"""The one engine behind every entry point: ``lint_text``.

text -> prefilter (one RE2 set over the raw text) -> mask markup -> match each rule that hit ->
classify each match (use or mention) -> apply settings and directives -> findings. The middle
(``pipeline.py``) runs on the whole text, or on each piece of a long one (``pieces.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import re2

from backyard_lint.core.prefilter import DIRECTIVE_MARK as _MARK_BYTES
from backyard_lint.core.prefilter import PREFILTER_MAX_MEM, Prefilter, compile_set, load_re2
from backyard_lint.encoded import Encoded, compile_raw, excepted, sentence_of, utf8
from backyard_lint.model import Finding, Rule, Settings
from backyard_lint.pipeline import DIRECTIVE_MARK, enabled_hits
from backyard_lint.tolerant import region_tolerant, trigger_form

if TYPE_CHECKING:
    from backyard_lint.readers import Mapper

# The classifier, the format adapters, the directives and sentence bounds are imported by the
# first text whose prefilter hits (see ``lint_text``): most files never need them, and a
# command that lints one clean file should not pay for compiling their regular expressions.

DEFAULT_SETTINGS = Settings()
_RE2 = load_re2()  # RE2's compiled module (``import re2`` has loaded it)


Sentence = tuple[Encoded, int, int, int]  # ``sentence_of``: the sentence around a span


def _flagged(rule: Rule, regex: str) -> str:
    return regex if rule.case_sensitive else f"(?i:{regex})"


# The prefilter and ``locate`` search widened forms of each pattern (see ``tolerant``).
def trigger_pattern(rule: Rule, regex: str) -> str:
    """One pattern as the prefilter's full set holds it (also kept in the rule cache)."""
    return _flagged(rule, trigger_form(regex))


class _Compiled:
    """One rule's compiled matchers (a plain class: a dataclass costs start-up time)."""

    __slots__ = ("exceptions", "patterns", "rule")

    def __init__(
        self,
        rule: Rule,
        patterns: tuple[tuple[Any, Any | None], ...],  # (regex, sentence regex or None)
        exceptions: tuple[Any, ...],
    ) -> None:
        self.rule = rule
        self.patterns = patterns
        self.exceptions = exceptions


class RuleSet:
    """Rules compiled once: a prefilter set over every trigger, and each rule's matchers."""

    def __init__(
        self, rules: Iterable[Rule], literal_index: dict[str, Any] | None = None
    ) -> None:
        self.rules: tuple[Rule, ...] = tuple(sorted(rules, key=lambda r: r.id))
        self.by_id: dict[str, Rule] = {}
        for rule in self.rules:
            self.by_id[rule.id] = rule
            for alias in rule.aliases:
                self.by_id.setdefault(alias, rule)
        # The prefilter (core/prefilter.py), built on first use: commands that lint nothing,
        # such as ``rules`` and ``explain``, never pay for it, and a text compiles only the
        # triggers it needs. ``index``: the triggers' literal index, when the caller has it.
        self._owner: list[int] = []  # each trigger's rule (index) ...
        self._pattern_no: list[int] = []  # ... and pattern (index in the rule's patterns)
        self._triggers: list[str] = []
        for index, rule in enumerate(self.rules):
            for number, pattern in enumerate(rule.patterns):
                self._triggers.append(trigger_pattern(rule, pattern.regex))
                self._owner.append(index)
                self._pattern_no.append(number)
        self.literal_index = literal_index  # see core.prefilter.build_index
        self._prefilter: Prefilter | None = None
        self._compiled: dict[str, _Compiled] = {}
        self._locators: dict[tuple[str, ...], Any] = {}
        self._stretch_sets: dict[frozenset[str], tuple[list[int], Any]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        """A rule set travels to a worker process as its rules (compiled patterns cannot be
        pickled: the worker compiles what it needs)."""
        return (type(self), (self.rules, self.literal_index))

    @property
    def triggers(self) -> list[str]:
        """Every rule's trigger patterns as the prefilter holds them (rules in id order)."""
        return list(self._triggers)

    def _filter(self) -> Prefilter:
        if self._prefilter is None:
            self._prefilter = Prefilter(self._triggers, self.literal_index)
        return self._prefilter

    def __len__(self) -> int:
        return len(self.rules)

    @cached_property
    def ids(self) -> frozenset[str]:
        return frozenset(self.by_id)

    def prefilter(self, text: str) -> list[Rule]:
        """The rules with at least one trigger in ``text`` (raw, before masking)."""
        if not self._triggers:
            return []
        hits = self._filter().hits(utf8(text))
        if not hits:
            return []
        indices = sorted({self._owner[i] for i in hits})
        return [self.rules[i] for i in indices]

    def triggered(self, data: bytes) -> bool:
        """True when any rule's trigger or the directive mark occurs in ``data``, UTF-8 bytes
        of a text, or a character that may hide a label (the same prefilter as
        :meth:`prefilter`, stopping at the first trigger that matches)."""
        if not self._triggers:
            return _MARK_BYTES in data
        return self._filter().triggered(data)

    def locate(self, rules: Sequence[Rule], text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` (raw) where ``rules`` may match once it is masked: each pattern
        with its white space widened to markup (``region_tolerant``). Not covered: words of a
        label kept apart by other non-prose (a bare URL, a code block between paragraphs),
        which masking the whole text would join with white space."""
        if not rules:
            return []
        key = tuple(rule.id for rule in rules)
        regex = self._locators.get(key)
        if regex is None:
            alternatives = [
                _flagged(rule, region_tolerant(p.regex)) for rule in rules for p in rule.patterns
            ]
            try:
                # the widened patterns make a larger automaton
                regex = compile_raw("|".join(alternatives), PREFILTER_MAX_MEM)
            except re2.error:  # too large an automaton: the whole text is one span
                regex = compile_raw(r"(?s).+")
            self._locators[key] = regex
        return list(Encoded(text).spans(regex))  # (no label pattern matches the empty text)

    def compiled(self, rule: Rule) -> _Compiled:
        found = self._compiled.get(rule.id)
        if found is None:
            pats = tuple(
                (
                    compile_raw(_flagged(rule, p.regex)),
                    compile_raw(_flagged(rule, p.sentence)) if p.sentence else None,
                )
                for p in rule.patterns
            )
            excs = tuple(compile_raw(_flagged(rule, e)) for e in rule.exceptions)
            found = self._compiled[rule.id] = _Compiled(rule, pats, excs)
        return found

    def matches(
        self, rule: Rule, text: str, windows: Sequence[tuple[int, int]] | None = None
    ) -> list[tuple[int, int]]:
        """Spans of ``rule`` in ``text`` (already masked), overlaps merged, exceptions removed.

        ``windows``: the only stretches (start, end) of ``text`` to search, each on its own
        (text outside them is blank: see ``formats.Masked.regions``)."""
        if windows is not None:
            found = []
            for lo, hi in windows:
                found += [(s + lo, e + lo) for s, e in self.matches(rule, text[lo:hi])]
            return found
        return self._find(rule, Encoded(text), None)

    def search(self, text: str, wanted: frozenset[str]) -> list[tuple[Rule, int, int]]:
        """Every match in ``text`` (a masked stretch) of the rules ``wanted`` (ids), searching
        only the patterns whose trigger (a superset of the pattern: ``trigger_pattern``)
        occurs in ``text`` itself; ``text`` is encoded once for all of them."""
        order, compiled = self._stretch_set(wanted)
        if not order:
            return []
        piece = Encoded(text)
        hits = order if compiled is None else [order[i] for i in compiled.Match(piece.data)]
        by_rule: dict[int, set[int]] = {}
        for t in hits:
            by_rule.setdefault(self._owner[t], set()).add(self._pattern_no[t])
        found: list[tuple[Rule, int, int]] = []
        sentences: dict[tuple[int, int], Sentence] = {}  # shared: several rules match one span
        for index in sorted(by_rule):
            rule = self.rules[index]
            found += [
                (rule, s, e) for s, e in self._find(rule, piece, by_rule[index], sentences)
            ]
        return found

    def _stretch_set(self, wanted: frozenset[str]) -> tuple[list[int], Any]:
        """The triggers of the rules ``wanted`` and one RE2 set of them (None when too large:
        then every one may match), compiled once per combination of rules. The prefilter's
        sets are chosen by the literals each text holds, which differ from one stretch to the
        next: a document dense with labels would compile a set for most of its stretches."""
        found = self._stretch_sets.get(wanted)
        if found is None:
            order = [t for t, owner in enumerate(self._owner) if self.rules[owner].id in wanted]
            patterns = [self._triggers[t] for t in order]
            found = (order, compile_set(_RE2, patterns, PREFILTER_MAX_MEM))
            self._stretch_sets[wanted] = found
        return found

    def _find(
        self,
        rule: Rule,
        piece: Encoded,
        which: set[int] | None,
        sentences: dict[tuple[int, int], Sentence] | None = None,
    ) -> list[tuple[int, int]]:
        """``matches`` over an encoded text; ``which``: the only patterns (indices) to try.
        ``sentences``: the sentence around each span of ``piece`` found so far (``sentence_of``),
        shared by the rules searched in the same piece."""
        from backyard_lint.sentences import sentence_bounds  # (see the module's docstring)

        comp = self.compiled(rule)
        text = piece.text
        if sentences is None:
            sentences = {}
        spans: list[tuple[int, int]] = []
        for k, (regex, sentence) in enumerate(comp.patterns):
            if which is not None and k not in which:
                continue
            for s, e in piece.spans(regex):
                if sentence is not None:
                    around = sentences.get((s, e))
                    if around is None:
                        around = sentences[s, e] = sentence_of(text, s, e, sentence_bounds)
                    chunk, lo, hi, _ = around
                    if not chunk.found(sentence, lo, hi):
                        continue
                spans.append((s, e))
        if not spans:
            return []
        spans.sort(key=lambda se: (se[0], -se[1]))
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s < merged[-1][1]:
                continue  # overlaps a longer or earlier match of the same rule
            merged.append((s, e))
        if comp.exceptions:
            kept = []
            for s, e in merged:
                around = sentences.get((s, e))
                if around is None:
                    around = sentences[s, e] = sentence_of(text, s, e, sentence_bounds)
                if not excepted(comp.exceptions, around, s, e):
                    kept.append((s, e))
            merged = kept
        return merged


def lint_text(
    text: str,
    ruleset: RuleSet,
    *,
    fmt: str = "plain",
    settings: Settings = DEFAULT_SETTINGS,
    mapper: Mapper | None = None,
    piece: int | None = None,
) -> list[Finding]:
    """Lint ``text`` (already decoded) in format ``fmt``; a pure function of its arguments.

    Findings are sorted by offset. Offsets are code points into ``text``. Invisible characters
    and look-alike letters inside a word are normalised for matching (``lookalike.py``).
    With a ``mapper`` (``readers.Readers``: worker processes), a long document is linted in
    pieces of about ``piece`` characters (``pieces.PIECE`` by default; ``pieces.py``), or,
    when its format cannot be cut, its matches are read in chunks (``readings/batch.py``);
    the findings are the same.
    """
    from backyard_lint import lookalike

    return lookalike.lint_through(
        text,
        lambda seen: _lint_text(
            seen, ruleset, fmt=fmt, settings=settings, mapper=mapper, piece=piece
        ),
    )


def _lint_text(
    text: str,
    ruleset: RuleSet,
    *,
    fmt: str,
    settings: Settings,
    mapper: Mapper | None,
    piece: int | None,
) -> list[Finding]:
    hit_rules = enabled_hits(ruleset, text, settings)
    has_directives = DIRECTIVE_MARK in text
    if not hit_rules and not has_directives:
        return []
    from backyard_lint import directives
    from backyard_lint.pipeline import raw_findings

    found = None
    if mapper is not None:  # a long document: in pieces, on every core
        from backyard_lint.pieces import PIECE, lint_in_pieces

        found = lint_in_pieces(
            text, ruleset, fmt=fmt, settings=settings, mapper=mapper, size=piece or PIECE
        )
    if found is None:
        found = raw_findings(text, ruleset, hit_rules, fmt=fmt, settings=settings, mapper=mapper)
    findings, marks = found
    if marks or has_directives:
        findings = directives.apply(findings, marks, text, ruleset, settings)
    findings.sort(key=lambda f: f.sort_key)
    return findings
