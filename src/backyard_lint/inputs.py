"""Reading files: bytes to text, and finding the files to lint. All file-system I/O lives here."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from backyard_lint.formats import LINTED_SUFFIXES

# Folders never entered when walking a directory (a path named explicitly is still linted).
SKIPPED_DIRS = frozenset(
    {
        "node_modules",
        "vendor",
        "vendored",
        "third_party",
        "third-party",
        "site-packages",
        "__pycache__",
        "venv",
        "env",
        "_build",
        "build",
        "dist",
        "target",
    }
)


BINARY = "binary file (contains NUL bytes), skipped"


class InputError(Exception):
    """A file that could not be linted; ``str()`` is the one-line reason (without the path)."""


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode bytes: a BOM (UTF-8, UTF-16, UTF-32) wins; else ``encoding`` or strict UTF-8."""
    return decode_full(data, encoding)[0]


def decode_full(data: bytes, encoding: str | None = None) -> tuple[str, str, bytes]:
    """Like :func:`decode`, also returning the codec and the BOM, to write the file back."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec, bom
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {codec.upper()} at byte {exc.start + len(bom)}"
                ) from None
    if encoding:
        try:
            wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}'") from None
        if not wide and b"\0" in data:
            raise InputError(BINARY)
        try:
            return data.decode(encoding), encoding, b""
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding} at byte {exc.start}") from None
    if b"\0" in data:
        raise InputError(BINARY)
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 at byte {exc.start} (use --encoding to name another encoding)"
        ) from None


def read_text(path: Path, encoding: str | None = None) -> str:
    """Read a regular file as text; anything else raises InputError with a clear reason."""
    return decode(read_bytes(path), encoding)


# A commit hook meets every file in a repository; beyond this size a "text" file is almost surely
# data, and reading it whole would cost the machine's memory. Skipped with a clear reason.
MAX_BYTES = 256 * 1024 * 1024

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: Path) -> bytes:
    """Read a regular file's bytes; anything else raises InputError with a clear reason."""
    return read_file(path)[0]


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and its ``stat`` when opened (to notice a change before a fix
    is written); anything else raises InputError with a clear reason.

    Never blocks: a FIFO, socket or device is refused from ``stat`` before it is opened, and the
    file is opened non-blocking and checked again with ``fstat``, so a file swapped for a FIFO
    between the two calls cannot hang the linter either.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: pathlib's symlink loop on old Pythons
        raise InputError(_reason(exc)) from None
    _check_kind(st)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise InputError(_reason(exc)) from None
    try:
        st = os.fstat(fd)
        _check_kind(st)
        with open(fd, "rb", closefd=False) as fh:  # an fd, not a path
            return fh.read(), st
    except OSError as exc:
        raise InputError(_reason(exc)) from None
    finally:
        os.close(fd)


def _check_kind(st: os.stat_result) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (FIFO, socket or device), skipped")
    if st.st_size > MAX_BYTES:
        raise InputError(
            f"file too large ({st.st_size // (1024 * 1024)} MiB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MiB), skipped"
        )


def _reason(exc: BaseException) -> str:
    """An OS error's reason in lower case ("permission denied"), without the path."""
    if isinstance(exc, OSError) and exc.errno is not None and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    if isinstance(exc, RuntimeError) and "symlink loop" in str(exc).lower():
        return "too many levels of symbolic links"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def walk(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Expand paths to files: (path, named explicitly). Directories are walked in sorted order,
    entering no hidden or vendored folder; only linted suffixes are taken from them."""
    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            yield path, True
            continue
        yield from _walk_dir(path)


def _walk_dir(top: Path) -> Iterator[tuple[Path, bool]]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(top, followlinks=False, onerror=None):
        try:
            st = Path(root).stat()
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen:
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        folder = Path(root)  # one parse per folder: "/" adds a name cheaply (a large tree)
        for name in sorted(files):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in LINTED_SUFFIXES:  # noqa: PTH122
                yield folder / name, False
