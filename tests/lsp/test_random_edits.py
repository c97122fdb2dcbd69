"""10,000 random incremental edits through pytest-lsp: afterwards the server's diagnostics equal a
fresh lint of the final text, in two documents edited in turn (Markdown and plain text).

The edits are sent in batches (several content changes per ``didChange``, many notifications
without waiting for diagnostics), as a fast typist with a slow linter would send them. Each
range is valid in UTF-16 (the encoding VS Code offers): it never cuts a surrogate pair or a
CRLF; ranges past the end are covered by ``test_robustness.py``.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest_lsp
from lsp_helpers import SERVER, change_doc, make_client, open_doc, wait_for
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from backyard_lint.engine import lint_text
from conftest import ruleset_for

EDITS = 10_000
PER_NOTIFICATION = 10
LABEL = "Russia's backyard"
PIECES = [
    "a", "word ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "😀", "🇰🇿", "中文", "é", "e\u0301",
    "\u2028", "\t", LABEL, "Russia", "'s", "’s", " back", "yard", "Moscow's backyard",
    "post-Soviet states", "the Stans", "near abroad", "\"", "'", "“", "”", "`", "```", "> ",
    "- ", "# ", "<!-- ", " -->", "<p>", "</p>", "[", "](http://x.org)", "*", "_",
    "backyard-lint: disable-next-line backyard.russia", ".. ", "::", "Kazakhstan is ", ".",
]  # fmt: skip


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _position(text: str, offset: int) -> tuple[int, int]:
    """The LSP position (UTF-16) of ``offset``, computed independently of the server."""
    lines = re.split(r"\r\n|\r|\n", text[:offset])
    return len(lines) - 1, _utf16(lines[-1])


PROBE = " Kazakhstan is Russia's backyard."
_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's text, without its line break."""
    starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    ends = [m.start() for m in _BREAK.finditer(text)] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _random_edit(rng: random.Random, text: str) -> tuple[int, int, str]:
    start = rng.randint(0, len(text))
    size = rng.choice([0, 0, 0, 1, 1, 2, 3, 8, 30])
    if len(text) > 40_000:  # a bound on the document's size, rarely reached
        size = 200
    end = min(len(text), start + size)
    if text[start - 1 : start + 1] == "\r\n":  # a position inside CRLF does not exist
        start -= 1
    if text[end - 1 : end + 1] == "\r\n":
        end += 1
    new = "".join(rng.choice(PIECES) for _ in range(rng.choice([0, 1, 1, 1, 2, 3])))
    return start, end, new


def _expected(text: str, fmt: str) -> list[tuple[str, int, int, int, int]]:
    out = []
    for f in lint_text(text, ruleset_for(), fmt=fmt):
        out.append((f.rule, *_position(text, f.start), *_position(text, f.end)))
    return out


def _got(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    r = [(d.code, d.range.start, d.range.end) for d in diagnostics]
    return [(str(code), s.line, s.character, e.line, e.character) for code, s, e in r]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def vscode(lsp_client: LanguageClient, tmp_path: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual_studio_code"),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
            initialization_options={"debounceMs": 30},
        )
    )
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_ten_thousand_random_edits_end_equal_to_a_fresh_lint(vscode: LanguageClient):
    rng = random.Random(8)
    root: Path = vscode.root  # type: ignore[attr-defined]
    docs = {
        "markdown": [
            root.joinpath("edited.md").as_uri(),
            f"# Notes\n\nKazakhstan is {LABEL}.\n",
            1,
        ],
        "plaintext": [root.joinpath("edited.txt").as_uri(), f"Moscow's backyard.\r\n{LABEL}", 1],
    }
    for language, (uri, text, version) in docs.items():
        open_doc(vscode, uri, text, language_id=language, version=version)
    sent = 0
    while sent < EDITS:
        language = rng.choice(list(docs))
        doc = docs[language]
        uri, text, version = doc
        batch = []
        for _ in range(PER_NOTIFICATION):
            start, end, new = _random_edit(rng, text)
            # Each change in one notification applies to the text the previous one left.
            batch.append(((*_position(text, start), *_position(text, end)), new))
            text = text[:start] + new + text[end:]
        version += 1
        change_doc(vscode, uri, version, batch)
        doc[1], doc[2] = text, version
        sent += len(batch)
    # A probe: the label at the end of every line, in one notification (last line first, so
    # that each position is still valid). Each line's diagnostic then shows its length, so a
    # server copy that drifted from the client's anywhere shows in the diagnostics.
    for doc in docs.values():
        uri, text, version = doc
        probe = []
        for line, (start, end) in reversed(list(enumerate(_lines(text)))):
            column = _utf16(text[start:end])
            probe.append(((line, column, line, column), PROBE))
            text = text[:end] + PROBE + text[end:]
        change_doc(vscode, uri, version + 1, probe)
        doc[1], doc[2] = text, version + 1
    for language, (uri, text, version) in docs.items():
        fmt = "markdown" if language == "markdown" else "plain"
        last = await wait_for(vscode, uri, lambda p, v=version: p.version == v, timeout=120)
        expected = _expected(text, fmt)
        assert _got(last.diagnostics) == expected
        # Many probes are reported (others fall in code, or read as mentions in their sentence).
        found = sum(1 for code, *_ in expected if code == "backyard.russia")
        assert found > 20
        # The same text opened afresh gives the same diagnostics, message for message.
        fresh = root.joinpath(f"fresh-{language}").as_uri()
        open_doc(vscode, fresh, text, language_id=language)
        again = await wait_for(vscode, fresh, timeout=60)
        assert [d.message for d in again.diagnostics] == [d.message for d in last.diagnostics]
        assert _got(again.diagnostics) == expected
