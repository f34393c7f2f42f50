"""Read models of the Explore page: drill-downs, periods, KPIs and shares."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx.access import Scope
from cx.filters import Filters
from cx.store import Workspace
from cx.summary import load_summary
from cx.taxonomy import default_taxonomy
from cx.trends import (
    DRILLDOWN_CHARTS,
    compute_kpis,
    cross_shares,
    default_period,
    default_summary_period,
    describe_view,
    drilldown_filters,
    explore_data,
    is_whole_months,
    mark_evidence,
    period_end,
    previous_coverage,
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
        (D(2025, 3, 11), D(2025, 3, 20), (D(2025, 3, 1), D(2025, 3, 10))),
        (D(2025, 1, 1), D(2025, 1, 1), (D(2024, 12, 31), D(2024, 12, 31))),
        (D(2024, 3, 1), D(2024, 3, 7), (D(2024, 2, 23), D(2024, 2, 29))),
        (D(2025, 3, 2), D(2025, 3, 31), (D(2025, 1, 31), D(2025, 3, 1))),
        (D(2025, 2, 1), D(2025, 2, 27), (D(2025, 1, 5), D(2025, 1, 31))),
    ],
)
def test_a_window_of_days_is_compared_with_as_many_days_before_it(start, end, expected):
    prev = previous_period(start, end)
    assert prev == expected
    assert (prev[1] - prev[0]) == (end - start)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 2, 1), D(2025, 2, 28), (D(2025, 1, 1), D(2025, 1, 31))),
        (D(2025, 3, 1), D(2025, 3, 31), (D(2025, 2, 1), D(2025, 2, 28))),
        (D(2024, 3, 1), D(2024, 3, 31), (D(2024, 2, 1), D(2024, 2, 29))),
        (D(2025, 1, 1), D(2025, 1, 31), (D(2024, 12, 1), D(2024, 12, 31))),
        (D(2025, 4, 1), D(2025, 6, 30), (D(2025, 1, 1), D(2025, 3, 31))),
        (D(2025, 1, 1), D(2025, 12, 31), (D(2024, 1, 1), D(2024, 12, 31))),
    ],
)
def test_whole_calendar_months_are_compared_with_as_many_months_before(
    start, end, expected
):
    assert previous_period(start, end) == expected


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)),
    days=st.integers(min_value=0, max_value=800),
)
def test_the_previous_period_ends_the_day_before_and_never_overlaps(start, days):
    end = start + dt.timedelta(days=days)
    prev = previous_period(start, end)
    assert prev[0] <= prev[1] == start - dt.timedelta(days=1)
    if is_whole_months(start, end):
        assert prev[0].day == 1 and is_whole_months(*prev)
    else:
        assert prev[1] - prev[0] == end - start


def test_period_end_of_weeks_and_months():
    assert period_end(D(2024, 2, 1), "month") == D(2024, 2, 29)
    assert period_end(D(2024, 12, 1), "month") == D(2024, 12, 31)
    assert period_end(D(2025, 1, 6), "week") == D(2025, 1, 12)


def test_a_day_period_ends_the_same_day():
    assert period_end(D(2015, 2, 9), "day") == D(2015, 2, 9)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "day"),
        (9, "day"),
        (20, "day"),
        (21, "week"),
        (45, "week"),
        (60, "week"),
        (61, "month"),
        (400, "month"),
    ],
)
def test_the_default_bucket_gives_short_views_several_bars(days, expected):
    start = D(2015, 2, 2)
    assert default_period((start, start + dt.timedelta(days=days - 1))) == expected


def test_without_known_dates_the_default_bucket_is_the_month():
    assert default_period(None) == "month"


def test_summary_period_is_the_last_full_month_when_the_data_reaches_back():
    current, previous = default_summary_period(D(2025, 4, 30), D(2025, 1, 1))
    assert current == (D(2025, 4, 1), D(2025, 4, 30))
    assert previous == (D(2025, 3, 1), D(2025, 3, 31))


def test_summary_period_splits_short_data_into_two_equal_halves():
    current, previous = default_summary_period(D(2025, 4, 20), D(2025, 3, 15))
    assert current == (D(2025, 4, 3), D(2025, 4, 20))
    assert previous == (D(2025, 3, 16), D(2025, 4, 2))


def test_summary_period_halves_are_at_most_thirty_days():
    current, previous = default_summary_period(D(2025, 4, 20), D(2025, 2, 5))
    assert current == (D(2025, 3, 22), D(2025, 4, 20))
    assert previous == (D(2025, 2, 20), D(2025, 3, 21))


def test_one_day_of_data_is_compared_with_the_empty_day_before():
    current, previous = default_summary_period(D(2025, 4, 20), D(2025, 4, 20))
    assert current == (D(2025, 4, 20), D(2025, 4, 20))
    assert previous == (D(2025, 4, 19), D(2025, 4, 19))


@settings(max_examples=200, deadline=None)
@given(
    latest=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)),
    span=st.integers(min_value=2, max_value=800),
)
def test_the_summary_compares_two_periods_that_both_lie_within_the_data(latest, span):
    earliest = latest - dt.timedelta(days=span - 1)
    current, previous = default_summary_period(latest, earliest)
    assert earliest <= previous[0] <= previous[1] < current[0] <= current[1] <= latest
    assert previous[1] + dt.timedelta(days=1) == current[0]


@pytest.mark.parametrize(
    ("previous", "expected"),
    [
        ((D(2024, 1, 1), D(2024, 12, 31)), "none"),
        ((D(2024, 7, 1), D(2025, 1, 31)), "partial"),
        ((D(2025, 1, 1), D(2025, 3, 31)), "full"),
        ((D(2024, 12, 31), D(2025, 3, 31)), "full"),
        ((D(2025, 7, 1), D(2025, 7, 31)), "none"),
        (None, "none"),
    ],
)
def test_previous_coverage_says_how_much_earlier_data_there_is(previous, expected):
    assert previous_coverage(previous, (D(2025, 1, 1), D(2025, 6, 30))) == expected


def test_without_a_known_data_range_the_previous_period_counts_as_covered():
    assert previous_coverage((D(2024, 1, 1), D(2024, 1, 31)), None) == "full"


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


def test_kpis_against_an_empty_previous_period_state_no_change():
    cur = pd.DataFrame({"cause": ["rudeness", "none"], "n": [30, 70]})
    k = compute_kpis(cur, pd.DataFrame({"cause": pd.Series(dtype="str"), "n": []}))
    assert k.previous_volume == 0 and not k.has_previous
    assert k.volume_change is None and k.share_change is None


def test_kpis_against_earlier_rows_state_the_change():
    cur = pd.DataFrame({"cause": ["rudeness", "none"], "n": [30, 70]})
    k = compute_kpis(cur, pd.DataFrame({"cause": ["none"], "n": [50]}))
    assert k.has_previous
    assert k.volume_change == pytest.approx(1.0)
    assert k.share_change == pytest.approx(0.3)


def test_a_partly_covered_previous_period_compares_shares_but_not_volume():
    cur = pd.DataFrame({"cause": ["rudeness", "none"], "n": [30, 70]})
    prev = pd.DataFrame({"cause": ["rudeness", "none"], "n": [10, 10]})
    k = compute_kpis(cur, prev, previous_partial=True)
    assert k.has_previous and k.previous_partial
    assert k.volume_change is None
    assert k.share_change == pytest.approx(0.3 - 0.5)


def test_top_causes_without_earlier_rows_have_no_change():
    cur = pd.DataFrame({"cause": ["a", "b", "none"], "n": [6, 2, 2]})
    empty = pd.DataFrame({"cause": pd.Series(dtype="str"), "n": []})
    for previous in (None, empty):
        top = top_causes(cur, previous)
        assert top["share"].tolist() == pytest.approx([0.6, 0.2])
        assert top["change"].isna().all()
        assert top["previous_share"].isna().all()


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


# Six months of feedback, 2025-01 to 2025-06: every odd row is rudeness, and March
# onwards carries twice the volume of the months before.
_MONTHS = [D(2025, m, 1) for m in range(1, 7)]
_DATED = [d for d in _MONTHS for _ in range(4 if d.month >= 3 else 2)]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, store_upload):
    folder = tmp_path_factory.mktemp("trends")
    frame = pd.DataFrame(
        {
            "text": [f"complaint number {i}" for i in range(len(_DATED))],
            "date": [d.isoformat() for d in _DATED],
            "channel": "phone",
            "team": "Vilnius",
        }
    )
    path = folder / "ws.duckdb"
    with Workspace(path) as ws:
        store_upload(ws, folder, "Six months", frame)
    return path


def test_explore_over_all_the_data_has_no_earlier_data_and_no_deltas(workspace):
    with Workspace(workspace) as ws:
        data = explore_data(
            ws, Filters(), Scope.single_user(), data_range=(_DATED[0], _DATED[-1])
        )
    assert data.kpis.volume == len(_DATED)
    assert data.previous_coverage == "none"
    assert not data.kpis.has_previous and data.kpis.volume_change is None
    assert top_causes(data.counts, data.previous_counts)["change"].isna().all()


def test_explore_over_a_later_range_compares_with_the_range_before(workspace):
    filters = Filters(date_from=D(2025, 4, 1), date_to=D(2025, 6, 30))
    with Workspace(workspace) as ws:
        data = explore_data(
            ws, filters, Scope.single_user(), data_range=(_DATED[0], _DATED[-1])
        )
    later = sum(d >= D(2025, 4, 1) for d in _DATED)
    earlier = sum(D(2025, 1, 1) <= d < D(2025, 4, 1) for d in _DATED)
    assert data.previous == (D(2025, 1, 1), D(2025, 3, 31))
    assert data.previous_coverage == "full"
    assert (data.kpis.volume, data.kpis.previous_volume) == (later, earlier)
    assert data.kpis.volume_change == pytest.approx((later - earlier) / earlier)
    change = top_causes(data.counts, data.previous_counts)["change"]
    assert change.notna().all()


def test_explore_over_a_range_the_data_only_partly_precedes_skips_volume(workspace):
    filters = Filters(date_from=D(2025, 3, 1), date_to=D(2025, 6, 30))
    with Workspace(workspace) as ws:
        data = explore_data(
            ws, filters, Scope.single_user(), data_range=(_DATED[0], _DATED[-1])
        )
    assert data.previous_coverage == "partial"
    assert data.kpis.has_previous and data.kpis.previous_partial
    assert data.kpis.volume_change is None
    assert data.kpis.share_change is not None


@pytest.mark.parametrize(
    ("window", "expected_previous"),
    [
        ((D(2025, 2, 1), D(2025, 2, 28)), (D(2025, 1, 1), D(2025, 1, 31))),
        ((D(2025, 3, 11), D(2025, 3, 20)), (D(2025, 3, 1), D(2025, 3, 10))),
    ],
)
def test_explore_and_the_summary_compare_a_window_with_the_same_previous_window(
    workspace, window, expected_previous
):
    # The summary's evidence link opens Explore on its period: both must state the
    # same change, against the same earlier rows.
    data_range = (_DATED[0], _DATED[-1])
    filters = Filters(date_from=window[0], date_to=window[1])
    with Workspace(workspace) as ws:
        data = explore_data(ws, filters, Scope.single_user(), data_range=data_range)
        summary = load_summary(
            ws, Scope.single_user(), default_taxonomy(), period=window
        )
    assert data.previous == summary.previous == expected_previous
    earlier = sum(expected_previous[0] <= d <= expected_previous[1] for d in _DATED)
    assert data.kpis.previous_volume == summary.previous_volume == earlier
    assert data.kpis.volume == summary.volume


def test_the_summary_default_month_is_compared_in_explore_as_in_the_summary(workspace):
    data_range = (_DATED[0], _DATED[-1])
    with Workspace(workspace) as ws:
        summary = load_summary(ws, Scope.single_user(), default_taxonomy())
        month = Filters(date_from=summary.period[0], date_to=summary.period[1])
        data = explore_data(ws, month, Scope.single_user(), data_range=data_range)
    assert summary.period == (D(2025, 5, 1), D(2025, 5, 31))
    assert data.previous == summary.previous == (D(2025, 4, 1), D(2025, 4, 30))
    assert data.kpis.previous_volume == summary.previous_volume


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            Filters(causes=("rudeness",), datasets=("3",)),
            "Rudeness; estonian_2000.csv",
        ),
        (
            Filters(date_from=D(2015, 2, 21), date_to=D(2015, 2, 24), teams=("Riga",)),
            "21 Feb 2015 to 24 Feb 2015; Riga",
        ),
        (
            Filters(date_from=D(2015, 2, 21), date_to=D(2015, 2, 21), datasets=("9",)),
            "21 Feb 2015; upload 9",
        ),
        (Filters(date_from=D(2015, 2, 21)), "from 21 Feb 2015"),
        (
            Filters(date_to=D(2015, 2, 21), channels=("chat",)),
            "until 21 Feb 2015; chat",
        ),
        (Filters(search="rude", languages=("lt",)), "lt; text contains “rude”"),
        (Filters(), "all rows"),
    ],
)
def test_a_view_is_described_in_words_with_labels_names_and_dates(filters, expected):
    described = describe_view(
        filters,
        cause_label=default_taxonomy().label_of,
        dataset_names={"3": "estonian_2000.csv"},
    )
    assert described == expected
