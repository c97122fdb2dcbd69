"""Load and validate rule files (one YAML mapping per file).

Validation is the only place that knows the schema; every error names the file, the rule and the
field, in one line, so a broken rule pack is easy to mend.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from backyard_lint import rulecache
from backyard_lint.model import RULE_SEVERITIES, Pattern, Replacement, Rule, Severity, Source

RULE_SUFFIXES = rulecache.RULE_SUFFIXES
ID_RE = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$")
PLACEHOLDERS = {"match", "replacement"}

_TOP_KEYS = {
    "id": True,
    "severity": True,
    "summary": True,
    "message": True,
    "patterns": True,
    "explanation": True,
    "sources": True,
    "examples": True,
    "exceptions": False,
    "replacements": False,
    "case_sensitive": False,
    "family": False,
    "aliases": False,
    "hints": False,
}
_SOURCE_KEYS = {"title", "url", "publisher", "date", "author", "quote", "argument"}


class RuleError(Exception):
    """A rule file that cannot be used. ``str()`` is the one-line message for the user."""

    def __init__(self, path: str, rule_id: str | None, field: str | None, problem: str) -> None:
        self.path = path
        self.rule_id = rule_id
        self.field = field
        self.problem = problem
        where = path
        if rule_id:
            where += f": rule {rule_id}"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:  # survive pickling between processes
        return (type(self), (self.path, self.rule_id, self.field, self.problem))


def builtin_rules_dir() -> Path:
    """The rules shipped with the package (in a wheel) or the checkout's ``rules/``."""
    return Path(rulecache.builtin_rules_folder())


def rule_files(folder: Path) -> list[Path]:
    """Every rule file below ``folder``, sorted so that loading is deterministic."""
    return sorted(Path(p) for p in rulecache.rule_files(str(folder)))


def load_rule_file(path: Path, display: str | None = None) -> Rule:
    shown = display or str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(shown, None, None, f"cannot read: {_os_reason(exc)}") from None
    return parse_rule(raw, shown)


def parse_rule(raw: str, path: str) -> Rule:
    import yaml  # here, not at the top: start-up reads the validated rules from the cache

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(raw, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(path, None, None, f"invalid YAML{where}: {problem}") from None
    return validate_rule(data, path)


def validate_rule(data: Any, path: str) -> Rule:
    if not isinstance(data, Mapping):
        raise RuleError(path, None, None, "a rule file must hold one mapping")
    rid = data.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise RuleError(
            path, None, "id", "must be dotted lower-case words, such as 'backyard.russia'"
        )

    def err(field: str, problem: str) -> RuleError:
        return RuleError(path, rid, field, problem)

    for key in data:
        if key not in _TOP_KEYS:
            raise err(str(key), f"unknown key (known: {', '.join(sorted(_TOP_KEYS))})")
    for key, required in _TOP_KEYS.items():
        if required and key not in data:
            raise err(key, "is required")

    sev = data["severity"]
    if sev not in [s.value for s in RULE_SEVERITIES]:
        raise err("severity", "must be one of error, warning, suggestion")
    summary = _text(data, "summary", err)
    message = _text(data, "message", err)
    explanation = _text(data, "explanation", err)
    _check_template(message, err)

    case_sensitive = data.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise err("case_sensitive", "must be true or false")
    patterns = tuple(_patterns(data["patterns"], err))
    exceptions = _string_list(data, "exceptions", err)
    for i, pat in enumerate(exceptions):
        problem = pattern_problem(pat)
        if problem:
            raise err(f"exceptions[{i}]", problem)

    replacements = tuple(_replacements(data.get("replacements", []), err))
    sources = tuple(_sources(data["sources"], err))
    examples = data["examples"]
    if not isinstance(examples, Mapping):
        raise err("examples", "must be a mapping with 'bad' and 'good' lists")
    for key in examples:
        if key not in ("bad", "good"):
            raise err(f"examples.{key}", "unknown key (known: bad, good)")
    bad = _string_list(examples, "bad", err, required=True, prefix="examples.")
    good = _string_list(examples, "good", err, required=True, prefix="examples.")

    family = data.get("family", "")
    if not isinstance(family, str):
        raise err("family", "must be a string")
    aliases = _string_list(data, "aliases", err)
    for i, alias in enumerate(aliases):
        if not ID_RE.match(alias):
            raise err(f"aliases[{i}]", "must be a dotted rule id")
    hints = data.get("hints", {}) or {}
    if not isinstance(hints, Mapping):
        raise err("hints", "must be a mapping of signal name to a list of words")
    hint_items = []
    for key in sorted(hints):
        hint_items.append((str(key), _string_list(hints, key, err, prefix="hints.")))

    return Rule(
        id=rid,
        severity=Severity(sev),
        summary=summary,
        message=message,
        patterns=patterns,
        explanation=explanation,
        sources=sources,
        examples_bad=bad,
        examples_good=good,
        exceptions=exceptions,
        replacements=replacements,
        case_sensitive=case_sensitive,
        family=family or rid.split(".")[0],
        aliases=aliases,
        hints=tuple(hint_items),
        path=path,
    )


def pattern_problem(pattern: str) -> str | None:
    """Why RE2 refuses ``pattern``, or None when it compiles."""
    import re2  # local: keeps this module importable for documentation tools

    options = re2.Options()
    options.log_errors = False
    try:
        compiled = re2.compile(pattern, options)
    except Exception as exc:  # re2 raises its own error type
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        return f"not a valid RE2 pattern: {detail}"
    if compiled.search("") is not None:
        return "matches the empty string"
    return None


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def _text(data: Mapping[str, Any], key: str, err: Any) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise err(key, "must be a non-empty string")
    return value.strip()


def _string_list(
    data: Mapping[str, Any], key: str, err: Any, *, required: bool = False, prefix: str = ""
) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        if required:
            raise err(prefix + key, "is required")
        return ()
    if not isinstance(value, list):
        raise err(prefix + key, "must be a list of strings")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise err(f"{prefix}{key}[{i}]", "must be a non-empty string")
    if required and not value:
        raise err(prefix + key, "must not be empty")
    return tuple(value)


def _check_template(message: str, err: Any) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        raise err("message", f"bad template: {exc} (write literal braces as {{{{ }}}})") from None
    for name in fields:
        if name not in PLACEHOLDERS:
            raise err(
                "message", f"unknown placeholder {{{name}}} (known: {{match}}, {{replacement}})"
            )


def _patterns(value: Any, err: Any) -> Iterable[Pattern]:
    if not isinstance(value, list) or not value:
        raise err("patterns", "must be a non-empty list")
    for i, item in enumerate(value):
        field = f"patterns[{i}]"
        sentence = ""
        if isinstance(item, Mapping):
            for key in item:
                if key not in ("pattern", "sentence"):
                    raise err(f"{field}.{key}", "unknown key (known: pattern, sentence)")
            regex = item.get("pattern")
            sentence = item.get("sentence", "")
            if not isinstance(sentence, str):
                raise err(f"{field}.sentence", "must be a string")
            if sentence:
                problem = pattern_problem(sentence)
                if problem:
                    raise err(f"{field}.sentence", problem)
            field += ".pattern"
        else:
            regex = item
        if not isinstance(regex, str) or not regex.strip():
            raise err(field, "must be a non-empty string")
        problem = pattern_problem(regex)
        if problem:
            raise err(field, problem)
        yield Pattern(regex, sentence)


def _replacements(value: Any, err: Any) -> Iterable[Replacement]:
    if not isinstance(value, list):
        raise err("replacements", "must be a list")
    for i, item in enumerate(value):
        field = f"replacements[{i}]"
        if isinstance(item, str):
            if not item.strip():
                raise err(field, "must be a non-empty string")
            yield Replacement(item, safe=False)
            continue
        if not isinstance(item, Mapping):
            raise err(field, "must be a string or a mapping with 'text' and 'safe'")
        for key in item:
            if key not in ("text", "safe"):
                raise err(f"{field}.{key}", "unknown key (known: safe, text)")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise err(f"{field}.text", "must be a non-empty string")
        safe = item.get("safe", False)
        if not isinstance(safe, bool):
            raise err(f"{field}.safe", "must be true or false")
        yield Replacement(text, safe=safe)


def _sources(value: Any, err: Any) -> Iterable[Source]:
    if not isinstance(value, list) or not value:
        raise err("sources", "must be a non-empty list")
    for i, item in enumerate(value):
        field = f"sources[{i}]"
        if not isinstance(item, Mapping):
            raise err(field, "must be a mapping")
        for key in item:
            if key not in _SOURCE_KEYS:
                raise err(
                    f"{field}.{key}", f"unknown key (known: {', '.join(sorted(_SOURCE_KEYS))})"
                )
        values: dict[str, str] = {}
        for key in _SOURCE_KEYS:
            v = item.get(key, "")
            if v is None:
                v = ""
            if not isinstance(v, str):
                v = str(v)  # YAML reads 2023-11-22 as a date
            values[key] = v.strip()
        if not values["title"]:
            raise err(f"{field}.title", "is required")
        if not values["url"].startswith(("https://", "http://")):
            raise err(f"{field}.url", "must be an http(s) URL")
        yield Source(**values)


def load_rules(folders: Iterable[Path]) -> list[Rule]:
    """Load every rule in ``folders``; duplicate ids (or aliases) are errors.

    The built-in rules come from the rule cache when their files are unchanged; every other
    folder (a user's extra rules) is read and validated on each run.
    """
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    builtin = builtin_rules_dir()
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(str(folder), None, None, "rule folder does not exist")
        if folder == builtin:
            loaded = _cached_folder(folder)
        else:
            loaded = [load_rule_file(path) for path in rule_files(folder)]
        for rule in loaded:
            for name in (rule.id, *rule.aliases):
                if name in seen:
                    raise RuleError(
                        rule.path, rule.id, "id", f"'{name}' is already defined in {seen[name]}"
                    )
                seen[name] = rule.path
            rules.append(rule)
    return rules


# -- The rule cache (see rulecache.py) -----------------------------------------------------


def cache_dir() -> Path | None:
    """Where the rule cache lives, or None when caching is off."""
    where = rulecache.cache_dir()
    return Path(where) if where else None


def _cached_folder(folder: Path) -> list[Rule]:
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
            raise RuleError(shown, None, None, f"cannot read: {_os_reason(exc)}") from None
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
            rule = parse_rule(raw, shown)
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
        )
    except (KeyError, TypeError, ValueError):
        return None
