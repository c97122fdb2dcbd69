"""The Sphinx extension: ``extensions = ["backyard_lint.sphinx"]`` in ``conf.py``.

Each source document (reStructuredText, or Markdown read by MyST) is linted when Sphinx reads
it, so an incremental build lints only the documents it reads again; a document whose
backyard-lint configuration changed since it was read (or that was not linted because its
configuration was broken) is read again. Each finding is logged with
the document's file and line, as a warning of type ``backyard-lint`` and subtype the rule id
(``suppress_warnings = ["backyard-lint.exonym.kiev"]`` silences one rule, ``"backyard-lint"``
all of them); ``sphinx-build -W`` therefore fails on a use of a label. A finding below
``backyard_lint_fail_on`` is logged as information and does not fail the build.

Configuration values (all optional):

``backyard_lint_select``
    rule ids or prefixes to report; replaces the configuration file's ``select``.
``backyard_lint_ignore``
    rule ids or prefixes to skip; added to the configuration file's ``ignore``.
``backyard_lint_fail_on``
    ``"error"``, ``"warning"`` or ``"suggestion"``: the lowest severity logged as a warning
    (default: the configuration file's ``fail-on``, else ``"warning"``).
``backyard_lint_config``
    a configuration file (relative to ``conf.py``) to use instead of discovery.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config as SphinxConfig
from sphinx.environment import BuildEnvironment
from sphinx.errors import FiletypeNotFoundError
from sphinx.util import get_filetype, logging

from backyard_lint import __version__, formats
from backyard_lint.builds import BuildConfigError, BuildLinter, BuildOptions
from backyard_lint.config import ConfigError
from backyard_lint.rules import RuleError

WARNING_TYPE = "backyard-lint"
ENV_KEY = "backyard_lint_configs"  # in the build environment: docname -> its fingerprint
UNLINTED = ""  # the fingerprint of a document that was not linted: read it again next time

logger = logging.getLogger(__name__)


class _DocumentLinter:
    """Holds the build's linter between Sphinx's events (one per application)."""

    def __init__(self) -> None:
        self.linter: BuildLinter | None = BuildLinter(BuildOptions())
        self.reported: set[str] = set()

    def error(self, message: str) -> None:
        """Log a configuration problem once, as one line (Sphinx would print a traceback for
        an exception); with ``-W`` it fails the build."""
        if message not in self.reported:
            self.reported.add(message)
            logger.error("backyard-lint: %s", message, type=WARNING_TYPE, subtype="config")

    def configure(self, app: Sphinx, config: SphinxConfig) -> None:
        chosen = config.backyard_lint_config
        try:
            options = BuildOptions.from_values(
                config.backyard_lint_select,
                config.backyard_lint_ignore,
                config.backyard_lint_fail_on,
                Path(app.confdir, chosen) if chosen else None,
                prefix="backyard_lint_",
            )
        except BuildConfigError as exc:
            self.linter = None
            self.error(f"{Path(app.confdir, 'conf.py')}: {exc}; nothing is linted")
            return
        self.linter = BuildLinter(options)

    def source_read(self, app: Sphinx, docname: str, source: list[str]) -> None:
        seen = _seen(app.env)
        seen[docname] = UNLINTED
        if self.linter is None:
            return
        path = Path(app.env.doc2path(docname))
        try:
            fingerprint = self.linter.fingerprint(path)
            findings = self.linter.lint(
                path, source[0], dialect="myst", fmt=_format(app.config.source_suffix, path)
            )
        except (ConfigError, RuleError) as exc:
            self.error(f"{exc}; documents that use it are not linted")
            return
        seen[docname] = fingerprint
        for f in findings:
            location = (docname, f.line)
            if f.fails:
                logger.warning(f.text, type=WARNING_TYPE, subtype=f.rule, location=location)
            else:
                logger.info(f.text, type=WARNING_TYPE, subtype=f.rule, location=location)

    def outdated(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """The unchanged documents to read again: their configuration changed, or they were
        not linted last time."""
        if self.linter is None:
            return []
        stale = []
        for docname, before in _seen(env).items():
            if docname in added or docname in changed or docname in removed:
                continue
            try:
                now = self.linter.fingerprint(Path(env.doc2path(docname)))
            except ConfigError:
                now = UNLINTED
            if before == UNLINTED or now != before:
                stale.append(docname)
        if stale:  # on Sphinx's "updating environment:" line, as its own "[config changed]"
            logger.info("[backyard-lint configuration changed for %d] ", len(stale), nonl=True)
        return sorted(stale)


def _format(source_suffix: dict[str, str], path: Path) -> str | None:
    """The format Sphinx reads ``path`` as (``source_suffix`` may map ``.txt`` to reST, say);
    None for a file type backyard-lint does not know: then the file's suffix decides."""
    try:
        filetype = get_filetype(source_suffix, path)
    except FiletypeNotFoundError:
        return None
    return formats.by_language_id(filetype)


def _seen(env: BuildEnvironment) -> dict[str, str]:
    seen: dict[str, str] | None = getattr(env, ENV_KEY, None)
    if seen is None:
        seen = {}
        setattr(env, ENV_KEY, seen)
    return seen


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _seen(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Parallel reading: take the fingerprints of the documents another process read."""
    ours = _seen(env)
    ours.update((d, f) for d, f in _seen(other).items() if d in docnames)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("backyard_lint_select", None, "env", types=(list, tuple, type(None)))
    app.add_config_value("backyard_lint_ignore", [], "env", types=(list, tuple))
    app.add_config_value("backyard_lint_fail_on", None, "env", types=(str, type(None)))
    app.add_config_value("backyard_lint_config", None, "env", types=(str, type(None)))
    linter = _DocumentLinter()
    app.connect("config-inited", linter.configure)
    app.connect("source-read", linter.source_read)
    app.connect("env-get-outdated", linter.outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
