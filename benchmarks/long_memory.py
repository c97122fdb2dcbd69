"""Memory on one long document: flat in its length (issue 17, point 6).

Usage (from the repository root)::

    python benchmarks/long_memory.py [--base-mb 24] [--factor 4] [--every-kb 1000]

Two Markdown documents of our own sentences are generated in a temporary folder, of
``--base-mb`` and ``--factor`` times that many MB, with a label every ``--every-kb`` KB. Each is
checked by the command (``backyard-lint check --format concise``), in a fresh process, and the
peak resident memory of the largest process of the command is measured (``perf.peak_rss_mb``),
as is the wall time. The same is done with ``--encoding utf-8``, which makes the command read
the whole text at once (``stream.py`` leaves such a run to the whole-text path), for reference.

Target: the peak memory of the streamed run on the larger document is at most 1.2 times that
on the smaller one. The findings themselves still take memory: with a label every few KB (the
dense documents of ``perf.py``) memory follows their number. Exit status: 0 when the target
holds, 1 when it does not.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import clean_env, peak_rss_mb

FILLER = "Plain words about rivers and hills, and nothing else, fill this line of the text.\n\n"
LABEL = "Georgia lies in Russia's backyard, and its economy shows it.\n\n"
TARGET = 1.2


def document(path: Path, mb: float, every_kb: int) -> None:
    block = FILLER * max(1, every_kb * 1000 // len(FILLER)) + LABEL
    with path.open("w", encoding="utf-8") as out:
        for _ in range(max(1, int(mb * 1_000_000 // len(block)))):
            out.write(block)


def run(path: Path, *extra: str) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "backyard_lint", "check", "--format", "concise", *extra]
    env = clean_env()
    start = time.perf_counter()
    subprocess.run([*cmd, str(path)], capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    return seconds, peak_rss_mb([*cmd, str(path)], env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-mb", type=float, default=24)
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--every-kb", type=int, default=1000)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="backyard-long-") as tmp:
        for mb in (args.base_mb, args.base_mb * args.factor):
            path = Path(tmp) / f"long-{mb:g}.md"
            document(path, mb, args.every_kb)
            size = path.stat().st_size / 1e6
            streamed = run(path)
            whole = run(path, "--encoding", "utf-8")
            rows.append((size, streamed, whole))
            path.unlink()
    print("| document | streamed: time, peak memory | read whole: time, peak memory |")
    print("| --- | --- | --- |")
    for size, (s_time, s_mem), (w_time, w_mem) in rows:
        streamed, whole = f"{s_time:.2f} s, {s_mem:.0f} MB", f"{w_time:.2f} s, {w_mem:.0f} MB"
        print(f"| {size:.1f} MB | {streamed} | {whole} |")
    ratio = rows[1][1][1] / rows[0][1][1]
    met = ratio <= TARGET
    print(f"\npeak memory streamed, larger over smaller: {ratio:.2f} (target <= {TARGET}): "
          f"{'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
