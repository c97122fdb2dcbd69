"""``--format sarif``: SARIF 2.1.0, for code-scanning services."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backyard_lint import __version__
from backyard_lint.reporters import ReportContext, context_label, json_safe

if TYPE_CHECKING:
    from backyard_lint.model import FileReport, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/backyard-lint/backyard-lint"
_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note", "info": "none"}


def _uri(path: str) -> str:
    p = Path(json_safe(path))
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    from backyard_lint.docs import render_rule_markdown  # the one renderer of a rule's page

    help_md = render_rule_markdown(rule)
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace(".", "-").split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": rule.explanation, "markdown": help_md},
        "helpUri": rule.doc_url,
        "defaultConfiguration": {"level": _LEVEL[str(rule.severity)]},
        "properties": {"tags": [rule.family]},
    }


def render(reports: Sequence[FileReport], ctx: ReportContext) -> str:
    from backyard_lint.metarules import with_meta_rules

    descriptors = [_rule_descriptor(r) for r in with_meta_rules(ctx.ruleset.rules)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in reports:
        if r.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": r.error},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}
                    ],
                }
            )
        for loc in r.findings:
            f = loc.finding
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _LEVEL[str(f.severity)],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(r.path)},
                            "region": {
                                "startLine": loc.line,
                                "startColumn": loc.column,
                                "endLine": loc.end_line,
                                "endColumn": loc.end_column,
                                "snippet": {"text": f.match},
                            },
                        }
                    }
                ],
                "properties": {"context": context_label(f)},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if loc.fix is not None:
                fix = loc.fix
                result["fixes"] = [
                    {
                        "description": {"text": f"Replace with '{fix.text}'"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": _uri(r.path)},
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "startLine": fix.line,
                                            "startColumn": fix.column,
                                            "endLine": fix.end_line,
                                            "endColumn": fix.end_column,
                                        },
                                        "insertedContent": {"text": fix.text},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "backyard-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFO_URI,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"
