"""The editors' page: time to findings for a pasted 5,000-word article.

Usage (from the repository root)::

    python benchmarks/web.py [--corpus DIR] [--words 5000] [--rounds 20] [--synthetic]

A real ``backyard-lint serve`` is started on a free port of 127.0.0.1 (``python -m backyard_lint
serve``) and sent the article as the page sends a paste (``POST /api/check``). The first request
is left out (it loads the rules and the classifier). For each of the next ``--rounds`` requests
two times are taken: the server's own (its ``Server-Timing`` header: linting and building the
answer, the findings with every reading and the rules' explanations) and the round trip as the
client sees it (adding JSON decoding of the request and encoding of the answer, uvicorn and the
loopback transport). Reported: the medians and the slowest, the number of findings, ``lint_text``
alone (in this process), and the size of the page's files.

Two articles are measured, both read from the corpus at run time and never copied into the
project: a typical one, paragraphs of prose from ``<corpus>/rust-book`` with one sentence of
``<corpus>/dev.jsonl`` (a labelled use or mention) every 250 words, about 20 labels in all; and a
dense one, only ``dev.jsonl`` sentences, five a paragraph, a label in almost every sentence (far
harder than an article). ``--synthetic`` (or a missing corpus) measures generated prose with a
label about every 250 words instead.

Target: the server time's median under 150 ms for the typical (or generated) article.
Exit status: 0 when it holds, 1 when not, 2 when the server cannot run.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from backyard_lint.engine import lint_text  # noqa: E402
from backyard_lint.model import Settings  # noqa: E402
from backyard_lint.project import Project  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
STATIC = ROOT / "src" / "backyard_lint" / "web" / "static"
TARGET_MS = 150.0


def _sentences(corpus: Path) -> list[str] | None:
    path = corpus / "dev.jsonl"
    if not path.exists():
        return None
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]


def _prose(corpus: Path) -> list[str]:
    """Paragraphs of prose from the Rust book's chapters (no code, headings or lists)."""
    out = []
    for chapter in sorted((corpus / "rust-book").glob("ch*.md")):
        fenced = False
        for block in chapter.read_text("utf-8").split("\n\n"):
            if block.lstrip().startswith("```") and block.count("```") % 2:
                fenced = not fenced
                continue
            if fenced or not block[:1].isalpha() or "```" in block:
                continue
            out.append(" ".join(block.split()))
    return out


def dense_article(corpus: Path, words: int) -> str | None:
    """Only the corpus's sentences, five a paragraph: a label in almost every sentence."""
    sentences = _sentences(corpus)
    if sentences is None:
        return None
    paragraphs, current, count = [], [], 0
    while count < words:
        for sentence in sentences:
            current.append(sentence)
            count += len(sentence.split())
            if len(current) == 5:
                paragraphs.append(" ".join(current))
                current = []
            if count >= words:
                break
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) + "\n"


def typical_article(corpus: Path, words: int, every: int = 250) -> str | None:
    """Paragraphs of prose with one of the corpus's sentences every ``every`` words."""
    sentences = _sentences(corpus)
    prose = _prose(corpus) if sentences else []
    if not sentences or not prose:
        return None
    paragraphs, count, since, used = [], 0, 0, 0
    for paragraph in prose:
        n = len(paragraph.split())
        count, since = count + n, since + n
        if since >= every:
            paragraph += " " + sentences[used % len(sentences)]
            used, since = used + 1, 0
        paragraphs.append(paragraph)
        if count >= words:
            break
    return "\n\n".join(paragraphs) + "\n"


def synthetic_article(words: int) -> str:
    """Generated paragraphs of prose, a label in every other one (about one in 250 words)."""
    filler = (
        "The ministers met in the capital to discuss trade, water and the new rail line, and "
        "their advisers drafted a statement on customs and tariffs for the summer meeting."
    )
    plain = " ".join([filler] * 5)
    labelled = plain + " Kazakhstan is Russia's backyard, one of them said."
    paragraphs, count = [], 0
    while count < words:
        paragraph = labelled if len(paragraphs) % 2 else plain
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(url: str, text: str) -> tuple[float, float, dict[str, object]]:
    """The request's time as the client saw it, the server's own time (its ``Server-Timing``
    header: linting and building the answer) and the answer."""
    body = json.dumps({"text": text}).encode("utf-8")
    request = urllib.request.Request(url, body, {"content-type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read()
        timing = response.headers.get("server-timing", "")
    elapsed = (time.perf_counter() - start) * 1000
    server = float(timing.partition("dur=")[2] or "nan")
    return elapsed, server, json.loads(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--synthetic", action="store_true")
    args = parser.parse_args()

    articles = {}
    if not args.synthetic:
        for name, make in (("typical", typical_article), ("dense", dense_article)):
            made = make(args.corpus, args.words)
            if made is not None:
                articles[name] = made
        if not articles:
            print(f"{args.corpus} is missing: using a generated article")
    if not articles:
        articles["generated"] = synthetic_article(args.words)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backyard_lint", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/check"
    results = {}
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    print("the server did not start")
                    return 2
                time.sleep(0.1)
        for name, article in articles.items():
            first, _, answer = post(url, article)
            rounds = [post(url, article) for _ in range(args.rounds)]
            results[name] = (first, answer, [r[0] for r in rounds], [r[1] for r in rounds])
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    ruleset = Project().ruleset()
    settings = Settings(show_mentions=True)
    held = True
    for name, (first, answer, times, server) in results.items():
        article = articles[name]
        findings = answer["findings"]
        assert isinstance(findings, list)
        flagged = sum(1 for f in findings if f["severity"] != "info")
        lint_ms = []
        for _ in range(6):
            start = time.perf_counter()
            lint_text(article, ruleset, settings=settings)
            lint_ms.append((time.perf_counter() - start) * 1000)
        median = statistics.median(server)
        print(
            f"{name} article: {len(article.split())} words, {len(article)} characters, "
            f"{len(findings)} matches ({flagged} flagged)"
        )
        print(
            f"  first request {first:.1f} ms; after it: server time (Server-Timing) median "
            f"{median:.1f} ms, slowest {max(server):.1f} ms; round trip median "
            f"{statistics.median(times):.1f} ms ({args.rounds} requests); lint_text alone "
            f"(in this process): median {statistics.median(lint_ms[1:]):.1f} ms"
        )
        if name != "dense":
            held = held and median < TARGET_MS
    sizes = {p.name: p.stat().st_size for p in sorted(STATIC.iterdir())}
    print(
        "page assets: " + ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in sizes.items())
    )
    print(
        f"target (the typical or generated article): median under {TARGET_MS:.0f} ms: "
        f"{'holds' if held else 'DOES NOT HOLD'}"
    )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
