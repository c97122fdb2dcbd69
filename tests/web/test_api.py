"""The page's server without a browser: the API's answers, limits and headers, and the command."""

from __future__ import annotations

import base64
import io
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from starlette.testclient import TestClient

from backyard_lint import edits
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.model import Settings
from backyard_lint.web.api import Linter, Units
from backyard_lint.web.app import create_app


@pytest.fixture
def client(ruleset: RuleSet) -> TestClient:
    app = create_app(Linter(ruleset, Settings()), limit=64 * 1024)
    return TestClient(app, base_url="http://127.0.0.1:8765")


def _docx(*paragraphs: str) -> bytes:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_check_returns_uses_and_the_readings_that_were_not_flagged(client: TestClient) -> None:
    text = "😀 Kazakhstan is Russia's backyard. He called it \"Russia's backyard\"."
    answer = client.post("/api/check", json={"text": text}).json()
    found = [(f["severity"], f["reading"], f["start"], f["end"]) for f in answer["findings"]]
    # offsets in UTF-16 units, as the page counts them: the emoji takes two
    assert found[0] == ("warning", "use", 17, 34)
    assert found[1][:2] == ("info", "mention")
    assert answer["findings"][1]["reason"]
    rule = answer["rules"]["backyard.russia"]
    assert rule["sources"] and all(s["url"].startswith("https://") for s in rule["sources"])
    assert rule["explanation"]


def test_units_convert_both_ways() -> None:
    units = Units("a😀b😀c")
    assert [units.utf16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [units.code_points(units.utf16(i)) for i in range(6)] == list(range(6))


def test_files_by_name_and_clear_errors(client: TestClient) -> None:
    md = client.post("/api/file?name=a.md", content=b"`Kiev` and Kiev\n").json()
    assert md["format"] == "markdown"
    assert [f["start"] for f in md["findings"]] == [11]
    word = client.post("/api/file?name=a.docx", content=_docx("One.", "Flights to Kiev.")).json()
    assert word["format"] == "docx"
    assert word["text"] == "One.\n\nFlights to Kiev."
    assert [(f["start"], f["where"]) for f in word["findings"]] == [(17, "paragraph 2")]
    bad = client.post("/api/file?name=a.docx", content=b"not a zip")
    assert bad.status_code == 400
    assert "not a zip archive" in bad.json()["error"]
    latin = client.post("/api/file?name=a.txt", content="Kiev café".encode("latin-1"))
    assert latin.status_code == 400 and "not valid UTF-8" in latin.json()["error"]


def test_requests_over_the_limit_are_refused(client: TestClient) -> None:
    answer = client.post("/api/check", json={"text": "x" * 70_000})
    assert answer.status_code == 413
    assert "larger than the limit of 0.0625 MB" in answer.json()["error"]


def test_fixed_docx_applies_the_chosen_changes_in_the_runs(client: TestClient) -> None:
    original = _docx("Intro.", "Flights to Kiev and Kharkov.")
    changes = [[19, 23, "Kyiv"], [28, 35, "Kharkiv"]]
    body = {"name": "trip.docx", "data": base64.b64encode(original).decode(), "changes": changes}
    answer = client.post("/api/fixed-docx", json=body)
    assert answer.status_code == 200
    assert "trip.fixed.docx" in answer.headers["content-disposition"]
    fixed = docx.Document(io.BytesIO(answer.content))
    assert [p.text for p in fixed.paragraphs] == ["Intro.", "Flights to Kyiv and Kharkiv."]
    body["changes"] = [[3, "x", "y"]]
    assert client.post("/api/fixed-docx", json=body).status_code == 400


# A use, a title, a plural label before a verb, a quoted mention and an all-caps heading.
FIX_TEXT = (
    "The Stans are poor. Flights to Kiev resumed. Kiev: A Biography is a book. "
    'She sang "Kiev" twice.\n\nFLIGHTS TO KIEV\n'
)


def test_fix_all_is_the_one_fix_policy(client: TestClient, ruleset: RuleSet) -> None:
    answer = client.post("/api/fix-all", json={"text": FIX_TEXT}).json()
    found = lint_text(FIX_TEXT, ruleset, fmt="plain", settings=Settings(show_mentions=True))
    expected = edits.fix_all(FIX_TEXT, found, safe_only=True)
    assert [(f["start"], f["end"], f["text"]) for f in answer["fixes"]] == expected
    fixed = edits.apply(FIX_TEXT, expected)
    assert "Flights to Kyiv resumed. Kiev: A Biography" in fixed  # the title stays
    assert '"Kiev"' in fixed and "FLIGHTS TO KYIV" in fixed  # the mention stays; case kept
    check = client.post("/api/check", json={"text": FIX_TEXT}).json()["findings"]
    # each fix names its finding in the check's answer, which says fix-all takes it
    assert all(check[f["finding"]]["automatic"] for f in answer["fixes"])
    title = next(f for f in check if f["start"] == FIX_TEXT.index("Kiev:"))
    assert not title["automatic"] and title["held"] == "part of a name or title"


def test_each_replacement_comes_with_the_edit_that_fits_or_none(client: TestClient) -> None:
    check = client.post("/api/check", json={"text": FIX_TEXT}).json()["findings"]
    stans = {r["text"]: r["fix"] for r in check[0]["replacements"]}
    assert stans["Central Asia"] is None  # "Central Asia are poor": advice only
    # the range covers the article; the case is the policy's
    assert stans["the Central Asian countries"] == {
        "start": 0,
        "end": 9,
        "text": "The Central Asian countries",
    }


def test_fix_all_on_a_word_document_leaves_its_quotations(client: TestClient) -> None:
    d = docx.Document()
    d.add_paragraph("Flights to Kiev resumed.")
    d.add_paragraph("Kiev is far.", style="Quote")
    out = io.BytesIO()
    d.save(out)
    body = {"name": "a.docx", "data": base64.b64encode(out.getvalue()).decode()}
    answer = client.post("/api/fix-all", json=body).json()
    assert answer == {"fixes": [{"finding": 0, "start": 11, "end": 15, "text": "Kyiv"}]}
    assert client.post("/api/fix-all", json={"name": "a.docx", "data": "!"}).status_code == 400
    assert client.post("/api/fix-all", json=[1]).status_code == 400


def test_headers_and_hosts(client: TestClient) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_serve_says_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "backyard_lint", "serve", "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert run.returncode == 2
    assert run.stderr.startswith(f"backyard-lint: cannot listen on 127.0.0.1:{port}: ")
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--port", "70000"], "--port must be between 0 and 65535, not 70000"),
        (["--max-size", "0"], "--max-size must be a positive number of megabytes, not 0"),
    ],
)
def test_serve_rejects_bad_options_in_one_line(
    cli: Callable[..., Any], option: list[str], message: str
) -> None:
    result = cli("serve", *option)
    assert result.code == 2
    assert result.err.startswith(f"backyard-lint: {message}")
    assert len(result.err.splitlines()) == 1
