"""One configuration's settings (``Config``) and what they answer for a path: which rules apply
to a file, whether a walk skips or takes it, which format its suffix maps to. ``ConfigError`` is
the one-line error of a configuration file that cannot be used. Reading a file into a ``Config``
is ``configfile.py``; finding which file applies to a folder is ``config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backyard_lint.core.walk import DEFAULT_EXCLUDE
from backyard_lint.globs import compile_glob
from backyard_lint.model import Settings, Severity

__all__ = ["DEFAULT", "Config", "ConfigError"]


class ConfigError(Exception):
    """A configuration file that cannot be used; ``str()`` is one line naming file and key."""

    def __init__(self, path: str, key: str | None, problem: str) -> None:
        self.path = path
        self.key = key
        where = f"{path}: key '{key}'" if key else path
        self.problem = problem
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:  # survive pickling between processes
        return (type(self), (self.path, self.key, self.problem))


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (or the defaults when ``path`` is None)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    extra_rules: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity | None = None
    show_mentions: bool | None = None
    include: tuple[str, ...] = ()  # file-name globs walked in folders (default: known suffixes)
    extensions: tuple[tuple[str, str], ...] = ()  # (".mdx", "markdown"): suffix -> format
    origins: tuple[tuple[str, str], ...] = ()  # (key, the file that set it)
    extends: tuple[Path, ...] = ()  # the files this one extends, nearest first
    # The globs compiled so far (``_glob``): belongs to this configuration, not to the process.
    _compiled: dict[str, Any] = field(
        default_factory=dict, init=False, compare=False, repr=False, hash=False
    )

    def origin(self, key: str) -> str:
        """The file that set ``key``, or "default"."""
        return next((where for k, where in self.origins if k == key), "default")

    def format_for(self, path: str | Path | None) -> str | None:
        """The format the ``extensions`` mapping gives ``path``'s suffix, if any."""
        if path is None or not self.extensions:
            return None
        suffix = Path(str(path)).suffix.lower()
        return next((fmt for ext, fmt in self.extensions if ext == suffix), None)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def relative(self, path: Path) -> str:
        """``path`` relative to the config's folder, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def _glob(self, pattern: str) -> Any:
        """``pattern`` compiled (``globs.py``), once per configuration."""
        found = self._compiled.get(pattern)
        if found is None:
            found = self._compiled[pattern] = compile_glob(pattern)
        return found

    def is_excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        if self.exclude == DEFAULT_EXCLUDE and not set(path.parts) & set(DEFAULT_EXCLUDE):
            return False  # the default: folder names only, none in the path (no resolving)
        rel = self.relative(path)
        return any(self._glob(g).search(rel) for g in self.exclude)

    def wants(self, path: Path) -> bool:
        """Whether a walk takes ``path`` beyond the known suffixes: ``include`` globs (relative
        to the configuration's folder) or an ``extensions`` entry."""
        if self.format_for(path) is not None:
            return True
        if not self.include:
            return False
        rel = self.relative(path)
        return any(self._glob(g).search(rel) for g in self.include)

    def settings_for(
        self,
        path: Path | None,
        *,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        show_mentions: bool = False,
    ) -> Settings:
        """Settings for one file: command-line ``select`` replaces the config's; ``ignore`` adds."""
        ignores = list(self.ignore) + list(ignore)
        if path is not None and self.per_file_ignores:
            rel = self.relative(path)
            for glob, ids in self.per_file_ignores:
                if self._glob(glob).search(rel):
                    ignores.extend(ids)
        return Settings(
            select=self.select if select is None else select,
            ignore=tuple(ignores),
            severity=self.severity,
            show_mentions=show_mentions or bool(self.show_mentions),
        )


DEFAULT = Config()
