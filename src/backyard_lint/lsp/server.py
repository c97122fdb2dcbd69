"""The backyard-lint language server (pygls 2).

Documents are kept by :mod:`backyard_lint.lsp.documents` (incremental sync, any negotiated
position encoding); each is linted with the same ``lint_text`` as the command line, with the
project's configuration found the same way, plus the editor's settings.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from backyard_lint import __version__
from backyard_lint.config import DEFAULT, YAML_NAMES, Config, ConfigError
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.lsp import convert, features, stretch
from backyard_lint.lsp.documents import ENCODINGS, UTF16, Document, uri_to_path
from backyard_lint.lsp.protocol import BackyardProtocol
from backyard_lint.lsp.settings import SECTION, ClientSettings, parse
from backyard_lint.lsp.stretch import Changed
from backyard_lint.model import Finding, Settings
from backyard_lint.project import Project
from backyard_lint.rules import RULE_SUFFIXES, RuleError

logger = logging.getLogger(__name__)

FIX_ALL_KIND = features.FIX_ALL_KIND
CONFIG_NAMES = frozenset({"pyproject.toml", *YAML_NAMES})


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
        # A configuration or rule problem per document: shown as a message once, and as a
        # diagnostic on the document's first line for as long as it lasts.
        self._problems: dict[str, str] = {}
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
        self._problems.clear()
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
            self.problem(doc, f"backyard-lint configuration: {exc}")
            found = DEFAULT
        except OSError as exc:
            self.problem(doc, f"backyard-lint configuration: cannot read: {exc}")
            found = DEFAULT
        self._configs[doc.uri] = found
        return found

    def problem(self, doc: Document, message: str) -> None:
        """A configuration or rule problem that affects ``doc``: never a silent absence."""
        self._problems[doc.uri] = message
        self.show_once(message)

    def _ruleset(self, cfg: Config, doc: Document) -> RuleSet:
        try:
            return self.project.ruleset(cfg.extra_rules)
        except RuleError as exc:
            self.problem(doc, f"backyard-lint configuration: {exc}")
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
        self._problems.pop(item.uri, None)
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
        self._problems.pop(uri, None)
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
            self._problems.pop(uri, None)
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
        changed = doc.take_changed()
        if last is not None and last.text is doc.text:
            return last
        cfg = self.config_for(doc)
        ruleset = self._ruleset(cfg, doc)
        settings = self.settings_for(doc, cfg)
        try:
            found = None
            if last is not None and changed is not None and doc.fmt == "plain":
                found = self._relint_stretch(last, doc.text, changed, ruleset, settings)
            findings = found if found is not None else lint_text(
                doc.text, ruleset, fmt=doc.fmt, settings=settings
            )
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

    @staticmethod
    def _relint_stretch(
        last: Linted, text: str, changed: Changed, ruleset: RuleSet, settings: Settings
    ) -> list[Finding] | None:
        """A large plain-text document's findings from the last lint and a lint of the
        paragraphs that changed (``stretch.py``), or None to lint it whole."""
        if len(text) < stretch.LARGE or last.ruleset is not ruleset:
            return None
        return stretch.relint(
            last.text,
            last.findings,
            text,
            changed,
            lambda part: lint_text(part, ruleset, fmt="plain", settings=settings),
        )

    def lint_now(self, uri: str) -> None:
        self._cancel(uri)
        doc = self.documents.get(uri)
        if doc is None:
            return
        result = self.lint(doc)
        diagnostics = [
            convert.diagnostic(doc, f, result.ruleset, self.encoding) for f in result.findings
        ]
        if uri in self._problems:
            diagnostics.insert(0, convert.problem_diagnostic(self._problems[uri]))
        self.publish(uri, diagnostics, doc.version)

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )


def create_server(debounce_ms: int | None = None) -> BackyardServer:
    """A server with every feature registered (``registration.py``)."""
    from backyard_lint.lsp.registration import register

    return register(BackyardServer(debounce_ms))
