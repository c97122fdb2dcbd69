"""The project: configuration discovery plus one rule set per set of extra rule folders.

Every door holds one :class:`Project` instead of sharing process-wide caches: the CLI makes one
per run (and hands it to its workers), the language server keeps one and calls :meth:`reload`
when a configuration or rule file changes, and proselint's checks keep the rule set they are
given. A project is cheap to make: it loads nothing until asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backyard_lint.config import Config, Discovery
from backyard_lint.engine import RuleSet
from backyard_lint.rules import builtin_rules_dir, load_rules


class Project:
    """Configuration discovery (from ``config``, a file named on the command line, or found by
    walking up from each file) and the rule sets of the configurations found."""

    def __init__(self, config: Path | None = None) -> None:
        self.config_file = config
        self._discovery: Discovery | None = None
        self._rulesets: dict[tuple[Path, ...], RuleSet] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        """A project travels to a worker process as its configuration file: the worker loads
        what it needs itself (compiled patterns cannot be pickled)."""
        return (type(self), (self.config_file,))

    def reload(self, *, rules: bool = True) -> None:
        """Forget every configuration and (unless ``rules`` is false) every rule set: the next
        request reads the files again (a user's rule files are always read afresh; the
        built-in rules come from their cache when their files are unchanged)."""
        self._discovery = None
        if rules:
            self._rulesets.clear()

    def extra_folders(self) -> set[Path]:
        """The extra rule folders of the rule sets loaded so far (resolved)."""
        return {folder.resolve() for extra in self._rulesets for folder in extra}

    @property
    def discovery(self) -> Discovery:
        """Raises ``ConfigError`` when the configuration file named on the command line is
        broken (when first asked, so that commands that need no configuration still run)."""
        if self._discovery is None:
            self._discovery = Discovery(self.config_file)
        return self._discovery

    def config_for(self, path: Path) -> Config:
        """The configuration for a file (its folder's, found by walking up)."""
        return self.discovery.for_path(path)

    def config_for_folder(self, folder: Path) -> Config:
        """The configuration that applies in ``folder`` (the working folder's, for one)."""
        return self.discovery.for_folder(folder)

    def ruleset(self, extra: tuple[Path, ...] = ()) -> RuleSet:
        """The built-in rules plus ``extra`` folders, loaded once per project. A user's rule
        (from an extra folder) must pass its own examples (``selfcheck``); the built-in rules'
        examples are checked by the test suite instead, so start-up does not pay for them."""
        found = self._rulesets.get(extra)
        if found is None:
            builtin = builtin_rules_dir()
            rules = load_rules([builtin, *extra])
            if extra:
                from backyard_lint.selfcheck import check_all

                root = builtin.resolve()
                check_all(r for r in rules if not Path(r.path).resolve().is_relative_to(root))
            found = RuleSet(rules)
            found.literal_index = _literal_index(found.triggers)
            self._rulesets[extra] = found
        return found


def _literal_index(triggers: list[str]) -> dict[str, Any] | None:
    """The triggers' literal index from the rule cache's quick file when it holds these
    triggers; else the cached requirements of those it knows, for ``RuleSet`` to complete
    (analysing every pattern again costs more than a small run: docs/performance.md)."""
    from backyard_lint import rulecache
    from backyard_lint.core.prefilter import build_index

    folder = rulecache.builtin_rules_folder()
    path = rulecache.cache_file(folder, "quick")
    data = rulecache.read_quick(path, rulecache.code_stamp(), folder) if path else None
    if data is None:
        return None
    if data.get("triggers") == triggers:
        return data
    known = data.get("requirements")
    return build_index(triggers, known if isinstance(known, dict) else None)
