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
    """A cause whose share of feedback has been higher (or lower) since ``since``;
    ``recurring`` names an earlier stretch where the share was already at that level
    (a seasonal pattern rather than something new), if any."""

    cause: str
    since: dt.date
    share_before: float
    share_since: float
    n_since: int
    p_value: float
    recurring: tuple[dt.date, dt.date] | None = None

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


def _latest_run(starts: pd.DatetimeIndex, ends: pd.DatetimeIndex) -> int:
    """Index of the first period of the latest stretch without a long hole: a gap of
    more than three periods' length (an older upload years before) starts afresh."""
    first = 0
    for i in range(1, len(starts)):
        length = (ends[i - 1] - starts[i - 1]).days + 1
        hole = (starts[i] - ends[i - 1]).days - 1
        if hole > 3 * length:
            first = i
    return first


def _recent_share(k: np.ndarray, n: np.ndarray, s: int, rows: int) -> float:
    """The share over the latest periods since the split holding ``rows`` rows or
    more, so one thin last period (a month just begun) does not decide alone."""
    got_k = got_n = 0
    for i in range(len(n) - 1, s - 1, -1):
        got_k += int(k[i])
        got_n += int(n[i])
        if got_n >= rows:
            break
    return got_k / got_n if got_n else 0.0


def _holds_within_uploads(
    by_upload: pd.DataFrame | None, periods: pd.Index, s: int, cause: str, change: float
) -> bool:
    """Whether uploads with rows on both sides of the split show the same change (at
    least half of it); without such uploads the stretches are consecutive exports
    and there is nothing to check. Stops one upload replacing another from reading as
    a trend."""
    if by_upload is None or by_upload.empty:
        return True
    frame = by_upload[by_upload["period"].isin(periods)]
    side = np.where(frame["period"] >= periods[s], "since", "before")
    spans = frame.assign(side=side).groupby("dataset_id")["side"].nunique()
    both = spans[spans == 2].index
    if len(both) == 0 or frame["dataset_id"].nunique() == 1:
        return True  # consecutive exports, or one upload: the pooled test is its test
    part = frame[frame["dataset_id"].isin(both)].assign(
        side=side[frame["dataset_id"].isin(both).to_numpy()]
    )
    totals = part.groupby("side")["n"].sum()
    hits = part[part["cause"] == cause].groupby("side")["n"].sum()
    before = hits.get("before", 0) / totals["before"]
    since = hits.get("since", 0) / totals["since"]
    return (since - before) * change > 0 and abs(since - before) >= abs(change) / 2


def _earlier_level(
    k: np.ndarray,
    n: np.ndarray,
    periods: pd.Index,
    s: int,
    share: float,
    lift: float,
    min_rows: int,
) -> tuple[dt.date, dt.date] | None:
    """The earlier stretch (at least half as long as the one since the split, with
    ``min_rows`` rows or more) whose share came closest to ``share``, if it came at
    least three quarters of the way from the share before (``lift``: the change)."""
    width = max(1, -(-(len(n) - s) // 2))
    before = share - lift
    best, best_gap = None, 0.75 * abs(lift)
    for i in range(0, s - width + 1):
        total = n[i : i + width].sum()
        if total < min_rows:
            continue
        gap = (k[i : i + width].sum() / total - before) * np.sign(lift)
        if gap >= best_gap:
            best, best_gap = i, gap
    if best is None:
        return None
    start, end = periods[best], periods[best + width - 1]
    return pd.Timestamp(start).date(), pd.Timestamp(end).date()


def find_shifts(
    over_time: pd.DataFrame,
    *,
    cause_col: str = "cause",
    by_upload: pd.DataFrame | None = None,
    alpha: float = 0.001,
    min_change: float = 0.02,
    min_rows: int = 10,
    min_periods: int = 3,
) -> list[Shift]:
    """The causes whose share shifted, each with the period it shifted from.

    ``over_time`` has one row per (period, cause) with ``n`` and the period's
    ``total`` (and ``period_end``, as :func:`cx.trends.shares_over_time` gives).
    Only the latest stretch without a long hole is read. A shift needs at least
    ``min_periods`` periods, a p-value under ``alpha`` after a Bonferroni correction
    over the splits tried, a change of at least ``min_change`` in share, ``min_rows``
    rows of the cause on the side where it is more frequent, the latest periods
    (three times ``min_rows`` rows at least) on the same side of the earlier share,
    and, given ``by_upload`` (counts by ``period``, ``dataset_id``, ``cause``), the
    same change within the uploads that cover both sides. Biggest changes first.

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
    frame = over_time.copy()
    frame[cause_col] = frame[cause_col].fillna(NONE).astype("str")
    if "period_end" not in frame:  # buckets as long as their usual spacing
        starts = pd.Series(sorted(frame["period"].unique()))
        step = starts.diff().median() if len(starts) > 1 else pd.Timedelta(days=1)
        frame["period_end"] = frame["period"] + step - pd.Timedelta(days=1)
    spans = frame.groupby("period").agg(
        total=("total", "max"), end=("period_end", "max")
    )
    spans = spans.sort_index()
    first = _latest_run(pd.DatetimeIndex(spans.index), pd.DatetimeIndex(spans["end"]))
    spans = spans.iloc[first:]
    periods = spans.index
    if len(periods) < min_periods:
        return []
    counts = frame.pivot_table(
        index="period", columns=cause_col, values="n", aggfunc="sum", fill_value=0
    ).reindex(periods, fill_value=0)
    n = spans["total"].to_numpy(dtype=np.int64)
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
        rising = since > before
        more_rows = int(k[s:].sum()) if rising else int(k[:s].sum())
        recent = _recent_share(k, n, s, 3 * min_rows)
        if (
            p_value >= alpha
            or abs(since - before) < min_change
            or more_rows < min_rows
            or (recent - before) * (since - before) <= 0
            or not _holds_within_uploads(
                by_upload, periods, s, str(cause), since - before
            )
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
                recurring=_earlier_level(
                    k, n, periods, s, since, since - before, 3 * min_rows
                ),
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
    9.7% before." (``label`` is the cause's label; ``period`` the time bucket); a
    level seen before is said: "...; it was as high in January–February 2025."."""
    verb = "up from" if shift.rising else "down from"
    text = (
        f"{label}: {shift.share_since * 100:.1f}% of feedback since "
        f"{period_start_label(shift.since, period)}, {verb} "
        f"{shift.share_before * 100:.1f}% before"
    )
    if shift.recurring is None:
        return text + "."
    start, end = shift.recurring
    level = "high" if shift.rising else "low"
    return f"{text}; it was as {level} in {_stretch(start, end, period)}."


def _stretch(start: dt.date, end: dt.date, period: str) -> str:
    """ "January–February 2025", "June 2025", "the weeks of 2 Jun – 16 Jun 2025"."""
    if period == "month":
        if start == end:
            return period_start_label(start, period)
        first = _MONTHS[start.month - 1]
        if start.year != end.year:
            first += f" {start.year}"
        return f"{first}–{_MONTHS[end.month - 1]} {end.year}"
    if start == end:
        return period_start_label(start, period)
    days = f"{start.day} {_MONTHS[start.month - 1][:3]} – {end.day} "
    days += f"{_MONTHS[end.month - 1][:3]} {end.year}"
    return f"the weeks of {days}" if period == "week" else days
