"""Executive summary: findings computed from the numbers, and a safe HTML report."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace
from urllib.parse import parse_qs

import pandas as pd
import plotly.graph_objects as go
import pytest

from cx.access import Scope
from cx.filters import Filters
from cx.store import Workspace
from cx.summary import (
    Finding,
    build_summary,
    comparison_text,
    dims_text,
    load_summary,
    no_shift_text,
    period_label,
    since_findings,
    summary_html,
    undated_text,
)
from cx.taxonomy import Cause, Taxonomy

D = dt.date
ADMIN = Scope.single_user()
PERIOD = (D(2025, 3, 1), D(2025, 3, 31))
PREVIOUS = (D(2025, 2, 1), D(2025, 2, 28))
TAXONOMY = Taxonomy(
    "Test",
    (
        Cause("rudeness", "Rudeness", seeds={"en": ("rude",)}),
        Cause("overcharging", "Overcharging", seeds={"en": ("charged",)}),
        Cause("unresolved", "Unresolved", seeds={"en": ("still",)}),
    ),
)


def _counts(spec):
    """Rows of (cause, channel, team, ladder, n)."""
    return pd.DataFrame(spec, columns=["cause", "channel", "team", "ladder", "n"])


CURRENT = _counts(
    [
        ("rudeness", "phone", "Vilnius", -1, 60),
        ("rudeness", "chat", "Riga", -1, 20),
        ("overcharging", "phone", "Riga", -1, 30),
        ("unresolved", "chat", "Tallinn", -1, 10),
        ("none", "chat", "Vilnius", 0, 40),
        ("none", "chat", "Riga", 1, 40),
    ]
)  # 200 rows; rudeness 40%; below expectations 60%
PREVIOUS_COUNTS = _counts(
    [
        ("rudeness", "phone", "Vilnius", -1, 30),
        ("overcharging", "phone", "Riga", -1, 10),
        ("unresolved", "chat", "Tallinn", -1, 30),
        ("none", "chat", "Riga", 0, 30),
    ]
)  # 100 rows; rudeness 30%, unresolved 30% -> 5%


@pytest.fixture(scope="module")
def summary():
    return build_summary(CURRENT, PREVIOUS_COUNTS, TAXONOMY, PERIOD, PREVIOUS)


def test_totals_and_volume_change_come_from_the_counts(summary):
    assert (summary.volume, summary.previous_volume) == (200, 100)
    assert summary.volume_change == pytest.approx(1.0)


def test_there_are_three_to_five_findings_each_with_its_evidence_filters(summary):
    # volume, top cause, mover, channel, (team: dropped at five), ladder
    assert len(summary.findings) == 5
    for finding in summary.findings:
        assert finding.filters.date_from == PERIOD[0]
        assert finding.filters.date_to == PERIOD[1]


def test_the_volume_finding_states_the_measured_rise(summary):
    first = summary.findings[0].text
    assert "rose 100%" in first and "100 to 200" in first


def test_the_top_cause_finding_names_its_share_and_movement(summary):
    finding = next(f for f in summary.findings if "most frequent" in f.text)
    assert finding.text.startswith("Rudeness")
    assert "40%" in finding.text and "10.0 points up" in finding.text
    assert finding.filters.causes == ("rudeness",)


def test_the_biggest_mover_is_found(summary):
    finding = next(
        f for f in summary.findings if "shrank" in f.text or "grew" in f.text
    )
    assert finding.text.startswith("Unresolved shrank from 30% to 5.0%")
    assert finding.filters.causes == ("unresolved",)


def test_the_worst_channel_of_the_top_cause_is_found(summary):
    finding = next(f for f in summary.findings if "concentrated" in f.text)
    assert "phone" in finding.text  # 60 of 90 phone rows (67%) vs 40% overall
    assert finding.filters.channels == ("phone",)
    assert finding.filters.causes == ("rudeness",)


def test_the_ladder_finding_reports_the_share_below_expectations(summary):
    assert summary.findings[-1].text.startswith("60% of feedback fell below")
    assert "70%" in summary.findings[-1].text  # 70 of 100 previously


def test_worst_channel_and_team_per_cause(summary):
    worst = summary.worst.set_index("cause")
    assert worst.loc["rudeness", "team"] == "Vilnius"  # 60/100 vs Riga 20/90
    assert worst.loc["overcharging", "channel"] == "phone"
    assert worst.loc["unresolved", "channel"] == "chat"


def test_small_groups_are_not_called_worst():
    current = _counts(
        [
            ("rudeness", "phone", "Tiny", -1, 3),
            ("rudeness", "chat", "Big", -1, 20),
            ("none", "chat", "Big", 0, 80),
        ]
    )
    summary = build_summary(current, current.iloc[:0], TAXONOMY, PERIOD, PREVIOUS)
    worst = summary.worst.set_index("cause")
    assert worst.loc["rudeness", "team"] == "Big"


def test_no_rows_gives_one_plain_finding():
    empty = CURRENT.iloc[:0]
    summary = build_summary(empty, empty, TAXONOMY, PERIOD, PREVIOUS)
    assert [f.text for f in summary.findings] == [
        "No feedback was recorded in March 2025."
    ]


def test_finding_links_carry_the_filters_as_query_string():
    filters = Filters(
        causes=("rudeness",), teams=("Rīga & Co",), date_from="2025-03-01"
    )
    page, query = Finding("x", filters).link().split("?", 1)
    assert page == "explore"  # Explore at its own URL
    params = {k: v[0] for k, v in parse_qs(query).items()}
    assert Filters.from_query_params(params) == filters


def test_html_report_escapes_every_user_string_and_inlines_charts():
    evil = "<script>alert(1)</script>"
    taxonomy = Taxonomy(
        "T", (Cause("rudeness", f"Rude {evil}", seeds={"en": ("rude",)}),)
    )
    current = _counts(
        [
            ("rudeness", evil, f"team {evil}", -1, 50),
            ("none", "chat", "Riga", 0, 50),
        ]
    )
    summary = build_summary(current, current, taxonomy, PERIOD, PREVIOUS)
    figure = go.Figure(go.Bar(x=[1], y=[2]))
    page = summary_html(summary, {f"Chart {evil}": figure})
    assert evil not in page
    assert html.escape(evil) in page
    assert page.count("<script") == len(re.findall(r"<script[ >]", page))
    assert "Plotly" in page  # plotly.js is inline: the file works offline
    assert 'src="http' not in page


def test_html_report_lists_each_finding_with_an_evidence_link(summary):
    page = summary_html(summary, {}, app_url="https://cx.example")
    for finding in summary.findings:
        assert html.escape(finding.text) in page
        assert html.escape("https://cx.example/" + finding.link()) in page


@pytest.fixture(scope="module")
def first_month():
    """A summary of a month with no feedback in the month before it."""
    return build_summary(CURRENT, CURRENT.iloc[:0], TAXONOMY, PERIOD, PREVIOUS)


def test_without_earlier_feedback_no_change_is_stated(first_month):
    assert not first_month.has_previous
    assert first_month.volume_change is None
    assert first_month.causes["change"].isna().all()
    texts = " ".join(f.text for f in first_month.findings)
    assert "none in February 2025 to compare with" in texts
    assert "points" not in texts and "grew" not in texts and "shrank" not in texts


def test_with_earlier_feedback_the_changes_are_stated(summary):
    assert summary.has_previous
    assert summary.causes["change"].notna().all()


def test_the_comparison_names_both_months_and_why_they_were_chosen(summary):
    text = comparison_text(summary)
    assert text.startswith("March 2025 (the last full month in the data)")
    assert "compared with February 2025 (the month before)" in text


def test_the_comparison_of_day_ranges_names_their_length():
    period, previous = (D(2025, 3, 4), D(2025, 3, 15)), (D(2025, 2, 20), D(2025, 3, 3))
    text = comparison_text(
        build_summary(CURRENT, PREVIOUS_COUNTS, TAXONOMY, period, previous)
    )
    assert "the latest 12 days in the data" in text
    assert "20 Feb 2025 to 3 Mar 2025 (the 12 days before)" in text


def test_the_comparison_says_when_there_is_nothing_to_compare_with(first_month):
    assert "February 2025 holds no feedback" in comparison_text(first_month)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ((D(2024, 2, 1), D(2024, 2, 29)), "February 2024"),
        ((D(2024, 2, 1), D(2024, 2, 28)), "1 Feb 2024 to 28 Feb 2024"),
        ((D(2024, 12, 20), D(2025, 1, 18)), "20 Dec 2024 to 18 Jan 2025"),
    ],
)
def test_periods_read_as_months_or_dates(period, expected):
    assert period_label(period) == expected


def test_html_report_without_earlier_feedback_shows_no_changes(first_month):
    page = summary_html(first_month, {})
    assert "no earlier data" in page
    assert "Previous share" not in page and "Change (points)" not in page


def test_html_report_with_earlier_feedback_shows_the_changes_in_points(summary):
    page = summary_html(summary, {})
    assert "Change (points)" in page
    rudeness = summary.causes.set_index("cause").loc["rudeness", "change"]
    assert f"{rudeness * 100:+.1f} pts" in page


def test_findings_about_a_single_row_use_the_singular():
    one = _counts([("rudeness", "phone", "Vilnius", -1, 1)])
    alone = build_summary(one, _counts([]), TAXONOMY, PERIOD, PREVIOUS)
    steady = build_summary(one, one, TAXONOMY, PERIOD, PREVIOUS)
    texts = [f.text for f in (*alone.findings, *steady.findings)]
    assert (
        texts[0] == "1 piece of feedback in March 2025; none in February 2025 to "
        "compare with."
    )
    assert "Rudeness is the most frequent cause: 100% of feedback (1 row)." in texts
    assert "Feedback volume held steady at 1 row against February 2025." in texts
    assert not [t for t in texts if "1 rows" in t or "1 pieces" in t]


# -- several uploads in one workspace: the summary covers the data it is asked for ----

AIRLINE_DAYS = pd.date_range("2015-02-16", "2015-02-24", freq="D")
COMCAST_COMMENTS = [
    "Comcast charged me twice for the same month",
    "The technician promised to come and never showed up",
    "Internet still not fixed after five calls",
    "The agent was rude and hung up on me",
]
ESTONIAN_COMMENTS = [
    "Teenindaja oli ebaviisakas",
    "Lubati tagasi helistada, aga keegi ei helistanud",
    "Probleem jäi lahendamata",
]


@pytest.fixture(scope="module")
def uploads(tmp_path_factory, store_upload):
    """Airline tweets of nine February days (no channel or team), Comcast complaints
    of 2015 with two rows mis-dated into December, and undated Estonian reviews."""
    folder = tmp_path_factory.mktemp("uploads")
    airline = pd.DataFrame(
        {
            "tweet_id": [f"t{i}" for i in range(45)],
            "tweet_created": [
                AIRLINE_DAYS[i % 9].strftime("%Y-%m-%d") for i in range(45)
            ],
            "text": [
                f"@united flight {i} delayed and the agent was rude" for i in range(45)
            ],
        }
    )
    dates = [f"2015-{m:02d}-{d:02d}" for m in range(1, 12) for d in (3, 9, 14, 20, 26)]
    dates += ["2015-12-01", "2015-12-05"]  # mis-dated rows
    n = len(dates)
    comcast = pd.DataFrame(
        {
            "Ticket #": [f"c{i}" for i in range(n)],
            "Date": dates,
            "Received Via": [
                ("Internet", "Customer Care Call")[i % 2] for i in range(n)
            ],
            "Team": [("Atlanta", "Boston", "Chicago")[i % 3] for i in range(n)],
            "Customer Complaint": [COMCAST_COMMENTS[i % 4] for i in range(n)],
        }
    )
    estonian = pd.DataFrame(
        {"Tagasiside": [ESTONIAN_COMMENTS[i % 3] + f" ({i})" for i in range(30)]}
    )
    path = folder / "uploads.duckdb"
    with Workspace(path) as ws:
        ids = {
            "airline": store_upload(
                ws,
                folder,
                "Airline tweets",
                airline,
                text_column="text",
                date_column="tweet_created",
                channel_column="",
                team_column="",
            ),
            "comcast": store_upload(
                ws,
                folder,
                "Comcast 2015",
                comcast,
                text_column="Customer Complaint",
                date_column="Date",
                channel_column="Received Via",
                team_column="Team",
            ),
            "estonian": store_upload(
                ws,
                folder,
                "Estonian reviews",
                estonian,
                text_column="Tagasiside",
                date_column="",
                channel_column="",
                team_column="",
            ),
        }
    return path, ids


def test_all_uploads_compare_the_last_full_month_of_all_the_data(uploads):
    path, ids = uploads
    with Workspace(path) as ws:
        summary = load_summary(ws, ADMIN, TAXONOMY)
    assert (summary.period, summary.previous) == (
        (D(2015, 11, 1), D(2015, 11, 30)),
        (D(2015, 10, 1), D(2015, 10, 31)),
    )
    rows = sum(n for _, n in ids.values())
    assert summary.data == f"All uploads: 3 datasets, {rows:,} rows"


def test_one_upload_is_compared_on_its_own_dates_and_links_to_itself(uploads):
    path, ids = uploads
    airline, rows = ids["airline"]
    with Workspace(path) as ws:
        summary = load_summary(ws, ADMIN, TAXONOMY, base=Filters(datasets=(airline,)))
    # nine days of tweets: the latest four against the four before
    assert summary.period == (D(2015, 2, 21), D(2015, 2, 24))
    assert summary.previous == (D(2015, 2, 17), D(2015, 2, 20))
    assert summary.volume == sum(
        d >= pd.Timestamp("2015-02-21")
        for d in (AIRLINE_DAYS[i % 9] for i in range(45))
    )
    assert summary.data == f"Airline tweets: {rows:,} rows"
    assert comparison_text(summary).startswith("21 Feb 2015 to 24 Feb 2015")
    for finding in summary.findings:
        assert finding.filters.datasets == (airline,)
        assert f"dataset={airline}" in finding.link()


def test_an_undated_upload_has_no_period_and_borrows_none(uploads):
    path, ids = uploads
    estonian, _ = ids["estonian"]
    with Workspace(path) as ws:
        assert (
            load_summary(ws, ADMIN, TAXONOMY, base=Filters(datasets=(estonian,)))
            is None
        )


def test_the_report_names_its_data_and_a_missing_channel_and_team_column(uploads):
    path, ids = uploads
    airline, rows = ids["airline"]
    with Workspace(path) as ws:
        summary = load_summary(ws, ADMIN, TAXONOMY, base=Filters(datasets=(airline,)))
        comcast = load_summary(
            ws, ADMIN, TAXONOMY, base=Filters(datasets=(ids["comcast"][0],))
        )
    assert summary.unmapped == ("channel", "team") and comcast.unmapped == ()
    page = summary_html(summary, {})
    assert f"Airline tweets: {rows:,} rows" in page
    assert "no channel or team column (as mapped at upload)" in page
    assert "Not enough feedback" not in page


@pytest.mark.parametrize(
    ("unmapped", "expected"),
    [
        (("channel", "team"), "no channel or team column (as mapped at upload)"),
        (
            ("team",),
            "no team column (as mapped at upload), and not enough feedback per channel",
        ),
        ((), "Not enough feedback per channel or team to compare."),
    ],
)
def test_the_missing_comparison_by_channel_or_team_says_why(unmapped, expected):
    assert expected in dims_text(unmapped)


@pytest.mark.parametrize(
    ("chosen", "explore", "expected"),
    [
        (
            ("3",),
            True,
            "This upload has no dates, so there is no period to compare; "
            "Explore shows its causes.",
        ),
        (
            ("3", "4"),
            False,
            "These uploads have no dates, so there is no period to compare.",
        ),
        (
            (),
            True,
            "None of the uploads has dates, so there is no period to compare; "
            "Explore shows their causes.",
        ),
    ],
)
def test_undated_data_is_said_to_have_no_dates(chosen, explore, expected):
    assert undated_text(chosen, explore=explore) == expected


def test_a_downloaded_report_has_no_relative_links_and_says_its_filters_in_words():
    base = Filters(datasets=("1",))
    summary = build_summary(
        CURRENT, PREVIOUS_COUNTS, TAXONOMY, PERIOD, PREVIOUS, base=base
    )
    page = summary_html(summary, {})
    assert "href=" not in page
    items = re.findall(r"<li>(.*?)</li>", page)
    assert len(items) == len(summary.findings)
    concentrated = next(i for i in items if "most concentrated in the phone" in i)
    assert concentrated.endswith(
        "(evidence in Explore: 1 Mar 2025 to 31 Mar 2025; Rudeness; phone)</span>"
    )
    for item in items:
        assert "evidence in Explore: 1 Mar 2025 to 31 Mar 2025" in item
        assert "cause=" not in item and "dataset=" not in item


# -- since when ------------------------------------------------------------------------


def _monthly(over_from: int, months: int = 10) -> pd.DataFrame:
    """Counts by month: overcharging 3 of 60 rows, 24 from month ``over_from`` on."""
    rows = []
    for i, month in enumerate(pd.date_range("2025-01-01", periods=months, freq="MS")):
        over = 24 if i >= over_from else 3
        rows += [(month, "overcharging", over), (month, "none", 60 - over)]
    return pd.DataFrame(rows, columns=["period", "cause", "n"])


def test_since_when_names_the_month_a_cause_rose_with_its_rows_from_then():
    base = Filters(datasets=("2",))
    found, months = since_findings(_monthly(5), TAXONOMY, base)
    assert months == 10
    (finding,) = found
    assert finding.text == (
        "Overcharging: 40.0% of feedback since June 2025, up from 5.0% before."
    )
    assert finding.filters == base.with_(
        causes=("overcharging",), date_from=D(2025, 6, 1)
    )


def test_since_when_says_so_when_nothing_shifted_or_data_is_too_short():
    steady, months = since_findings(_monthly(99), TAXONOMY, Filters())
    assert steady == () and months == 10
    assert no_shift_text(months) == (
        "No cause's share has shifted clearly over the 10 months with feedback."
    )
    assert since_findings(_monthly(1, months=2), TAXONOMY, Filters()) == ((), 2)
    assert no_shift_text(2) == (
        "Since when: 2 months with feedback are too few to tell when a cause began "
        "to rise or fall."
    )
    assert no_shift_text(1, "week").startswith("Since when: 1 week with feedback is")


def test_since_when_reads_short_data_by_day_or_week():
    days = pd.date_range("2015-02-16", periods=9, freq="D")
    counts = pd.DataFrame(
        [(d, c, n) for i, d in enumerate(days)
         for c, n in (("rudeness", 40 if i >= 5 else 4), ("none", 60))],
        columns=["period", "cause", "n"],
    )  # fmt: skip
    (finding,), periods = since_findings(counts, TAXONOMY, Filters(), "day")
    assert periods == 9
    assert finding.text.startswith("Rudeness: 40.0% of feedback since 21 Feb 2015")


def test_since_when_is_not_one_upload_replacing_another():
    # upload 1 all year at 30% overcharging; upload 2, low, only in January-March
    rows = []
    for month in pd.date_range("2025-01-01", periods=12, freq="MS"):
        rows += [(month, "1", "overcharging", 30), (month, "1", "none", 70)]
        if month.month <= 3:
            rows += [(month, "2", "overcharging", 5), (month, "2", "none", 295)]
    counts = pd.DataFrame(rows, columns=["period", "dataset_id", "cause", "n"])
    assert since_findings(counts, TAXONOMY, Filters()) == ((), 12)
    pooled = counts.drop(columns="dataset_id")  # the same counts without uploads
    assert since_findings(pooled, TAXONOMY, Filters())[0] != ()


def test_the_report_has_a_since_when_section(summary):
    found, months = since_findings(_monthly(5), TAXONOMY, Filters())
    page = summary_html(replace(summary, since=found, since_periods=months), {})
    section = page.split("<h2>Since when</h2>", 1)[1].split("<h2>", 1)[0]
    assert html.escape(found[0].text) in section
    assert "(evidence in Explore: from 1 Jun 2025; Overcharging)" in section
    quiet = summary_html(replace(summary, since=(), since_periods=10), {})
    assert html.escape(no_shift_text(10)) in quiet
