"""The rule schema: a table of field specs (like yamllint's ``CONF``), and the one function that
turns a rule file's mapping into a :class:`Rule` or a :class:`RuleError` naming file, rule and
field.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from backyard_lint.model import RULE_SEVERITIES, Pattern, Replacement, Rule, Severity, Source
from backyard_lint.tolerant import problem as widened_problem
from backyard_lint.visible import printable

ID_RE = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\Z")  # \Z: no trailing newline
PLACEHOLDERS = {"match", "replacement"}
_SOURCE_KEYS = {"title", "url", "publisher", "date", "author", "quote", "argument"}

Err = Callable[[str, str], "RuleError"]


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


class Field(NamedTuple):
    """One top-level key of a rule file: whether it is required, and how its value is read
    (``read(data, err) -> value``, raising through ``err(field, problem)``)."""

    required: bool
    read: Callable[[Mapping[str, Any], Err], Any]


def _severity(data: Mapping[str, Any], err: Err) -> Severity:
    sev = data["severity"]
    if sev not in [s.value for s in RULE_SEVERITIES]:
        raise err("severity", "must be one of error, warning, suggestion")
    return Severity(sev)


def _message(data: Mapping[str, Any], err: Err) -> str:
    message = _text(data, "message", err)
    _check_template(message, err)
    return message


def _case_sensitive(data: Mapping[str, Any], err: Err) -> bool:
    value = data.get("case_sensitive", False)
    if not isinstance(value, bool):
        raise err("case_sensitive", "must be true or false")
    return value


def _exceptions(data: Mapping[str, Any], err: Err) -> tuple[str, ...]:
    exceptions = _string_list(data, "exceptions", err)
    case_sensitive = _case_sensitive(data, err)
    for i, pat in enumerate(exceptions):
        problem = pattern_problem(pat) or widened_problem(pat, case_sensitive, exact_only=True)
        if problem:
            raise err(f"exceptions[{i}]", problem)
    return exceptions


def _examples(data: Mapping[str, Any], err: Err) -> tuple[tuple[str, ...], tuple[str, ...]]:
    examples = data["examples"]
    if not isinstance(examples, Mapping):
        raise err("examples", "must be a mapping with 'bad' and 'good' lists")
    for key in examples:
        if key not in ("bad", "good"):
            raise err(f"examples.{key}", "unknown key (known: bad, good)")
    bad = _string_list(examples, "bad", err, required=True, prefix="examples.")
    good = _string_list(examples, "good", err, required=True, prefix="examples.")
    return bad, good


def _family(data: Mapping[str, Any], err: Err) -> str:
    family = data.get("family", "")
    if not isinstance(family, str):
        raise err("family", "must be a string")
    return family or str(data["id"]).split(".")[0]


def _aliases(data: Mapping[str, Any], err: Err) -> tuple[str, ...]:
    aliases = _string_list(data, "aliases", err)
    for i, alias in enumerate(aliases):
        if not ID_RE.match(alias):
            raise err(f"aliases[{i}]", "must be a dotted rule id")
    return aliases


def _hints(data: Mapping[str, Any], err: Err) -> tuple[tuple[str, tuple[str, ...]], ...]:
    hints = data.get("hints", {}) or {}
    if not isinstance(hints, Mapping):
        raise err("hints", "must be a mapping of signal name to a list of words")
    found = tuple(
        (str(key), _string_list(hints, key, err, prefix="hints.")) for key in sorted(hints)
    )
    from backyard_lint.readings.lexicon import check_hints  # lists the word lists' names only

    problem = check_hints(name for name, _ in found)
    if problem:
        raise err("hints", problem)
    return found


def _default(data: Mapping[str, Any], err: Err) -> bool:
    default = data.get("default", True)
    if not isinstance(default, bool):
        raise err("default", "must be true or false (false: checked only when selected)")
    return default


def _checked_patterns(data: Mapping[str, Any], err: Err) -> tuple[Pattern, ...]:
    """The patterns; each one's markup-tolerant forms (see ``tolerant``) must compile too."""
    patterns = tuple(_patterns(data["patterns"], err))
    case_sensitive = _case_sensitive(data, err)
    for i, pat in enumerate(patterns):
        problem = widened_problem(pat.regex, case_sensitive)
        if problem:
            shown = printable(pat.regex, invisible=True)
            raise err(f"patterns[{i}]", f"pattern '{shown}': {problem}")
    return patterns


# The schema, in the order the fields are checked. ``id`` is checked before the others (every
# other error names the rule).
FIELDS: dict[str, Field] = {
    "id": Field(True, lambda data, err: data["id"]),
    "severity": Field(True, _severity),
    "summary": Field(True, lambda data, err: _text(data, "summary", err)),
    "message": Field(True, _message),
    "explanation": Field(True, lambda data, err: _text(data, "explanation", err)),
    "case_sensitive": Field(False, _case_sensitive),
    "patterns": Field(True, lambda data, err: _checked_patterns(data, err)),
    "exceptions": Field(False, _exceptions),
    "replacements": Field(
        False, lambda data, err: tuple(_replacements(data.get("replacements", []), err))
    ),
    "sources": Field(True, lambda data, err: tuple(_sources(data["sources"], err))),
    "examples": Field(True, _examples),
    "family": Field(False, _family),
    "aliases": Field(False, _aliases),
    "hints": Field(False, _hints),
    "default": Field(False, _default),
}


def validate_rule(data: Any, path: str) -> Rule:
    """The rule a file's mapping describes; :class:`RuleError` for the first problem."""
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
        if key not in FIELDS:
            raise err(str(key), f"unknown key (known: {', '.join(sorted(FIELDS))})")
    for key, spec in FIELDS.items():
        if spec.required and key not in data:
            raise err(key, "is required")
    value = {key: spec.read(data, err) for key, spec in FIELDS.items()}
    bad, good = value.pop("examples")
    return Rule(**value, examples_bad=bad, examples_good=good, path=path)


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
        return f"not a valid RE2 pattern: {printable(str(detail), invisible=True)}"
    if compiled.search("") is not None:
        return "matches the empty string"
    return None


def _text(data: Mapping[str, Any], key: str, err: Err) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise err(key, "must be a non-empty string")
    return value.strip()


def _string_list(
    data: Mapping[str, Any], key: str, err: Err, *, required: bool = False, prefix: str = ""
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


def _check_template(message: str, err: Err) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        raise err("message", f"bad template: {exc} (write literal braces as {{{{ }}}})") from None
    for name in fields:
        if name not in PLACEHOLDERS:
            raise err(
                "message", f"unknown placeholder {{{name}}} (known: {{match}}, {{replacement}})"
            )


def _patterns(value: Any, err: Err) -> Iterable[Pattern]:
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


def _replacements(value: Any, err: Err) -> Iterable[Replacement]:
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


def _sources(value: Any, err: Err) -> Iterable[Source]:
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
