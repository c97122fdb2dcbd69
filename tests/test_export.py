"""``backyard-lint export``: the Vale style, the prh dictionary and the textlint setup.

The prh dictionary is run through real textlint with textlint-rule-prh (npm). ``.ci/run``
installs them into ``$BACKYARD_LINT_NPM`` (default ``~/.cache/backyard-lint-npm``); this test
fails, and says how to install them, when they are missing. Vale cannot be installed here, so its
rules are checked against a JSON Schema of the rule keys Vale's documentation defines.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from backyard_lint.docs import flagged_spans
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.export import COMMITTED, REGENERATE, enabled, regenerate
from backyard_lint.export.regex import ExportError, for_javascript, for_vale, rule_patterns
from backyard_lint.export.vale import STYLE, file_name
from backyard_lint.model import Pattern, Rule, Settings, Severity

REPO = Path(__file__).resolve().parents[1]
LIMITS = "What this export cannot carry over: backyard-lint reads the context of each match"
SCHEMA = json.loads((REPO / "tests/data/vale-rule.schema.json").read_text(encoding="utf-8"))


def npm_folder() -> Path:
    folder = Path(os.environ.get("BACKYARD_LINT_NPM", Path.home() / ".cache/backyard-lint-npm"))
    binary = folder / "node_modules/.bin/textlint"
    if not binary.is_file() or not (folder / "node_modules/textlint-rule-prh").is_dir():
        pytest.fail(
            f"textlint and textlint-rule-prh are not installed in {folder}: run "
            f"'npm install --prefix {folder} textlint textlint-rule-prh' (as .ci/run does), "
            "or point BACKYARD_LINT_NPM at a folder that has them"
        )
    if shutil.which("node") is None:
        pytest.fail("node is not on PATH (Debian package nodejs; .ci/run installs it)")
    return folder


def test_the_committed_exports_are_up_to_date(tmp_path: Path, ruleset: RuleSet) -> None:
    fresh = regenerate(tmp_path, ruleset.rules)
    committed = REPO / COMMITTED
    names = sorted(p.relative_to(tmp_path).as_posix() for p in fresh)
    files = [p for p in committed.rglob("*") if p.is_file()]
    on_disk = sorted(p.relative_to(committed).as_posix() for p in files)
    assert on_disk == names, f"regenerate with: {REGENERATE}"
    for path in fresh:
        rel = path.relative_to(tmp_path)
        assert (committed / rel).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{rel} is stale; regenerate with: {REGENERATE}"
        )


def _vale_rules(ruleset: RuleSet) -> dict[str, dict[str, Any]]:
    folder = REPO / COMMITTED / "vale" / STYLE
    return {
        r.id: yaml.safe_load((folder / file_name(r)).read_text(encoding="utf-8"))
        for r in enabled(ruleset.rules)
    }


def test_vale_rules_follow_vales_rule_schema(ruleset: RuleSet) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for rule_id, data in _vale_rules(ruleset).items():
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{rule_id}: {errors}"
        # Vale fills '%s' with the match (existence) or the swap and the match (substitution).
        wanted = 1 if data["extends"] == "existence" else 2
        assert data["message"].replace("%%", "").count("%") == wanted, rule_id


def test_vale_rules_carry_level_link_swaps_and_the_names_a_rule_knows(ruleset: RuleSet) -> None:
    vale = _vale_rules(ruleset)
    for rule in enabled(ruleset.rules):
        data = vale[rule.id]
        assert data["level"] == rule.severity.value
        assert data["link"] == rule.doc_url
        assert len(data.get("exceptions", [])) == len(rule.exceptions)
    kiev = vale["exonym.kiev"]
    assert kiev["extends"] == "substitution"
    assert list(kiev["swap"].values()) == ["Kyiv"]
    assert any("chicken" in e for e in kiev["exceptions"])
    russia = vale["backyard.russia"]
    assert russia["extends"] == "existence"
    assert "%s" in russia["message"] and "{match}" not in russia["message"]
    assert all("\\pZ" not in t for t in russia["tokens"])  # Vale's syntax: \p{Z}


def test_every_export_starts_with_what_it_cannot_carry_over() -> None:
    committed = REPO / COMMITTED
    for path in committed.rglob("*.yml"):
        top = path.read_text(encoding="utf-8")[:1500]
        assert LIMITS in top and "backyard-lint check" in top, path
    rc = json.loads((committed / "textlint/.textlintrc.json").read_text(encoding="utf-8"))
    assert any("use from mention" in line for line in rc["_comment"])


def _paragraphs(texts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Markdown with each text as a paragraph, and each one's first and last line."""
    lines: list[str] = []
    spans = []
    for text in texts:
        first = len(lines) + 1
        lines += [*text.splitlines(), ""]
        spans.append((first, len(lines) - 1))
    return "\n".join(lines), spans


def test_textlint_with_the_prh_export_flags_every_bad_example(
    tmp_path: Path, ruleset: RuleSet
) -> None:
    npm = npm_folder()
    config = REPO / COMMITTED / "textlint/.textlintrc.json"
    examples = [(r.id, text) for r in enabled(ruleset.rules) for text in r.examples_bad]
    source, spans = _paragraphs([text for _, text in examples])
    doc = tmp_path / "bad.md"
    doc.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [
            "node",
            str(npm / "node_modules/.bin/textlint"),
            "--rules-base-directory",
            str(npm / "node_modules"),
            "--config",
            str(config),
            "--format",
            "json",
            str(doc),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # A dictionary whose specs fail does not load: textlint then exits 1 with an error, not
    # findings. The findings are warnings (textlint exits 0 for them).
    assert result.returncode == 0, result.stderr + result.stdout[:2000]
    messages = json.loads(result.stdout)[0]["messages"]
    assert all(m["ruleId"] == "prh" and m["severity"] == 1 for m in messages)
    for (rule_id, text), (first, last) in zip(examples, spans, strict=True):
        here = [m for m in messages if first <= m["line"] <= last]
        assert any(f"backyard-lint {rule_id} " in m["message"] for m in here), (rule_id, text)


def test_the_prh_dictionary_holds_each_rules_bad_examples_as_specs(ruleset: RuleSet) -> None:
    dictionary = REPO / COMMITTED / "textlint/backyard-lint.prh.yml"
    data = yaml.safe_load(dictionary.read_text(encoding="utf-8"))
    assert data["version"] == 1
    by_rule = {entry["prh"].split()[1]: entry for entry in data["rules"]}
    assert sorted(by_rule) == sorted(r.id for r in enabled(ruleset.rules))
    for rule in enabled(ruleset.rules):
        entry = by_rule[rule.id]
        assert entry["expected"] == rule.replacements[0].text
        assert [s["from"] for s in entry["specs"]] == list(rule.examples_bad)
        assert all(s["to"] != s["from"] for s in entry["specs"])
    assert "(safe fix)" in by_rule["exonym.kiev"]["prh"]
    assert "check the sentence" in by_rule["backyard.russia"]["prh"]


def test_javascript_patterns_spell_out_case_and_unicode_classes() -> None:
    assert for_javascript(r"\bKiev\b", ignore_case=True) == r"\b[kK][iI][eE][vV]\b"
    assert for_javascript(r"(?-i:US)[\s\pZ]+x", ignore_case=True) == r"(?:US)[\s\p{Z}]+[xX]"
    assert for_javascript(r"(?i:ab)c", ignore_case=False) == "(?:[aA][bB])c"
    assert for_javascript(r"[a-c'’\-](?s:.*)\.", ignore_case=True) == r"[a-cA-C'’\-](?:[^]*)\."
    assert for_javascript(r"(x|y){0,3}?", ignore_case=False) == "(?:x|y){0,3}?"
    assert for_vale(r"[\s\pZ]+", ignore_case=True) == r"(?i:[\s\p{Z}]+)"
    for bad in (r"\Qx\E", r"(?P<n>x)", "[[:alpha:]]", "(x", r"(?U:x)"):
        with pytest.raises(ExportError):
            for_javascript(bad, ignore_case=False)


def test_a_rule_that_cannot_be_exported_is_named() -> None:
    rule = Rule(
        id="custom.quoted",
        severity=Severity.WARNING,
        summary="s",
        message="m",
        patterns=(Pattern(r"\Qa.b\E"),),
        explanation="e",
        sources=(),
        examples_bad=(),
        examples_good=(),
        path="rules/custom.yaml",
    )
    with pytest.raises(ExportError, match=r"rules/custom.yaml: rule custom.quoted: cannot write"):
        rule_patterns(rule, javascript=True)


def test_the_export_command(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("export", "prh", str(tmp_path / "out" / "dict.yml"), cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out == f"wrote 1 file: {tmp_path / 'out' / 'dict.yml'}\n"
    assert LIMITS in (tmp_path / "out" / "dict.yml").read_text(encoding="utf-8")
    style = tmp_path / "styles" / STYLE
    style.mkdir(parents=True)
    (style / "Gone.yml").write_text("# Generated by `backyard-lint export vale`\n", "utf-8")
    (style / "Mine.yml").write_text("extends: existence\n", encoding="utf-8")
    result = cli("export", "vale", str(tmp_path / "styles"), cwd=tmp_path)
    assert result.code == 0
    assert (style / "ExonymKiev.yml").is_file()
    assert not (style / "Gone.yml").exists()  # a rule that no longer exists
    assert (style / "Mine.yml").is_file()  # not ours: kept
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    result = cli("export", "textlint", str(tmp_path / "plain"), cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"backyard-lint: cannot write {tmp_path / 'plain'}: ")
    assert "Traceback" not in result.err
    result = cli("export", "word", "x", cwd=tmp_path)
    assert result.code == 2


def test_an_opt_in_rule_is_exported_when_the_configuration_selects_it(
    cli: Callable[..., Any], tmp_path: Path, ruleset: RuleSet
) -> None:
    [opt_in, *_] = [r for r in ruleset.rules if not r.default]
    style = tmp_path / "styles" / STYLE
    assert cli("export", "vale", "styles", cwd=tmp_path).code == 0
    assert not (style / file_name(opt_in)).exists()
    (tmp_path / ".backyard-lint.yaml").write_text(f"select: [{opt_in.id}]\n", "utf-8")
    assert cli("export", "vale", "styles", cwd=tmp_path).code == 0
    assert (style / file_name(opt_in)).is_file()
    assert not (style / "ExonymKiev.yml").exists()  # stale: no longer selected


def _vale_alerts(data: dict[str, Any], text: str) -> list[tuple[int, int]]:
    """The spans Vale would report in ``text`` (one sentence), as its existence and
    substitution checks build their patterns (``nonword``: no added word boundaries) and drop a
    match that an exception finds. The ``regex`` module stands in for Vale's engine: both have
    scoped flags, Unicode classes and look-behind of any length."""
    import regex

    tokens = data["tokens"] if data["extends"] == "existence" else list(data["swap"])
    pattern = regex.compile("(?m)(?:" + "|".join(tokens) + ")")
    exceptions = sorted(data.get("exceptions", []), key=len, reverse=True)
    excepted = regex.compile(r"(?m)\b(?:" + "|".join(exceptions) + r")\b") if exceptions else None
    return [
        m.span()
        for m in pattern.finditer(text)
        if excepted is None or not excepted.search(m.group(0).strip())
    ]


def test_vale_patterns_flag_the_bad_examples_and_skip_the_names_a_rule_knows(
    ruleset: RuleSet,
) -> None:
    vale = _vale_rules(ruleset)
    for rule in enabled(ruleset.rules):
        everything = Settings(select=(rule.id,), show_mentions=True)
        data = vale[rule.id]
        for text in rule.examples_bad:
            assert _vale_alerts(data, text) == flagged_spans(rule, text), (rule.id, text)
        for text in rule.examples_good:
            if not lint_text(text, RuleSet([rule]), settings=everything):
                # no match, or only inside an exception: Vale must not report it either
                assert _vale_alerts(data, text) == [], (rule.id, text)


def test_its_backyard_belongs_to_the_power_named_nearest_before_it(ruleset: RuleSet) -> None:
    vale = _vale_rules(ruleset)
    text = "Beijing courts Kazakhstan while Moscow guards its backyard."
    start = text.index("its backyard")
    assert _vale_alerts(vale["backyard.russia"], text) == [(start, start + 12)]
    assert _vale_alerts(vale["backyard.china"], text) == []
