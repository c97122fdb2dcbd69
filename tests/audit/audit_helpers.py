"""Helpers of the audit's tests: a small generated archive (our own sentences) in every source
form, and a real Dask cluster started as separate processes with Dask's own commands on
127.0.0.1. (Not a conftest.py: the suite's own conftest module is imported by name.)"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

LABELLED = (
    "Kazakhstan remains Russia's backyard in the eyes of many planners.",
    'The minister rejected the phrase "Russia\'s backyard" outright.',
    "Kazakhstan is not Russia's backyard, the envoy said.",
    "Trade across the post-Soviet states grew last year.",
    "In the early post-Soviet years, wages fell sharply.",
    "She moved to Kiev in 2019 to study law.",
    "The journal Post-Soviet Affairs published the study.",
    "Moscow regards the region as its near abroad.",
    "Investors are looking at the Stans again.",
    # 'its backyard' is China's: read as 'literal' for backyard.russia
    "Russia watches Kazakhstan, while China calls the Pacific islands its backyard.",
)
CLEAN = (
    "The harvest came late this year.",
    "Rail freight between the two ports doubled.",
    "The council met on Tuesday to discuss the budget.",
    "Teachers asked for smaller classes and better pay.",
    "A new bridge will open in the spring.",
    "Exports of grain rose by a tenth.",
)
SECTIONS = ("world", "business", "opinion")
AUTHORS = ("A. Writer", "B. Reporter", "C. Editor", "D. Columnist")
DATES = ("2019-03-04", "2020/05/06", "7 June 2021", "Mar 3, 2022", "2023-01-09T10:00:00Z")
BAD_DATES = ("someday", "2021-13-45")


@dataclass
class Archive:
    """Rows of a generated archive: id, date, section, author, url, text."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [r["id"] for r in self.rows]


def make_archive(count: int, seed: int = 15, labelled: float = 0.3) -> Archive:
    rng = random.Random(seed)
    archive = Archive()
    for i in range(count):
        paragraphs = []
        for _ in range(rng.randint(1, 3)):
            paragraphs.append(" ".join(rng.choice(CLEAN) for _ in range(rng.randint(1, 4))))
        if rng.random() < labelled:
            paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(LABELLED))
        date = rng.choice(DATES) if i % 25 else rng.choice(BAD_DATES)
        archive.rows.append(
            {
                "id": f"a{i:05d}",
                "date": date,
                "section": SECTIONS[i % len(SECTIONS)],
                "author": AUTHORS[i % len(AUTHORS)],
                "url": f"https://news.example/{i}",
                "text": "\n\n".join(paragraphs),
            }
        )
    return archive


def write_jsonl(archive: Archive, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in archive.rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def write_csv(archive: Archive, path: Path, columns: dict[str, str] | None = None) -> Path:
    names = columns or {k: k for k in archive.rows[0]}
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(list(names.values()))
        for row in archive.rows:
            writer.writerow([row[k] for k in names])
    return path


def write_parquet(archive: Archive, path: Path, row_group_size: int = 50) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(archive.rows), path, row_group_size=row_group_size)
    return path


def write_folder(archive: Archive, root: Path) -> Path:
    suffixes = (".md", ".txt", ".html")
    for i, row in enumerate(archive.rows):
        suffix = suffixes[i % len(suffixes)]
        text = row["text"]
        if suffix == ".html":
            text = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
        path = root / row["section"] / f"{row['id']}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class _Fetches(HTMLParser):
    """Every reference in a page that a browser would fetch (not a link it would follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "link", "base"):
            self.urls.append(f"<{tag}>")
        self.style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name in ("src", "srcset", "data", "poster", "background", "action", "formaction"):
                self.urls.append(value)
            elif name.endswith("href") and tag != "a" and not value.startswith("#"):
                self.urls.append(value)  # an SVG <image> or <use> of another file
            elif name == "style":
                self.handle_data(value)
            elif name == "http-equiv" and value.lower() == "refresh":
                self.urls.append("<meta refresh>")

    def handle_data(self, data: str) -> None:
        if self.style or "url(" in data:
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]*)", data)
            self.urls += [f"@import {m}" for m in re.findall(r"@import\s+(\S+)", data)]

    def handle_endtag(self, tag: str) -> None:
        self.style = False


def fetched_urls(html: str) -> list[str]:
    """What a browser would fetch to show ``html`` besides the page itself: scripts, frames,
    style sheets, images and fonts by URL, CSS ``url()`` and ``@import`` (data: URLs and
    fragments of the page excepted)."""
    parser = _Fetches()
    parser.feed(html)
    return [u for u in parser.urls if not u.startswith(("data:", "#"))]


def dask_command(*args: str) -> list[str]:
    """Dask's own command from this interpreter's environment."""
    script = Path(sys.executable).with_name("dask")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "dask", *args]


@dataclass
class Cluster:
    """A ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1 (ports chosen free by
    the system: the scheduler listens on port 0 and writes its address to a file)."""

    address: str
    scheduler_file: Path
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]]

    def client(self) -> Any:
        from distributed import Client

        return Client(self.address, timeout="20s")

    def kill_worker(self, index: int) -> None:
        os.killpg(self.workers[index].pid, signal.SIGKILL)
        self.workers[index].wait(10)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def start_cluster(tmp: Path, workers: int = 2) -> Iterator[Cluster]:
    sched_file = tmp / "scheduler.json"
    logs = tmp / "logs"
    logs.mkdir(parents=True)
    common = {"start_new_session": True, "stdin": subprocess.DEVNULL}
    procs: list[subprocess.Popen[bytes]] = []
    try:
        cmd = dask_command(
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
            "--dashboard-address", "127.0.0.1:0",
            "--scheduler-file", str(sched_file),
        )  # fmt: skip
        with (logs / "scheduler.log").open("wb") as log:
            scheduler = subprocess.Popen(cmd, stdout=log, stderr=log, **common)  # type: ignore[call-overload]
        procs.append(scheduler)
        deadline = time.monotonic() + 60
        while not sched_file.exists() or not sched_file.read_text():
            if scheduler.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "the Dask scheduler did not start: " + (logs / "scheduler.log").read_text()
                )
            time.sleep(0.1)
        address = json.loads(sched_file.read_text())["address"]
        started = []
        for i in range(workers):
            cmd = dask_command(
                "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                "--host", "127.0.0.1", "--name", f"w{i}", "--death-timeout", "60",
            )  # fmt: skip
            with (logs / f"worker{i}.log").open("wb") as log:
                started.append(subprocess.Popen(cmd, stdout=log, stderr=log, **common))  # type: ignore[call-overload]
        procs.extend(started)
        cluster = Cluster(address, sched_file, scheduler, started)
        with cluster.client() as client:
            client.wait_for_workers(workers, timeout=90)
        yield cluster
    finally:
        for proc in reversed(procs):
            _stop(proc)
