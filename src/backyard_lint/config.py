"""Configuration: ``[tool.backyard-lint]`` in ``pyproject.toml`` or ``.backyard-lint.yaml``.

Found by walking up from each linted file's folder; the nearest file wins. A folder that holds
both a ``.backyard-lint.yaml`` and a ``pyproject.toml`` with a ``[tool.backyard-lint]`` table is
an error (neither is silently preferred). ``--config FILE`` overrides discovery.

This module finds which configuration applies to a folder (``Discovery``); reading one file
(with the files it ``extend``s) is ``configfile.py``, the ``Config`` value ``configmodel.py``.
Their public names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from backyard_lint.configfile import KEYS, load, tool_table, validate
from backyard_lint.configmodel import DEFAULT, Config, ConfigError
from backyard_lint.core.probe import PYPROJECT, YAML_NAMES, folder_candidates, last_folder
from backyard_lint.globs import GlobError, glob_match

__all__ = [
    "DEFAULT", "KEYS", "YAML_NAMES", "Config", "ConfigError", "Discovery", "GlobError",
    "glob_match", "load", "validate",
]


class Discovery:
    """Finds and caches the configuration that applies to each folder. The files that may hold
    it are named by the core's probe (``core/probe.py``), the same one the fast path uses."""

    def __init__(self, explicit: Path | None = None) -> None:
        self._explicit = load(explicit) if explicit else None
        self._cache: dict[Path, Config] = {}
        self._given: dict[Path, Config] = {}  # by folder as given: resolve() costs an lstat a part

    def for_path(self, path: Path) -> Config:
        """The configuration for a file (or a folder: its own)."""
        return self.for_folder(path if path.is_dir() else path.parent)

    def for_folder(self, folder: Path) -> Config:
        """The configuration that applies in ``folder`` (the working folder's, for one)."""
        if self._explicit is not None:
            return self._explicit
        found = self._given.get(folder)
        if found is None:
            found = self._given[folder] = self._for_folder(folder.resolve())
        return found

    def _for_folder(self, folder: Path) -> Config:
        """Up from ``folder`` to the first configuration, stopping after the repository's
        root (``core.probe.last_folder``) or the file system's; a loop, not recursion: a
        path may be thousands of folders deep."""
        walked: list[Path] = []
        found: Config | None = None
        current = folder
        while found is None:
            found = self._cache.get(current) or self._own(current)
            if found is None:
                walked.append(current)
                if current.parent == current or last_folder(str(current)):
                    found = DEFAULT
                else:
                    current = current.parent
        for each in walked:
            self._cache[each] = found
        self._cache[current] = found
        return found

    def _own(self, folder: Path) -> Config | None:
        """The configuration held in ``folder`` itself, or None."""
        for candidate in folder_candidates(str(folder)):
            path = Path(candidate)
            if path.name != PYPROJECT:
                _refuse_both(folder, path)
                return load(path)
            table = tool_table(path, discovering=True)
            if isinstance(table, Mapping) and "extend" in table:
                return load(path)
            if table is not None:
                return validate(table, path)
        return None


def _refuse_both(folder: Path, yaml_file: Path) -> None:
    """A YAML file beside a ``pyproject.toml`` table: neither is silently preferred."""
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and tool_table(pyproject, discovering=True) is not None:
        raise ConfigError(
            str(yaml_file),
            None,
            f"{pyproject} also has a [tool.backyard-lint] table: keep one of the two "
            "(one file may 'extend' another)",
        )
