"""The language server end to end over stdio, driven by pytest-lsp as VS Code and Neovim."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import (
    SERVER,
    Published,
    change_doc,
    make_client,
    open_doc,
    published,
    wait_for,
)
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from backyard_lint.edits import case_like
from backyard_lint.lsp.documents import Document, units
from conftest import ruleset_for

LABEL = "Russia's backyard"
DIRECTIVE = "backyard-lint: disable-next-line backyard.russia"
INLINE = "backyard-lint: disable-line backyard.russia"
DOC_URL = "https://github.com/backyard-lint/backyard-lint/blob/main/docs/rules/backyard.russia.md"
CLIENTS = ["visual_studio_code", "neovim"]
RULE = ruleset_for().by_id["backyard.russia"]
FIRST = RULE.replacements[0].text  # the rule's first suggestion, as written in its YAML


def _config() -> ClientServerConfig:
    return ClientServerConfig(server_command=SERVER, client_factory=make_client)


async def _start(
    client: LanguageClient, spec: str, root: Path, options: dict[str, object] | None = None
) -> types.InitializeResult:
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(spec),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")],
            initialization_options=options or {"debounceMs": 60},
        )
    )


@pytest_lsp.fixture(config=_config(), params=CLIENTS)
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient, tmp_path: Path):
    result = await _start(lsp_client, request.param, tmp_path)
    lsp_client.encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore[attr-defined]
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config())
async def vscode(lsp_client: LanguageClient, tmp_path: Path):
    await _start(lsp_client, "visual_studio_code", tmp_path)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _uri(client: LanguageClient, name: str) -> str:
    return (client.root / name).as_uri()  # type: ignore[attr-defined]


def _pos(text: str, offset: int, encoding: str) -> tuple[int, int]:
    return Document("file:///x", text).position_at(offset, encoding)


# -- diagnostics ---------------------------------------------------------------------------


async def test_open_publishes_diagnostic_with_rule_code_and_link(client: LanguageClient):
    uri = _uri(client, "a.md")
    text = "# Notes\n\nKazakhstan has long been Russia's backyard, they said nothing.\n"
    open_doc(client, uri, text)
    got = await wait_for(client, uri)
    assert got.version == 1
    [diag] = got.diagnostics
    assert diag.code == "backyard.russia"
    assert diag.source == "backyard-lint"
    assert diag.severity == types.DiagnosticSeverity.Warning
    assert diag.code_description is not None
    assert diag.code_description.href == DOC_URL
    start = text.index(LABEL)
    assert (diag.range.start.line, diag.range.start.character) == (2, start - text.index("Kaz"))
    assert diag.range.end.character == diag.range.start.character + len(LABEL)
    assert LABEL in diag.message


@pytest.mark.parametrize(
    "prefix",
    ["😀 ", "🇺🇦🇰🇿 flags, ", "中央アジアは ", "e\u0301 🧑‍🤝‍🧑 ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 "],
    ids=["emoji", "flags", "cjk", "combining-zwj", "astral-letters"],
)
async def test_ranges_count_in_the_negotiated_encoding(client: LanguageClient, prefix: str):
    uri = _uri(client, "u.md")
    text = f"Intro 📎 line.\n{prefix}Kazakhstan is {LABEL}, it is said.\n"
    open_doc(client, uri, text)
    got = await wait_for(client, uri, lambda p: bool(p.diagnostics))
    [diag] = got.diagnostics
    encoding = client.encoding  # type: ignore[attr-defined]
    start = text.index(LABEL)
    line_start = text.index("\n") + 1
    expected = units(text[line_start:start], encoding)
    assert (diag.range.start.line, diag.range.start.character) == (1, expected)
    assert diag.range.end.character == expected + len(LABEL)
    if encoding == "utf-16":  # the LSP default: each astral character is two units
        assert expected == len(text[line_start:start].encode("utf-16-le")) // 2


async def test_neovim_negotiates_utf8_and_vscode_keeps_utf16(client: LanguageClient):
    caps = client.capabilities
    offered = caps.general.position_encodings if caps and caps.general else None
    expected = offered[0] if offered else "utf-16"
    assert client.encoding == expected  # type: ignore[attr-defined]


async def test_incremental_changes_are_debounced_and_relint_only_that_document(
    client: LanguageClient,
):
    uri = _uri(client, "typing.md")
    other = _uri(client, "other.md")
    open_doc(client, uri, "Kazakhstan is \n")
    open_doc(client, other, f"Elsewhere: {LABEL}.\n")
    await wait_for(client, uri)
    await wait_for(client, other)
    before_other = len(published(client, other))
    before = len(published(client, uri))
    # Type the label a few characters at a time, faster than the debounce delay.
    col = len("Kazakhstan is ")
    version = 1
    for piece in ["Russia", "'s ", "back", "yard", "."]:
        version += 1
        change_doc(client, uri, version, [((0, col, 0, col), piece)])
        col += len(piece)
        await asyncio.sleep(0.005)
    got = await wait_for(client, uri, lambda p: p.version == version, after=before)
    assert [d.code for d in got.diagnostics] == ["backyard.russia"]
    await asyncio.sleep(0.3)
    # One lint for the burst (debounced), none for the untouched document.
    assert len(published(client, uri)) == before + 1
    assert len(published(client, other)) == before_other


async def test_change_that_removes_the_label_clears_it(client: LanguageClient):
    uri = _uri(client, "fix.md")
    open_doc(client, uri, f"Line one.\nIt is {LABEL} now.\n")
    await wait_for(client, uri, lambda p: bool(p.diagnostics))
    start = len("It is ")
    change_doc(client, uri, 2, [((1, start, 1, start + len(LABEL)), "Central Asia")])
    got = await wait_for(client, uri, lambda p: p.version == 2)
    assert got.diagnostics == []


async def test_save_relints_with_the_projects_configuration(client: LanguageClient):
    uri = _uri(client, "saved.md")
    open_doc(client, uri, f"Kazakhstan has long been {LABEL}.\n")
    first = await wait_for(client, uri)
    assert first.diagnostics[0].severity == types.DiagnosticSeverity.Warning
    root: Path = client.root  # type: ignore[attr-defined]
    (root / ".backyard-lint.yaml").write_text("severity:\n  backyard.russia: error\n")
    count = len(published(client, uri))
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    got = await wait_for(client, uri, after=count)
    assert got.diagnostics[0].severity == types.DiagnosticSeverity.Error


async def test_close_clears_diagnostics(client: LanguageClient):
    uri = _uri(client, "closed.md")
    open_doc(client, uri, f"{LABEL}.\n")
    await wait_for(client, uri, lambda p: bool(p.diagnostics))
    count = len(published(client, uri))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    got = await wait_for(client, uri, after=count)
    assert got.diagnostics == []


@pytest.mark.parametrize(
    ("language_id", "name", "text", "flagged"),
    [
        ("markdown", "a.txt", "Use `Russia's backyard` in code.\n", False),
        ("plaintext", "a.md", "Use `Russia's backyard` in code.\n", True),
        ("", "b.md", "Use `Russia's backyard` in code.\n", False),
        ("html", "c.txt", '<p title="Russia\'s backyard">Central Asia</p>\n', False),
        ("restructuredtext", "d.txt", "Use ``Russia's backyard`` here.\n", False),
    ],
)
async def test_format_comes_from_language_id_then_file_name(
    vscode: LanguageClient, language_id: str, name: str, text: str, flagged: bool
):
    uri = _uri(vscode, name)
    open_doc(vscode, uri, text, language_id=language_id)
    got = await wait_for(vscode, uri)
    assert bool(got.diagnostics) is flagged


# -- hover ---------------------------------------------------------------------------------


async def test_hover_explains_the_rule_with_linked_sources(client: LanguageClient):
    uri = _uri(client, "hover.md")
    text = f"Some say it is {LABEL}.\n"
    open_doc(client, uri, text)
    await wait_for(client, uri, lambda p: bool(p.diagnostics))
    col = text.index("backyard")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=col),
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert "backyard.russia" in value
    assert "sovereign" in value  # the explanation
    # A source, as a Markdown link or autolink (docs.render_rule_markdown writes autolinks).
    assert re.search(r"(\]\(|<)https://emerging-europe\.com/", value)
    assert hover.range is not None and hover.range.start.character == text.index(LABEL)
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=2),
        )
    )
    assert nothing is None


# -- code actions --------------------------------------------------------------------------


async def _actions(
    client: LanguageClient,
    uri: str,
    rng: tuple[int, int, int, int],
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    sl, sc, el, ec = rng
    diags = list(client.diagnostics.get(uri, []))
    got = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=sl, character=sc),
                end=types.Position(line=el, character=ec),
            ),
            context=types.CodeActionContext(diagnostics=diags, only=only),
        )
    )
    return [a for a in got or [] if isinstance(a, types.CodeAction)]


def _apply(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    doc = Document("file:///x", text)
    spans = []
    for e in edits:
        start = doc.offset_at(e.range.start.line, e.range.start.character, encoding)
        end = doc.offset_at(e.range.end.line, e.range.end.character, encoding)
        spans.append((start, end, e.new_text))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


async def test_quick_fixes_keep_the_originals_capitalisation(client: LanguageClient):
    uri = _uri(client, "caps.md")
    text = (
        "Ça 😀: RUSSIA'S BACKYARD!\n\nRussia's backyard, they wrote.\n"
        "Kazakhstan has long been Russia's backyard.\n"
    )
    open_doc(client, uri, text)
    await wait_for(client, uri, lambda p: len(p.diagnostics) == 3)
    encoding = client.encoding  # type: ignore[attr-defined]
    caps_end = _pos(text, text.index("!"), encoding)[1]
    acts = await _actions(client, uri, (0, caps_end - 3, 0, caps_end - 3))
    titles = [a.title for a in acts]
    upper = [f"Replace 'RUSSIA'S BACKYARD' with '{r.text.upper()}'" for r in RULE.replacements]
    assert [t for t in titles if t.startswith("Replace")] == upper
    assert all(a.kind == types.CodeActionKind.QuickFix for a in acts)
    first = acts[titles.index(upper[0])]
    assert first.is_preferred
    assert first.diagnostics and first.diagnostics[0].code == "backyard.russia"
    fixed = _apply(text, _edits(first, uri), encoding)
    assert fixed.startswith(f"Ça 😀: {FIRST.upper()}!")
    acts = await _actions(client, uri, (2, 1, 2, 1))
    by_title = {a.title: a for a in acts}
    for rep in RULE.replacements:  # a capital at the start of a sentence stays
        new = rep.text[:1].upper() + rep.text[1:]
        fix = by_title[f"Replace 'Russia's backyard' with '{new}'"]
        assert f"\n{new}, they wrote.\n" in _apply(text, _edits(fix, uri), encoding)
    # Inside a sentence the capital belongs to the name "Russia": the suggestion stays as written.
    acts = await _actions(client, uri, (3, 30, 3, 30))
    titles = [a.title for a in acts if a.title.startswith("Replace")]
    assert titles == [f"Replace 'Russia's backyard' with '{r.text}'" for r in RULE.replacements]


@pytest.mark.parametrize(
    ("language_id", "text", "expected"),
    [
        (
            "markdown",
            f"# T\n\n  It is {LABEL}.\n",
            f"# T\n\n  It is {LABEL}. <!-- {INLINE} -->\n",
        ),
        (
            "html",
            f"<p>\nIt is {LABEL}.\n</p>\n",
            f"<p>\nIt is {LABEL}. <!-- {INLINE} -->\n</p>\n",
        ),
        (
            "restructuredtext",
            f"Title\n=====\n\nIt is {LABEL}.\n",
            f"Title\n=====\n\n.. {DIRECTIVE}\n\nIt is {LABEL}.\n",
        ),
        (
            "restructuredtext",
            f"A paragraph\nwhere it is {LABEL}\nsays the text.\n\nNext.\n",
            ".. backyard-lint: disable backyard.russia\n\nA paragraph\n"
            f"where it is {LABEL}\nsays the text.\n\n.. backyard-lint: enable backyard.russia\n"
            "\nNext.\n",
        ),
        (
            "plaintext",
            f"Line\r\nIt is {LABEL}.\r\n",
            f"Line\r\n{DIRECTIVE}\r\nIt is {LABEL}.\r\n",
        ),
    ],
    ids=["markdown", "html", "rst-first-line", "rst-paragraph", "plain-crlf"],
)
async def test_disable_action_writes_the_formats_comment(
    vscode: LanguageClient, language_id: str, text: str, expected: str
):
    uri = _uri(vscode, "dis.txt")
    open_doc(vscode, uri, text, language_id=language_id)
    got = await wait_for(vscode, uri, lambda p: bool(p.diagnostics))
    start = got.diagnostics[0].range.start
    acts = await _actions(vscode, uri, (start.line, start.character, start.line, start.character))
    [disable] = [a for a in acts if a.title.startswith("Disable backyard.russia")]
    assert _apply(text, _edits(disable, uri)) == expected


async def test_disable_action_silences_the_finding_after_it_is_applied(vscode: LanguageClient):
    uri = _uri(vscode, "silence.txt")
    text = f"First line.\nIt is {LABEL}.\n"
    open_doc(vscode, uri, text, language_id="plaintext")
    await wait_for(vscode, uri, lambda p: bool(p.diagnostics))
    acts = await _actions(vscode, uri, (1, 7, 1, 7))
    [disable] = [a for a in acts if a.title.startswith("Disable")]
    [edit] = _edits(disable, uri)
    change_doc(
        vscode,
        uri,
        2,
        [
            (
                (
                    edit.range.start.line,
                    edit.range.start.character,
                    edit.range.end.line,
                    edit.range.end.character,
                ),
                edit.new_text,
            )
        ],
    )
    got = await wait_for(vscode, uri, lambda p: p.version == 2)
    assert got.diagnostics == []


async def test_fix_all_in_selection_and_document(client: LanguageClient):
    uri = _uri(client, "many.md")
    lower = LABEL[0].lower() + LABEL[1:]
    text = f"{LABEL} one.\nand {lower} two.\n\nLater, {LABEL} three.\n"
    open_doc(client, uri, text)
    await wait_for(client, uri, lambda p: len(p.diagnostics) == 3)
    encoding = client.encoding  # type: ignore[attr-defined]
    acts = await _actions(client, uri, (0, 0, 1, 30))
    by_title = {a.title: a for a in acts}
    sel = by_title["Fix all 2 backyard-lint findings in the selection"]
    assert sel.kind == types.CodeActionKind.QuickFix
    assert len(sel.diagnostics or []) == 2
    assert _apply(text, _edits(sel, uri), encoding) == (
        f"{case_like(LABEL, FIRST, sentence_start=True)} one.\n"
        f"and {FIRST} two.\n\nLater, {LABEL} three.\n"
    )
    whole = by_title["Fix all 3 backyard-lint findings in the document"]
    assert LABEL not in _apply(text, _edits(whole, uri), encoding)
    # No rule here has a fix marked safe, so there is no automatic source.fixAll.
    assert await _actions(client, uri, (0, 0, 0, 0), only=["source.fixAll"]) == []


SAFE_RULE = """\
id: custom.teh
severity: suggestion
summary: Flags the typo "teh" (a test rule with a safe fix).
message: "'{match}' is a typo for '{replacement}'."
patterns:
  - "\\\\bteh\\\\b"
replacements:
  - text: the
    safe: true
explanation: A test rule.
sources:
  - title: Test source
    url: https://example.org/source
examples:
  bad:
    - teh end
  good:
    - the end
"""


async def test_source_fix_all_applies_safe_fixes_from_project_rules(vscode: LanguageClient):
    root: Path = vscode.root  # type: ignore[attr-defined]
    (root / "myrules" / "custom").mkdir(parents=True)
    (root / "myrules" / "custom" / "teh.yaml").write_text(SAFE_RULE)
    (root / ".backyard-lint.yaml").write_text("extra-rules: [myrules]\n")
    uri = _uri(vscode, "safe.md")
    text = f"Teh point: teh region is {LABEL} says TEH author.\n"
    open_doc(vscode, uri, text)
    got = await wait_for(vscode, uri, lambda p: bool(p.diagnostics))
    assert sorted(d.code for d in got.diagnostics) == ["backyard.russia"] + ["custom.teh"] * 3
    info = [d for d in got.diagnostics if d.code == "custom.teh"]
    assert {d.severity for d in info} == {types.DiagnosticSeverity.Information}
    [fix_all] = await _actions(vscode, uri, (0, 0, 0, 0), only=["source.fixAll"])
    assert fix_all.kind == "source.fixAll.backyard-lint"
    assert _apply(text, _edits(fix_all, uri)) == (
        f"The point: the region is {LABEL} says THE author.\n"
    )


@pytest.mark.parametrize("how", ["save", "watched"])
async def test_an_edited_extra_rules_file_is_picked_up(vscode: LanguageClient, how: str):
    """A regression: the server kept the rules it loaded first for as long as it ran."""
    root: Path = vscode.root  # type: ignore[attr-defined]
    rule_file = root / "myrules" / "custom" / "teh.yaml"
    rule_file.parent.mkdir(parents=True)
    rule_file.write_text(SAFE_RULE)
    (root / ".backyard-lint.yaml").write_text("extra-rules: [myrules]\n")
    uri = _uri(vscode, "typo.md")
    open_doc(vscode, uri, "See teh end.\n")
    got = await wait_for(vscode, uri, lambda p: bool(p.diagnostics))
    assert [d.severity for d in got.diagnostics] == [types.DiagnosticSeverity.Information]
    rule_file.write_text(SAFE_RULE.replace("severity: suggestion", "severity: error"))
    count = len(published(vscode, uri))
    if how == "save":
        vscode.text_document_did_save(
            types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=rule_file.as_uri())
            )
        )
    else:
        vscode.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=rule_file.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
    got = await wait_for(vscode, uri, after=count)
    assert [d.severity for d in got.diagnostics] == [types.DiagnosticSeverity.Error]


# -- configuration -------------------------------------------------------------------------


async def _reconfigure(client: LanguageClient, uri: str, settings: object) -> Published:
    """Send ``workspace/didChangeConfiguration``; the next diagnostics for ``uri``."""
    count = len(published(client, uri))
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))
    return await wait_for(client, uri, after=count)


async def test_did_change_configuration_relints_open_documents(client: LanguageClient):
    uri = _uri(client, "conf.md")
    open_doc(client, uri, f"It is {LABEL}.\n")
    await wait_for(client, uri, lambda p: bool(p.diagnostics))
    got = await _reconfigure(client, uri, {"backyard-lint": {"severity": {"backyard": "error"}}})
    assert got.diagnostics[0].severity == types.DiagnosticSeverity.Error
    got = await _reconfigure(client, uri, {"ignore": ["backyard.russia"]})
    assert got.diagnostics == []


async def test_show_mentions_setting_adds_hints(client: LanguageClient):
    uri = _uri(client, "mention.md")
    open_doc(client, uri, f"Analysts reject the label '{LABEL}'.\n")
    first = await wait_for(client, uri)
    assert first.diagnostics == []
    got = await _reconfigure(client, uri, {"backyardLint": {"showMentions": True}})
    [hint] = got.diagnostics
    assert hint.severity == types.DiagnosticSeverity.Hint
    assert "not flagged" in hint.message


@pytest_lsp.fixture(config=_config())
async def selecting(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.backyard-lint]\nseverity = { "backyard.russia" = "suggestion" }\n'
    )
    await _start(
        lsp_client,
        "neovim",
        tmp_path,
        {"backyard-lint": {"select": ["directive"], "showMentions": False, "debounceMs": 0}},
    )
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_initialization_options_and_project_config_apply(selecting: LanguageClient):
    uri = _uri(selecting, "sel.md")
    open_doc(selecting, uri, f"It is {LABEL}.\n")
    got = await wait_for(selecting, uri)
    assert got.diagnostics == []  # select: directive only
    got = await _reconfigure(selecting, uri, {"select": ["backyard"]})
    # pyproject.toml's severity applies: suggestion -> Information.
    assert [d.severity for d in got.diagnostics] == [types.DiagnosticSeverity.Information]


async def test_bad_settings_are_reported_not_fatal(vscode: LanguageClient):
    uri = _uri(vscode, "bad.md")
    open_doc(vscode, uri, f"It is {LABEL}.\n")
    await wait_for(vscode, uri, lambda p: bool(p.diagnostics))
    bad = {"severity": {"backyard": "fatal"}, "colour": 1, "select": 5}
    got = await _reconfigure(vscode, uri, bad)
    assert [d.code for d in got.diagnostics] == ["backyard.russia"]
    messages = [m.message for m in vscode.messages]
    assert any("'severity.backyard' must be one of" in m for m in messages)
    assert any("unknown setting 'colour'" in m for m in messages)


async def test_broken_project_config_is_shown_and_defaults_apply(vscode: LanguageClient):
    root: Path = vscode.root  # type: ignore[attr-defined]
    (root / ".backyard-lint.yaml").write_text("select: [backyard\n")
    uri = _uri(vscode, "broken.md")
    open_doc(vscode, uri, f"It is {LABEL}.\n")
    got = await wait_for(vscode, uri)
    # The problem is a message and a diagnostic on the first line; the defaults still lint.
    assert [d.code for d in got.diagnostics] == ["configuration", "backyard.russia"]
    assert ".backyard-lint.yaml" in got.diagnostics[0].message
    assert got.diagnostics[0].severity == types.DiagnosticSeverity.Error
    assert any(".backyard-lint.yaml" in m.message for m in vscode.messages)
    # Fixed and saved: the problem goes.
    (root / ".backyard-lint.yaml").write_text("select: [backyard]\n")
    vscode.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    got = await wait_for(
        vscode, uri, lambda p: [d.code for d in p.diagnostics] == ["backyard.russia"]
    )


@pytest_lsp.fixture(config=_config())
async def pulling(lsp_client: LanguageClient, tmp_path: Path):
    # Settings kept by the client, to be pulled with workspace/configuration.
    lsp_client.set_configuration(
        {"severity": {"backyard.russia": "error"}}, section="backyard-lint"
    )
    await _start(lsp_client, "visual_studio_code", tmp_path)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_settings_are_pulled_when_the_client_keeps_them(pulling: LanguageClient):
    uri = _uri(pulling, "pulled.md")
    open_doc(pulling, uri, f"It is {LABEL}.\n")
    got = await wait_for(
        pulling,
        uri,
        lambda p: [d.severity for d in p.diagnostics] == [types.DiagnosticSeverity.Error],
    )
    assert got.diagnostics[0].code == "backyard.russia"
    # An empty didChangeConfiguration means "pull again".
    pulling.set_configuration({"ignore": ["backyard"]}, section="backyard-lint")
    got = await _reconfigure(pulling, uri, None)
    assert got.diagnostics == []
