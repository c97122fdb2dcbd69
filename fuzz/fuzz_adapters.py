"""Coverage-guided fuzzing of the format adapters, the classifier and the decoder (atheris).

Run (see fuzz/README.md):

    pip install atheris
    python fuzz/fuzz_adapters.py fuzz/corpus -dict=fuzz/markup.dict -max_total_time=600

Each input is a target (byte 0), a format (byte 1) and a text (the rest, as UTF-8):
- ``lint``: ``lint_text`` in that format, with mentions shown, then the engine's invariants: the
  masked text keeps length and line breaks, findings are sorted, inside the text, and their
  ``match`` is the text at their offsets;
- ``classify``: ``readings.classify`` on random spans of the masked text, for every rule;
- ``decode``: ``inputs.decode_full`` on the raw bytes (only ``InputError`` may come out).
Any other exception, or a broken invariant, is a crash: libFuzzer saves the input as
``crash-<sha1>`` in the current folder; replay it with ``python fuzz/fuzz_adapters.py crash-...``.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    # Imported lazily by the reST adapter: imported here so that they are instrumented.
    import docutils.frontend
    import docutils.parsers.rst
    import docutils.utils  # noqa: F401

    from backyard_lint import formats, readings
    from backyard_lint.engine import lint_text
    from backyard_lint.formats import html, markdown, plain, rst  # noqa: F401 - instrument them
    from backyard_lint.inputs import InputError, decode_full
    from backyard_lint.model import Context, Settings
    from backyard_lint.runner import ruleset_for

RULES = ruleset_for()
SHOW_ALL = Settings(show_mentions=True)
FORMATS = list(formats.FORMATS)
TARGETS = ("lint", "lint", "lint", "classify", "decode")  # byte 0 % 5
LINE_BREAKS = re.compile(r"[\r\n]")
MAX_TEXT = 4096

# Crashes already reported and not yet fixed, tolerated (and counted) so that the fuzzer can go
# on looking for new ones. Remove an entry when its fix lands; FUZZ_STRICT=1 tolerates none.
KNOWN: tuple[tuple[str, type[BaseException], re.Pattern[str]], ...] = (
    # None at present. The first run found html.parser's AssertionError on a malformed marked
    # section ("<![x"), listed here as ("html-marked-section", AssertionError,
    # re.compile("expected name token|status keyword")) until the HTML adapter's fix landed.
)
KNOWN_SEEN: dict[str, int] = {}


def check_lint(text: str, fmt: str) -> None:
    masked = formats.mask(text, fmt).masked
    if len(masked) != len(text):
        raise AssertionError(f"{fmt}: masked length {len(masked)} != {len(text)}")
    breaks = [m.start() for m in LINE_BREAKS.finditer(text)]
    if [m.start() for m in LINE_BREAKS.finditer(masked)] != breaks:
        raise AssertionError(f"{fmt}: line breaks moved")
    if any(masked[i] != text[i] for i in breaks):
        raise AssertionError(f"{fmt}: a line break changed kind")
    findings = lint_text(text, RULES, fmt=fmt, settings=SHOW_ALL)
    keys = [f.sort_key for f in findings]
    if keys != sorted(keys):
        raise AssertionError(f"{fmt}: findings not sorted")
    for f in findings:
        if not (0 <= f.start <= f.end <= len(text)) or f.match != text[f.start : f.end]:
            raise AssertionError(f"{fmt}: {f.rule} at {f.start}:{f.end} outside or wrong match")
        if f.rule in RULES.by_id and f.start == f.end:
            raise AssertionError(f"{fmt}: {f.rule} reported an empty span")


def check_classify(text: str, fmt: str, rng: random.Random) -> None:
    """Random spans that start and end on a non-space character, as a rule's match does (the
    engine never asks about a span of white space only: no pattern may match the empty string,
    and the rules' patterns start and end on words)."""
    masked = formats.mask(text, fmt).masked
    solid = [i for i, c in enumerate(masked) if not c.isspace()]
    if not solid:
        return
    for _ in range(8):
        first = rng.randrange(len(solid))
        start = solid[first]
        end = solid[rng.randrange(first, min(len(solid), first + 40))] + 1
        rule = rng.choice(RULES.rules)
        reading, reason = readings.classify(masked, start, end, rule)
        if not isinstance(reason, str) or not isinstance(reading, Context):
            raise AssertionError("classify returned something else than (Context, str)")


def test_one_input(data: bytes) -> None:
    try:
        run_one(data)
    except Exception as exc:
        if os.environ.get("FUZZ_STRICT") != "1":
            for name, kind, message in KNOWN:
                if isinstance(exc, kind) and message.search(str(exc)):
                    seen = KNOWN_SEEN[name] = KNOWN_SEEN.get(name, 0) + 1
                    if seen & (seen - 1) == 0:  # 1, 2, 4, 8, ...: libFuzzer skips atexit
                        print(f"known crash {name} tolerated {seen} times", file=sys.stderr)
                    return
        raise


def run_one(data: bytes) -> None:
    """Byte 0 picks the target, byte 1 the format; the rest is the document, as UTF-8 (so the
    dictionary's words and the seeds reach the adapters as they are written)."""
    if len(data) < 2:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    fmt = FORMATS[data[1] % len(FORMATS)]
    body = data[2 : 2 + MAX_TEXT]
    if target == "decode":
        encoding = (None, None, "latin-1", "utf-16", "cp1251", "utf-8")[data[1] % 6]
        with contextlib.suppress(InputError):  # the one exception a bad file may give
            decode_full(body, encoding)
        return
    text = body.decode("utf-8", "replace")
    if target == "classify":
        check_classify(text, fmt, random.Random(data))
        return
    check_lint(text, fmt)


def write_seeds(folder: Path) -> None:
    """A starting corpus: the rules' own examples dressed in each format's markup (generated,
    so nothing from the shared corpora is copied into the project)."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    wrappers = [  # in the order of formats.FORMATS, twice: plain, markdown, rst, html
        "{}",
        "# Title\n\n{}\n\n> {}\n\n- {}\n\n```\n{}\n```\n",
        "Title\n=====\n\n{}\n\n.. note::\n\n   {}\n\n::\n\n   {}\n\n:role:`{}`\n",
        "<html><body><p>{}</p><pre>{}</pre><!-- {} --><a href='x'>{}</a></body></html>",
        "backyard-lint: disable-next-line\n{}\r\n{}\r{}\n",
        "---\ntitle: x\n---\n\n*{}* [link](http://x.org) `code` <span a='b'>{}</span>\n",
        "{}\n\n.. backyard-lint: disable-next-line\n\n``{}`` `{} <http://x.org>`_\n",
        "<p title='{}'>{}<script>{}</script><!-- backyard-lint: disable --></p>",
    ]
    count = 0
    for rule in RULES.rules:
        for example in (*rule.examples_bad, *rule.examples_good):
            for fmt_byte, wrapper in enumerate(wrappers):
                text = wrapper.replace("{}", example)
                # Byte 0: the lint target; byte 1: a format (cycling through them).
                payload = bytes([0, fmt_byte % len(FORMATS)]) + text.encode("utf-8")
                (folder / f"seed-{count:05d}").write_bytes(payload)
                count += 1


def main() -> None:
    args = sys.argv[1:]
    corpora = [a for a in args if not a.startswith("-")]
    if corpora and not Path(corpora[0]).is_file():
        write_seeds(Path(corpora[0]))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
