"""The backyard-lint language server (pygls 2).

Documents are kept by :mod:`backyard_lint.lsp.documents` (incremental sync, any negotiated
position encoding); each is linted with the same ``lint_text`` as the command line, with the
project's configuration found the same way, plus the editor's settings.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from backyard_lint import __version__
from backyard_lint.config import DEFAULT, YAML_NAMES, Config, ConfigError
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.lsp import features
from backyard_lint.lsp.actions import Edit
from backyard_lint.lsp.documents import ENCODINGS, UTF16, Document, uri_to_path
from backyard_lint.lsp.settings import SECTION, ClientSettings, parse
from backyard_lint.model import Finding, Settings, Severity
from backyard_lint.project import Project
from backyard_lint.rules import RULE_SUFFIXES, RuleError

logger = logging.getLogger(__name__)

SOURCE = "backyard-lint"
FIX_ALL_KIND = features.FIX_ALL_KIND
CONFIG_NAMES = frozenset({"pyproject.toml", *YAML_NAMES})

SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: lsp.DiagnosticSeverity.Information,
    Severity.INFO: lsp.DiagnosticSeverity.Hint,
}


class BackyardProtocol(LanguageServerProtocol):
    """pygls's protocol, with our own document store in place of pygls's workspace copies,
    and an error response (instead of silence) to a request whose params do not parse."""

    _server: BackyardServer

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], None, exc.to_response_error())
            logger.warning("ignored a malformed %s message", data.get("method", "JSON-RPC"))
            return SimpleNamespace(jsonrpc="invalid")  # handle_message drops it

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Any:
        self._server.open_document(params.text_document)
        yield from ()

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Any:
        self._server.change_document(params)
        yield from ()

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> Any:
        self._server.close_document(params.text_document.uri)
        yield from ()


@dataclass
class Linted:
    """The last lint of a document: for the text of ``version``."""

    version: int | None
    text: str
    findings: list[Finding]
    ruleset: RuleSet


class BackyardServer(LanguageServer):
    def __init__(self, debounce_ms: int | None = None) -> None:
        super().__init__(
            "backyard-lint",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            protocol_cls=BackyardProtocol,
        )
        self.documents: dict[str, Document] = {}
        self.encoding: str = UTF16
        self.init_settings = ClientSettings()
        self.client_settings = ClientSettings()
        self._fixed_debounce = debounce_ms
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._linted: dict[str, Linted] = {}
        self._configs: dict[str, Config] = {}
        self.project = Project()
        self._shown: set[str] = set()
        self.roots: list[Path] = []

    # -- plumbing ----------------------------------------------------------------------------

    @property
    def debounce(self) -> float:
        ms = self._fixed_debounce
        return (self.client_settings.debounce_ms if ms is None else ms) / 1000

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls shows every internal error as a pop-up; a log line is enough for us.
        logger.error("%s: %s", getattr(source, "__name__", source), error)
        self.log(f"backyard-lint: {error}", lsp.MessageType.Error)

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Log) -> None:
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
        except Exception:  # no client attached (unit use)
            logger.info("%s", message)

    def show_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        """Show a one-line problem to the user once (configuration errors and the like)."""
        if message in self._shown:
            return
        self._shown.add(message)
        try:
            self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))
        except Exception:
            logger.warning("%s", message)

    # -- configuration -----------------------------------------------------------------------

    def initialize(self, params: lsp.InitializeParams) -> None:
        negotiated = str(self.workspace.position_encoding or UTF16)
        self.encoding = negotiated if negotiated in ENCODINGS else UTF16
        settings, problems = parse(params.initialization_options)
        self.init_settings = self.client_settings = settings
        for problem in problems:
            self.show_once(f"backyard-lint settings: {problem}", lsp.MessageType.Warning)
        roots = []
        for folder in params.workspace_folders or []:
            roots.append(folder.uri)
        if params.root_uri:
            roots.append(params.root_uri)
        self.roots = [p for p in (uri_to_path(u) for u in roots) if p is not None]

    @property
    def can_pull_configuration(self) -> bool:
        workspace = self.client_capabilities.workspace
        return bool(workspace and workspace.configuration)

    async def pull_configuration(self) -> None:
        """Ask the client for the ``backyard-lint`` section (``workspace/configuration``), for
        clients that keep settings to be pulled rather than pushing them."""
        if not self.can_pull_configuration:
            return
        params = lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=SECTION)])
        try:
            reply = await asyncio.wait_for(self.workspace_configuration_async(params), 10)
        except Exception as exc:  # a client that cannot answer: keep what we have
            self.log(f"backyard-lint: workspace/configuration failed: {exc}")
            return
        if reply and isinstance(reply[0], Mapping) and reply[0]:
            self.change_configuration(dict(reply[0]))

    def change_configuration(self, raw: Any) -> None:
        settings, problems = parse(raw, base=self.init_settings)
        for problem in problems:
            self.show_once(f"backyard-lint settings: {problem}", lsp.MessageType.Warning)
        self.client_settings = settings
        self.reload_project_config()

    def reload_project_config(self) -> None:
        """Read the project's configuration and rules afresh and re-lint every open
        document."""
        self.project.reload()
        self._configs.clear()
        self._linted.clear()
        self._shown = {m for m in self._shown if not m.startswith("backyard-lint configuration")}
        for uri in list(self.documents):
            self.lint_now(uri)

    def config_for(self, doc: Document) -> Config:
        found = self._configs.get(doc.uri)
        if found is not None:
            return found
        anchor = doc.path
        if anchor is None:  # an unsaved buffer: the first workspace folder's configuration
            anchor = (self.roots[0] if self.roots else Path.cwd()) / "untitled"
        try:
            found = self.project.config_for(anchor.absolute())
        except ConfigError as exc:
            self.show_once(f"backyard-lint configuration: {exc}")
            found = DEFAULT
        except OSError as exc:
            self.show_once(f"backyard-lint configuration: cannot read: {exc}")
            found = DEFAULT
        self._configs[doc.uri] = found
        return found

    def _ruleset(self, cfg: Config) -> RuleSet:
        try:
            return self.project.ruleset(cfg.extra_rules)
        except RuleError as exc:
            self.show_once(f"backyard-lint configuration: {exc}")
        try:
            return self.project.ruleset()
        except RuleError as exc:  # a broken installation: say so, and report nothing
            self.show_once(f"backyard-lint: cannot load the built-in rules: {exc}")
            return RuleSet([])

    # -- documents ---------------------------------------------------------------------------

    def open_document(self, item: lsp.TextDocumentItem) -> None:
        doc = Document(item.uri, item.text, item.version, item.language_id or "")
        self.documents[item.uri] = doc
        self._configs.pop(item.uri, None)
        self._linted.pop(item.uri, None)
        self.lint_now(item.uri)

    def change_document(self, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = self.documents.get(uri)
        if doc is None:
            self.log(f"backyard-lint: change to a document that is not open: {uri}")
            return
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                r = change.range
                doc.apply_change(
                    (r.start.line, r.start.character, r.end.line, r.end.character),
                    change.text,
                    self.encoding,
                )
            else:
                doc.apply_change(None, change.text)
        doc.version = params.text_document.version
        self.schedule(uri)

    def close_document(self, uri: str) -> None:
        self._cancel(uri)
        known = self.documents.pop(uri, None)
        self._linted.pop(uri, None)
        self._configs.pop(uri, None)
        if known is not None:
            self.publish(uri, [], None)

    def save_document(self, uri: str) -> None:
        path = self.documents[uri].path if uri in self.documents else None
        if path is None:
            path = uri_to_path(uri)
        if path is not None and (path.name in CONFIG_NAMES or self.is_rule_file(path)):
            self.reload_project_config()
            return
        if uri in self.documents:
            # The project's configuration may have changed on disk: look it up afresh.
            self.project.reload(rules=False)
            self._configs.pop(uri, None)
            self._linted.pop(uri, None)
            self.lint_now(uri)

    def is_rule_file(self, path: Path) -> bool:
        """Whether ``path`` is a rule file in one of the project's extra rule folders."""
        if path.suffix not in RULE_SUFFIXES:
            return False
        try:
            resolved = path.resolve()
        except OSError:
            return False
        return any(resolved.is_relative_to(folder) for folder in self.project.extra_folders())

    def files_changed(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        """A client that watches files tells of a changed configuration or rule file."""
        paths = [uri_to_path(change.uri) for change in params.changes]
        if any(p is not None and (p.name in CONFIG_NAMES or self.is_rule_file(p)) for p in paths):
            self.reload_project_config()

    # -- linting -----------------------------------------------------------------------------

    def _cancel(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def schedule(self, uri: str) -> None:
        """Lint ``uri`` once no change has come for the debounce delay."""
        self._cancel(uri)
        delay = self.debounce
        if delay <= 0:
            self.lint_now(uri)
            return
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(delay, self._fire, uri)

    def _fire(self, uri: str) -> None:
        self._timers.pop(uri, None)
        try:
            self.lint_now(uri)
        except Exception as exc:  # a timer callback has nobody to report to but the log
            logger.exception("lint failed")
            self.log(f"backyard-lint: lint failed: {exc}", lsp.MessageType.Error)

    def settings_for(self, doc: Document, cfg: Config) -> Settings:
        return self.client_settings.apply(cfg, doc.path)

    def lint(self, doc: Document) -> Linted:
        """Lint ``doc`` as it is now (reusing the last result when the text has not changed)."""
        last = self._linted.get(doc.uri)
        if last is not None and last.text is doc.text:
            return last
        cfg = self.config_for(doc)
        ruleset = self._ruleset(cfg)
        settings = self.settings_for(doc, cfg)
        try:
            findings = lint_text(doc.text, ruleset, fmt=doc.fmt, settings=settings)
        except ModuleNotFoundError as exc:
            # A format adapter that is not installed: lint as plain text rather than not at all.
            self.show_once(f"backyard-lint: cannot read {doc.fmt} ({exc}); linting as plain text")
            findings = lint_text(doc.text, ruleset, fmt="plain", settings=settings)
        except Exception as exc:  # a bug in an adapter or rule: say so once, report nothing
            logger.exception("lint failed for %s", doc.uri)
            name = doc.path.name if doc.path else doc.uri
            self.show_once(f"backyard-lint: could not lint {name}: {type(exc).__name__}: {exc}")
            findings = []
        result = Linted(doc.version, doc.text, findings, ruleset)
        self._linted[doc.uri] = result
        return result

    def lint_now(self, uri: str) -> None:
        self._cancel(uri)
        doc = self.documents.get(uri)
        if doc is None:
            return
        result = self.lint(doc)
        self.publish(
            uri, [self.diagnostic(doc, f, result.ruleset) for f in result.findings], doc.version
        )

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # -- LSP objects -------------------------------------------------------------------------

    def range_of(self, doc: Document, start: int, end: int) -> lsp.Range:
        sl, sc = doc.position_at(start, self.encoding)
        el, ec = doc.position_at(end, self.encoding)
        return lsp.Range(start=lsp.Position(sl, sc), end=lsp.Position(el, ec))

    def offsets_of(self, doc: Document, rng: lsp.Range) -> tuple[int, int]:
        start = doc.offset_at(rng.start.line, rng.start.character, self.encoding)
        end = doc.offset_at(rng.end.line, rng.end.character, self.encoding)
        return (start, end) if start <= end else (end, start)

    def diagnostic(self, doc: Document, f: Finding, ruleset: RuleSet) -> lsp.Diagnostic:
        rule = ruleset.by_id.get(f.rule)
        message = f.message
        if f.severity is Severity.INFO:
            message += f" (not flagged: {f.context}{': ' + f.reason if f.reason else ''})"
        tags = [lsp.DiagnosticTag.Unnecessary] if f.rule == "directive.unused" else None
        return lsp.Diagnostic(
            range=self.range_of(doc, f.start, f.end),
            message=message,
            severity=SEVERITIES[f.severity],
            code=f.rule,
            code_description=lsp.CodeDescription(href=rule.doc_url) if rule else None,
            source=SOURCE,
            tags=tags,
        )

    def text_edits(self, doc: Document, edits: Iterable[Edit]) -> list[lsp.TextEdit]:
        return [lsp.TextEdit(range=self.range_of(doc, s, e), new_text=new) for s, e, new in edits]

    def workspace_edit(self, doc: Document, edits: Iterable[Edit]) -> lsp.WorkspaceEdit:
        return lsp.WorkspaceEdit(changes={doc.uri: self.text_edits(doc, edits)})


def create_server(debounce_ms: int | None = None) -> BackyardServer:
    """A server with every feature registered."""
    server = BackyardServer(debounce_ms)

    @server.feature(lsp.INITIALIZE)
    def _initialize(ls: BackyardServer, params: lsp.InitializeParams) -> None:
        ls.initialize(params)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def _did_open(ls: BackyardServer, params: lsp.DidOpenTextDocumentParams) -> None:
        """Handled by the protocol; registered so that openClose is advertised."""

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def _did_close(ls: BackyardServer, params: lsp.DidCloseTextDocumentParams) -> None:
        """Handled by the protocol."""

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def _did_save(ls: BackyardServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.save_document(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def _did_change_watched_files(
        ls: BackyardServer, params: lsp.DidChangeWatchedFilesParams
    ) -> None:
        ls.files_changed(params)

    @server.feature(lsp.INITIALIZED)
    async def _initialized(ls: BackyardServer, params: lsp.InitializedParams) -> None:
        await ls.pull_configuration()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def _did_change_configuration(
        ls: BackyardServer, params: lsp.DidChangeConfigurationParams
    ) -> None:
        if params.settings is None or params.settings == {}:
            await ls.pull_configuration()  # "something changed": pull it, when we can
        else:
            ls.change_configuration(params.settings)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def _hover(ls: BackyardServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return features.hover(ls, params)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def _code_action(
        ls: BackyardServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        return features.code_actions(ls, params)

    return server
