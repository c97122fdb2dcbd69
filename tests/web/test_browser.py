"""The page in a real browser: Debian's Chromium, headless, driven by Playwright, against a real
``backyard-lint serve`` process. Set ``BACKYARD_LINT_SCREENSHOT`` to a path to also save the
screenshot there (how docs/images/serve.png is made)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright
from web_helpers import ARTICLE, free_port, wait_for

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a running ``backyard-lint serve`` (started in an empty folder)."""
    port = free_port()
    folder: Path = tmp_path_factory.mktemp("serve")
    proc = subprocess.Popen(
        [sys.executable, "-m", "backyard_lint", "serve", "--port", str(port)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[BrowserContext]:
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh --user-data-dir
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def _check(page: Page, server: str, text: str) -> None:
    page.goto(server)
    page.fill("#input", text)
    page.click("#check")
    expect(page.locator("#results")).to_be_visible()


def test_paste_highlight_explain_apply_and_toggle(
    browser: BrowserContext, server: str, tmp_path: Path
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _check(page, server, ARTICLE)

    # exactly the use is highlighted, as a warning
    marks = page.locator("#doc mark")
    expect(marks).to_have_count(1)
    mark = marks.first
    assert mark.inner_text() == "Russia's backyard"
    assert mark.get_attribute("data-severity") == "warning"
    before = page.evaluate(
        "() => { const r = document.createRange();"
        " r.setStart(document.getElementById('doc'), 0);"
        " r.setEndBefore(document.querySelector('#doc mark')); return r.toString(); }"
    )
    assert before.endswith("For two decades Kazakhstan has been ")

    # the pasted markup stayed text: nothing ran, no element was made from it
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("#doc img, #doc script, #doc b").count() == 0
    assert "<script>window.pwned = 2</script>" in page.inner_text("#doc")

    # keyboard: Tab to the finding, Enter opens the explanation with its sources
    page.focus("#edit")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "MARK"
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    expect(panel.locator("h4", has_text="Sources")).to_be_visible()
    links = panel.locator(".sources a")
    assert links.count() >= 1
    for i in range(links.count()):
        assert (links.nth(i).get_attribute("href") or "").startswith("https://")
        assert links.nth(i).get_attribute("target") == "_blank"
    expect(panel.locator(".suggestions li").first).to_contain_text("Russia's neighbours")
    assert page.evaluate("() => document.activeElement.id") == "panel"
    page.keyboard.press("Escape")  # back to the passage
    assert page.evaluate("() => document.activeElement.tagName") == "MARK"

    # "show quotations and rejections": the other two, greyed, with their reasons
    page.check("#mentions")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "serve.png"), full_page=True)
    assert (tmp_path / "serve.png").stat().st_size > 10_000
    extra = os.environ.get("BACKYARD_LINT_SCREENSHOT")
    if extra:
        page.screenshot(path=extra)
    greyed = page.locator("#doc mark.sev-info")
    expect(greyed).to_have_count(2)
    reasons = [greyed.nth(i).get_attribute("title") or "" for i in range(2)]
    assert "mention" in reasons[0] and "quotation" in reasons[0]
    assert "negated" in reasons[1]
    page.uncheck("#mentions")
    expect(page.locator("#doc mark")).to_have_count(1)

    # apply a suggestion: the text changes, the highlight goes
    panel.locator(".suggestions button").first.click()
    expect(page.locator("#doc mark")).to_have_count(0)
    text = page.inner_text("#doc")
    assert "Kazakhstan has been Russia's neighbours, and" in text
    assert text.count("Russia's backyard") == 2  # the quotation and the rejection are untouched

    # copy the corrected text
    browser.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#copy")
    expect(page.locator("#status")).to_have_text("The text was copied.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "Russia's neighbours" in copied and copied.startswith("Trade between")

    # findings as CSV and JSON
    with page.expect_download() as got:
        page.click("#csv")
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8"))))
    assert [(r["severity"], r["reading"]) for r in rows] == [
        ("warning", "use"),
        ("info", "mention"),
        ("info", "negated"),
    ]
    assert rows[0]["applied"] == "Russia's neighbours"
    with page.expect_download() as got:
        page.click("#json")
    data = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
    assert [f["rule"] for f in data["findings"]] == ["backyard.russia"] * 3

    assert not errors
    assert all(url.startswith(server) for url in requests)  # nothing from elsewhere


def test_upload_a_word_document_and_download_it_fixed(
    browser: BrowserContext, server: str, tmp_path: Path
) -> None:
    d = docx.Document()
    p = d.add_paragraph("Flights to ")
    bold = p.add_run("Kiev")
    bold.bold = True
    p.add_run(" resumed in the spring; trains to Kharkov never stopped.")
    d.add_paragraph("The minister said: Kiev is far.", style="Quote")
    path = tmp_path / "dispatch.docx"
    d.save(str(path))

    page = browser.new_page()
    page.goto(server)
    page.set_input_files("#file", str(path))
    expect(page.locator("#results")).to_be_visible()
    expect(page.locator("#doc mark")).to_have_count(2)  # the quoted "Kiev" is not flagged
    assert page.locator("#doc mark").all_inner_texts() == ["Kiev", "Kharkov"]
    page.click("#apply-all")
    expect(page.locator("#doc mark")).to_have_count(0)
    with page.expect_download() as got:
        page.click("#download-docx")
    assert got.value.suggested_filename == "dispatch.fixed.docx"
    fixed = docx.Document(str(got.value.path()))
    first = fixed.paragraphs[0]
    assert first.text == "Flights to Kyiv resumed in the spring; trains to Kharkiv never stopped."
    assert [(r.text, r.bold) for r in first.runs][1] == ("Kyiv", True)
    assert fixed.paragraphs[1].text == "The minister said: Kiev is far."


def test_a_file_over_the_size_limit_gets_a_clear_error(
    browser: BrowserContext, server: str, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    page = browser.new_page()
    page.goto(server)
    page.set_input_files("#file", str(big))
    expect(page.locator("#error")).to_contain_text("larger than the limit of 10 MB")
    assert page.locator("#results").is_hidden()


def test_dropping_a_file_and_reading_at_200_percent_zoom(
    browser: BrowserContext, server: str
) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": 640, "height": 450})  # 1280 x 900 at 200% zoom
    page.goto(server)
    page.evaluate(
        """() => {
            const data = new DataTransfer();
            const text = "# Notes\\n\\nThe `Kiev` office moved; flights to Kiev resumed.\\n";
            data.items.add(new File([text], "notes.md", { type: "text/markdown" }));
            const drop = document.getElementById("drop");
            drop.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true }));
        }"""
    )
    marks = page.locator("#doc mark")
    expect(marks).to_have_count(1)  # inline code is not prose
    assert page.inner_text("#doc").startswith("# Notes")
    # nothing is wider than the window, and every control stays reachable
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 640
    marks.first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel .suggestions li").first).to_contain_text("Kyiv")
    box = page.locator("#panel").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 640


def test_apply_all_asks_the_server_for_the_fix_policy(
    browser: BrowserContext, server: str
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    text = "The Stans are poor. Flights to Kiev resumed. Kiev: A Biography is a book."
    _check(page, server, text)
    expect(page.locator("#doc mark")).to_have_count(3)

    # one suggestion by hand: the server's edit covers the article and keeps the capital;
    # the one that would not fit the sentence ("Central Asia are poor") is advice only
    page.locator("#doc mark").first.click()
    panel = page.locator("#panel")
    expect(panel.locator(".advice")).to_contain_text("Central Asia")
    panel.locator(".suggestions li", has_text="Central Asian countries").locator("button").click()
    assert page.inner_text("#doc").startswith("The Central Asian countries are poor.")

    # all safe fixes: the server decides, the title is left as it is
    page.click("#apply-all")
    expect(page.locator("#status")).to_have_text("Applied 1 safe fix.")
    assert page.inner_text("#doc") == (
        "The Central Asian countries are poor. Flights to Kyiv resumed. "
        "Kiev: A Biography is a book."
    )
    expect(page.locator("#doc mark")).to_have_count(1)
    assert page.locator("#apply-all").is_disabled()
    assert posted == [server + "api/check", server + "api/fix-all"]
    assert not errors
