"""Precision and recall of backyard-lint against the hand-labelled dev sentences.

Usage (from the repository root)::

    python benchmarks/accuracy.py [--dev PATH] [--rules DIR ...] [--quiet]

Each item of ``../shared/corpus/dev.jsonl`` is linted as plain text with every built-in rule.
An item counts as flagged when at least one finding has severity warning or error; label ``use``
means "should be flagged". Figures are printed per family and overall, for clear and borderline
items separately, then for the target: clear items of the families backyard, post-soviet, stans
and near-abroad together (bar: precision and recall at least 0.90).

Misclassified items are listed by id with what the linter did: for a missed ``use`` item either
"no match" (a pattern gap: the rule catalogue's job) or the reading and reason the classifier gave
(a classifier error); for a false flag, the rule that fired. Corpus text is never printed or
written: only ids, labels, rule ids, readings and reasons.

Exit status: 0 when the target bar holds, 1 when it does not, 2 when the dev set is missing or
unreadable.
"""

from __future__ import annotations

import argparse
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


def report(outcomes: Sequence[Outcome], *, quiet: bool = False) -> bool:
    """Print the tables; True when the target bar holds."""
    for title, borderline in (("clear items", False), ("borderline items", True)):
        chosen = [o for o in outcomes if o.item.borderline is borderline]
        print(f"{title} ({len(chosen)})")
        families = sorted({o.item.family for o in chosen})
        overall = Tally()
        target = Tally()
        for family in families:
            tally = Tally()
            for outcome in chosen:
                if outcome.item.family == family:
                    tally.add(outcome)
            print(_row(family, tally))
        for outcome in chosen:
            overall.add(outcome)
            if outcome.item.family in TARGET_FAMILIES:
                target.add(outcome)
        print(_row("overall", overall))
        print(_row("target families", target))
        print()
    target = Tally()
    for outcome in outcomes:
        if not outcome.item.borderline and outcome.item.family in TARGET_FAMILIES:
            target.add(outcome)
    ok = (target.precision or 0.0) >= BAR and (target.recall or 0.0) >= BAR
    print(
        f"target (clear; {', '.join(TARGET_FAMILIES)}): precision={_fmt(target.precision)} "
        f"recall={_fmt(target.recall)} bar={BAR:.2f} -> {'MET' if ok else 'NOT MET'}"
    )
    if not quiet:
        wrong = [o for o in outcomes if not o.correct]
        print()
        print(f"misclassified ({len(wrong)}):")
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
