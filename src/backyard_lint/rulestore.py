"""The cache of validated built-in rules: rules to and from plain data, read and written through
the file format of ``rulecache.py``. An entry is used only when its rule file has the same size
and CRC-32; beside it the quick file (the triggers and their literal index) is kept for the
command's fast path and the full path's prefilter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from backyard_lint import rulecache
from backyard_lint.model import Pattern, Replacement, Rule, Severity, Source
from backyard_lint.schema import RuleError


def cached_folder(
    folder: Path, parse: Callable[[str, str], Rule], reason: Callable[[BaseException], str]
) -> list[Rule]:
    """The rules of ``folder`` (sorted by path): from the cache where a file is unchanged, else
    read with ``parse(text, path)``; the cache and the quick file are rewritten when anything
    changed."""
    cache_file = rulecache.cache_file(str(folder))
    stamp = rulecache.code_stamp()
    entries = rulecache.read(cache_file, stamp, str(folder)) if cache_file else {}
    rules: list[Rule] = []
    fresh: dict[str, Any] = {}
    changed = False
    files, folders = rulecache.rule_tree(str(folder))
    keys = rulecache.quick_keys(files, folders)  # before reading: see quick_keys
    for path in sorted(Path(p) for p in files):
        shown = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RuleError(shown, None, None, f"cannot read: {reason(exc)}") from None
        key = rulecache.file_key(data)
        entry = entries.get(shown)
        rule = None
        if isinstance(entry, dict) and entry.get("key") == key:
            rule = _rule_from_data(entry.get("rule"))
        if rule is None:
            try:
                raw = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise RuleError(shown, None, None, f"cannot read: {exc}") from None
            rule = parse(raw, shown)
            changed = True
        rules.append(rule)
        fresh[shown] = {"key": key, "rule": rule}
    if cache_file:
        if changed or set(fresh) != set(entries):
            payload = rulecache.dumps(
                stamp,
                str(folder),
                {p: {**e, "rule": _rule_to_data(e["rule"])} for p, e in fresh.items()},
            )
            _write_atomic(Path(cache_file), payload)
        quick_file = rulecache.cache_file(str(folder), "quick")
        if quick_file and (
            changed or rulecache.read_quick(quick_file, stamp, str(folder), keys) is None
        ):
            _write_atomic(Path(quick_file), _quick_payload(rules, stamp, str(folder), keys))
    return rules


def _quick_payload(rules: list[Rule], stamp: str, folder: str, keys: dict[str, Any]) -> bytes:
    """The fast path's data (see rulecache.py): every trigger and its literal index."""
    import marshal

    from backyard_lint.core.prefilter import build_index
    from backyard_lint.engine import RuleSet

    triggers = RuleSet(rules).triggers
    return marshal.dumps(
        {"stamp": stamp, "folder": folder, "keys": keys, "triggers": triggers,
         **build_index(triggers)}
    )


def _write_atomic(cache_file: Path, payload: bytes) -> None:
    """Write a cache file atomically; never fail the run (a read-only or full cache folder:
    lint without a cache)."""
    from backyard_lint.core.atomic import write_atomic

    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(str(cache_file), payload, prefix=".rules-")
        rulecache.prune(str(cache_file.parent))
    except OSError:
        pass


def _rule_to_data(rule: Rule) -> dict[str, Any]:
    import dataclasses

    data = dataclasses.asdict(rule)
    data["severity"] = rule.severity.value
    return data


def _rule_from_data(data: Any) -> Rule | None:
    """A Rule from its cached form, or None when the entry does not fit this version."""
    try:
        return Rule(
            id=data["id"],
            severity=Severity(data["severity"]),
            summary=data["summary"],
            message=data["message"],
            patterns=tuple(Pattern(**p) for p in data["patterns"]),
            explanation=data["explanation"],
            sources=tuple(Source(**s) for s in data["sources"]),
            examples_bad=tuple(data["examples_bad"]),
            examples_good=tuple(data["examples_good"]),
            exceptions=tuple(data["exceptions"]),
            replacements=tuple(Replacement(**r) for r in data["replacements"]),
            case_sensitive=data["case_sensitive"],
            family=data["family"],
            aliases=tuple(data["aliases"]),
            hints=tuple((name, tuple(words)) for name, words in data["hints"]),
            path=data["path"],
            default=data["default"],
        )
    except (KeyError, TypeError, ValueError):
        return None
