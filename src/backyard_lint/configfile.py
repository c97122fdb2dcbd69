"""Reading one configuration file: the ``[tool.backyard-lint]`` table of a ``pyproject.toml``
or a ``.backyard-lint.yaml``, with the files it extends, checked key by key into a ``Config``.

``extend = "PATH"`` starts from another configuration file (an organisation's shared one): keys
set here replace its keys, ``extend-exclude`` adds to its ``exclude``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from backyard_lint.configmodel import DEFAULT, Config, ConfigError
from backyard_lint.globs import GlobError, compile_glob
from backyard_lint.model import RULE_SEVERITIES, Severity

__all__ = ["KEYS", "load", "tool_table", "validate"]
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


def tool_table(path: Path, *, discovering: bool = False) -> Any:
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
        data = tool_table(path)
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


