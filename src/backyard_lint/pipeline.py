"""The pipeline over one text, or one piece of a long one: prefilter, mask the markup, match each
rule that hit, read each match (use or mention), make the findings. ``engine.lint_text`` runs it
on a whole document, or on each piece of a long one (``pieces.py``), and then applies the
directives it found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from backyard_lint.core.prefilter import DIRECTIVE_MARK as _MARK_BYTES
from backyard_lint.model import Context, Finding, Rule, Settings, Severity

if TYPE_CHECKING:
    from backyard_lint.directives import Directive
    from backyard_lint.engine import RuleSet
    from backyard_lint.readers import Mapper

Found = tuple[list[Finding], tuple["Directive", ...]]  # findings, and the directives read
DIRECTIVE_MARK = _MARK_BYTES.decode()  # directives.MARK, without importing the directives


def enabled_hits(ruleset: RuleSet, text: str, settings: Settings) -> list[Rule]:
    """The rules the prefilter finds in ``text`` that ``settings`` enable."""
    return [r for r in ruleset.prefilter(text) if settings.enabled(r.id, r.default, r.family)]


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
    wanted = frozenset(rule.id for rule in rules)
    found: list[tuple[Rule, int, int]] = []
    for a, b in regions:
        found += [(rule, s + a, e + a) for rule, s, e in ruleset.search(masked[a:b], wanted)]
    found.sort(key=lambda m: (m[0].id, m[1]))
    return found


def raw_findings(
    text: str,
    ruleset: RuleSet,
    hit_rules: Sequence[Rule] | None = None,
    *,
    fmt: str,
    settings: Settings,
    mapper: Mapper | None = None,
    outside: Any = None,
    cuts: list[int] | None = None,
) -> Found:
    """The findings of ``text`` (not yet sorted, directives not yet applied) and the directives
    its markup holds. ``hit_rules``: the enabled rules its prefilter found (None: found here;
    a text with none and no directive mark gives nothing at once). For a piece of a
    document (``pieces.py``): ``outside``, what the rest of it defines, and ``cuts``, the
    piece's safe boundaries (``formats.masking.outside_of``, ``cut_points``)."""
    if hit_rules is None:
        hit_rules = enabled_hits(ruleset, text, settings)
        if not hit_rules and DIRECTIVE_MARK not in text:
            return [], ()
    from backyard_lint import formats
    from backyard_lint.formats.masking import ReadingView
    from backyard_lint.readings.batch import classify_all

    around = None
    if formats.partial(fmt, text):  # a long document: mask only where a rule or directive is
        around = ruleset.locate(hit_rules, text)
        at = text.find(DIRECTIVE_MARK)
        while at >= 0:
            around.append((at, at + len(DIRECTIVE_MARK)))
            at = text.find(DIRECTIVE_MARK, at + 1)
    doc = formats.mask(text, fmt, around=around, outside=outside, cuts=cuts)
    masked = doc.masked
    read = ReadingView(doc, text)  # what the classifier reads, cut where it reads it
    findings: list[Finding] = []
    matches = _matches(ruleset, hit_rules, masked, doc.regions)
    for (rule, start, end), (reading, reason) in zip(
        matches, classify_all(read, matches, mapper), strict=True
    ):
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
                prose=masked[start:end],
            )
        )
    return findings, doc.directives
