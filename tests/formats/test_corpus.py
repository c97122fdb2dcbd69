"""Every file of the shared corpora through its adapter: no exception, and the masked text keeps
the source's length and line breaks. Prints the time per corpus (``pytest -s`` shows it).

The corpora are read from ``../shared/corpus`` at run time, never copied into the project.
"""

from __future__ import annotations

import re
import time

import pytest

from backyard_lint.formats import mask
from conftest import shared

BREAK = re.compile(r"\r\n?|\n")


@pytest.mark.parametrize(
    ("name", "fmt", "pattern"), [("peps", "rst", "*.rst"), ("rust-book", "markdown", "*.md")]
)
def test_corpus_masks_cleanly(name: str, fmt: str, pattern: str) -> None:
    folder = shared("corpus", name)
    files = sorted(folder.rglob(pattern))
    assert files, f"no {pattern} files in {folder}"
    size = 0
    began, cpu = time.perf_counter(), time.process_time()
    for path in files:
        text = path.read_text(encoding="utf-8")
        size += len(text)
        masked = mask(text, fmt).masked
        assert len(masked) == len(text), path
        assert [m.span() for m in BREAK.finditer(masked)] == [
            m.span() for m in BREAK.finditer(text)
        ], path
        assert [m.group() for m in BREAK.finditer(masked)] == [
            m.group() for m in BREAK.finditer(text)
        ], path
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"\n{name} ({fmt}): {len(files)} files, {size / 1e6:.1f} M characters, "
        f"{elapsed:.1f} s ({cpu:.1f} s CPU)"
    )
