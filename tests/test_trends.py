"""Read models of the Explore page: drill-downs, periods, KPIs and shares."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cx.filters import Filters
from cx.trends import (
    DRILLDOWN_CHARTS,
    compute_kpis,
    cross_shares,
    default_summary_period,
    drilldown_filters,
    mark_evidence,
    period_end,
    previous_period,
    shares_over_time,
    top_causes,
)

D = dt.date


@pytest.mark.parametrize(
    ("chart", "customdata", "expected"),
    [
        ("causes", ["rudeness", 12, 0.0], Filters(causes=("rudeness",))),
        (
            "cause_channel",
            ["overcharging", "phone", 3, 40],
            Filters(causes=("overcharging",), channels=("phone",)),
        ),
        (
            "cause_team",
            ["unresolved", "Rīgas birojs", 3, 40],
            Filters(causes=("unresolved",), teams=("Rīgas birojs",)),
        ),
        (
            "cause_over_time",
            ["broken_promise", "2025-02-01", "2025-02-28", 9],
            Filters(
                causes=("broken_promise",),
                date_from=D(2025, 2, 1),
                date_to=D(2025, 2, 28),
            ),
        ),
    ],
)
def test_a_click_on_each_chart_kind_becomes_the_filters_of_its_rows(
    chart, customdata, expected
):
    point = {"x": "ignored", "y": "ignored", "customdata": customdata}
    assert drilldown_filters(Filters(), chart, point) == expected


def test_drilldown_keeps_the_other_filters_and_replaces_the_cause():
    base = Filters(languages=("lt", "lv"), causes=("rudeness",), search="kasa")
    out = drilldown_filters(
        base, "cause_channel", {"customdata": ["unresolved", "chat"]}
    )
    assert out.languages == ("lt", "lv")
    assert out.search == "kasa"
    assert out.causes == ("unresolved",)
    assert out.channels == ("chat",)


def test_a_clicked_period_is_clipped_to_the_filter_dates():
    base = Filters(date_from=D(2025, 2, 10), date_to=D(2025, 3, 5))
    point = {"customdata": ["rudeness", "2025-02-01", "2025-02-28"]}
    out = drilldown_filters(base, "cause_over_time", point)
    assert (out.date_from, out.date_to) == (D(2025, 2, 10), D(2025, 2, 28))


def test_a_point_without_customdata_leaves_the_filters_unchanged():
    base = Filters(teams=("A",))
    for chart in DRILLDOWN_CHARTS:
        assert drilldown_filters(base, chart, {"x": 1, "y": 2}) == base


def test_an_unknown_chart_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown chart"):
        drilldown_filters(Filters(), "pie", {"customdata": ["a"]})


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 3, 1), D(2025, 3, 31), (D(2025, 1, 29), D(2025, 2, 28))),
        (D(2025, 1, 1), D(2025, 1, 1), (D(2024, 12, 31), D(2024, 12, 31))),
        (D(2024, 3, 1), D(2024, 3, 7), (D(2024, 2, 23), D(2024, 2, 29))),
    ],
)
def test_the_previous_period_has_equal_length_and_ends_the_day_before(
    start, end, expected
):
    prev = previous_period(start, end)
    assert prev == expected
    assert (prev[1] - prev[0]) == (end - start)


def test_period_end_of_weeks_and_months():
    assert period_end(D(2024, 2, 1), "month") == D(2024, 2, 29)
    assert period_end(D(2024, 12, 1), "month") == D(2024, 12, 31)
    assert period_end(D(2025, 1, 6), "week") == D(2025, 1, 12)


def test_summary_period_is_the_last_full_month_when_the_data_reaches_back():
    current, previous = default_summary_period(D(2025, 4, 30), D(2025, 1, 1))
    assert current == (D(2025, 4, 1), D(2025, 4, 30))
    assert previous == (D(2025, 3, 1), D(2025, 3, 31))


def test_summary_period_falls_back_to_thirty_days_for_short_data():
    current, previous = default_summary_period(D(2025, 4, 20), D(2025, 3, 15))
    assert current == (D(2025, 3, 22), D(2025, 4, 20))
    assert previous == (D(2025, 2, 20), D(2025, 3, 21))


def test_kpis_count_volume_share_top_cause_and_change():
    cur = pd.DataFrame(
        {"cause": ["rudeness", "overcharging", "none", None], "n": [30, 50, 15, 5]}
    )
    prev = pd.DataFrame({"cause": ["rudeness", "none"], "n": [40, 40]})
    k = compute_kpis(cur, prev)
    assert k.volume == 100
    assert k.with_cause == 80
    assert k.share_with_cause == pytest.approx(0.8)
    assert (k.top_cause, k.top_cause_n) == ("overcharging", 50)
    assert k.volume_change == pytest.approx(0.25)
    assert k.share_change == pytest.approx(0.8 - 0.5)


def test_kpis_without_rows_or_previous_period_have_no_change():
    k = compute_kpis(pd.DataFrame({"cause": [], "n": []}))
    assert (k.volume, k.share_with_cause, k.top_cause) == (0, 0.0, None)
    assert k.volume_change is None and k.share_change is None


def test_top_causes_rank_by_count_with_share_change_in_points():
    cur = pd.DataFrame({"cause": ["a", "b", "none"], "n": [6, 2, 2]})
    prev = pd.DataFrame({"cause": ["a", "b", "c"], "n": [2, 6, 2]})
    top = top_causes(cur, prev)
    assert top["cause"].tolist() == ["a", "b", "c"]
    assert top["share"].tolist() == pytest.approx([0.6, 0.2, 0.0])
    assert top["change"].tolist() == pytest.approx([0.4, -0.4, -0.2])


def test_shares_over_time_sum_to_one_per_period():
    counts = pd.DataFrame(
        {
            "period": pd.to_datetime(["2025-01-01"] * 3 + ["2025-02-01"] * 2),
            "cause": ["a", "b", "none", "a", None],
            "n": [1, 2, 7, 3, 1],
        }
    )
    shares = shares_over_time(counts, "month")
    assert shares.groupby("period")["share"].sum().tolist() == pytest.approx([1, 1])
    feb = shares[shares["period"] == "2025-02-01"]
    assert feb["period_end"].iloc[0] == pd.Timestamp("2025-02-28")
    assert dict(zip(feb["cause"], feb["share"], strict=True)) == {
        "a": 0.75,
        "none": 0.25,
    }


def test_cross_shares_divide_by_the_channels_volume_and_skip_missing_channels():
    counts = pd.DataFrame(
        {
            "cause": ["a", "none", "a", "a"],
            "channel": ["phone", "phone", "chat", None],
            "n": [1, 3, 2, 9],
        }
    )
    out = cross_shares(counts, "channel")
    assert out[["channel", "cause", "n", "total"]].values.tolist() == [
        ["chat", "a", 2, 2],
        ["phone", "a", 1, 4],
    ]
    assert out["share"].tolist() == pytest.approx([1.0, 0.25])


@pytest.mark.parametrize(
    ("text", "evidence", "expected"),
    [
        ("The agent was RUDE to me", "rude", "The agent was ⟦RUDE⟧ to me"),
        ("Оператор нагрубил мне", "нагруб", "Оператор ⟦нагрубил⟧ мне"),
        ("Kasininkė buvo nemandagi", "nemandag", "Kasininkė buvo ⟦nemandagi⟧"),
        ("Parde̅vējs bija rupjš", "rupj", "Parde̅vējs bija ⟦rupjš⟧"),
        (
            "Teenindaja oli ebaviisakas",
            "ebaviisakas; teenindaja",
            "⟦Teenindaja⟧ oli ⟦ebaviisakas⟧",
        ),
        ("kasininke buvo nemandagi", "kasininkė", "⟦kasininke⟧ buvo nemandagi"),
        ("<b>rude</b>", "rude", "<b>⟦rude⟧</b>"),
    ],
)
def test_evidence_words_are_marked_in_plain_text(text, evidence, expected):
    assert mark_evidence(text, evidence) == expected


def test_a_human_correction_marks_nothing():
    assert mark_evidence("human correction here", "human correction") == (
        "human correction here"
    )
