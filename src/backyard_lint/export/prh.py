"""``backyard-lint export prh FILE``: a prh dictionary, one entry a rule.

Each entry's pattern joins the rule's patterns (rewritten for JavaScript) and its ``expected``
is the rule's first replacement. Its specs are the rule's bad examples: prh replaces the
pattern in each and checks that the result is the example with every span backyard-lint flags
replaced, so a dictionary that has drifted from the rules fails to load.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from backyard_lint.docs import flagged_spans
from backyard_lint.export import header
from backyard_lint.export.regex import ExportError, rule_patterns
from backyard_lint.model import Rule

NOTES = (
    "prh cannot check a condition on the rest of the sentence: a rule that needs another word",
    'in the same sentence looks for it in the whole paragraph, and "its backyard" goes to the',
    'power named nearest before it there ("their backyard" to none in particular). Its',
    "exceptions are not carried over. textlint --fix writes each entry's `expected` wherever",
    "the pattern matches; only the entries marked 'safe fix' say what backyard-lint would",
    "apply by itself.",
)


def expected(rule: Rule) -> str:
    if not rule.replacements:
        raise ExportError(f"{rule.path or rule.id}: rule {rule.id}: prh needs a replacement")
    text = rule.replacements[0].text
    if "$" in text:
        raise ExportError(f"{rule.path or rule.id}: rule {rule.id}: a '$' in a replacement")
    return text


def specs(rule: Rule) -> list[dict[str, str]]:
    """Each bad example, and the same text with each flagged span replaced."""
    out = []
    for text in rule.examples_bad:
        parts, pos = [], 0
        for start, end in flagged_spans(rule, text):
            parts += [text[pos:start], expected(rule)]
            pos = end
        out.append({"from": text, "to": "".join(parts) + text[pos:]})
    return out


def entry(rule: Rule) -> dict[str, Any]:
    patterns = rule_patterns(rule, javascript=True)
    pattern = "|".join(f"(?:{p})" for p in patterns)
    safe = rule.replacements[0].safe if rule.replacements else False
    note = "safe fix" if safe else "suggested wording: check the sentence before a fix"
    return {
        "expected": expected(rule),
        "pattern": f"/{pattern}/",
        "prh": f"backyard-lint {rule.id} ({note}): {rule.doc_url}",
        "specs": specs(rule),
    }


def render(rules: Sequence[Rule]) -> str:
    data = {"version": 1, "rules": [entry(rule) for rule in rules]}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return header("prh", NOTES) + body


def write(dest: Path, rules: Sequence[Rule]) -> list[Path]:
    """Write the dictionary to the file ``dest``."""
    text = render(rules)
    if dest.parent != dest:
        dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8", newline="\n")
    return [dest]
