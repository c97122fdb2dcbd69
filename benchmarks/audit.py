"""The archive audit's throughput, scaling and memory, on a generated archive.

Usage (from the repository root, with the 'audit' extra installed)::

    python benchmarks/audit.py [--articles 200000] [--small 50000] [--keep DIR]

The archive is built at run time, never stored in the repository: articles of three to six
paragraphs of the documentation corpora (``../shared/corpus/peps`` and ``rust-book``), about
30% of them holding one sentence of ``../shared/corpus/dev.jsonl`` (a label used, quoted,
rejected...), with a date between 2005 and 2024, a section, an author and a URL, written as
JSON Lines in a temporary folder. Corpus text is never printed.

Measured, in one run:
- documents per second on a local Dask cluster of one worker, then of two (the job's time from
  the first task to the last result: the cluster's start-up and the final combining are given
  apart), and the scaling ratio (goal: two workers at least 1.8 times one), with the CPU
  time the workers had (cores, on average: a shared machine gives less than one a worker);
- the peak memory (maximum resident set) of each worker, for the full archive and for a smaller
  one (goal: flat in archive size, under 300 MB);
- the cost of linting one document with a label and one without, in this process.

Exit status: 0 when measured (the goals are reported, not enforced: the machine may be shared);
2 when the corpus is missing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SECTIONS = ("world", "business", "opinion", "politics", "culture", "science", "travel", "sport")
YEARS = range(2005, 2025)


@dataclass
class Corpus:
    labelled: dict[str, list[str]]  # reading label -> sentences
    paragraphs: list[str]


def load_corpus(root: Path) -> Corpus:
    dev = root / "dev.jsonl"
    docs = [*sorted((root / "peps").glob("*.rst")), *sorted((root / "rust-book").glob("*.md"))]
    if not dev.is_file() or not docs:
        sys.exit(
            f"benchmarks/audit.py: the corpus is missing: expected {dev} and the folders "
            f"{root / 'peps'} and {root / 'rust-book'} (../shared beside the checkout)"
        )
    labelled: dict[str, list[str]] = {}
    for line in dev.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        labelled.setdefault(item["label"], []).append(item["text"])
    paragraphs = []
    for path in docs:
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
            flat = " ".join(block.split())
            # prose only: no code, tables, directives or headings
            if 120 <= len(flat) <= 900 and flat[0].isalpha() and not re.search(r"[`|=<>{}]", flat):
                paragraphs.append(flat)
    return Corpus(labelled, paragraphs)


def generate(corpus: Corpus, path: Path, count: int, seed: int = 2026) -> dict[str, int]:
    """Write ``count`` articles as JSON Lines; about 30% hold one labelled sentence, and the
    share of labels used (not quoted or rejected) falls over the years."""
    rng = random.Random(seed)
    uses = corpus.labelled["use"]
    others = [s for label, items in corpus.labelled.items() if label != "use" for s in items]
    labelled = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            year = rng.choice(YEARS)
            paras = rng.sample(corpus.paragraphs, rng.randint(3, 6))
            if rng.random() < 0.3:
                use_share = 0.75 - 0.025 * (year - YEARS[0])
                pool = uses if rng.random() < use_share else others
                paras.insert(rng.randint(0, len(paras)), rng.choice(pool))
                labelled += 1
            row = {
                "id": f"art-{i:07d}",
                "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "section": rng.choice(SECTIONS),
                "author": f"Author {rng.randint(1, 60):02d}",
                "url": f"https://archive.example/{year}/{i}",
                "text": "\n\n".join(paras),
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"articles": count, "labelled": labelled, "bytes": path.stat().st_size}


def _peak_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return float(usage.ru_utime + usage.ru_stime)


def run_audit(source: Path, out: Path, workers: int, blocksize: int) -> dict[str, Any]:
    """One audit on a new local cluster of ``workers``: times and each worker's peak memory."""
    from backyard_lint.audit import job, tables
    from backyard_lint.audit.linting import JobSettings
    from backyard_lint.audit.sources import Columns, plan

    settings = JobSettings()
    parts = plan(str(source), Columns(), blocksize=blocksize).parts
    started = time.perf_counter()
    with job.dask_client(None, workers) as client:
        client.wait_for_workers(workers)
        ready = time.perf_counter()
        before, here = client.run(_cpu_s), _cpu_s()
        outcome = job.run(client, parts, settings, out, stream=io.StringIO())
        here = _cpu_s() - here
        after = client.run(_cpu_s)
        peaks = sorted(v / 1024 for v in client.run(_peak_kb).values())
    worker_cpu = sum(after[w] - before[w] for w in after)
    combine_start = time.perf_counter()
    tables.combine(out, len(parts))
    return {
        "workers": workers,
        "partitions": len(parts),
        "documents": outcome.documents,
        "startup_s": ready - started,
        "job_s": outcome.seconds,
        "docs_per_s": outcome.documents / outcome.seconds,
        "combine_s": time.perf_counter() - combine_start,
        "peak_mb": peaks,
        "worker_cpu_s": worker_cpu,
        "client_cpu_s": here,  # this process: the client, the scheduler, writing the parts
        "docs_per_cpu_s": outcome.documents / worker_cpu,
        # the cores the workers had on average: one a worker on an idle machine, less on a
        # shared one (the wall-clock rates and their ratio are only as good as this)
        "cores": worker_cpu / outcome.seconds,
        "load": os.getloadavg()[0],
    }


def cost_per_document(source: Path, sample: int) -> tuple[float, float, int, int]:
    """CPU microseconds to lint (and tabulate) one document with a label and one without, in
    this process, over the first ``sample`` documents of each kind (with a label: the
    prefilter lets it through)."""
    from backyard_lint.audit import tables
    from backyard_lint.audit.linting import JobSettings, build_ruleset, lint_doc
    from backyard_lint.audit.reading import Doc

    ruleset = build_ruleset()
    job = JobSettings()
    with_label: list[Doc] = []
    without: list[Doc] = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            doc = Doc(row["id"], row["id"], row["text"], "plain", row["date"], row["section"])
            has = bool(ruleset.prefilter(row["text"]))
            group = with_label if has else without
            if len(group) < sample:
                group.append(doc)
            if len(with_label) >= sample and len(without) >= sample:
                break
    timings = []
    for group in (with_label, without):
        docs, finds = tables.Rows(tables.DOCUMENTS), tables.Rows(tables.FINDINGS)
        for doc in group[:50]:  # warm up: compile what a first hit compiles
            lint_doc(doc, 0, job, ruleset, docs, finds)
        start = time.process_time()  # CPU time: the machine may be shared
        for doc in group:
            lint_doc(doc, 0, job, ruleset, docs, finds)
        timings.append(1e6 * (time.process_time() - start) / max(len(group), 1))
    return timings[0], timings[1], len(with_label), len(without)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=50_000, help="the smaller archive (memory)")
    parser.add_argument("--blocksize", type=int, default=4_000_000)
    parser.add_argument("--sample", type=int, default=3000, help="documents per cost group")
    parser.add_argument("--keep", type=Path, help="write the archive and outputs here")
    args = parser.parse_args(argv)
    corpus = load_corpus(CORPUS)
    work = args.keep or Path(tempfile.mkdtemp(prefix="backyard-audit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        big = generate(corpus, work / "archive.jsonl", args.articles)
        small = generate(corpus, work / "small.jsonl", args.small, seed=7)
        print(
            f"archive: {big['articles']:,} articles ({big['labelled']:,} with a label, "
            f"{big['bytes'] / 1e6:,.0f} MB); smaller: {small['articles']:,}; built in "
            f"{time.perf_counter() - t0:.0f} s",
            flush=True,
        )
        runs = []
        for source, workers in (("archive", 1), ("archive", 2), ("small", 2)):
            out = work / f"out-{source}-{workers}"
            shutil.rmtree(out, ignore_errors=True)
            result = run_audit(work / f"{source}.jsonl", out, workers, args.blocksize)
            result["source"] = source
            runs.append(result)
            print(
                f"{source}, {workers} worker(s): {result['documents']:,} documents in "
                f"{result['job_s']:.1f} s = {result['docs_per_s']:,.0f} documents/s "
                f"({result['partitions']} partitions; cluster start {result['startup_s']:.1f} s, "
                f"combine {result['combine_s']:.1f} s); {result['docs_per_cpu_s']:,.0f} documents "
                f"per worker CPU-second, client and scheduler {result['client_cpu_s']:.1f} CPU-s; "
                f"the workers had {result['cores']:.2f} cores (load average "
                f"{result['load']:.1f}); "
                "peak memory per worker " + ", ".join(f"{m:.0f} MB" for m in result["peak_mb"]),
                flush=True,
            )
        ratio = runs[1]["docs_per_s"] / runs[0]["docs_per_s"]
        print(f"scaling, two workers over one: {ratio:.2f} (goal: at least 1.8)")
        busy = runs[1]["cores"] / runs[0]["cores"]
        print(
            f"CPU the workers had, two workers over one: {busy:.2f} (2.00 when each worker "
            "has a core of its own; below that, other work on the machine caps the scaling)"
        )
        per_cpu = runs[1]["docs_per_cpu_s"] / runs[0]["docs_per_cpu_s"]
        print(
            f"work per document, two workers over one: {1 / per_cpu:.2f} times the CPU time "
            "(1.00: splitting costs nothing; the wall-clock ratio then depends on free cores)"
        )
        peak_big = max(runs[1]["peak_mb"])
        peak_small = max(runs[2]["peak_mb"])
        print(
            f"peak memory per worker: {peak_small:.0f} MB for {args.small:,} articles, "
            f"{peak_big:.0f} MB for {args.articles:,} (goal: flat, under 300 MB)"
        )
        with_label, without, n_with, n_without = cost_per_document(
            work / "archive.jsonl", args.sample
        )
        print(
            f"cost per document in one process (CPU time): {with_label:,.0f} µs with a label "
            f"({n_with:,} documents), {without:,.0f} µs without ({n_without:,}); "
            f"ratio {with_label / without:.1f}"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
