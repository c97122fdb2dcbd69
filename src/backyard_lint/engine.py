"""The one engine behind every entry point: ``lint_text``.

text -> prefilter (one RE2 set over the raw text) -> mask markup -> match each rule that hit ->
classify each match (use or mention) -> apply settings and directives -> findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

import re2

from backyard_lint.core.prefilter import DIRECTIVE_MARK as _MARK_BYTES
from backyard_lint.core.prefilter import PREFILTER_MAX_MEM, Prefilter
from backyard_lint.model import Context, Finding, Rule, Settings, Severity

# The classifier, the format adapters, the directives and sentence bounds are imported by the
# first text whose prefilter hits (see ``lint_text``): most files never need them, and a
# command that lints one clean file should not pay for compiling their regular expressions.
DIRECTIVE_MARK = _MARK_BYTES.decode()  # directives.MARK, without importing the directives

DEFAULT_SETTINGS = Settings()


def _options() -> Any:
    opts = re2.Options()
    opts.log_errors = False
    return opts


def _flagged(rule: Rule, regex: str) -> str:
    return regex if rule.case_sensitive else f"(?i:{regex})"


# In the prefilter only, the white space between words may also be inline markup: a tag
# ("Russia's <em>backyard</em>"), emphasis or strike-through marks, or a blockquote marker at a
# line start (and a word boundary may be an underscore). The adapters blank such markup, so the
# exact patterns then match the masked text; without this, the raw-text prefilter would never
# let such a file through.
_MARKUP_GAP = r"(?:[\s\pZ*_~>]|<[^<>]*>|&(?:nbsp|#0*160|#x0*a0);)"
_GAPS = (
    (r"[\s\pZ]+", _MARKUP_GAP + "+"),
    (r"[\s\pZ]*", _MARKUP_GAP + "*"),
    (r"\s+", _MARKUP_GAP + "+"),
    (r"\s*", _MARKUP_GAP + "*"),
)


# To find where a rule may match once the markup is masked (``RuleSet.locate``), the white
# space between words may be any run of characters that are not word characters, list numbers,
# tags, character references, code spans, or a link's destination or reference label.
_REGION_GAP = r"(?:\W|\d+[.)]|<[^<>]*>|&#?\w+;|`[^`]*`|\]\([^()]*\)|\]\[[^\[\]]*\])"
_REGION_GAPS = tuple((gap, _REGION_GAP + wider[-1]) for gap, wider in _GAPS)


# A word boundary may also be an emphasis mark that is a word character: "_Russia's_ backyard".
_EDGE = (r"\b", r"(?:\b|_)")


def region_tolerant(regex: str) -> str:
    """``regex`` with its white-space runs widened to any markup (see ``RuleSet.locate``)."""
    for gap, wider in (*_REGION_GAPS, _EDGE):
        regex = regex.replace(gap, wider)
    return regex


def markup_tolerant(regex: str) -> str:
    """``regex`` with its white-space runs widened to allow inline markup (prefilter only)."""
    for gap, wider in (*_GAPS, _EDGE):
        regex = regex.replace(gap, wider)
    return regex


# In the prefilter only, a bounded optional repeat ("up to three modifiers": X{0,3}) becomes
# unbounded (X*): it matches a superset, so no file is lost, and the set compiles faster (the
# bounded form is compiled as that many copies of X).
_BOUNDED_OPTIONAL = re.compile(r"(?<!\\)\{0,\d+\}")


def trigger_pattern(rule: Rule, regex: str) -> str:
    """One pattern as the prefilter's full set holds it (also kept in the rule cache)."""
    return _flagged(rule, _BOUNDED_OPTIONAL.sub("*", markup_tolerant(regex)))


def _large_options() -> Any:
    opts = _options()
    opts.max_mem = PREFILTER_MAX_MEM  # the widened patterns make a larger automaton
    return opts


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
        self._owner: list[int] = []
        self._triggers: list[str] = []
        for index, rule in enumerate(self.rules):
            for pattern in rule.patterns:
                self._triggers.append(trigger_pattern(rule, pattern.regex))
                self._owner.append(index)
        self.literal_index = literal_index  # see core.prefilter.build_index
        self._prefilter: Prefilter | None = None
        self._compiled: dict[str, _Compiled] = {}
        self._locators: dict[tuple[str, ...], Any] = {}

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
        hits = self._filter().hits(text.encode("utf-8", "surrogatepass"))
        if not hits:
            return []
        indices = sorted({self._owner[i] for i in hits})
        return [self.rules[i] for i in indices]

    def triggered(self, data: bytes) -> bool:
        """True when any rule's trigger occurs in ``data``, UTF-8 bytes of a text (the same
        prefilter as :meth:`prefilter`, stopping at the first trigger that matches)."""
        if not self._triggers:
            return False
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
                regex = re2.compile("|".join(alternatives), _large_options())
            except re2.error:  # too large an automaton: the whole text is one span
                regex = re2.compile(r"(?s).+")
            self._locators[key] = regex
        return [m.span() for m in regex.finditer(text)]

    def compiled(self, rule: Rule) -> _Compiled:
        found = self._compiled.get(rule.id)
        if found is None:
            opts = _options()
            pats = tuple(
                (
                    re2.compile(_flagged(rule, p.regex), opts),
                    re2.compile(_flagged(rule, p.sentence), opts) if p.sentence else None,
                )
                for p in rule.patterns
            )
            excs = tuple(re2.compile(_flagged(rule, e), opts) for e in rule.exceptions)
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
        comp = self.compiled(rule)
        spans: list[tuple[int, int]] = []
        for regex, sentence in comp.patterns:
            for m in regex.finditer(text):
                s, e = m.start(), m.end()
                if s == e:
                    continue
                if sentence is not None:
                    chunk, lo, hi, _ = _sentence_of(text, s, e)
                    if sentence.search(chunk, lo, hi) is None:
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
            merged = [se for se in merged if not _excepted(comp.exceptions, text, *se)]
        return merged


def _sentence_of(text: str, start: int, end: int) -> tuple[str, int, int, int]:
    """The sentence around ``text[start:end]`` as ``(chunk, lo, hi, offset)``: search
    ``chunk[lo:hi]``, where ``chunk`` starts at ``offset`` in ``text`` and keeps one character
    of context either side (so ``\\b``, ``^`` and ``$`` read as in the whole text).

    RE2's Python wrapper encodes the whole string it is given on every search, so a search of
    the whole text per match would make the cost per match grow with the document's length."""
    from backyard_lint.sentences import sentence_bounds

    lo, hi = sentence_bounds(text, start, end)
    offset = max(0, lo - 1)
    chunk = text[offset : hi + 1]
    return chunk, lo - offset, hi - offset, offset


def _excepted(exceptions: Sequence[Any], text: str, start: int, end: int) -> bool:
    """True when an exception pattern matches a stretch that covers the whole span."""
    chunk, lo, hi, offset = _sentence_of(text, start, end)
    start, end = start - offset, end - offset
    for regex in exceptions:
        for m in regex.finditer(chunk, lo, hi):
            if m.start() <= start and m.end() >= end:
                return True
            if m.start() > start:
                break
    return False


def format_message(rule: Rule, match: str) -> str:
    replacement = rule.replacements[0].text if rule.replacements else ""
    return rule.message.format(match=" ".join(match.split()), replacement=replacement)


def _matches(
    ruleset: RuleSet,
    rules: Sequence[Rule],
    masked: str,
    regions: Sequence[tuple[int, int]] | None,
) -> list[tuple[Rule, int, int]]:
    """Every match of ``rules`` in the masked text, by rule then offset. With ``regions`` (the
    text was masked only there), each region is cut out once and searched on its own, and only
    by the rules whose triggers occur in it (the prefilter, again, over the region): the cost
    per region does not grow with the number of rules that hit elsewhere in the document."""
    if regions is None:
        return [(rule, s, e) for rule in rules for s, e in ruleset.matches(rule, masked)]
    if len(regions) == 1:  # one stretch (a label in a long buffer): the rules that hit it all
        (a, b), one = regions[0], []
        piece = masked[a:b]
        for rule in rules:
            one += [(rule, s + a, e + a) for s, e in ruleset.matches(rule, piece)]
        return one
    wanted = {rule.id for rule in rules}
    found: list[tuple[Rule, int, int]] = []
    for a, b in regions:
        piece = masked[a:b]
        for rule in ruleset.prefilter(piece):
            if rule.id in wanted:
                found += [(rule, s + a, e + a) for s, e in ruleset.matches(rule, piece)]
    found.sort(key=lambda m: (m[0].id, m[1]))
    return found


def lint_text(
    text: str,
    ruleset: RuleSet,
    *,
    fmt: str = "plain",
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Finding]:
    """Lint ``text`` (already decoded) in format ``fmt``; a pure function of its arguments.

    Findings are sorted by offset. Offsets are code points into ``text``.
    """
    hit_rules = [
        r for r in ruleset.prefilter(text) if settings.enabled(r.id, r.default, r.family)
    ]
    has_directives = DIRECTIVE_MARK in text
    if not hit_rules and not has_directives:
        return []
    from backyard_lint import directives, formats, readings

    around = None
    if formats.partial(fmt, text):  # a long document: mask only where a rule or directive is
        around = ruleset.locate(hit_rules, text)
        if has_directives:
            at = text.find(DIRECTIVE_MARK)
            while at >= 0:
                around.append((at, at + len(DIRECTIVE_MARK)))
                at = text.find(DIRECTIVE_MARK, at + 1)
    doc = formats.mask(text, fmt, around=around)
    masked = doc.masked
    read = doc.for_reading(text)
    findings: list[Finding] = []
    for rule, start, end in _matches(ruleset, hit_rules, masked, doc.regions):
        reading, reason = readings.classify(read, start, end, rule)
        reason = reason.removeprefix(f"{reading}: ")  # the reading is shown beside it
        if reading is Context.USE:
            severity = settings.severity_for(rule)
        elif settings.show_mentions:
            severity = Severity.INFO
        else:
            continue
        findings.append(
            Finding(
                rule=rule.id,
                severity=severity,
                start=start,
                end=end,
                match=text[start:end],
                message=format_message(rule, masked[start:end]),
                replacements=rule.replacements,
                context=reading,
                reason=reason,
            )
        )
    if doc.directives or has_directives:
        findings = directives.apply(findings, doc.directives, text, ruleset, settings)
    findings.sort(key=lambda f: f.sort_key)
    return findings
