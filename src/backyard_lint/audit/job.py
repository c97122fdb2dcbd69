"""The Dask job: one task per unfinished partition, results written as they come.

With no scheduler address, a local cluster of worker processes (one per core, one thread each:
linting is pure Python, so threads would share one interpreter lock). With one, the same job
runs on that cluster. Dask reschedules the tasks of a worker that dies; a partition's result is
written by this process only, once, when its task's result arrives, so a task that ran twice
(its first worker died after starting it) is still counted once. A task that fails for good
(Dask gives up on a partition that killed several workers) is reported, and the other
partitions are kept: ``--resume`` runs it again.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from backyard_lint.audit import tables
from backyard_lint.audit.linting import JobSettings, RulesPlugin, audit_part, plugin_name
from backyard_lint.audit.sources import Part


class JobError(Exception):
    """The job could not run or finish; ``str()`` is one line."""


@dataclass
class Outcome:
    documents: int = 0  # documents linted in this run
    done: int = 0  # partitions written in this run
    skipped: int = 0  # partitions finished by an earlier run (--resume)
    failed: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0  # the cluster's workers when the job started


class Progress:
    """A progress line on standard error: partitions and documents done, and the rate."""

    WIDTH = 24

    def __init__(self, total: int, skipped: int, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.total, self.parts, self.docs = total, skipped, 0
        self.started = self.shown = time.monotonic()

    def line(self) -> str:
        filled = self.WIDTH * self.parts // max(self.total, 1)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"audit [{bar}] {self.parts}/{self.total} partitions, "
            f"{self.docs:,} documents, {self.docs / elapsed:,.0f} documents/s"
        )

    def update(self, documents: int) -> None:
        self.parts += 1
        self.docs += documents
        now = time.monotonic()
        if self.tty and now - self.shown >= 0.2:
            self.stream.write("\r" + self.line())
            self.stream.flush()
            self.shown = now
        elif not self.tty and now - self.shown >= 10:
            self.stream.write(self.line() + "\n")
            self.shown = now

    def finish(self) -> None:
        self.stream.write(("\r" if self.tty else "") + self.line() + "\n")
        self.stream.flush()


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a new local cluster of ``workers``."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise JobError(
                f"could not reach the Dask scheduler at {scheduler} ({detail})"
            ) from None
        with client:
            yield client
        return
    from backyard_lint.parallel import default_jobs

    count = workers or default_jobs()
    with (
        LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # the scheduler's HTTP routes still listen: on a free port, not Dask's usual one
            scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(count)
        yield client


def run(
    client: Any,
    parts: Sequence[Part],
    job: JobSettings,
    out: Path,
    *,
    stream: IO[str] | None = None,
) -> Outcome:
    """Lint every unfinished partition of ``parts`` on ``client``'s cluster; write each one's
    tables under ``out`` as soon as its result comes."""
    from distributed import as_completed

    started = time.monotonic()
    (out / tables.PARTS).mkdir(parents=True, exist_ok=True)
    pending = [p for p in parts if not tables.finished(out, p.index)]
    outcome = Outcome(skipped=len(parts) - len(pending))
    outcome.workers = len(client.scheduler_info().get("workers", {}))
    progress = Progress(len(parts), outcome.skipped, stream)
    try:
        client.register_plugin(RulesPlugin(job.extra_rules), name=plugin_name(job.extra_rules))
    except Exception as exc:  # the workers' environment lacks backyard-lint, or a rule broke
        raise JobError(
            f"the Dask workers could not load the rules ({_one_line(exc)}); they need "
            "backyard-lint[audit] installed, and the extra rule folders at the same paths"
        ) from None
    futures = client.map(audit_part, pending, job=job, pure=False)
    index = {future.key: part.index for future, part in zip(futures, pending, strict=True)}
    try:
        for future in as_completed(futures):
            number = index[future.key]
            try:
                documents, findings = future.result()
            except Exception as exc:  # the task failed for good (KilledWorker, a bug)
                outcome.failed.append((number, _one_line(exc)))
                continue
            finally:
                future.release()
            tables.write_part(out, number, documents, findings)
            outcome.done += 1
            outcome.documents += documents.num_rows
            progress.update(documents.num_rows)
    except (OSError, TimeoutError) as exc:  # the scheduler went away
        raise JobError(f"lost the Dask cluster ({_one_line(exc)})") from None
    progress.finish()
    outcome.seconds = time.monotonic() - started
    return outcome


def _one_line(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    name = type(exc).__name__
    return f"{name}: {text[:200]}" if text else name
