"""The rule cache: start-up skips YAML and validation, yet a changed rule file is always seen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backyard_lint import rulecache
from backyard_lint import rules as rules_mod
from backyard_lint.rules import RuleError, load_rules

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "tests" / "data" / "extra-rules"


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in rules standing in for the real ones, and a private cache folder."""
    folder = tmp_path / "rules"
    shutil.copytree(REPO / "rules", folder)
    monkeypatch.setattr(rules_mod, "builtin_rules_dir", lambda: folder)
    monkeypatch.setenv("BACKYARD_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BACKYARD_LINT_NO_CACHE", raising=False)
    return folder


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = rules_mod.parse_rule

    def spy(raw: str, path: str) -> rules_mod.Rule:
        parsed.append(path)
        return real(raw, path)

    monkeypatch.setattr(rules_mod, "parse_rule", spy)
    return parsed


def test_second_load_comes_from_the_cache_and_is_equal(
    builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_rules([builtin])
    assert len(list((tmp_path / "cache").glob("rules-*.marshal"))) == 1
    parsed = _no_parsing(monkeypatch)
    second = load_rules([builtin])
    assert parsed == []
    assert second == first  # every field, nested sources and patterns included


def test_a_changed_rule_file_is_parsed_again_even_with_the_same_size(
    builtin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = builtin / "backyard" / "russia.yaml"
    load_rules([builtin])
    text = path.read_text(encoding="utf-8")
    assert "severity: warning" in text
    changed = text.replace("severity: warning", "severity: error  ", 1)  # same length
    assert len(changed) == len(text)
    stat = path.stat()
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even the mtime is unchanged
    parsed = _no_parsing(monkeypatch)
    by_id = {r.id: r for r in load_rules([builtin])}
    assert parsed == [str(path)]
    assert by_id["backyard.russia"].severity.value == "error"


def test_a_broken_rule_file_is_an_error_although_the_cache_holds_the_old_one(
    builtin: Path,
) -> None:
    load_rules([builtin])
    path = builtin / "backyard" / "russia.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: warning", "severity: loud"))
    with pytest.raises(RuleError, match=r"russia\.yaml.*severity"):
        load_rules([builtin])


def test_added_and_removed_rule_files_are_seen(builtin: Path) -> None:
    before = {r.id for r in load_rules([builtin])}
    (builtin / "demo").mkdir()
    shutil.copy(DEMO / "demo" / "old-city.yaml", builtin / "demo" / "old-city.yaml")
    assert {r.id for r in load_rules([builtin])} == before | {"demo.old-city"}
    (builtin / "demo" / "old-city.yaml").unlink()
    (builtin / "backyard" / "russia.yaml").unlink()
    after = {r.id for r in load_rules([builtin])}
    assert after == before - {"backyard.russia"}


def test_a_corrupt_cache_is_ignored(builtin: Path, tmp_path: Path) -> None:
    first = load_rules([builtin])
    for cache_file in (tmp_path / "cache").glob("rules-*.marshal"):
        cache_file.write_bytes(cache_file.read_bytes()[:100])  # cut short
    assert load_rules([builtin]) == first


def test_a_foreign_cache_entry_is_ignored(builtin: Path, tmp_path: Path) -> None:
    import marshal

    first = load_rules([builtin])
    (cache_file,) = (tmp_path / "cache").glob("rules-*.marshal")
    data = marshal.loads(cache_file.read_bytes())
    for entry in data["files"].values():
        entry["rule"] = {"id": "from.elsewhere"}  # an older layout: missing fields
    cache_file.write_bytes(marshal.dumps(data))
    assert load_rules([builtin]) == first


def test_an_unwritable_cache_folder_does_not_fail_the_run(
    builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("BACKYARD_LINT_CACHE_DIR", str(blocker / "cache"))
    assert load_rules([builtin])


def test_caching_can_be_turned_off(
    builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKYARD_LINT_NO_CACHE", "1")
    load_rules([builtin])
    assert not (tmp_path / "cache").exists()


def test_extra_rule_folders_are_validated_on_every_run(
    builtin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_rules([builtin, DEMO])
    parsed = _no_parsing(monkeypatch)
    load_rules([builtin, DEMO])
    assert parsed == [str(DEMO / "demo" / "old-city.yaml")]


def test_start_up_imports_no_yaml_and_no_markup_parser_when_the_cache_is_warm(
    tmp_path: Path,
) -> None:
    """A clean file with a warm cache: no YAML, no classifier, no Markdown or reST parser."""
    clean = tmp_path / "notes.md"
    clean.write_text("# Notes\n\nNothing to see here.\n", encoding="utf-8")
    env_cache = {"BACKYARD_LINT_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import sys\n"
        "from backyard_lint.cli import main\n"
        f"code = main(['check', {str(clean)!r}])\n"
        "heavy = sorted(m for m in ('yaml', 'markdown_it', 'docutils', 'pygls', 'proselint',"
        " 'backyard_lint.readings.classifier', 'backyard_lint.formats.markdown')"
        " if m in sys.modules)\n"
        "print(int(code), heavy)\n"
    )
    env = {**os.environ, **env_cache}
    outputs = []
    for _ in range(3):  # the first run fills the cache (a rule edited meanwhile refills it)
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
        )
        outputs.append(done.stdout.strip().splitlines()[-1])
    assert "0 []" in outputs[1:], outputs


def test_old_cache_files_are_pruned(builtin: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for i in range(rulecache.CACHE_FILES_KEPT + 5):
        old = cache / f"rules-{i:08x}.marshal"
        old.write_bytes(b"x")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    load_rules([builtin])
    left = sorted(p.name for p in cache.glob("rules-*.marshal"))
    assert len(left) == rulecache.CACHE_FILES_KEPT
    assert "rules-00000000.marshal" not in left
