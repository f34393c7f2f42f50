"""Plotly figures for the dashboard, one colour per cause across every chart.

Each function takes a small aggregate frame from :mod:`cx.trends` and returns a figure.
Clickable marks carry what identifies them in ``customdata`` (the layout of
``cx.trends.DRILLDOWN_CHARTS``) so a click can be turned back into filters. Text that
comes from users' data (team names, theme labels) is HTML-escaped: Plotly renders a
subset of HTML in labels.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from cx.taxonomy import NONE, Taxonomy

__all__ = [
    "LADDER_COLORS",
    "LADDER_LABELS",
    "THEME_PALETTE",
    "cause_bars",
    "cause_matrix",
    "cause_share_over_time",
    "empty_figure",
    "ladder_bars",
    "theme_bars",
]

# Emerging themes get their own palette so they are never mistaken for causes.
THEME_PALETTE = (
    "#66c5cc",
    "#f6cf71",
    "#f89c74",
    "#dcb0f2",
    "#87c55f",
    "#9eb9f3",
    "#fe88b1",
    "#c9db74",
    "#8be0a4",
    "#b497e7",
)
LADDER_LABELS = {-1: "Below expectations", 0: "As expected", 1: "Above expectations"}
LADDER_COLORS = {-1: "#d62728", 0: "#c7c7c7", 1: "#2ca02c"}
_FONT = {"family": "sans-serif", "size": 13}


def _esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def _base_layout(title: str, height: int) -> dict:
    return {
        "title": {"text": _esc(title), "x": 0.0},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "font": _FONT,
        "legend": {"orientation": "h", "y": -0.15},
        "clickmode": "event+select",
    }


def _figure(
    traces: list[dict], *, title: str, height: int = 380, **layout: object
) -> go.Figure:
    """A figure built in one step from trace and layout dicts (a dashboard rerun
    draws six; building them update by update cost most of a rerun).

    ``layout`` entries that are dicts are merged into the shared defaults.
    """
    merged = _base_layout(title, height)
    for key, value in layout.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}  # type: ignore[dict-item]
        else:
            merged[key] = value
    # Specs are checked once by the tests (tests/test_charts.py validates every
    # chart); validating again on every rerun costs a dashboard tens of ms.
    return go.Figure({"data": traces, "layout": merged}, _validate=False)


def empty_figure(title: str, message: str = "No data for these filters.") -> go.Figure:
    """A blank figure carrying a short message, for charts with nothing to show."""
    return _figure(
        [],
        title=title,
        height=220,
        annotations=[{"text": _esc(message), "showarrow": False, "x": 0.5, "y": 0.5}],
        xaxis={"visible": False},
        yaxis={"visible": False},
    )


def _month_step(n_periods: int, max_ticks: int) -> int:
    """Months between axis ticks so at most ``max_ticks`` labels are drawn.

    >>> _month_step(14, 6), _month_step(5, 6), _month_step(30, 6)
    (3, 1, 6)
    """
    step = -(-n_periods // max(1, max_ticks))
    for nice in (1, 2, 3, 4, 6, 12):
        if step <= nice:
            return nice
    return 12 * -(-step // 12)


def _date_ticks(periods: list, max_ticks: int) -> dict[str, object]:
    """Axis ticks on day or week starts, each named by its date ("9 Feb 2015"), at
    most ``max_ticks`` of them: a week is told apart from the next one.

    >>> t = _date_ticks(list(pd.to_datetime(["2015-02-02", "2015-02-09"])), 5)
    >>> t["ticktext"]
    ['2 Feb 2015', '9 Feb 2015']
    """
    stamps = [pd.Timestamp(p) for p in periods]
    step = max(1, -(-len(stamps) // max(1, max_ticks)))
    shown = stamps[::step]
    return {
        "tickmode": "array",
        "tickvals": [t.strftime("%Y-%m-%d") for t in shown],
        "ticktext": [f"{t.day} {t:%b %Y}" for t in shown],
        "tickangle": 0,
    }


def _wrap(label: str, width: int = 10, max_lines: int = 3) -> str:
    """An escaped axis label broken at spaces into short lines (Plotly's ``<br>``).

    >>> _wrap("Riga Contact Centre")
    'Riga<br>Contact<br>Centre'
    >>> _wrap("A & B")
    'A &amp; B'
    """
    lines: list[str] = []
    for word in str(label).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return "<br>".join(_esc(line) for line in lines) or _esc(label)


def cause_share_over_time(
    shares: pd.DataFrame,
    taxonomy: Taxonomy,
    *,
    period: str = "month",
    empty: str = "No data for these filters.",
) -> go.Figure:
    """Stacked bars: each cause's share of all feedback per day, week or month
    (``empty``: what to say when there is nothing to draw)."""
    title = f"Cause share per {period}"
    data = shares[shares["cause"] != NONE] if not shares.empty else shares
    if data.empty:
        return empty_figure(title, empty)
    colors = taxonomy.colors
    order = [c for c in taxonomy.ids if c in set(data["cause"])]
    order += sorted(set(data["cause"]) - set(order))
    traces = []
    for cause, part in data.groupby("cause", sort=False):
        starts = part["period"].dt.strftime("%Y-%m-%d").tolist()
        ends = part["period_end"].dt.strftime("%Y-%m-%d").tolist()
        traces.append(
            {
                "type": "bar",
                "x": part["period"].tolist(),
                "y": (part["share"] * 100).tolist(),
                "name": _esc(taxonomy.label_of(cause)),
                "marker": {"color": colors.get(cause, "#7f7f7f")},
                "customdata": [
                    [cause, s, e, int(n)]
                    for s, e, n in zip(starts, ends, part["n"], strict=True)
                ],
                "hovertemplate": "%{fullData.name}<br>%{customdata[1]} to "
                "%{customdata[2]}<br>%{y:.1f}% (%{customdata[3]} rows)<extra></extra>",
            }
        )
    rank = {cause: i for i, cause in enumerate(order)}
    traces.sort(key=lambda t: rank[t["customdata"][0][0]])
    periods = sorted(data["period"].unique())
    if period == "month":
        # "Jan 2025" labels, few enough to stand upright in half the page width; the
        # axis spans every month from the first to the last, gaps included.
        first, last = pd.Timestamp(periods[0]), pd.Timestamp(periods[-1])
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        step = _month_step(span, 6)
        xaxis = {
            "dtick": f"M{step}",
            "tick0": periods[0],
            "tickformat": "%b %Y",
            "tickangle": 0,
        }
    else:
        # Days and weeks are named by their first day: "%b %Y" named two weeks alike.
        xaxis = _date_ticks(periods, 5)
    return _figure(
        traces,
        title=title,
        height=400,
        barmode="stack",
        yaxis={"title": {"text": "% of feedback"}},
        xaxis=xaxis,
        legend={"orientation": "h", "y": -0.12, "yanchor": "top"},
    )


def cause_matrix(
    cross: pd.DataFrame,
    dim: str,
    taxonomy: Taxonomy,
    *,
    title: str | None = None,
    width: int = 420,
    empty: str = "No data for these filters.",
) -> go.Figure:
    """A cause × channel (or team) heatmap of shares whose cells can be clicked
    (``empty``: what to say when there is nothing to draw).

    Plotly heatmap cells cannot be selected, so an invisible square marker sits on each
    cell (the first trace) and carries the click; the heatmap underneath draws the
    colours. The height grows with the causes; ``width`` (the expected drawing width
    in pixels) decides whether the numbers fit in the cells or are left to the hover.
    """
    title = title or f"Cause × {dim}"
    if cross.empty:
        return empty_figure(title, empty)
    order = [c for c in taxonomy.ids if c in set(cross["cause"])]
    order += sorted(set(cross["cause"]) - set(order))
    values = sorted(cross[dim].astype("str").unique())
    labels = {c: _esc(taxonomy.label_of(c)) for c in order}
    shown = {v: _esc(v) for v in values}
    share_pct = cross["share"] * 100
    cell_w = (width - 230) / max(1, len(values))
    row_h = 44 if len(order) <= 8 else 32
    show_numbers = cell_w >= 30 and row_h >= 28
    pct = {
        (str(c), str(v)): float(p)
        for c, v, p in zip(cross["cause"], cross[dim], share_pct, strict=True)
    }
    rows = list(reversed(order))
    z = [[pct.get((c, v), 0.0) for v in values] for c in rows]
    marker = max(8, int(min(cell_w, row_h) * 0.9))
    cells = {
        "type": "scatter",
        "x": [shown[str(v)] for v in cross[dim]],
        "y": [labels[c] for c in cross["cause"]],
        "mode": "markers",
        "marker": {
            "symbol": "square-open",
            "size": marker,
            "color": "#222222",
            "opacity": 0,
            "line": {"width": 2},
        },
        "selected": {"marker": {"opacity": 1}},
        "unselected": {"marker": {"opacity": 0}},
        "customdata": [
            [c, str(v), int(n), int(t)]
            for c, v, n, t in zip(
                cross["cause"], cross[dim], cross["n"], cross["total"], strict=True
            )
        ],
        "hovertemplate": "%{y} in %{x}<br>%{text}% of %{customdata[3]}"
        " rows (%{customdata[2]})<extra></extra>",
        "text": [f"{p:.1f}" for p in share_pct],
        "showlegend": False,
    }
    heat = {
        "type": "heatmap",
        "x": [shown[v] for v in values],
        "y": [labels[c] for c in rows],
        "z": z,
        "colorscale": "Reds",
        "zmin": 0,
        "zmax": max(1.0, max(max(row) for row in z)),
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": "%"}, "thickness": 12, "len": 0.9},
        "textfont": {"size": 12},
        "hoverinfo": "skip",
    }
    if show_numbers:
        heat["texttemplate"] = "%{z:.0f}"
    return _figure(
        [cells, heat],
        title=title,
        height=max(240, 130 + row_h * len(order)),
        xaxis={
            "categoryorder": "array",
            "categoryarray": [shown[v] for v in values],
            "type": "category",
            "tickmode": "array",
            "tickvals": [shown[v] for v in values],
            "ticktext": [_wrap(v) for v in values],
            "tickangle": 0,
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": [labels[c] for c in rows],
            "type": "category",
            "showgrid": False,
            "zeroline": False,
        },
        hoverdistance=-1,
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"b": 60},
    )


def cause_bars(
    top: pd.DataFrame, taxonomy: Taxonomy, *, title: str = "Top causes"
) -> go.Figure:
    """Horizontal bars of each cause's share, with its change since the last period.

    The change (in points) is shown only where it is known: without rows in the
    previous period ``change`` is NaN and the bars carry the share alone.
    """
    if top.empty:
        return empty_figure(title)
    data = top.iloc[::-1]
    colors = taxonomy.colors
    change = (
        data["change"] * 100
        if "change" in data
        else pd.Series(float("nan"), data.index)
    )
    known = [bool(pd.notna(d)) for d in change]
    bars = {
        "type": "bar",
        "x": (data["share"] * 100).tolist(),
        "y": [_esc(taxonomy.label_of(c)) for c in data["cause"]],
        "orientation": "h",
        "marker": {"color": [colors.get(c, "#7f7f7f") for c in data["cause"]]},
        "customdata": [
            [c, int(n), float(d) if k else None]
            for c, n, d, k in zip(data["cause"], data["n"], change, known, strict=True)
        ],
        "text": [
            f"{s * 100:.1f}% ({d:+.1f} pts)" if k else f"{s * 100:.1f}%"
            for s, d, k in zip(data["share"], change, known, strict=True)
        ],
        "textposition": "auto",
        "hovertemplate": "%{y}: %{x:.1f}% (%{customdata[1]} rows)<extra></extra>",
    }
    return _figure(
        [bars],
        title=title,
        height=max(240, 60 + 40 * len(data)),
        xaxis={"title": {"text": "% of feedback"}},
    )


def theme_bars(themes: pd.DataFrame, *, title: str = "Emerging themes") -> go.Figure:
    """Bars of emerging-theme sizes; the hover lists each theme's top terms."""
    if themes.empty:
        return empty_figure(title, "No emerging themes in these rows.")
    data = themes.sort_values("size", ascending=True)
    terms = [
        _esc(", ".join(t) if isinstance(t, list | tuple) else (t or ""))
        for t in data["top_terms"]
    ]
    bars = {
        "type": "bar",
        "x": data["size"].tolist(),
        "y": [_esc(label) for label in data["label"]],
        "orientation": "h",
        "marker": {
            "color": [THEME_PALETTE[i % len(THEME_PALETTE)] for i in range(len(data))][
                ::-1
            ]
        },
        "customdata": [
            [str(t), term] for t, term in zip(data["theme"], terms, strict=True)
        ],
        "hovertemplate": "%{y}: %{x} rows<br>%{customdata[1]}<extra></extra>",
    }
    return _figure(
        [bars],
        title=title,
        height=max(240, 60 + 36 * len(data)),
        xaxis={"title": {"text": "rows"}},
    )


def ladder_bars(
    ladder: pd.DataFrame, *, title: str = "Expectation ladder"
) -> go.Figure:
    """Bars of how many rows fall below, at or above the customer's expectations."""
    if ladder.empty or int(ladder["n"].sum()) == 0:
        return empty_figure(title)
    counts = ladder.groupby("ladder")["n"].sum()
    total = int(counts.sum())
    levels = [-1, 0, 1]
    ns = [int(counts.get(level, 0)) for level in levels]
    bars = {
        "type": "bar",
        "x": [LADDER_LABELS[level] for level in levels],
        "y": [n / total * 100 for n in ns],
        "marker": {"color": [LADDER_COLORS[level] for level in levels]},
        "text": [f"{n / total * 100:.0f}%" for n in ns],
        "customdata": [[level, n] for level, n in zip(levels, ns, strict=True)],
        "hovertemplate": "%{x}: %{y:.1f}% (%{customdata[1]} rows)<extra></extra>",
    }
    return _figure(
        [bars], title=title, height=300, yaxis={"title": {"text": "% of feedback"}}
    )
