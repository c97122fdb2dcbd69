"""Reading the matches of a long document in worker processes, when this process lints it.

A document dense with labels spends most of its time reading its matches (use or mention), and
each reading is local (``readings/batch.py``), so the command reads the chunks of a long
document on every core it may use. :class:`Readers` is the ``mapper`` that
``lint_text`` takes: its pool of processes starts when a document first has enough matches
(``batch.MIN_MATCHES``), so a run on ordinary files never starts one, and it is shut down when
the run ends. The findings are the same as from one process.

- If no process can be started (a process limit), or a worker dies, the chunks are read in
  this process instead, and the run goes on.
- Ctrl-C is this process's to handle: the workers ignore it, and ask the kernel for a SIGTERM
  if this process dies (``stopping.py``), so none is left waiting.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Readers:
    """A ``mapper`` over ``jobs`` worker processes, started on first use."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: Any = None
        self._usable = jobs > 1

    def __call__(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn`` of each of ``items``, in order. At most ``2 * jobs`` items are out at a time,
        so a long document's chunks are cut as they are read, not all at once."""
        if not self._usable:
            yield from map(fn, items)
            return
        from concurrent.futures.process import BrokenProcessPool

        pending: deque[tuple[T, Any]] = deque()  # (item, its future), in order
        rest = iter(items)
        try:
            pool = self._start()
            for item in rest:
                pending.append((item, pool.submit(fn, item)))
                while len(pending) > 2 * self.jobs:
                    found = pending[0][1].result()
                    pending.popleft()
                    yield found
            while pending:
                found = pending[0][1].result()
                pending.popleft()
                yield found
        except (OSError, BrokenProcessPool) as exc:  # no process, or a worker died
            self._stop(wait=False)
            self._usable = False
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            sys.stderr.write(
                f"backyard-lint: worker processes failed ({reason}); reading in one process\n"
            )
            yield from (fn(item) for item, _future in pending)
            yield from map(fn, rest)
        except BaseException:  # Ctrl-C, or the run stops: the workers take no further chunk
            self._stop(wait=True)
            self._usable = False
            raise

    def _start(self) -> Any:
        if self._pool is None:
            import os
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                self.jobs, process_context(), initializer=_init_reader, initargs=(os.getpid(),)
            )
        return self._pool

    @property
    def started(self) -> bool:
        """Whether a pool of workers is running (a document had enough matches)."""
        return self._pool is not None

    def _stop(self, wait: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)

    def __enter__(self) -> Readers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Waits for the pool's manager thread: one left running races with the interpreter's
        # exit handler over its pipe.
        self._stop(wait=True)


def process_context() -> Any:
    """How worker processes start: fork on Linux (in milliseconds, sharing what this process
    has loaded: the rules, the classifier), spawn elsewhere (macOS, Windows)."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _init_reader(parent: int) -> None:
    import signal

    from backyard_lint.stopping import WorkerGuard

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    WorkerGuard(None, parent)  # exits on SIGTERM, which the kernel sends if the parent dies
