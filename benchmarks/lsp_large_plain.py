"""Language server: re-linting a large plain-text document after an edit (``lsp/stretch.py``).

Usage (from the repository root)::

    python benchmarks/lsp_large_plain.py [--size-mb 20] [--labels 200] [--edits 10]

Builds a generated plain-text document of ``--size-mb`` with ``--labels`` uses of a label spread
through it, opens it in an in-process server and lints it once whole; then applies ``--edits``
keystrokes at random places and times the server's lint after each (the paragraphs around the
change), against one whole lint of the same text measured in the same run. The work the
transport and the debounce add is the same either way (``benchmarks/lsp_latency.py``).

Target: the median re-lint after an edit takes at most 50 ms (the language server's budget
for its own work) and at most a tenth of a whole lint. Exit status 0 when both hold, else 1.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from backyard_lint.engine import lint_text
from backyard_lint.lsp.documents import Document
from backyard_lint.lsp.server import create_server

PARAGRAPH = "The river runs through the valley, and the town holds a market every week. " * 4
LABEL = "Georgia is Russia's backyard, they said."


def document(size: int, labels: int) -> str:
    count = max(1, size // (len(PARAGRAPH) + 2))
    every = max(1, count // max(1, labels))
    return "".join(
        (LABEL if i % every == every // 2 else PARAGRAPH) + "\n\n" for i in range(count)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=20.0)
    parser.add_argument("--labels", type=int, default=200)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    text = document(int(args.size_mb * 1_000_000), args.labels)
    server = create_server()
    with tempfile.TemporaryDirectory() as folder:
        doc = Document((Path(folder) / "big.txt").as_uri(), text, 1, "plaintext")
        began = time.perf_counter()
        first = server.lint(doc)
        whole = time.perf_counter() - began
        pick = random.Random(5)
        times = []
        for step in range(args.edits):
            at = pick.randrange(len(doc.text))
            doc.replace(at, at, "x")
            doc.version = step + 2
            began = time.perf_counter()
            result = server.lint(doc)
            times.append(time.perf_counter() - began)
        check = lint_text(doc.text, first.ruleset, fmt="plain")
    same = [(f.rule, f.start) for f in result.findings] == [(f.rule, f.start) for f in check]
    median = statistics.median(times)
    print(f"document: {len(text) / 1e6:.1f} MB, {len(first.findings)} findings")
    print(f"whole lint: {whole * 1000:.0f} ms")
    print(f"re-lint after an edit: median {median * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms")
    print(f"ratio (median re-lint / whole lint): {median / whole:.4f}")
    print(f"findings after the edits agree with a whole lint: {same}")
    ok = same and median <= 0.050 and median <= whole / 10
    print("targets:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
