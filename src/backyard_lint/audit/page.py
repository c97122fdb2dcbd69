"""``report.html``: one self-contained page (inline CSS and SVG charts; nothing fetched).

Every value from the archive is escaped; a document's URL becomes a link only when it is an
http or https address.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from backyard_lint import __version__
from backyard_lint.audit import charts
from backyard_lint.audit.report import (
    READING_WORDS,
    READINGS,
    Audit,
    Ranked,
    share_series,
    year_series,
)

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.meta { color: #666; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .5rem .8rem; min-width: 7rem; }
.card b { display: block; font-size: 1.3rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid #eee; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { max-width: 100%; height: auto; }
.note { color: #666; font-size: .9rem; }
"""


def _n(value: int) -> str:
    return f"{value:,}"


def _rate(value: float) -> str:
    """Uses per 1,000 documents: always one decimal, so that a column lines up."""
    return f"{value:,.1f}"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: set[int]) -> str:
    cls = [' class="n"' if i in numeric else "" for i in range(len(head))]
    out = ["<table><tr>" + "".join(f"<th{cls[i]}>{h}</th>" for i, h in enumerate(head)) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td{cls[i]}>{c}</td>" for i, c in enumerate(row)) + "</tr>")
    return "\n".join([*out, "</table>"])


def _link(text: str, url: str | None) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url)}">{escape(text)}</a>'
    return escape(text)


def _cards(audit: Audit) -> str:
    items = [
        ("documents", audit.documents),
        ("matches", audit.matches),
        ("uses", audit.uses),
        ("other readings", audit.matches - audit.uses),
        ("documents with an error", audit.errors),
        ("dates not read", audit.bad_dates),
    ]
    cards = "".join(f'<div class="card"><b>{_n(v)}</b>{escape(k)}</div>' for k, v in items)
    return f'<div class="cards">{cards}</div>'


def _readings(audit: Audit) -> str:
    rows = []
    for family in audit.families:
        counts = audit.by_family[family]
        rows.append([escape(family), *(_n(counts.get(r, 0)) for r in READINGS)])
    legend = "; ".join(f"<b>{r}</b>: {escape(w)}" for r, w in READING_WORDS.items())
    head = ["family", *READINGS]
    return _table(head, rows, set(range(1, len(head)))) + f'<p class="note">{legend}.</p>'


def _over_time(audit: Audit) -> str:
    years = audit.years
    if not years:
        return '<p class="note">No document has a date that could be read: no chart by year.</p>'
    uses = year_series(audit, ("use",))
    others = year_series(audit, tuple(r for r in READINGS if r != "use"))
    parts = ["<h2>Uses and other readings per year, by family</h2>"]
    parts.append(charts.per_year(years, uses, others))
    rows = []
    for i, year in enumerate(years):
        use = sum(v[i] for v in uses.values())
        other = sum(v[i] for v in others.values())
        docs = audit.documents_per_year.get(year, 0)
        rate = 1000 * use / docs if docs else 0
        rows.append([str(year), _n(docs), _n(use), _n(other), _rate(rate)])
    head = ["year", "documents", "uses", "other readings", "uses per 1,000 documents"]
    parts.append(_table(head, rows, {1, 2, 3, 4}))
    parts.append("<h2>Share of quotations and rejections over time</h2>")
    parts.append(charts.shares(years, share_series(audit)))
    parts.append(
        '<p class="note">Quotations: matches read as <i>mention</i> (in quotation marks, or '
        "named as a term); rejections: read as <i>negated</i>. Shares of all matches that year."
        "</p>"
    )
    return "\n".join(parts)


def _ranking(title: str, ranked: list[Ranked]) -> str:
    if not ranked:
        return ""
    names = [r.name for r in ranked]
    chart = charts.ranking(names, [r.per_thousand for r in ranked], "uses per 1,000 documents")
    rows = [[escape(r.name), _n(r.documents), _n(r.uses), _rate(r.per_thousand)] for r in ranked]
    head = [title.lower(), "documents", "uses", "uses per 1,000 documents"]
    return (
        f"<h2>Top {escape(title.lower())}s by uses per 1,000 documents</h2>\n"
        + chart
        + (_table(head, rows, {1, 2, 3}))
    )


def _top_documents(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<h2>Documents with most uses</h2><p>No document has a use.</p>"
    body = [
        [
            _link(str(r["doc_id"]), r["url"]),
            escape(str(r["date"] or "")),
            escape(r["section"] or ""),
            _n(r["uses"]),
            _n(r["matches"]),
        ]
        for r in rows
    ]
    head = ["document", "date", "section", "uses", "matches"]
    return "<h2>Documents with most uses</h2>\n" + _table(head, body, {3, 4})


def _errors(audit: Audit) -> str:
    if not audit.errors:
        return ""
    rows = [[escape(str(r["doc_id"])), escape(r["error"])] for r in audit.error_samples]
    more = audit.errors - len(rows)
    note = f'<p class="note">and {more:,} more in documents.parquet.</p>' if more > 0 else ""
    return (
        "<h2>Documents that could not be linted</h2>\n"
        + _table(["document", "error"], rows, set())
        + note
    )


def render(audit: Audit, source: str) -> str:
    """The whole page."""
    sections = [
        f"<h1>Audit of {escape(source)}</h1>",
        f'<p class="meta">backyard-lint {escape(__version__)}: dismissive regional labels, '
        "and how each was used.</p>",
        _cards(audit),
        "<h2>Matches by family and reading</h2>",
        _readings(audit),
        _over_time(audit),
        _ranking("Section", audit.sections),
        _ranking("Author", audit.authors),
        _top_documents(audit.top_documents),
        _errors(audit),
    ]
    body = "\n".join(s for s in sections if s)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Audit of {escape(source)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n"
    )
