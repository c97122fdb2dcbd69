"""Loading rules: rule files (one YAML mapping each) from the built-in folder and a user's extra
folders. The schema lives in ``schema.py``, the cache of validated built-in rules in
``rulestore.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from backyard_lint import rulecache
from backyard_lint.model import Rule
from backyard_lint.schema import RuleError, pattern_problem, validate_rule

__all__ = [
    "RULE_SUFFIXES", "RuleError", "builtin_rules_dir", "cache_dir", "load_rule_file",
    "load_rules", "parse_rule", "pattern_problem", "rule_files", "validate_rule",
]

RULE_SUFFIXES = rulecache.RULE_SUFFIXES


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


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)



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
            from backyard_lint.rulestore import cached_folder

            loaded = cached_folder(folder, parse_rule, _os_reason)
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




def cache_dir() -> Path | None:
    """Where the rule cache lives, or None when caching is off."""
    where = rulecache.cache_dir()
    return Path(where) if where else None


