"""``backyard-lint trace``: each signal's verdict, in order, for a marked span or a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from backyard_lint.readings.classifier import SIGNALS


def test_a_marked_sentence_lists_every_signal_in_order(cli: Callable[..., object]) -> None:
    result = cli("trace", "Don't call Kazakhstan [Russia's backyard].")
    assert result.code == 0  # type: ignore[attr-defined]
    lines = result.out.splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "'Russia's backyard' (backyard.russia): negated, rejected: 'Don't call'"
    assert [line.split()[0] for line in lines[1:]] == [name for name, _ in SIGNALS]
    assert "  rejected    holds: negated (rejected: 'Don't call')" in lines
    assert "  quoted      -" in lines


def test_a_use_shows_no_signal_holding(cli: Callable[..., object]) -> None:
    result = cli("trace", "Investors flock to [Russia's backyard].")
    lines = result.out.splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "'Russia's backyard' (backyard.russia): use"
    assert all(line.endswith(" -") for line in lines[1:])


def test_every_match_in_a_file(cli: Callable[..., object], tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text("# Notes\n\nWe crossed the Stans.\n\nThe term *near abroad* is old.\n")
    result = cli("trace", str(doc))
    out = result.out  # type: ignore[attr-defined]
    assert f"{doc}:3: 'Stans' (stans.the-stans): use" in out
    assert f"{doc}:5: 'near abroad' (near-abroad.near-abroad): mention" in out


def test_bad_input_is_one_line(cli: Callable[..., object]) -> None:
    result = cli("trace", "No brackets here at all.")
    assert result.code == 2  # type: ignore[attr-defined]
    err = result.err  # type: ignore[attr-defined]
    assert err.startswith("backyard-lint: mark the span") and err.count("\n") == 1
    result = cli("trace", "Nothing to [flag] here.")
    assert "no rule matches the marked span" in result.err  # type: ignore[attr-defined]
    result = cli("trace", "[Kiev] today.", "--rule", "no.such-rule")
    assert "unknown rule 'no.such-rule'" in result.err  # type: ignore[attr-defined]
