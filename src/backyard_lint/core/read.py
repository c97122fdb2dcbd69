"""Reading a file safely: a regular file's bytes, never blocking on a FIFO, socket or device,
with a one-line reason when it cannot be read; and whether bytes are plain text that needs no
decoding choice (the fast path and the workers' shortcut lint only such files themselves)."""

# os, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH116

from __future__ import annotations

import os
import stat

# A commit hook meets every file in a repository; beyond this size a "text" file is almost surely
# data, and reading it whole would cost the machine's memory. Skipped with a clear reason.
MAX_BYTES = 256 * 1024 * 1024
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-32 BOMs start with a UTF-16 one
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_MIB = 1024 * 1024


class InputError(Exception):
    """A file that could not be linted; ``str()`` is the one-line reason (without the path)."""


def read_file(
    path: str, limit: int = MAX_BYTES, *, regular: bool = False
) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and its ``stat`` when opened (to notice a change before a fix is
    written); anything else raises :class:`InputError` with a clear reason.

    Never blocks: a FIFO, socket or device is refused from ``stat`` before it is opened (unless
    ``regular``: the caller found it as a regular file in a folder), and the file is opened
    non-blocking and checked again with ``fstat``, so a file swapped for a FIFO between the two
    calls cannot hang the linter either. A file larger than ``limit`` bytes is refused.
    """
    if not regular:
        try:
            _check_kind(os.stat(path), limit)
        except OSError as exc:
            raise InputError(reason(exc)) from None
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise InputError(reason(exc)) from None
    try:
        st = os.fstat(fd)
        _check_kind(st, limit)
        chunks = []
        total = 0
        want = st.st_size + 1  # one read for a file that keeps its size; more if it grew
        while True:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(_too_large(total, limit))
            want = _MIB
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        return data, st
    except OSError as exc:
        raise InputError(reason(exc)) from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({size // _MIB} MiB; the limit is {limit // _MIB} MiB), skipped"


def _check_kind(st: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (FIFO, socket or device), skipped")
    if st.st_size > limit:
        raise InputError(_too_large(st.st_size, limit))


def reason(exc: BaseException) -> str:
    """An OS error's reason in lower case ("permission denied"), without the path."""
    if isinstance(exc, OSError) and exc.errno is not None and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def is_plain(data: bytes) -> bool:
    """Whether ``data`` is strict UTF-8 without a BOM or NUL bytes: text every door decodes the
    same way (an invalid file is an error only the full path reports)."""
    if data.startswith(BOMS) or b"\0" in data:
        return False
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def plain_bytes(path: str, limit: int, *, regular: bool = False) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes that :func:`is_plain`, else None.
    A Word document (``.docx``) is never plain: its text is inside a zip."""
    if path[-5:].lower() == ".docx":
        return None
    try:
        data = read_file(path, limit, regular=regular)[0]
    except InputError:
        return None
    return data if is_plain(data) else None
