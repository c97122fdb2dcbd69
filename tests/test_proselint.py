"""Our rules as proselint 0.16 checks give the same findings as `check` on plain text."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from proselint.registry.checks import Check

from backyard_lint.engine import RuleSet
from backyard_lint.proselint import __register__

TEXT = (
    "Kazakhstan is Russia's backyard.\n"
    "Analysts reject the label 'Russia's backyard'.\n"
    "Investors flock to the Kremlin’s\nback-yard, they said. 😀 Putin's backyards.\n"
)

# proselint's registry is a process-wide singleton: register in a child process.
LINT_WITH_PROSELINT = """
import json, sys
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
from backyard_lint.proselint import __register__
CheckRegistry().register_many(__register__)
text = sys.stdin.read()
results = LintFile("doc.txt", text).lint({"max_errors": 1000, "checks": {"backyard": True}})
rows = []
for r in results:
    start, end = r.check_result.span
    rows.append([r.check_result.check_path, list(r.pos), end - start])
print(json.dumps(rows))
"""


def test_one_check_per_rule(ruleset: RuleSet) -> None:
    assert isinstance(__register__, tuple)
    assert all(isinstance(c, Check) for c in __register__)
    assert sorted(c.path for c in __register__) == sorted(r.id for r in ruleset.rules)


def test_registered_checks_agree_with_the_cli(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    write("doc.txt", TEXT)
    data = json.loads(cli("check", "-f", "json", "doc.txt", cwd=tmp_path).out)
    ours = [
        [f["rule"], [f["line"], f["column"]], len(f["match"])] for f in data["files"][0]["findings"]
    ]
    out = subprocess.run(
        [sys.executable, "-c", LINT_WITH_PROSELINT],
        input=TEXT,
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(out.stdout)
    assert len(ours) == 3
    assert theirs == ours


def test_with_proselint_adds_proselints_own_checks(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    write("doc.txt", "Our economy is very unique. Kazakhstan is Russia's backyard.\n")
    data = json.loads(cli("check", "-f", "json", "--with-proselint", "doc.txt", cwd=tmp_path).out)
    rules = {f["rule"] for f in data["files"][0]["findings"]}
    assert "backyard.russia" in rules
    assert "uncomparables" in rules  # a proselint path
    plain = json.loads(cli("check", "-f", "json", "doc.txt", cwd=tmp_path).out)
    assert {f["rule"] for f in plain["files"][0]["findings"]} == {"backyard.russia"}


def test_build_checks_checks_with_the_rule_set_it_is_given() -> None:
    """A regression: the checks used the built-in rules whatever rule set they were built from."""
    from backyard_lint.proselint import build_checks
    from backyard_lint.rules import load_rules

    custom = RuleSet(load_rules([Path(__file__).parent / "data" / "extra-rules"]))
    checks = build_checks(custom)
    assert [c.path for c in checks] == ["demo.old-city"]
    text = "We flew to Bombay, far from Russia's backyard."
    found = [r for c in checks for r in c.check_type(text, c)]
    assert [(r.check_path, text[slice(*r.span)]) for r in found] == [("demo.old-city", "Bombay")]
