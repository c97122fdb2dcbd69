"""Editor settings for the language server: ``initializationOptions`` and
``workspace/didChangeConfiguration``. No pygls import here.

Accepted keys (camelCase, kebab-case or snake_case), at the top level or under a
``backyard-lint`` / ``backyardLint`` section::

    select: [rule ids or prefixes]      replaces the project's select
    ignore: [rule ids or prefixes]      added to the project's ignore
    severity: {rule id or prefix: error | warning | suggestion}
    showMentions: true | false          show quoted or discussed labels as hints
    debounceMs: 0..1000                 delay before re-linting a changed document
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from backyard_lint.config import Config
from backyard_lint.model import RULE_SEVERITIES, Settings, Severity

SECTION = "backyard-lint"
_SECTIONS = (SECTION, "backyardLint", "backyard_lint")
DEFAULT_DEBOUNCE_MS = 100
MAX_DEBOUNCE_MS = 1000


def _norm(key: str) -> str:
    return key.replace("-", "").replace("_", "").lower()


_KEYS = {
    "select": "select",
    "ignore": "ignore",
    "severity": "severity",
    "showmentions": "show_mentions",
    "debouncems": "debounce_ms",
}


@dataclass(frozen=True)
class ClientSettings:
    """What the editor asked for; None means "as the project's configuration says"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    show_mentions: bool | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    def apply(self, cfg: Config, path: Any) -> Settings:
        """The settings for one document: the project's configuration, then the editor's."""
        settings = cfg.settings_for(path, select=self.select, ignore=self.ignore)
        if self.severity:  # the editor's overrides come first, so they win a tie
            settings = replace(settings, severity=self.severity + settings.severity)
        if self.show_mentions is not None:
            settings = replace(settings, show_mentions=self.show_mentions)
        return settings


def _ids(value: Any, key: str, problems: list[str]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    problems.append(f"'{key}' must be a list of rule ids or prefixes")
    return None


def parse(raw: Any, base: ClientSettings | None = None) -> tuple[ClientSettings, list[str]]:
    """Read editor settings; returns the settings and one line per problem (bad keys are
    skipped, the rest still applies). Keys that are absent keep ``base``'s value."""
    problems: list[str] = []
    current = base or ClientSettings()
    if raw is None:
        return current, problems
    if not isinstance(raw, Mapping):
        return current, [f"settings must be an object, not {type(raw).__name__}"]
    for name in _SECTIONS:
        if isinstance(raw.get(name), Mapping):
            raw = raw[name]
            break
    values: dict[str, Any] = {}
    for key, value in raw.items():
        field = _KEYS.get(_norm(str(key)))
        if field is None:
            problems.append(f"unknown setting '{key}' (known: {', '.join(sorted(_KEYS))})")
            continue
        if value is None:
            continue
        if field in ("select", "ignore"):
            ids = _ids(value, str(key), problems)
            if ids is not None:
                values[field] = ids
        elif field == "severity":
            if not isinstance(value, Mapping):
                problems.append(f"'{key}' must map rule ids or prefixes to a severity")
                continue
            names = [s.value for s in RULE_SEVERITIES]
            pairs = []
            for rid, sev in value.items():
                if sev in names:
                    pairs.append((str(rid), Severity(sev)))
                else:
                    problems.append(f"'{key}.{rid}' must be one of {', '.join(names)}")
            values[field] = tuple(pairs)
        elif field == "show_mentions":
            if isinstance(value, bool):
                values[field] = value
            else:
                problems.append(f"'{key}' must be true or false")
        elif field == "debounce_ms":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                values[field] = int(max(0, min(MAX_DEBOUNCE_MS, value)))
            else:
                problems.append(f"'{key}' must be a number of milliseconds")
    return replace(current, **values), problems
