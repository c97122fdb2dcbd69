"""The report's charts as inline SVG (matplotlib, no network, no JavaScript).

Text stays text in the SVG (``svg.fonttype: none``), so the charts are small, sharp and
searchable; no date is written into them, so the same audit gives the same page. Names from
the archive are drawn as they are: matplotlib reads no ``$...$`` formula in them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, cast

_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "backyard-lint",
    "text.parse_math": False,  # a section or author named "$5 and $10" is text, not a formula
    "font.size": 9,
    "font.family": "sans-serif",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
}


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _years_axis(ax: Any, ticks: int) -> None:
    """Whole years on the x axis, at most about ``ticks`` of them labelled."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=ticks, integer=True))


def per_year(years: Sequence[int], uses: dict[str, list[int]], others: dict[str, list[int]]) -> str:
    """Two panels sharing one scale: uses, then the other readings, per year and family."""
    from matplotlib import rc_context

    with rc_context(cast(Any, _STYLE)):
        fig = _figure(8.5, 3.2)
        left, right = fig.subplots(1, 2, sharey=True)
        families = sorted(set(uses) | set(others))
        for family in families:
            left.plot(years, uses.get(family, [0] * len(years)), marker="o", ms=3, label=family)
            right.plot(years, others.get(family, [0] * len(years)), marker="o", ms=3)
        left.set_title("Uses (the writer's own words)")
        right.set_title("Other readings (quoted, rejected...)")
        left.set_ylabel("matches")
        for ax in (left, right):
            _years_axis(ax, 5)
            ax.set_ylim(bottom=0)
        if families:
            fig.legend(loc="outside right upper", frameon=False)
        return _svg(fig)


def shares(years: Sequence[int], series: dict[str, list[float | None]]) -> str:
    """The share of matches that are quotations and rejections, per year (percent)."""
    from matplotlib import rc_context

    with rc_context(cast(Any, _STYLE)):
        fig = _figure(8.5, 2.8)
        ax = fig.subplots()
        for label, values in series.items():
            points = [(y, 100 * v) for y, v in zip(years, values, strict=True) if v is not None]
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", ms=3, label=label)
        ax.set_ylabel("% of matches")
        ax.set_ylim(0, 100)
        _years_axis(ax, 10)
        ax.legend(frameon=False)
        return _svg(fig)


def ranking(names: Sequence[str], values: Sequence[float], xlabel: str) -> str:
    """Horizontal bars, the first name on top."""
    from matplotlib import rc_context

    with rc_context(cast(Any, _STYLE)):
        fig = _figure(8.5, 0.5 + 0.28 * max(len(names), 1))
        ax = fig.subplots()
        shown = [n if len(n) <= 40 else n[:39] + "…" for n in names]
        ax.barh(range(len(names)), list(values), color="#4c72b0")
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels(shown)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        return _svg(fig)
