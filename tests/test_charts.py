"""Plotly figures: readable at 1280 px, clickable marks, no meaningless deltas."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from cx.charts import (
    cause_bars,
    cause_matrix,
    cause_share_over_time,
    empty_figure,
    ladder_bars,
    theme_bars,
)
from cx.taxonomy import Cause, Taxonomy
from cx.trends import cross_shares, shares_over_time, top_causes

TAXONOMY = Taxonomy(
    "Test",
    (
        Cause("rudeness", "Rudeness", seeds={"en": ("rude",)}),
        Cause("unresolved", "Problem not resolved", seeds={"en": ("still",)}),
    ),
)
CURRENT = pd.DataFrame({"cause": ["rudeness", "unresolved", "none"], "n": [3, 5, 2]})


def _cross(teams: list[str], causes: tuple[str, ...] = ("rudeness", "unresolved")):
    rows = [
        (c, t, 1 + i + j) for i, c in enumerate(causes) for j, t in enumerate(teams)
    ]
    rows += [("none", t, 5) for t in teams]
    return cross_shares(pd.DataFrame(rows, columns=["cause", "team", "n"]), "team")


def test_cause_bars_without_earlier_rows_show_shares_only():
    bar = cause_bars(top_causes(CURRENT, None), TAXONOMY).data[0]
    assert list(bar.text) == ["30.0%", "50.0%"]
    assert all(cd[2] is None for cd in bar.customdata)


def test_cause_bars_with_earlier_rows_show_the_change_in_points():
    previous = pd.DataFrame({"cause": ["rudeness", "none"], "n": [1, 3]})
    bar = cause_bars(top_causes(CURRENT, previous), TAXONOMY).data[0]
    assert list(bar.text) == ["30.0% (+5.0 pts)", "50.0% (+50.0 pts)"]


@pytest.mark.parametrize("teams", [2, 8, 30])
def test_the_matrix_keeps_one_clickable_mark_per_cell_with_the_raw_value(teams):
    names = [f"Team number {i}" for i in range(teams)]
    cross = _cross(names)
    fig = cause_matrix(cross, "team", TAXONOMY)
    marks = fig.data[0]
    assert marks.type == "scatter" and len(marks.customdata) == len(cross)
    assert set(marks.x) == set(names)  # drill-down and tests read the raw value
    assert [cd[:2] for cd in marks.customdata] == cross[["cause", "team"]].to_numpy(
        dtype=object
    ).tolist()
    assert fig.data[1].type == "heatmap" and fig.data[1].hoverinfo == "skip"


def test_matrix_numbers_are_hidden_when_the_cells_get_too_narrow():
    few = cause_matrix(_cross(["A", "B", "C"]), "team", TAXONOMY, width=420)
    many = cause_matrix(_cross([f"T{i}" for i in range(12)]), "team", TAXONOMY)
    wide = cause_matrix(
        _cross([f"T{i}" for i in range(12)]), "team", TAXONOMY, width=880
    )
    assert few.data[1].texttemplate and wide.data[1].texttemplate
    assert many.data[1].texttemplate is None


def test_matrix_height_grows_with_the_causes():
    causes = tuple(f"c{i}" for i in range(12))
    small = cause_matrix(_cross(["A"]), "team", TAXONOMY)
    large = cause_matrix(_cross(["A"], causes), "team", TAXONOMY)
    assert large.layout.height > small.layout.height


def test_long_team_names_wrap_on_the_axis_instead_of_turning():
    fig = cause_matrix(_cross(["Riga Contact Centre", "Billing"]), "team", TAXONOMY)
    assert "Riga<br>Contact<br>Centre" in fig.layout.xaxis.ticktext
    assert fig.layout.xaxis.tickangle == 0


@pytest.mark.parametrize(("months", "step"), [(3, 1), (6, 1), (14, 3), (26, 6)])
def test_month_axis_has_at_most_six_upright_labels(months, step):
    periods = pd.date_range("2025-01-01", periods=months, freq="MS")
    counts = pd.DataFrame(
        {"period": periods.repeat(2), "cause": ["rudeness", "none"] * months, "n": 2}
    )
    fig = cause_share_over_time(shares_over_time(counts, "month"), TAXONOMY)
    axis = fig.layout.xaxis
    assert axis.dtick == f"M{step}" and axis.tickformat == "%b %Y"
    assert axis.tickangle == 0
    assert -(-months // step) <= 6


@pytest.mark.parametrize(
    ("period", "start", "n", "freq"),
    [
        ("week", "2015-02-02", 2, "W-MON"),
        ("week", "2015-01-05", 12, "W-MON"),
        ("day", "2015-02-02", 9, "D"),
        ("day", "2015-02-20", 20, "D"),
    ],
)
def test_day_and_week_ticks_name_each_bucket_by_its_first_day(period, start, n, freq):
    periods = pd.date_range(start, periods=n, freq=freq)
    counts = pd.DataFrame(
        {"period": periods.repeat(2), "cause": ["rudeness", "none"] * n, "n": 2}
    )
    fig = cause_share_over_time(
        shares_over_time(counts, period), TAXONOMY, period=period
    )
    axis = fig.layout.xaxis
    text = list(axis.ticktext)
    assert len(text) == len(set(text)) and 1 <= len(text) <= 6
    assert text[0] == f"{periods[0].day} {periods[0]:%b %Y}"  # "2 Feb 2015"
    ticks = pd.to_datetime(list(axis.tickvals))
    assert set(ticks) <= set(periods) and axis.tickangle == 0
    assert fig.layout.title.text == f"Cause share per {period}"


def _every_chart() -> dict[str, go.Figure]:
    periods = pd.date_range("2025-01-01", periods=3, freq="W-MON")
    counts = pd.DataFrame(
        {"period": periods.repeat(2), "cause": ["rudeness", "none"] * 3, "n": 2}
    )
    ladder = pd.DataFrame({"ladder": [-1, 0, 1], "n": [5, 3, 1]})
    themes = pd.DataFrame(
        {"theme": ["t1"], "label": ["app <b>crash</b>"], "size": [4], "top_terms": "a"}
    )
    return {
        "over time": cause_share_over_time(
            shares_over_time(counts, "week"), TAXONOMY, period="week"
        ),
        "bars": cause_bars(top_causes(CURRENT, CURRENT), TAXONOMY),
        "matrix": cause_matrix(_cross(["Riga", "Tallinn"]), "team", TAXONOMY),
        "themes": theme_bars(themes),
        "ladder": ladder_bars(ladder),
        "empty": empty_figure("Nothing", "No rows."),
    }


@pytest.mark.parametrize("name", list(_every_chart()))
def test_every_chart_is_a_valid_plotly_figure(name):
    # The dashboard skips Plotly's validation for speed; this is where it happens.
    spec = _every_chart()[name].to_dict()
    assert go.Figure(spec).to_dict()["layout"]["title"]["text"]


def test_user_text_in_chart_labels_is_escaped():
    bars = _every_chart()["themes"].data[0]
    assert list(bars.y) == ["app &lt;b&gt;crash&lt;/b&gt;"]


def test_month_ticks_stay_few_when_uploads_are_years_apart():
    # six months of 2015 and six of 2025: the axis spans eleven years, so ticks are a
    # year or more apart instead of running together ("Jan 2015Jul 2015Jan 2016...")
    periods = pd.to_datetime(
        [f"2015-{m:02d}-01" for m in range(1, 7)]
        + [f"2025-{m:02d}-01" for m in range(1, 7)]
    )
    counts = pd.DataFrame(
        {"period": periods.repeat(2), "cause": ["rudeness", "none"] * 12, "n": 2}
    )
    fig = cause_share_over_time(shares_over_time(counts, "month"), TAXONOMY)
    months = int(str(fig.layout.xaxis.dtick).lstrip("M"))
    assert 126 / months <= 6  # at most six labels across Jan 2015 - Jun 2025
