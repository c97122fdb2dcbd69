"""A long document's work on every core, when this process lints it.

A long document is linted in pieces (``pieces.py``), and the matches of one that cannot be cut
are read in chunks (``readings/batch.py``): each piece or chunk is local, so the command runs
them on every core it may use. :class:`Readers` is the ``mapper`` that ``lint_text`` takes:
its pool of processes starts when a document first needs it, so a run on ordinary files never
starts one, and it is shut down when the run ends. The findings are the same as from one
process.

A mapper runs ``fn(shared, item)`` for each item. ``shared`` (the rule set) reaches each worker
once, when the pool starts (inherited by a forked worker, not pickled); a call with another
``shared`` starts a new pool (a call that needs none, None, uses the pool there is).

- If no process can be started (a process limit), or a worker dies, the pieces or chunks are
  done in this process instead, and the run goes on.
- Ctrl-C is this process's to handle: the workers ignore it, and ask the kernel for a SIGTERM
  if this process dies (``stopping.py``), so none is left waiting.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Mapper(Protocol):
    """Runs ``fn(shared, item)`` for each of ``items``, in order, wherever it chooses."""

    def __call__(
        self, fn: Callable[[Any, T], R], items: Iterable[T], shared: Any = None
    ) -> Iterable[R]: ...


def in_process(fn: Callable[[Any, T], R], items: Iterable[T], shared: Any = None) -> Iterator[R]:
    """The mapper that runs everything here, in order."""
    return (fn(shared, item) for item in items)


class Readers:
    """A ``mapper`` over ``jobs`` worker processes, started on first use."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: Any = None
        self._shared: Any = None  # what the running pool's workers were given
        self._usable = jobs > 1

    def __call__(
        self, fn: Callable[[Any, T], R], items: Iterable[T], shared: Any = None
    ) -> Iterator[R]:
        """``fn(shared, item)`` of each of ``items``, in order. At most ``2 * jobs`` items are
        out at a time, so a long document's pieces are cut as they are read, not all at once."""
        if not self._usable:
            yield from in_process(fn, items, shared)
            return
        from concurrent.futures.process import BrokenProcessPool

        pending: deque[tuple[T, Any]] = deque()  # (item, its future), in order
        rest = iter(items)
        try:
            pool = self._start(shared)
            for item in rest:
                pending.append((item, pool.submit(_call, fn, item)))
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
                f"backyard-lint: worker processes failed ({reason}); going on in one process\n"
            )
            yield from in_process(fn, [item for item, _future in pending], shared)
            yield from in_process(fn, rest, shared)
        except BaseException:  # Ctrl-C, or the run stops: the workers take no further chunk
            self._stop(wait=True)
            self._usable = False
            raise

    def _start(self, shared: Any) -> Any:
        if self._pool is not None and shared is not None and self._shared is not shared:
            self._stop(wait=True)  # its workers hold another rule set
        if self._pool is None:
            import os
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                self.jobs,
                process_context(),
                initializer=_init_reader,
                initargs=(os.getpid(), shared),
            )
            self._shared = shared
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


_SHARED: Any = None  # in each worker: what its pool was started with (``_init_reader``)


def _call(fn: Callable[[Any, T], R], item: T) -> R:
    """Run in a worker: ``fn`` with the worker's ``shared``."""
    return fn(_SHARED, item)


def _init_reader(parent: int, shared: Any) -> None:
    global _SHARED
    import signal

    from backyard_lint.stopping import WorkerGuard

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    WorkerGuard(None, parent)  # exits on SIGTERM, which the kernel sends if the parent dies
    _SHARED = shared
