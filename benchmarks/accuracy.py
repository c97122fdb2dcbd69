"""Precision and recall of backyard-lint against the hand-labelled dev sentences.

Usage (from the repository root)::

    python benchmarks/accuracy.py [--dev PATH] [--rules DIR ...] [--quiet]

Each item of ``../shared/corpus/dev.jsonl`` is linted as plain text with every built-in rule.
An item counts as flagged when at least one finding has severity warning or error; label ``use``
means "should be flagged". Figures are printed per family and overall, for clear and borderline
items separately, then for the target: clear items of the families backyard, post-soviet, stans
and near-abroad together (bar: precision and recall at least 0.90).

The dev set is split by a fixed hash of each id: ``sha256(id) mod 3 == 0`` is the check third,
the rest the tuning two-thirds. Tune on the tuning part only; the check part is there to measure
whether the classifier generalises (the two should agree within 0.05). Both parts' tables are
printed, then the bars; only the tuning part's errors are listed.

Misclassified items are listed by id with what the linter did: for a missed ``use`` item either
"no match" (a pattern gap: the rule catalogue's job) or the reading and reason the classifier gave
(a classifier error); for a false flag, the rule that fired. Corpus text is never printed or
written: only ids, labels, rule ids, readings and reasons.

Exit status: 0 when the target bar holds on both parts, 1 when it does not, 2 when the dev set
is missing or unreadable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Finding, Settings, Severity
from backyard_lint.project import Project
from backyard_lint.rules import builtin_rules_dir, load_rules

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
TARGET_FAMILIES = ("backyard", "post-soviet", "stans", "near-abroad")
BAR = 0.90
EXONYM_BAR = 0.85
BORDERLINE_BAR = 0.85
PARTS = ("tuning", "check")


def part_of(item_id: str) -> str:
    """``check`` for a fixed third of the ids (by SHA-256), ``tuning`` for the rest."""
    digest = int(hashlib.sha256(item_id.encode("utf-8")).hexdigest(), 16)
    return "check" if digest % 3 == 0 else "tuning"


FLAGGING = (Severity.WARNING, Severity.ERROR)


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    label: str
    family: str
    borderline: bool


@dataclass(frozen=True)
class Outcome:
    item: Item
    flagged: bool
    findings: tuple[Finding, ...]  # every finding, mentions included (shown as info)

    @property
    def expected(self) -> bool:
        return self.item.label == "use"

    @property
    def correct(self) -> bool:
        return self.flagged == self.expected

    def explain(self) -> str:
        """What the linter did with the item, in ids and reasons only."""
        if self.flagged:
            rules = sorted({f.rule for f in self.findings if f.severity in FLAGGING})
            return "flagged by " + ", ".join(rules)
        if not self.findings:
            return "no match (pattern gap)"
        quiet = [f for f in self.findings if f.context == "use"]
        if quiet:
            levels = sorted({f"{f.rule} at {f.severity}" for f in quiet})
            return "read as use, but reported below warning: " + ", ".join(levels)
        parts = [f"{f.rule}: {f.context} ({f.reason})" for f in self.findings]
        return "read as " + "; ".join(parts)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    items: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.items.append(outcome)
        if outcome.expected:
            if outcome.flagged:
                self.tp += 1
            else:
                self.fn += 1
        elif outcome.flagged:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        flagged = self.tp + self.fp
        return self.tp / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else None


def load_items(path: Path) -> list[Item]:
    """The dev items; raises ``ValueError`` with a one-line reason on bad input."""
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                items.append(
                    Item(
                        id=str(raw["id"]),
                        text=str(raw["text"]),
                        label=str(raw["label"]),
                        family=str(raw.get("family", "")),
                        borderline=bool(raw.get("borderline", False)),
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a dev item ({exc})") from None
    return items


def run(items: Iterable[Item], ruleset: RuleSet) -> list[Outcome]:
    settings = Settings(show_mentions=True)
    outcomes = []
    for item in items:
        findings = tuple(lint_text(item.text, ruleset, fmt="plain", settings=settings))
        flagged = any(f.severity in FLAGGING for f in findings)
        outcomes.append(Outcome(item, flagged, findings))
    return outcomes


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def _row(name: str, tally: Tally) -> str:
    return (
        f"  {name:<24} n={tally.n:<4} tp={tally.tp:<3} fp={tally.fp:<3} fn={tally.fn:<3} "
        f"tn={tally.tn:<3} precision={_fmt(tally.precision)} recall={_fmt(tally.recall)}"
    )


def _tally(outcomes: Iterable[Outcome], families: Sequence[str], borderline: bool) -> Tally:
    tally = Tally()
    for outcome in outcomes:
        if outcome.item.borderline is borderline and outcome.item.family in families:
            tally.add(outcome)
    return tally


def _tables(outcomes: Sequence[Outcome]) -> None:
    for title, borderline in (("clear items", False), ("borderline items", True)):
        chosen = [o for o in outcomes if o.item.borderline is borderline]
        print(f"{title} ({len(chosen)})")
        families = sorted({o.item.family for o in chosen})
        for family in families:
            print(_row(family, _tally(chosen, (family,), borderline)))
        print(_row("overall", _tally(chosen, families, borderline)))
        print(_row("target families", _tally(chosen, TARGET_FAMILIES, borderline)))
        print()


def _bar(name: str, tally: Tally, bar: float) -> bool:
    ok = (tally.precision or 0.0) >= bar and (tally.recall or 0.0) >= bar
    print(
        f"  {name:<34} precision={_fmt(tally.precision)} recall={_fmt(tally.recall)} "
        f"bar={bar:.2f} -> {'MET' if ok else 'NOT MET'}"
    )
    return ok


def report(outcomes: Sequence[Outcome], *, quiet: bool = False) -> bool:
    """Print the tables of both parts and the bars; True when the core target holds on both."""
    by_part = {part: [o for o in outcomes if part_of(o.item.id) == part] for part in PARTS}
    for part in PARTS:
        print(f"== {part} part ({len(by_part[part])} items) ==")
        _tables(by_part[part])
    ok = True
    gaps: list[str] = []
    for part in PARTS:
        print(f"bars, {part} part:")
        core = _tally(by_part[part], TARGET_FAMILIES, False)
        ok = _bar("target (clear; " + ", ".join(TARGET_FAMILIES) + ")", core, BAR) and ok
        _bar("exonym (clear)", _tally(by_part[part], ("exonym",), False), EXONYM_BAR)
        both = _tally(by_part[part], TARGET_FAMILIES, False)
        for outcome in by_part[part]:
            if outcome.item.borderline and outcome.item.family in TARGET_FAMILIES:
                both.add(outcome)
        _bar("core, clear and borderline together", both, BORDERLINE_BAR)
        _bar(
            "core, borderline items only",
            _tally(by_part[part], TARGET_FAMILIES, True),
            BORDERLINE_BAR,
        )
    tuning = _tally(by_part["tuning"], TARGET_FAMILIES, False)
    check = _tally(by_part["check"], TARGET_FAMILIES, False)
    for name in ("precision", "recall"):
        a, b = getattr(tuning, name), getattr(check, name)
        if a is not None and b is not None:
            gaps.append(f"{name} {abs(a - b):.3f}")
    print(f"tuning - check gap (target, clear): {', '.join(gaps)} (should be at most 0.05)")
    target = _tally(outcomes, TARGET_FAMILIES, False)
    print(
        f"target (clear; {', '.join(TARGET_FAMILIES)}), whole set: "
        f"precision={_fmt(target.precision)} recall={_fmt(target.recall)} bar={BAR:.2f}"
    )
    if not quiet:
        wrong = [o for o in by_part["tuning"] if not o.correct]
        print()
        print(f"misclassified in the tuning part ({len(wrong)}):")
        for outcome in wrong:
            kind = "missed use" if outcome.expected else f"false flag ({outcome.item.label})"
            state = "borderline" if outcome.item.borderline else "clear"
            print(
                f"  {outcome.item.id} [{outcome.item.family}, {state}] {kind}: {outcome.explain()}"
            )
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the labelled JSONL file")
    parser.add_argument(
        "--rules", type=Path, action="append", default=[], help="an extra rule folder"
    )
    parser.add_argument("--quiet", action="store_true", help="tables only, no item list")
    args = parser.parse_args(argv)
    dev: Path = args.dev
    if not dev.is_file():
        print(
            f"accuracy: the dev set {dev} is absent; it lives in ../shared/corpus/ beside the "
            "checkout (use --dev PATH to point elsewhere)",
            file=sys.stderr,
        )
        return 2
    try:
        items = load_items(dev)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"accuracy: cannot read the dev set: {exc}", file=sys.stderr)
        return 2
    extra = tuple(p.resolve() for p in args.rules)
    ruleset = RuleSet(load_rules([builtin_rules_dir(), *extra])) if extra else Project().ruleset()
    outcomes = run(items, ruleset)
    return 0 if report(outcomes, quiet=args.quiet) else 1


if __name__ == "__main__":
    sys.exit(main())
