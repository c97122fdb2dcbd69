"""Linear time on texts dense with labels: the cost per finding must not grow with the length.

Usage (from the repository root)::

    python benchmarks/linear_time.py [--base-kb 150] [--factor 4] [--format plain|markdown]
                                     [--directives]

A generated text (our own sentences, two labels in every paragraph, one of them excepted by a
rule's exception pattern so that both the matcher and the exception search run) is linted in
process with ``lint_text`` at ``--base-kb`` and at ``--factor`` times that size, in one run.
Printed: size, findings, seconds, MB per second and microseconds per finding at both sizes, and
the ratio of the time per finding (large over small).

With ``--directives`` (Markdown), every paragraph is followed by directive comments: a
disable/enable pair for one rule and a ``disable-next-line`` for another, so that each finding
is looked up among thousands of directives (this was quadratic: docs/performance.md).

Target: the ratio is at most 1.5 (linear: 1.0; the defect this guards against, a search that
converted the whole text on every match, made it grow with the length: about 3 at factor 4).
Exit status: 0 when the target holds, 1 when it does not.
"""

from __future__ import annotations

import argparse
import sys
import time

from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.rules import builtin_rules_dir, load_rules

PARAGRAPH = (
    "Officials spoke of Russia's backyard again. The report named Kiev twice, Kiev and more.\n\n"
    + "Plain words about rivers and hills follow here without any label at all. " * 3
    + "\n\n"
)
DIRECTIVES = (
    "<!-- backyard-lint: disable backyard.china -->\n\n"
    "<!-- backyard-lint: enable backyard.china -->\n\n"
    "<!-- backyard-lint: disable-next-line exonym -->\nA line about the weather.\n\n"
)
TARGET = 1.5


def measure(
    ruleset: RuleSet, size: int, fmt: str, directives: bool = False
) -> tuple[int, int, float]:
    paragraph = PARAGRAPH + (DIRECTIVES if directives else "")
    text = paragraph * max(1, size // len(paragraph))
    lint_text(paragraph, ruleset, fmt=fmt)  # warm: compile the matchers once
    start = time.perf_counter()
    found = lint_text(text, ruleset, fmt=fmt)
    return len(text), len(found), time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-kb", type=int, default=150)
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--format", default="plain")
    parser.add_argument("--directives", action="store_true", help="directive comments throughout")
    args = parser.parse_args(argv)
    if args.directives and args.format != "markdown":
        parser.error("--directives needs --format markdown")
    ruleset = RuleSet(load_rules([builtin_rules_dir()]))
    rows = [
        measure(ruleset, args.base_kb * 1000 * k, args.format, args.directives)
        for k in (1, args.factor)
    ]
    print("| size (KB) | findings | seconds | MB/s | us per finding |")
    print("|---:|---:|---:|---:|---:|")
    per = []
    for size, count, seconds in rows:
        per.append(seconds / max(1, count))
        print(
            f"| {size / 1000:.0f} | {count} | {seconds:.2f} | {size / 1e6 / seconds:.2f} "
            f"| {per[-1] * 1e6:.0f} |"
        )
    ratio = per[1] / per[0]
    print(f"\ntime per finding, x{args.factor} over x1: {ratio:.2f} (target at most {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
