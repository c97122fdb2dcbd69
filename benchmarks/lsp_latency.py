"""Language-server latency: from ``didChange`` to ``publishDiagnostics`` on a 1 MB Markdown file.

Usage (from the repository root)::

    python benchmarks/lsp_latency.py [--corpus DIR] [--size-mb 1] [--edits 15] [--debounce-ms 100]
                                     [--python PATH] [--synthetic] [--no-label]
                                     [--language markdown|plaintext|...]

The server is started as an editor starts it (``python -m backyard_lint lsp``, stdio) and driven
with plain JSON-RPC (``tests/lsp/jsonrpc_client.py``, a test-only client). The document is the
Rust book's chapters (``<corpus>/rust-book/*.md``, read at run time, never copied into the
project) joined until it reaches ``--size-mb``, with one use of a label in the middle, so the
prefilter hits on every lint (the Markdown adapter then masks only the stretch between safe
boundaries around the label: see ``formats.markdown_partial.mask_around``). ``--synthetic`` (or
a missing corpus) uses generated Markdown instead. ``--no-label`` measures the common case, a
document with no label, where the prefilter skips the markup parse; ``--language plaintext``
opens the same text as plain text, to separate the Markdown adapter's share from the server's.

Each edit is an incremental change (a word typed into a paragraph, at the start, middle or end of
the document), sent alone after the previous lint was published; its latency is the time from
writing the ``didChange`` to reading the ``publishDiagnostics`` for that version. Reported: the
median and worst latency, the median minus the debounce delay (the server's own work plus the
transport), and an in-process breakdown of one lint (prefilter, locating the labels, safe
boundaries, Markdown masking around them, all of ``lint_text``, building the diagnostics, and
for comparison masking the whole document) to show where the time goes.

Targets: debounce at most 150 ms, work beyond it at most 50 ms, under 200 ms in all.
Exit status: 0 when every target holds, 1 when one does not, 2 when the server cannot run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "lsp"))  # the test-only JSON-RPC client

from jsonrpc_client import ServerGone, StdioClient  # noqa: E402

from backyard_lint import formats  # noqa: E402
from backyard_lint.engine import lint_text  # noqa: E402
from backyard_lint.formats import markdown_partial  # noqa: E402
from backyard_lint.lsp.documents import Document  # noqa: E402
from backyard_lint.project import Project  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
LABEL_SENTENCE = "Kazakhstan has long been Russia's backyard, the analysts wrote."
TARGET_DEBOUNCE_MS = 150.0
TARGET_WORK_MS = 50.0
TARGET_TOTAL_MS = 200.0
PUBLISH = "textDocument/publishDiagnostics"


def synthetic(size: int) -> str:
    """Generated Markdown: headings, paragraphs, lists, inline code, links and fenced code."""
    parts = []
    i = 0
    while sum(len(p) for p in parts) < size:
        i += 1
        parts.append(
            f"## Section {i}\n\n"
            f"Paragraph {i} explains how the `parser` reads *input* and **output**, with a "
            f"[link](https://example.org/{i}) and a footnote-like aside (see section {i - 1}).\n"
            "It goes on for a second line so that the paragraph wraps like real prose does.\n\n"
            f"- item one of list {i}\n- item two with `code {i}`\n- item three\n\n"
            f"```rust\nfn section_{i}() -> u32 {{\n    {i}\n}}\n```\n\n"
        )
    return "".join(parts)


def corpus_text(corpus: Path, size: int) -> str | None:
    book = corpus / "rust-book"
    files = sorted(book.glob("*.md")) if book.is_dir() else []
    if not files:
        return None
    parts: list[str] = []
    total = 0
    while total < size:
        for path in files:
            chunk = path.read_text(encoding="utf-8", errors="replace").rstrip("\n") + "\n\n"
            parts.append(chunk)
            total += len(chunk)
            if total >= size:
                break
    return "".join(parts)


def build_document(text: str, size: int, label: bool = True) -> str:
    text = text[:size]
    text = text[: text.rfind("\n\n") + 2]  # end at a paragraph boundary
    if not label:
        return text
    middle = text.find("\n\n", len(text) // 2) + 2
    return text[:middle] + LABEL_SENTENCE + "\n\n" + text[middle:]


def edit_points(doc: Document) -> list[tuple[int, int]]:
    """Line and character where a word is typed: the first prose line at about 5%, 50% and
    95% of the document (not a code fence, heading or blank line)."""
    points = []
    for frac in (0.05, 0.5, 0.95):
        line = int(doc.line_count * frac)
        while line < doc.line_count - 1:
            text = doc.line_text(line)
            if text[:1].isalpha() and len(text) > 20:
                break
            line += 1
        points.append((line, 0))
    return points


def breakdown(text: str, repeats: int = 5) -> dict[str, float]:
    """Median milliseconds of each step of one lint, in process."""
    ruleset = Project().ruleset()
    times: dict[str, list[float]] = {
        "prefilter": [],
        "locate the labels (RuleSet.locate)": [],
        "safe boundaries (markdown_partial.boundaries)": [],
        "markdown mask around the labels": [],
        "lint_text (all)": [],
        "diagnostic positions": [],
        "markdown mask of the whole document (not used)": [],
    }
    for _ in range(repeats):
        t0 = time.perf_counter()
        hit = ruleset.prefilter(text)
        t1 = time.perf_counter()
        spans = ruleset.locate(hit, text)
        t2 = time.perf_counter()
        markdown_partial.boundaries(text)
        t3 = time.perf_counter()
        formats.mask(text, "markdown", around=spans)
        t4 = time.perf_counter()
        findings = lint_text(text, ruleset, fmt="markdown")
        t5 = time.perf_counter()
        doc = Document("file:///bench.md", text)
        for f in findings:
            doc.position_at(f.start)
            doc.position_at(f.end)
        t6 = time.perf_counter()
        formats.mask(text, "markdown")
        t7 = time.perf_counter()
        marks = (t0, t1, t2, t3, t4, t5, t6, t7)
        for name, begin, end in zip(times, marks[:-1], marks[1:], strict=True):
            times[name].append(end - begin)
    return {k: statistics.median(v) * 1000 for k, v in times.items()}


async def measure(
    command: list[str], text: str, edits: int, debounce_ms: int, language: str = "markdown"
) -> tuple[float, list[float], int]:
    """Cold lint on open (ms), the latency of each edit (ms), and the findings at the end."""
    client = await StdioClient.start(command)
    try:
        await client.initialize(None, options={"debounceMs": debounce_ms})
        uri = (Path.cwd() / "lsp-latency-bench.md").as_uri()
        opened = await client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
        )
        at, msg = await client.wait_notification(PUBLISH, timeout=120)
        cold = (at - opened) * 1000
        expected = 1 if LABEL_SENTENCE in text else 0
        if len(msg["params"]["diagnostics"]) != expected:
            raise SystemExit(f"expected {expected} finding on open: {msg['params']['diagnostics']}")
        doc = Document(uri, text)
        points = edit_points(doc)
        latencies = []
        version = 1
        last: dict = {}
        for i in range(edits):
            line, char = points[i % len(points)]
            version += 1
            change = {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": line, "character": char},
                            "end": {"line": line, "character": char},
                        },
                        "text": "Typed ",
                    }
                ],
            }
            count = len(client.notifications)
            sent = await client.send(
                {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": change}
            )
            at, last = await client.wait_notification(
                PUBLISH,
                lambda m, v=version: m["params"].get("version") == v,
                after=count,
                timeout=60,
            )
            latencies.append((at - sent) * 1000)
            await asyncio.sleep(0.05)
        return cold, latencies, len(last["params"]["diagnostics"])
    finally:
        await client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--debounce-ms", type=int, default=100)
    parser.add_argument("--python", default=sys.executable, help="interpreter to run the server")
    parser.add_argument("--synthetic", action="store_true", help="generated text, not the corpus")
    parser.add_argument(
        "--no-label",
        action="store_true",
        help="leave the label out: the prefilter then skips the markup parse (the common case)",
    )
    parser.add_argument(
        "--language",
        default="markdown",
        help="language id to open the document with (plaintext: the server without markup)",
    )
    args = parser.parse_args(argv)

    size = int(args.size_mb * 1_000_000)
    source = "synthetic Markdown"
    raw = None if args.synthetic else corpus_text(args.corpus, size)
    if raw is None:
        if not args.synthetic:
            print(
                f"note: {args.corpus / 'rust-book'} not found; using synthetic Markdown",
                file=sys.stderr,
            )
        raw = synthetic(size)
    else:
        source = f"{args.corpus / 'rust-book'} chapters"
    text = build_document(raw, size, label=not args.no_label)
    command = [args.python, "-m", "backyard_lint", "lsp"]
    try:
        cold, latencies, findings = asyncio.run(
            measure(command, text, args.edits, args.debounce_ms, args.language)
        )
    except (ServerGone, TimeoutError, OSError) as exc:
        print(f"lsp_latency: the server did not answer: {exc}", file=sys.stderr)
        return 2
    parts = breakdown(text)
    median = statistics.median(latencies)
    work = median - args.debounce_ms
    lines = text.count("\n")
    print(
        f"# LSP latency: didChange -> publishDiagnostics ({len(text) / 1e6:.2f} MB, {lines} lines)"
    )
    print()
    labels = "no label" if args.no_label else "one label"
    print(f"Document: {source}, {labels}, opened as {args.language}")
    print(f"Server: {' '.join(command)}")
    print(
        f"Edits: {len(latencies)} incremental, one at a time; findings after the last: {findings}"
    )
    print()
    print("| measure | ms | target |")
    print("| --- | ---: | --- |")
    print(f"| debounce delay | {args.debounce_ms} | <= {TARGET_DEBOUNCE_MS:.0f} |")
    print(f"| median latency | {median:.1f} | < {TARGET_TOTAL_MS:.0f} |")
    print(f"| median minus debounce (work) | {work:.1f} | <= {TARGET_WORK_MS:.0f} |")
    print(f"| fastest / slowest latency | {min(latencies):.1f} / {max(latencies):.1f} | |")
    print(f"| first lint on open (no debounce) | {cold:.1f} | |")
    print()
    print("In-process breakdown of one lint of this document (median of 5):")
    print()
    print("| step | ms |")
    print("| --- | ---: |")
    for name, ms in parts.items():
        print(f"| {name} | {ms:.1f} |")
    ok = (
        args.debounce_ms <= TARGET_DEBOUNCE_MS
        and work <= TARGET_WORK_MS
        and median < TARGET_TOTAL_MS
    )
    print()
    print("all targets hold" if ok else "a target does not hold")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
