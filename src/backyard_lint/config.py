"""Configuration: ``[tool.backyard-lint]`` in ``pyproject.toml`` or ``.backyard-lint.yaml``.

Found by walking up from each linted file's folder; the nearest file wins. A folder that holds
both a ``.backyard-lint.yaml`` and a ``pyproject.toml`` with a ``[tool.backyard-lint]`` table is
an error (neither is silently preferred). ``extend = "PATH"`` starts from another configuration
file (an organisation's shared one): keys set here replace its keys, ``extend-exclude`` adds to
its ``exclude``. ``--config FILE`` overrides discovery.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backyard_lint.core.probe import PYPROJECT, YAML_NAMES, folder_candidates, last_folder
from backyard_lint.core.walk import DEFAULT_EXCLUDE
from backyard_lint.globs import GlobError, compile_glob, glob_match
from backyard_lint.model import RULE_SEVERITIES, Settings, Severity

__all__ = [
    "YAML_NAMES", "Config", "ConfigError", "Discovery", "GlobError", "glob_match", "load",
    "validate",
]
KEYS = (
    "extend",
    "select",
    "ignore",
    "severity",
    "extra-rules",
    "exclude",
    "extend-exclude",
    "include",
    "extensions",
    "per-file-ignores",
    "fail-on",
    "show-mentions",
)
MAX_EXTEND_DEPTH = 16


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


def _tool_table(path: Path, *, discovering: bool = False) -> Any:
    """The ``[tool.backyard-lint]`` table of a TOML file (None when it has none).

    In discovery, a file that cannot be read or that never names the tool is passed over
    without parsing it: most pyproject files have no such table.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        if discovering:
            return None
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(str(path), None, f"cannot read: {reason}") from None
    if discovering and "backyard-lint" not in text:
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), None, f"invalid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(str(path), None, "refused: nested too deep") from None
    return data.get("tool", {}).get("backyard-lint")


def _yaml_load(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc}") from None
    from backyard_lint.yamlsafe import YamlLimit
    from backyard_lint.yamlsafe import load as yaml_load

    try:
        return yaml_load(text)
    except YamlLimit as exc:
        raise ConfigError(str(path), None, f"refused: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot parse"
        raise ConfigError(str(path), None, f"invalid YAML{where}: {problem}") from None


def load(path: Path, _chain: tuple[Path, ...] = ()) -> Config:
    """Load one configuration file, given explicitly (``--config``) or found by discovery,
    with the files it extends."""
    if not path.is_file():
        where = f" (extended by {_chain[-1]})" if _chain else ""
        raise ConfigError(str(path), None, f"configuration file does not exist{where}")
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        data = _tool_table(path)
    else:
        data = _yaml_load(path)
    if data is None:
        data = {}
    base = None
    if isinstance(data, Mapping) and "extend" in data:
        target = data["extend"]
        if not isinstance(target, str) or not target:
            raise ConfigError(str(path), "extend", "must be the path of a configuration file")
        resolved = (path.parent / target).expanduser().resolve()
        if resolved in (*_chain, path.resolve()):
            raise ConfigError(str(path), "extend", f"'{target}' extends itself in a cycle")
        if len(_chain) >= MAX_EXTEND_DEPTH:
            raise ConfigError(str(path), "extend", "too many levels of extend")
        base = load(resolved, (*_chain, path.resolve()))
    return validate(data, path, base)


def _ids(value: Any, path: Path, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(str(path), key, "must be a list of rule ids or prefixes")
    return tuple(value)


def _severity(value: Any, path: Path, key: str) -> Severity:
    names = [s.value for s in RULE_SEVERITIES]
    if value not in names:
        raise ConfigError(str(path), key, f"must be one of {', '.join(names)}")
    return Severity(value)


def _globs(data: Mapping[str, Any], key: str, path: Path) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
        raise ConfigError(str(path), key, "must be a list of globs")
    for glob in value:
        _check_glob(glob, path, key)
    return tuple(value)


def _check_glob(glob: str, path: Path, key: str) -> None:
    """An invalid glob (``[z-a]``) is a configuration error naming the file and the key."""
    try:
        compile_glob(glob)
    except GlobError as exc:
        raise ConfigError(str(path), key, str(exc)) from None


def _extensions(value: Any, path: Path) -> tuple[tuple[str, str], ...]:
    from backyard_lint.formats import FORMATS

    if not isinstance(value, Mapping):
        raise ConfigError(str(path), "extensions", "must map file extensions to formats")
    out = []
    for ext, fmt in value.items():
        if fmt not in FORMATS:
            raise ConfigError(
                str(path), f"extensions.{ext}", f"must be one of {', '.join(FORMATS)}"
            )
        suffix = "." + str(ext).lstrip(".").lower()
        out.append((suffix, str(fmt)))
    return tuple(out)


def validate(data: Any, path: Path, base: Config | None = None) -> Config:
    """A configuration from one file's data; keys it does not set come from ``base`` (the
    file it extends) or the defaults."""
    if not isinstance(data, Mapping):
        raise ConfigError(str(path), None, "configuration must be a mapping")
    for key in data:
        if key not in KEYS:
            raise ConfigError(str(path), str(key), f"unknown key (known: {', '.join(KEYS)})")
    start = base or DEFAULT
    values: dict[str, Any] = {}
    sev_map = data.get("severity", {})
    if not isinstance(sev_map, Mapping):
        raise ConfigError(str(path), "severity", "must map rule ids or prefixes to a severity")
    if "severity" in data:
        values["severity"] = tuple(
            (str(rid), _severity(sev, path, f"severity.{rid}")) for rid, sev in sev_map.items()
        )
    if "extra-rules" in data:
        extra = data["extra-rules"]
        if isinstance(extra, str):
            extra = [extra]
        if not isinstance(extra, list) or not all(isinstance(e, str) for e in extra):
            raise ConfigError(str(path), "extra-rules", "must be a list of folders")
        extra_paths = []
        for folder in extra:
            full = (path.parent / folder).resolve()
            if not full.is_dir():
                raise ConfigError(str(path), "extra-rules", f"folder '{folder}' does not exist")
            extra_paths.append(full)
        values["extra_rules"] = tuple(extra_paths)
    for key, attr in (("exclude", "exclude"), ("include", "include")):
        globs = _globs(data, key, path)
        if globs is not None:
            values[attr] = globs
    more = _globs(data, "extend-exclude", path)
    if more:
        values["exclude"] = values.get("exclude", start.exclude) + more
    if "extensions" in data:
        values["extensions"] = _extensions(data["extensions"], path)
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, Mapping):
            raise ConfigError(str(path), "per-file-ignores", "must map globs to lists of rule ids")
        values["per_file_ignores"] = tuple(
            (str(g), _ids(ids, path, f"per-file-ignores.{g}")) for g, ids in pfi.items()
        )
        for glob, _ in values["per_file_ignores"]:
            _check_glob(glob, path, "per-file-ignores")
    if "select" in data:
        values["select"] = _ids(data["select"], path, "select")
    if "ignore" in data:
        values["ignore"] = _ids(data["ignore"], path, "ignore")
    if data.get("fail-on") is not None:
        values["fail_on"] = _severity(data["fail-on"], path, "fail-on")
    show = data.get("show-mentions")
    if show is not None:
        if not isinstance(show, bool):
            raise ConfigError(str(path), "show-mentions", "must be true or false")
        values["show_mentions"] = show
    here = str(path)
    origins = dict(start.origins)
    for key in values:
        origins[key] = here
    if "exclude" in values and "exclude" not in data and base is not None:
        origins["exclude"] = f"{base.origin('exclude')} + {here}"
    return replace(
        start,
        path=path,
        origins=tuple(origins.items()),
        extends=(base.path, *base.extends) if base is not None and base.path else (),
        **values,
    )


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
            table = _tool_table(path, discovering=True)
            if isinstance(table, Mapping) and "extend" in table:
                return load(path)
            if table is not None:
                return validate(table, path)
        return None


def _refuse_both(folder: Path, yaml_file: Path) -> None:
    """A YAML file beside a ``pyproject.toml`` table: neither is silently preferred."""
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and _tool_table(pyproject, discovering=True) is not None:
        raise ConfigError(
            str(yaml_file),
            None,
            f"{pyproject} also has a [tool.backyard-lint] table: keep one of the two "
            "(one file may 'extend' another)",
        )
