"""Coverage-guided fuzzing of what a user or a rule pack hands the tool (atheris): configuration
files, rule files, globs and rule patterns.

Run (see fuzz/README.md):

    pip install atheris
    python fuzz/fuzz_config.py fuzz/work/config-corpus -dict=fuzz/config.dict -max_total_time=600

Byte 0 of an input picks the target, the rest is the text (UTF-8, invalid bytes replaced):
- ``yaml-config``: the text as ``.backyard-lint.yaml``, loaded and validated;
- ``toml-config``: the text as ``pyproject.toml``;
- ``rule``: the text as a rule file, parsed and validated;
- ``glob``: the text's first line as a glob, matched against its second line as a path;
- ``pattern``: the text as a rule pattern: if RE2 takes it, its widened forms are rewritten
  and compiled (or refused with a reason).
Only ``ConfigError`` and ``RuleError`` (one line each) may come out; any other exception is a
crash (libFuzzer saves the input). A file that takes more than a few seconds is a timeout.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import yaml  # noqa: F401 - instrumented with the loaders

    from backyard_lint import config, rules, tolerant, yamlsafe  # noqa: F401
    from backyard_lint.config import ConfigError
    from backyard_lint.rules import RuleError

TARGETS = ("yaml-config", "toml-config", "rule", "glob", "pattern")
FOLDER = Path(tempfile.mkdtemp(prefix="backyard-fuzz-"))


def one_line(exc: BaseException) -> None:
    message = str(exc)
    if "\n" in message or not message:
        raise AssertionError(f"not one line: {message!r}")


def run_target(target: str, text: str) -> None:
    try:
        if target in ("yaml-config", "toml-config"):
            name = ".backyard-lint.yaml" if target == "yaml-config" else "pyproject.toml"
            path = FOLDER / name
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            config.load(path)
        elif target == "rule":
            rules.parse_rule(text, "fuzz/rule.yaml")
        elif target == "glob":
            glob, _, rel = text.partition("\n")
            config.glob_match(glob, rel)
        elif tolerant.refusal(text) is None:
            tolerant.problem(text, case_sensitive=False)
    except (ConfigError, RuleError, config.GlobError) as exc:
        one_line(exc)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    run_target(target, data[1:].decode("utf-8", "replace"))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
