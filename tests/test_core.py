"""The lean core: what it may import (a static check), so the command's entry point can use it
before anything heavier is loaded; and its functions' behaviour where no other test covers it."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from backyard_lint.core.read import InputError, is_plain, read_file

SRC = Path(__file__).resolve().parents[1] / "src" / "backyard_lint"
LEAN = [
    *sorted((SRC / "core").glob("*.py")),
    SRC / "entry.py",
    SRC / "rulecache.py",
    SRC / "formats" / "__init__.py",
    SRC / "__init__.py",
]
# At import time: the standard library's cheapest modules and the lean modules themselves.
AT_TOP = {"__future__", "os", "stat", "sys", "marshal", "math", "backyard_lint"}
LEAN_MODULES = {"backyard_lint.rulecache", "backyard_lint.formats", "backyard_lint.core"}
# Inside a function, only when needed: writing a file, analysing a pattern, loading RE2.
IN_FUNCTIONS = {
    "tempfile", "zlib", "re", "sre_parse", "math", "re2", "_frozen_importlib",
    "_frozen_importlib_external", "backyard_lint.cli",
}


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(module, at module level) for every import, ``if TYPE_CHECKING:`` blocks left out."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", "") == "TYPE_CHECKING":
                continue
            if isinstance(child, ast.Import):
                found.extend((alias.name, top) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                found.append((child.module or "", top))
            inner = top and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            visit(child, inner)

    visit(tree, True)
    return found


@pytest.mark.parametrize("path", LEAN, ids=lambda p: str(p.relative_to(SRC)))
def test_lean_modules_import_only_lean_modules(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for module, top in _imports(tree):
        lean = module in LEAN_MODULES or module.startswith("backyard_lint.core")
        if top:
            assert module in AT_TOP or lean, f"{path.name} imports {module} at the top"
        else:
            allowed = IN_FUNCTIONS | AT_TOP
            assert lean or module in allowed or module.startswith("backyard_lint.formats."), (
                f"{path.name} imports {module}"
            )


def test_reading_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_file(str(tmp_path))
    with pytest.raises(InputError, match="no such file"):
        read_file(str(tmp_path / "missing.md"))
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_file(str(fifo))
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 100)
    with pytest.raises(InputError, match="too large"):
        read_file(str(big), 99)
    assert read_file(str(big), 100)[0] == b"x" * 100
    (tmp_path / "empty.md").write_bytes(b"")
    assert read_file(str(tmp_path / "empty.md"))[0] == b""


@pytest.mark.parametrize(
    ("data", "plain"),
    [(b"abc", True), ("é".encode(), True), (b"\xef\xbb\xbfabc", False), (b"a\0b", False),
     (b"\xff", False), (b"\xff\xfea\0", False)],
)
def test_plain_text_is_strict_utf8_without_bom_or_nul(data: bytes, plain: bool) -> None:
    assert is_plain(data) is plain
