"""Since when: the period from which a cause's share of feedback shifted.

For each cause the over-time shares (``cx.trends.shares_over_time``) are split once, at
the period that best separates "before" from "since" (the largest binomial likelihood
ratio, a standard single change-point test). A shift is reported only when it is
unlikely to be chance after correcting for the number of splits tried, moves the share
by a visible amount, rests on enough rows, and still holds in the latest period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import chi2

__all__ = ["Shift", "describe_shift", "find_shifts", "period_start_label"]

NONE = "none"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # fmt: skip (English names whatever the server's locale)


@dataclass(frozen=True)
class Shift:
    """A cause whose share of feedback has been higher (or lower) since ``since``."""

    cause: str
    since: dt.date
    share_before: float
    share_since: float
    n_since: int
    p_value: float

    @property
    def rising(self) -> bool:
        """Whether the share went up (a problem growing) rather than down."""
        return self.share_since > self.share_before


def _log_likelihood(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Binomial log-likelihood at the fitted share k/n (0·log 0 = 0), elementwise."""
    k = k.astype(np.float64)
    n = n.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, k / np.where(n > 0, n, 1), 0.0)
        a = np.where(k > 0, k * np.log(np.where(p > 0, p, 1)), 0.0)
        b = np.where(n - k > 0, (n - k) * np.log(np.where(p < 1, 1 - p, 1)), 0.0)
    return a + b


def _best_split(k: np.ndarray, n: np.ndarray) -> tuple[int, float]:
    """The split index s (``since`` = period s, 1 <= s < len) with the largest
    likelihood-ratio statistic, and that statistic (G = 2·log LR)."""
    ck, cn = np.cumsum(k), np.cumsum(n)
    k_before, n_before = ck[:-1], cn[:-1]
    k_since, n_since = ck[-1] - k_before, cn[-1] - n_before
    whole = _log_likelihood(ck[-1:], cn[-1:])[0]
    split = _log_likelihood(k_before, n_before) + _log_likelihood(k_since, n_since)
    g = 2.0 * (split - whole)
    s = int(np.argmax(g))
    return s + 1, float(max(g[s], 0.0))


def find_shifts(
    over_time: pd.DataFrame,
    *,
    cause_col: str = "cause",
    alpha: float = 0.001,
    min_change: float = 0.02,
    min_rows: int = 10,
    min_periods: int = 3,
) -> list[Shift]:
    """The causes whose share shifted, each with the period it shifted from.

    ``over_time`` has one row per (period, cause) with ``n`` and the period's
    ``total``. A shift needs at least ``min_periods`` periods, a p-value under
    ``alpha`` after a Bonferroni correction over the splits tried, a change of at
    least ``min_change`` in share, ``min_rows`` rows of the cause on the side where it
    is more frequent, and the latest period on the same side of the earlier share.
    Biggest changes first.

    >>> weeks = pd.date_range("2025-01-06", periods=8, freq="W-MON")
    >>> rows = [(w, c, n) for i, w in enumerate(weeks)
    ...         for c, n in (("overcharging", 30 if i >= 5 else 5), ("none", 70))]
    >>> t = pd.DataFrame(rows, columns=["period", "cause", "n"])
    >>> t["total"] = t.groupby("period")["n"].transform("sum")
    >>> [(s.cause, str(s.since), s.rising) for s in find_shifts(t)]
    [('overcharging', '2025-02-10', True)]
    """
    if over_time.empty:
        return []
    frame = over_time[["period", cause_col, "n", "total"]].copy()
    frame[cause_col] = frame[cause_col].fillna(NONE).astype("str")
    totals = frame.groupby("period")["total"].max().sort_index()
    periods = totals.index
    if len(periods) < min_periods:
        return []
    counts = frame.pivot_table(
        index="period", columns=cause_col, values="n", aggfunc="sum", fill_value=0
    ).reindex(periods, fill_value=0)
    n = totals.to_numpy(dtype=np.int64)
    tests = len(periods) - 1
    shifts: list[Shift] = []
    for cause in counts.columns:
        if cause == NONE:
            continue
        k = counts[cause].to_numpy(dtype=np.int64)
        s, g = _best_split(k, n)
        p_value = min(1.0, float(chi2.sf(g, df=1)) * tests)
        before = k[:s].sum() / n[:s].sum()
        since = k[s:].sum() / n[s:].sum()
        latest = k[-1] / n[-1] if n[-1] else since
        rising = since > before
        more_rows = int(k[s:].sum()) if rising else int(k[:s].sum())
        if (
            p_value >= alpha
            or abs(since - before) < min_change
            or more_rows < min_rows
            or (latest > before) != rising
        ):
            continue
        shifts.append(
            Shift(
                cause=str(cause),
                since=pd.Timestamp(periods[s]).date(),
                share_before=float(before),
                share_since=float(since),
                n_since=int(k[s:].sum()),
                p_value=p_value,
            )
        )
    return sorted(shifts, key=lambda x: -abs(x.share_since - x.share_before))


def period_start_label(start: dt.date, period: str) -> str:
    """How a time bucket is named in a sentence: "June 2025", "the week of 2 Jun 2025".

    >>> period_start_label(dt.date(2025, 6, 1), "month")
    'June 2025'
    >>> period_start_label(dt.date(2025, 6, 2), "week")
    'the week of 2 Jun 2025'
    """
    if period == "month":
        return f"{_MONTHS[start.month - 1]} {start.year}"
    day = f"{start.day} {_MONTHS[start.month - 1][:3]} {start.year}"
    return f"the week of {day}" if period == "week" else day


def describe_shift(shift: Shift, label: str, period: str) -> str:
    """One plain sentence: "Overcharging: 27.6% of feedback since June 2025, up from
    9.7% before." (``label`` is the cause's label; ``period`` the time bucket)."""
    verb = "up from" if shift.rising else "down from"
    return (
        f"{label}: {shift.share_since * 100:.1f}% of feedback since "
        f"{period_start_label(shift.since, period)}, {verb} "
        f"{shift.share_before * 100:.1f}% before."
    )
