"""Documents dense with labels, before and after a change, measured in one run.

Usage (from the repository root)::

    python benchmarks/dense_before_after.py --before <git ref> [--rounds 3] [--dense-mb 10]

Takes the ``src`` and ``rules`` of ``--before`` from git (``git archive``, into a temporary
folder) and runs ``backyard-lint check --format concise`` of that code and of this checkout,
alternately, with this interpreter, on the two documents of ``perf_labels.py`` (1 MB and
``--dense-mb`` MB of the Rust book with a label after every third paragraph). Prints, for each
document and each side, the best wall and CPU time of the rounds, MB/s, and the ratio of the
CPU times (before / after: the speed-up), and checks that both sides print the same findings.
A busy machine disturbs wall time far more than CPU time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import perf
import perf_labels

ROOT = Path(__file__).resolve().parents[1]


def checkout(ref: str, into: Path) -> Path:
    """``src`` and ``rules`` of ``ref``, extracted into ``into``; returns its ``src``."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src", "rules"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def command(src: Path, path: Path) -> tuple[list[str], dict[str, str]]:
    env = perf.clean_env()
    env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, "-m", "backyard_lint", "check", "--exit-zero", "--format", "concise",
           str(path)]
    return cmd, env


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, help="git ref of the code before")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dense-mb", type=float, default=10.0)
    ap.add_argument("--corpus", type=Path, default=perf.DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    if not (args.corpus / "rust-book").is_dir():
        print(f"dense_before_after.py: corpus not found: {args.corpus / 'rust-book'}",
              file=sys.stderr)
        return 2
    paras = perf_labels.paragraphs(args.corpus)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sides = {"before": checkout(args.before, tmp / "before"), "after": ROOT / "src"}
        print(f"before: {args.before}; after: this checkout; load average at the start "
              f"{os.getloadavg()[0]:.1f}\n")
        print("| document | side | wall | CPU | MB/s (CPU) | speed-up (CPU) |")
        print("| --- | --- | --- | --- | --- | --- |")
        same = True
        for mb in (1.0, args.dense_mb):
            path = tmp / f"dense-{mb:g}mb.md"
            path.write_text(
                perf_labels.document(paras, perf.SPRINKLES, int(mb * 1_000_000),
                                     perf_labels.DENSE_EVERY),
                encoding="utf-8",
            )
            size = path.stat().st_size / 1e6
            best: dict[str, tuple[float, float]] = {}
            outputs: dict[str, bytes] = {}
            for side, src in sides.items():
                cmd, env = command(src, path)
                outputs[side] = subprocess.run(
                    cmd, env=env, capture_output=True, check=False
                ).stdout
            for _ in range(args.rounds):
                for side, src in sides.items():
                    seconds, cpu = perf.wall(*command(src, path))
                    old = best.get(side, (1e9, 1e9))
                    best[side] = (min(old[0], seconds), min(old[1], cpu))
            same = same and outputs["before"] == outputs["after"]
            for side in sides:
                seconds, cpu = best[side]
                ratio = f"{best['before'][1] / cpu:.2f}x" if side == "after" else ""
                print(f"| {size:.1f} MB | {side} | {seconds:.2f} s | {cpu:.2f} s | "
                      f"{size / cpu:.2f} | {ratio} |")
        print(f"\nsame findings before and after: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
