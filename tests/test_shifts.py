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
