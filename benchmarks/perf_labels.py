"""The rows of ``perf.py`` that lint text with labels in it (the rest of perf.py measures clean
text): one small file with a label, the language server's re-lint of a 1 MB Markdown buffer, and
Markdown documents dense with labels at two sizes (the cost per megabyte must not grow with the
length: each match costs the same in a long document as in a short one).

The documents are the Rust book's paragraphs (read at run time from the corpus) with one of
perf.py's own sentences after every third paragraph; nothing is copied into the project.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

DENSE_EVERY = 3  # a label after every third paragraph
DENSE_RUNS = 3  # runs of each dense document; the median is reported
TARGET_DENSE_MB_S = 5.0
TARGET_FLAT = 1.5  # the larger document's seconds per MB, at most this many times the smaller's
TARGET_SMALL_LABEL = 0.15  # seconds for one small file with a label
TARGET_RELINT_MS = 50.0  # the work of one re-lint of a 1 MB buffer with one label

# Run by the measured interpreter (its own backyard_lint): the median time of lint_text on a 1 MB
# Markdown buffer with one label, after an edit each time (as the language server re-lints).
_RELINT = """
import statistics, sys, time
from backyard_lint.engine import lint_text
try:
    from backyard_lint.project import Project
    ruleset = Project().ruleset()
except ImportError:  # before the Project
    from backyard_lint.runner import ruleset_for
    ruleset = ruleset_for()
text = open(sys.argv[1], encoding="utf-8").read()
times = []
for i in range(7):
    edited = text[:1000] + "word%d " % i + text[1000:]
    start = time.perf_counter()
    found = lint_text(edited, ruleset, fmt="markdown")
    times.append(time.perf_counter() - start)
assert found, "the label was not found"
print(statistics.median(times[1:]))
"""


def paragraphs(corpus: Path) -> list[str]:
    chapters = [p.read_text(encoding="utf-8") for p in sorted((corpus / "rust-book").glob("*.md"))]
    return [p for chapter in chapters for p in chapter.split("\n\n") if p.strip()]


def document(paras: Sequence[str], sentences: Sequence[str], size: int, every: int) -> str:
    """About ``size`` characters of paragraphs, a sentence after every ``every``-th (0: one
    sentence in the middle)."""
    out: list[str] = []
    total = i = 0
    while total < size:
        para = paras[i % len(paras)]
        if every and i % every == 0:
            para += "\n\n" + sentences[i % len(sentences)]
        out.append(para)
        total += len(para) + 2
        i += 1
    if not every:
        out.insert(len(out) // 2, sentences[0])
    return "\n\n".join(out) + "\n"


def rows(
    *,
    corpus: Path,
    tmp: Path,
    python: Path,
    lint: list[str],
    env: dict[str, str],
    sentences: Sequence[str],
    dense_mb: float,
    wall: Callable[..., tuple[float, float]],
    peak_rss_mb: Callable[[Sequence[str], dict[str, str]], float],
    runs: int,
) -> list[tuple[str, str, str, str, str, bool | None]]:
    """(what, ours, other, ratio, target, met) for each measurement."""
    import statistics

    out: list[tuple[str, str, str, str, str, bool | None]] = []
    paras = paragraphs(corpus)

    # One small file with a label (the full path: the fast path hands over).
    small = tmp / "label.md"
    small.write_text(f"# Notes\n\n{sentences[0]}\n", encoding="utf-8")
    cmd = [*lint, "check", "--exit-zero", str(small)]
    wall(cmd, env)
    times = sorted(wall(cmd, env)[0] for _ in range(2 * max(3, runs)))  # as many as the clean file
    median = statistics.median(times)
    out.append((
        "one small Markdown file with a label", f"{median:.3f} s", "", "",
        f"<= {TARGET_SMALL_LABEL} s", median <= TARGET_SMALL_LABEL,
    ))

    # The language server's re-lint of a 1 MB buffer with one label (in process).
    buffer = tmp / "buffer.md"
    buffer.write_text(document(paras, sentences, 1_000_000, 0), encoding="utf-8")
    done = subprocess.run(
        [str(python), "-c", _RELINT, str(buffer)], capture_output=True, text=True, env=env,
        check=False,
    )
    if done.returncode == 0:
        ms = float(done.stdout.strip()) * 1000
        out.append((
            "re-lint of a 1 MB Markdown buffer with one label (lint_text, median of 6 edits)",
            f"{ms:.0f} ms", "", "", f"<= {TARGET_RELINT_MS:.0f} ms", ms <= TARGET_RELINT_MS,
        ))
    else:
        out.append(("re-lint of a 1 MB buffer", "failed: " + done.stderr.strip()[-120:],
                    "", "", "", False))

    # Documents dense with labels: 1 MB and dense_mb MB.
    per_mb: list[float] = []
    for mb in (1.0, dense_mb):
        path = tmp / f"dense-{mb:g}mb.md"
        path.write_text(
            document(paras, sentences, int(mb * 1_000_000), DENSE_EVERY), encoding="utf-8"
        )
        size = path.stat().st_size / 1e6
        cmd = [*lint, "check", "--exit-zero", "--format", "concise", str(path)]
        timed = sorted(wall(cmd, env) for _ in range(DENSE_RUNS))  # the median run
        seconds, cpu = timed[len(timed) // 2]
        rss = peak_rss_mb(cmd, env)
        per_mb.append(seconds / size)
        rate = size / seconds
        out.append((
            f"Markdown dense with labels, {size:.1f} MB (a label every {DENSE_EVERY} paragraphs; "
            f"median of {DENSE_RUNS} runs)",
            f"{seconds:.2f} s, {rate:.2f} MB/s ({cpu:.2f} s CPU: {size / cpu:.2f} MB/s), "
            f"{rss:.0f} MB peak", "", "",
            f">= {TARGET_DENSE_MB_S:.0f} MB/s", rate >= TARGET_DENSE_MB_S,
        ))
        path.unlink()
    growth = per_mb[1] / per_mb[0]
    out.append((
        f"dense labels: seconds per MB at {dense_mb:g} MB / at 1 MB", f"{growth:.2f}", "", "",
        f"<= {TARGET_FLAT}", growth <= TARGET_FLAT,
    ))
    return out
