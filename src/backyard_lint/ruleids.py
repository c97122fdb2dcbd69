"""The words that may name rules in settings: ids, aliases, dotted prefixes, families, ``ALL``.

A setting that names none of them would select or ignore nothing, silently; it is an error that
names the word and suggests the nearest one (``backyardd`` -> ``backyard``, ``kiev`` ->
``exonym.kiev``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from backyard_lint.config import Config, ConfigError
from backyard_lint.directives import DIRECTIVE_RULE_IDS

if TYPE_CHECKING:
    from backyard_lint.engine import RuleSet

EVERYTHING = ("ALL", "*")


def vocabulary(ruleset: RuleSet) -> frozenset[str]:
    """Every word that names at least one rule."""
    words: set[str] = set(EVERYTHING)
    for rule_id in (*ruleset.by_id, *DIRECTIVE_RULE_IDS):
        parts = rule_id.split(".")
        words.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    words.update(rule.family for rule in ruleset.rules if rule.family)
    return frozenset(words)


def nearest(word: str, words: Iterable[str]) -> str | None:
    """The closest known word: an id whose last part is ``word`` ("kiev" -> "exonym.kiev"),
    else the most similar spelling."""
    pool = sorted(set(words) - set(EVERYTHING))
    folded = word.lower()
    for known in pool:
        if known.lower() == folded or known.rsplit(".", 1)[-1].lower() == folded:
            return known
    close = difflib.get_close_matches(folded, pool, n=1, cutoff=0.6)
    return close[0] if close else None


def problem(word: str, words: frozenset[str]) -> str | None:
    """Why ``word`` cannot be used (None when it names a rule)."""
    if word in words:
        return None
    guess = nearest(word, words)
    hint = f" (did you mean '{guess}'?)" if guess else " (run 'backyard-lint rules' to list them)"
    return f"unknown rule id or prefix '{word}'{hint}"


def first_problem(ids: Iterable[str], words: frozenset[str]) -> str | None:
    for word in ids:
        found = problem(word, words)
        if found is not None:
            return found
    return None


def check_config(cfg: Config, ruleset: RuleSet) -> None:
    """Raise ConfigError for the first id in ``cfg`` that names no rule."""
    if cfg.path is None:
        return
    words = vocabulary(ruleset)
    keyed: list[tuple[str, Iterable[str]]] = [
        ("select", cfg.select),
        ("ignore", cfg.ignore),
        ("severity", (rid for rid, _ in cfg.severity)),
    ]
    keyed += [(f"per-file-ignores.{glob}", ids) for glob, ids in cfg.per_file_ignores]
    for key, ids in keyed:
        found = first_problem(ids, words)
        if found is not None:
            raise ConfigError(str(cfg.path), key, found)
