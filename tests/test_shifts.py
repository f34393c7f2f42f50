"""Since when: a cause's share shifts from a period on; chance wobbles are no shift."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cx.shifts import describe_shift, find_shifts, period_start_label

MONTHS = pd.date_range("2025-01-01", periods=12, freq="MS")


def _over_time(shares: dict[str, list[float]], total: int = 200) -> pd.DataFrame:
    """Exact counts per month: each cause's share of ``total`` rows, the rest none."""
    rows = []
    for i, month in enumerate(MONTHS[: len(next(iter(shares.values())))]):
        taken = 0
        for cause, series in shares.items():
            n = round(series[i] * total)
            rows.append((month, cause, n))
            taken += n
        rows.append((month, "none", total - taken))
    frame = pd.DataFrame(rows, columns=["period", "cause", "n"])
    frame["total"] = total
    return frame


def test_a_cause_that_jumped_is_found_from_the_month_it_jumped():
    over = _over_time(
        {"overcharging": [0.05] * 5 + [0.25] * 7, "rudeness": [0.10] * 12}
    )
    shifts = find_shifts(over)
    assert [(s.cause, s.since, s.rising) for s in shifts] == [
        ("overcharging", dt.date(2025, 6, 1), True)
    ]
    assert shifts[0].share_before == pytest.approx(0.05)
    assert shifts[0].share_since == pytest.approx(0.25)


def test_a_fall_is_reported_as_a_fall():
    over = _over_time({"rudeness": [0.30] * 8 + [0.10] * 4})
    (shift,) = find_shifts(over)
    assert shift.since == dt.date(2025, 9, 1) and not shift.rising


def test_a_spike_that_is_over_is_no_shift_since():
    # high in two middle months, back to the usual level in the latest one
    over = _over_time({"unresolved": [0.10] * 5 + [0.40, 0.40] + [0.10] * 5})
    assert find_shifts(over) == []


def test_chance_wobbles_of_a_steady_share_are_not_shifts():
    # 40 exports, each with one cause at a steady 15% of 300 rows a month, drawn at
    # random: the test corrects for the splits it tries, so none is reported
    rng = np.random.default_rng(7)
    found = 0
    for _ in range(40):
        k = rng.binomial(300, 0.15, size=len(MONTHS))
        over = pd.DataFrame({"period": MONTHS, "cause": "rudeness", "n": k})
        none = over.assign(cause="none", n=300 - k)
        over = pd.concat([over, none], ignore_index=True).assign(total=300)
        found += len(find_shifts(over))
    assert found == 0  # (at alpha 0.05 two of the 40 would be)


def test_too_few_rows_or_periods_tell_nothing():
    tiny = _over_time({"rudeness": [0.0] * 6 + [0.5] * 6}, total=2)
    assert find_shifts(tiny) == []  # 6 rude rows in all: below min_rows
    short = _over_time({"rudeness": [0.05, 0.5]})
    assert find_shifts(short) == []  # two periods cannot say since when
    assert find_shifts(short.iloc[:0]) == []


def test_none_is_never_a_shift():
    over = _over_time({"rudeness": [0.4] * 6 + [0.05] * 6})
    assert {s.cause for s in find_shifts(over)} == {"rudeness"}


@pytest.mark.parametrize(
    ("period", "start", "expected"),
    [
        ("month", dt.date(2025, 6, 1), "June 2025"),
        ("week", dt.date(2025, 6, 2), "the week of 2 Jun 2025"),
        ("day", dt.date(2025, 6, 3), "3 Jun 2025"),
    ],
)
def test_periods_are_named_in_words(period, start, expected):
    assert period_start_label(start, period) == expected


def test_a_shift_reads_as_one_sentence():
    over = _over_time({"overcharging": [0.05] * 5 + [0.25] * 7})
    (shift,) = find_shifts(over)
    assert describe_shift(shift, "Overcharging", "month") == (
        "Overcharging: 25.0% of feedback since June 2025, up from 5.0% before."
    )


def _two_uploads(first: dict, second: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Over-time counts and the same by upload: ``{period: (overcharging, rows)}``."""
    rows = []
    for dataset, months in (("1", first), ("2", second)):
        for month, (over, total) in months.items():
            rows += [
                (pd.Timestamp(month), dataset, "overcharging", over),
                (pd.Timestamp(month), dataset, "none", total - over),
            ]
    by_upload = pd.DataFrame(rows, columns=["period", "dataset_id", "cause", "n"])
    over = by_upload.groupby(["period", "cause"], as_index=False)["n"].sum()
    over["total"] = over.groupby("period")["n"].transform("sum")
    return over, by_upload


def test_an_older_upload_years_before_is_not_a_before():
    # 2015 export: 45% overcharging; 2025 export: a steady 10%
    old = {f"2015-{m:02d}-01": (45, 100) for m in range(1, 7)}
    new = {f"2025-{m:02d}-01": (10, 100) for m in range(1, 13)}
    over, by_upload = _two_uploads(old, new)
    assert find_shifts(over) == []
    assert find_shifts(over, by_upload=by_upload) == []


def test_one_upload_replacing_another_in_the_same_months_is_no_trend():
    # upload 1 (all year, a steady 30%) and upload 2 (low, only the first months):
    # the mix changes in April, the share within upload 1 does not
    steady = {f"2025-{m:02d}-01": (30, 100) for m in range(1, 13)}
    early = {f"2025-{m:02d}-01": (5, 300) for m in range(1, 4)}
    over, by_upload = _two_uploads(steady, early)
    assert [s.since for s in find_shifts(over)] == [dt.date(2025, 4, 1)]
    assert find_shifts(over, by_upload=by_upload) == []


def test_consecutive_monthly_exports_can_show_a_rise():
    # January-June in one file, July-December in the next: nothing spans the split
    first = {f"2025-{m:02d}-01": (5, 100) for m in range(1, 7)}
    second = {f"2025-{m:02d}-01": (30, 100) for m in range(7, 13)}
    over, by_upload = _two_uploads(first, second)
    shifts = find_shifts(over, by_upload=by_upload)
    assert [(s.since, s.rising) for s in shifts] == [(dt.date(2025, 7, 1), True)]


def test_a_thin_last_period_does_not_overturn_a_shift():
    # a month just begun: 3 rows, none of them the cause
    over = _over_time({"overcharging": [0.05] * 6 + [0.30] * 5})
    extra = pd.DataFrame(
        {"period": [MONTHS[11]] * 2, "cause": ["overcharging", "none"], "n": [0, 3]}
    ).assign(total=3)
    (shift,) = find_shifts(pd.concat([over, extra], ignore_index=True))
    assert shift.since == dt.date(2025, 7, 1) and shift.rising


def test_a_level_seen_before_is_said_to_recur():
    # high in January-February, lower in between, high again from October (winter)
    over = _over_time({"treated_as_number": [0.25] * 2 + [0.12] * 7 + [0.25] * 3})
    (shift,) = find_shifts(over)
    assert shift.since == dt.date(2025, 10, 1)
    assert shift.recurring == (dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    assert describe_shift(shift, "Treated as a number", "month").endswith(
        "up from 14.9% before; it was as high in January–February 2025."
    )
    steady_rise = _over_time({"overcharging": [0.05] * 6 + [0.25] * 6})
    assert find_shifts(steady_rise)[0].recurring is None
