"""The server object in process, for failures that are hard to provoke over stdio."""

from __future__ import annotations

import pytest

from backyard_lint.lsp import server as srv
from backyard_lint.lsp.documents import Document


def test_a_crashing_lint_is_reported_once_and_reports_nothing(monkeypatch, tmp_path):
    server = srv.create_server()
    shown: list[str] = []
    monkeypatch.setattr(server, "show_once", lambda message, kind=None: shown.append(message))

    def boom(*args, **kwargs):
        raise RuntimeError("adapter bug")

    monkeypatch.setattr(srv, "lint_text", boom)
    doc = Document((tmp_path / "x.md").as_uri(), "It is Russia's backyard.\n")
    assert server.lint(doc).findings == []
    assert shown == ["backyard-lint: could not lint x.md: RuntimeError: adapter bug"]


@pytest.mark.parametrize("fmt_error", [ModuleNotFoundError("No module named 'x'")])
def test_a_missing_adapter_falls_back_to_plain_text(monkeypatch, tmp_path, fmt_error):
    server = srv.create_server()
    shown: list[str] = []
    monkeypatch.setattr(server, "show_once", lambda message, kind=None: shown.append(message))
    real = srv.lint_text

    def no_markdown(text, ruleset, *, fmt="plain", settings=None):
        if fmt != "plain":
            raise fmt_error
        return real(text, ruleset, fmt=fmt, settings=settings)

    monkeypatch.setattr(srv, "lint_text", no_markdown)
    doc = Document((tmp_path / "x.md").as_uri(), "Kazakhstan has long been Russia's backyard.\n")
    assert [f.rule for f in server.lint(doc).findings] == ["backyard.russia"]
    assert "linting as plain text" in shown[0]


def test_a_pathological_glob_does_not_freeze_the_server(tmp_path):
    # With backtracking, each of these globs against this path would take longer than the age
    # of the universe; compiled to RE2 they answer at once.
    glob = "*a*a*a*a*a*a*a*a*a*a*a*a*b"
    (tmp_path / ".git").mkdir()
    (tmp_path / ".backyard-lint.yaml").write_text(
        f'exclude: ["{glob}"]\nper-file-ignores:\n  "{glob}": [backyard]\n', encoding="utf-8"
    )
    folder = tmp_path / ("a" * 200) / ("a" * 200)
    folder.mkdir(parents=True)
    server = srv.create_server()
    doc = Document((folder / ("a" * 100 + ".md")).as_uri(), "It is Russia's backyard.\n")
    assert [f.rule for f in server.lint(doc).findings] == ["backyard.russia"]
    assert server._problems == {}
