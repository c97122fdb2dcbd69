"""Reading files: bytes to text, and finding the files to lint. All file-system I/O lives here."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from backyard_lint.core import read as core_read
from backyard_lint.core.read import MAX_BYTES, InputError
from backyard_lint.core.walk import DEFAULT_EXCLUDE, walk_folder
from backyard_lint.formats import LINTED_SUFFIXES

__all__ = [
    "DEFAULT_EXCLUDE", "MAX_BYTES", "InputError", "decode", "decode_full", "read_file", "walk"
]


BINARY = "binary file (contains NUL bytes), skipped"


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode bytes: a BOM (UTF-8, UTF-16, UTF-32) wins; else ``encoding`` or strict UTF-8."""
    return decode_full(data, encoding)[0]


def encoding_problem(name: str) -> str | None:
    """Why ``name`` cannot be used to read text (unknown, or a bytes-to-bytes or text-to-text
    codec such as ``base64`` or ``rot13``), or None."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return f"unknown encoding '{name}'"
    if not getattr(info, "_is_text_encoding", True):
        return f"'{name}' is not a text encoding"
    return None


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
        problem = encoding_problem(encoding)
        if problem:
            raise InputError(problem)
        wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
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


def read_bytes(path: Path) -> bytes:
    """Read a regular file's bytes; anything else raises InputError with a clear reason."""
    return read_file(path)[0]


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and its ``stat`` when opened (``core/read.py``: never blocks on a
    FIFO, socket or device); anything else raises InputError with a clear reason."""
    return core_read.read_file(os.fspath(path), MAX_BYTES)


def walk(
    paths: Iterable[Path],
    problems: list[tuple[str, str]] | None = None,
    *,
    gitignore: bool = True,
    keep: Callable[[str], bool] | None = None,
    skip_dir: Callable[[str], bool] | None = None,
) -> Iterator[tuple[str, bool]]:
    """Expand paths to files: (name, named explicitly), names spelled as ``str(Path(name))``
    would spell them (strings: a Path per file costs more than the rest of the walk). Folders
    are walked in sorted order (``core/walk.py``), entering no hidden folder, none that
    ``.gitignore`` ignores (unless ``gitignore`` is False) and none that ``skip_dir`` refuses;
    the formats' suffixes, and the files ``keep`` accepts, are taken from them. Folders that
    could not be read go to ``problems`` (path, reason)."""
    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        top = os.fspath(path)
        if not is_dir:
            yield top, True
            continue
        found = walk_folder(
            top, LINTED_SUFFIXES, problems, gitignore=gitignore, keep=keep, skip_dir=skip_dir
        )
        # A Path's spelling has no "." part, and only the top can be one: "./a.md" is "a.md".
        cut = 2 if top == "." else 0
        for name, _regular in found:
            yield name[cut:], False
