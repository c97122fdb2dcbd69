"""The classifier's cost per match, and whether it grows with the document's length.

Usage (from the repository root)::

    python benchmarks/classifier_cost.py [--matches 400] [--rounds 3]

Builds documents of plain prose (sentences written for this benchmark) in which every tenth
sentence holds a label, at two sizes (about 100 KB and about 2 MB), finds the built-in rules'
matches once, then times ``classify`` over the same number of matches in each document. Prints
the median microseconds per match for each size and their ratio (large over small). The ratio
is the document-length independence figure: about 1 means the cost per match does not depend on
how long the document is. For reference it also times ``lint_text`` on each whole document (the
engine's matching, exceptions and classification) per finding. Exit status 0 when the
classifier's ratio is at most ``--max-ratio`` (default 1.5).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Rule

try:  # the classifier's home (``readings`` replaced ``context``)
    from backyard_lint.readings import classify
except ImportError:  # pragma: no cover - the older layout, kept to measure "before"
    from backyard_lint.context import classify  # type: ignore[no-redef,import-not-found]

_FILLER = (
    "The river runs past the old mill and the orchard before it reaches the town. ",
    "Farmers there grow apricots, melons and a little wheat on the terraces. ",
    "In spring the road is often closed for a week after the snow melts. ",
    "A new bridge, paid for by the regional budget, opened two years ago. ",
)
_LABELLED = (
    "Analysts keep calling Kazakhstan Russia's backyard, which annoys its diplomats. ",
    "Trade between the post-Soviet states grew slowly last year. ",
    "Our guide had crossed the Stans twice on a bicycle. ",
    "The ministry spoke of the near abroad in a speech that nobody quoted. ",
    "The train from Kiev arrived late, as it often does in winter. ",
)


def document(size: int) -> str:
    """Prose of about ``size`` characters, one labelled sentence in ten, in paragraphs."""
    parts: list[str] = []
    total = i = 0
    while total < size:
        sentence = _LABELLED[i // 10 % len(_LABELLED)] if i % 10 == 9 else _FILLER[i % 4]
        parts.append(sentence)
        if i % 6 == 5:
            parts.append("\n\n")
        total += len(sentence)
        i += 1
    return "".join(parts)


def built_in() -> RuleSet:
    try:
        from backyard_lint.project import Project
    except ImportError:  # pragma: no cover - the older layout, kept to measure "before"
        from backyard_lint.runner import ruleset_for  # type: ignore[attr-defined]

        return ruleset_for()  # type: ignore[no-any-return]
    return Project().ruleset()


def matches(text: str, limit: int, ruleset: RuleSet) -> list[tuple[int, int, Rule]]:
    found: list[tuple[int, int, Rule]] = []
    for rule in ruleset.prefilter(text):
        found += [(s, e, rule) for s, e in ruleset.matches(rule, text)]
    found.sort(key=lambda m: m[0])
    step = max(1, len(found) // limit)
    return found[::step][:limit]


def per_match(text: str, chosen: Sequence[tuple[int, int, Rule]], rounds: int) -> float:
    """Median microseconds per ``classify`` call over ``rounds`` passes."""
    times = []
    run: Callable[[], None] = lambda: [classify(text, s, e, r) for s, e, r in chosen]  # noqa: E731
    run()  # compile the patterns outside the measurement
    for _ in range(rounds):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) / len(chosen) * 1e6)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--matches", type=int, default=400, help="matches timed per document")
    parser.add_argument("--rounds", type=int, default=3, help="passes; the median is shown")
    parser.add_argument("--max-ratio", type=float, default=1.5, help="bar for large/small")
    args = parser.parse_args(argv)
    small, large = document(100_000), document(2_000_000)
    ruleset = built_in()
    n = min(len(matches(small, args.matches, ruleset)), args.matches)
    rows = []
    for name, text in (("100 KB", small), ("2 MB", large)):
        chosen = matches(text, n, ruleset)
        t0 = time.perf_counter()
        findings = len(lint_text(text, ruleset))
        whole = (time.perf_counter() - t0) / max(1, findings) * 1e6
        rows.append((name, len(chosen), per_match(text, chosen, args.rounds), findings, whole))
    print(
        "| document | matches timed | µs per match (classify) | findings "
        "| µs per finding (lint_text) |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, count, cost, findings, whole in rows:
        print(f"| {name} | {count} | {cost:.1f} | {findings} | {whole:.0f} |")
    ratio = rows[1][2] / rows[0][2]
    print(
        f"\nlength independence (2 MB / 100 KB cost per match): {ratio:.2f} "
        f"(bar {args.max_ratio:.2f})"
    )
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
