"""``backyard-lint export vale DIR``: a Vale style, ``DIR/BackyardLint``, one YAML file a rule.

A rule whose first replacement is safe becomes a ``substitution`` (its swap is that
replacement); any other rule an ``existence``. Every rule is checked sentence by sentence
(``scope: sentence``), so that a pattern that needs another word in the same sentence can look
for it. The names a rule knows (its exception patterns) lead the tokens, so that a match that
starts with a known name takes the whole name, and are listed as ``exceptions`` anchored to the
whole match, which Vale then drops: backyard-lint drops a match that a name covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from backyard_lint.docs import write_pages
from backyard_lint.export import MARKER, header, message_for
from backyard_lint.export.regex import rule_exceptions, rule_patterns
from backyard_lint.model import Rule

STYLE = "BackyardLint"

_NOTES = (
    "Use: put the folder this one is in on Vale's StylesPath and add",
    f"`BasedOnStyles = {STYLE}` to a format section of .vale.ini.",
    "Vale checks each sentence on its own, so a rule that needs another word in the same",
    'sentence ("its backyard" with a country named) finds it there; "its backyard" goes to the',
    'power named nearest before it in the sentence ("their backyard" to none in particular).',
)


def file_name(rule: Rule) -> str:
    """``backyard.united-states`` -> ``BackyardUnitedStates.yml`` (Vale names a rule after its
    file, and a dot in the name would read as a style separator)."""
    words = rule.id.replace("-", ".").split(".")
    return "".join(w[:1].upper() + w[1:] for w in words) + ".yml"


def _escape_percent(text: str) -> str:
    return text.replace("%", "%%")


def rule_data(rule: Rule) -> dict[str, Any]:
    """The Vale rule for ``rule`` as plain data, in Vale's key order."""
    patterns = rule_patterns(rule, javascript=False)
    # A name leads the tokens and takes the rest of the word it ends in ("the backyard of
    # Russia's"), because Vale looks for an exception between word boundaries; the exception
    # must be the whole match, as backyard-lint drops only a match that a name covers.
    names = [f"{e}\\w*" for e in rule_exceptions(rule, javascript=False)]
    exceptions = [f"^{name}$" for name in names]
    safe = bool(rule.replacements) and rule.replacements[0].safe
    data: dict[str, Any] = {
        "extends": "substitution" if safe else "existence",
        "message": (
            f"Use '%s' instead of '%s' ({rule.id})."
            if safe
            else _escape_percent(message_for(rule, "\x00")).replace("\x00", "%s", 1)
        ),
        "description": _escape_percent(rule.summary),
        "link": rule.doc_url,
        "level": rule.severity.value,
        "scope": "sentence",
        "ignorecase": False,
        "nonword": True,
    }
    if safe:
        token = "|".join(f"(?:{t})" for t in [*names, *patterns])
        data["swap"] = {token: rule.replacements[0].text}
    else:
        data["tokens"] = [*names, *patterns]
    if exceptions:
        data["exceptions"] = exceptions
    return data


def render(rule: Rule) -> str:
    body = yaml.safe_dump(rule_data(rule), sort_keys=False, allow_unicode=True, width=10_000)
    return header("vale", _NOTES) + f"# backyard-lint rule: {rule.id}\n" + body


def write(dest: Path, rules: Sequence[Rule]) -> list[Path]:
    """Write the style below ``dest`` (Vale's StylesPath); stale generated files are removed."""
    pages = {file_name(rule): render(rule) for rule in rules}
    return write_pages(dest / STYLE, pages, suffix=".yml", marker=MARKER)
