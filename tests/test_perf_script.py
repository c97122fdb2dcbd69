"""benchmarks/perf.py: a missing corpus is a clear one-line error, and its pattern conversions."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "benchmarks" / "perf.py"


def _perf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("backyard_bench_perf", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["backyard_bench_perf"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_missing_corpus_exits_2_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(tmp_path / "nowhere")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "corpus not found" in lines[0] and "are missing" in lines[0]


def test_patterns_are_converted_for_ripgrep_and_prh() -> None:
    perf = _perf()
    # RE2's \b, \s are ASCII-only: say so to ripgrep; nothing inside a class changes.
    assert perf.re2_to_rust(r"\bback[\s-]+yard\s", False) == (
        r"(?i:(?-u:\b)back[\s-]+yard(?-u:\s))"
    )
    assert perf.re2_to_rust(r"\bUS\b", True) == r"(?-u:\b)US(?-u:\b)"
    # JavaScript (prh): no inline flags, no \p without the u flag prh cannot pass.
    js = perf.re2_to_js(r"(?-i:\bUS)[\s\pZ]+back\pZyard", False)
    assert js.startswith("/(?:\\bUS)[\\s\\u0020") and js.endswith("/gi")
    assert "\\p" not in js
    assert perf.re2_to_js(r"\p{Greek}+", True) is None  # no equivalent: left out, and counted


def test_the_generated_tree_has_the_requested_size_and_labels(tmp_path: Path) -> None:
    perf = _perf()
    corpus = tmp_path / "corpus"
    for name, suffix in (("peps", ".rst"), ("rust-book", ".md")):
        (corpus / name).mkdir(parents=True)
        for i in range(5):
            (corpus / name / f"f{i}{suffix}").write_text("Some text.\n" * 200, encoding="utf-8")
    files, size, labelled = perf.make_tree(corpus, tmp_path / "tree", 0.1, every=4)
    assert size >= 100_000 and files == len(list((tmp_path / "tree").rglob("*.*")))
    assert labelled == files // 4
