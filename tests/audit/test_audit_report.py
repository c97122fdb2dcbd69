"""``report.html`` on its own: self-contained (nothing fetched, in a real browser too), its
charts drawn, and every value from the archive shown as text."""

from __future__ import annotations

import re
from pathlib import Path

from audit_helpers import fetched_urls, make_archive, write_jsonl
from playwright.sync_api import sync_playwright

from backyard_lint.audit import charts, page, report, tables
from backyard_lint.audit.linting import JobSettings, build_ruleset, lint_part
from backyard_lint.audit.sources import Columns, plan

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update"]  # fmt: skip


def _report(source: Path, out: Path) -> Path:
    """The page the command writes, made here without Dask: each partition linted in this
    process, then the same tables, aggregates and page."""
    ruleset = build_ruleset()
    parts = plan(str(source), Columns(), partitions=3).parts
    (out / tables.PARTS).mkdir(parents=True)
    for part in parts:
        tables.write_part(out, part.index, *lint_part(part, JobSettings(), ruleset))
    tables.combine(out, len(parts))
    path = out / "report.html"
    path.write_text(page.render(report.aggregate(out), str(source)), encoding="utf-8")
    return path


def _hostile(count: int) -> list[dict[str, str]]:
    archive = make_archive(count, labelled=0.8)
    for i, row in enumerate(archive.rows):
        if i % 3 == 0:  # a third of the rows in a section and by an author named to do harm
            row["section"] = '<script>alert("section")</script>'
            row["author"] = '"><img src="https://tracker.example/a.png">'
        if i % 2 == 0:
            row["url"] = "javascript:alert(1)"
    return archive.rows


def test_the_report_in_a_browser_fetches_nothing(tmp_path: Path) -> None:
    archive = make_archive(150, labelled=0.6)
    path = _report(write_jsonl(archive, tmp_path / "a.jsonl"), tmp_path / "audit")
    html = path.read_text(encoding="utf-8")
    assert fetched_urls(html) == []
    assert 'href="https://news.example/' in html  # links to the documents: followed, not fetched
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            tab = browser.new_page(viewport={"width": 1100, "height": 900})
            requests: list[str] = []
            tab.on("request", lambda r: requests.append(r.url))
            tab.route(re.compile(r"^https?://"), lambda route: route.abort())
            tab.goto(path.as_uri())
            tab.wait_for_load_state("networkidle")
            assert requests == [path.as_uri()]  # the page itself, and nothing else
            charts_drawn = tab.locator("svg")
            assert charts_drawn.count() == 4
            for i in range(4):
                box = charts_drawn.nth(i).bounding_box()
                assert box is not None and box["width"] > 500 and box["height"] > 100
            # the charts' text is text: the families are in the legend, the years on the axis
            first = charts_drawn.nth(0).inner_html()
            assert "post-soviet" in first and "2021" in first
        finally:
            browser.close()


def test_values_from_the_archive_are_text(tmp_path: Path) -> None:
    rows = _hostile(90)
    source = tmp_path / "a.jsonl"
    archive = make_archive(0)
    archive.rows = rows
    html = _report(write_jsonl(archive, source), tmp_path / "audit").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;section&quot;)&lt;/script&gt;" in html  # a table cell
    assert 'href="javascript:' not in html
    assert fetched_urls(html) == []


def test_names_are_drawn_as_they_are() -> None:
    svg = charts.ranking(["$5 and $10", "a $x^2$ b", "A & B <c>"], [3, 2, 1], "uses")
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert {"$5 and $10", "a $x^2$ b", "A &amp; B &lt;c&gt;"} <= set(texts)


def test_every_reading_has_its_words() -> None:
    from backyard_lint.model import Context

    assert report.READINGS[0] == "use"
    assert set(report.READINGS) == {str(c) for c in Context} == set(report.READING_WORDS)
