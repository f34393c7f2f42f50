"""Read models behind the Explore page: periods, KPIs, shares and chart drill-downs.

Everything here is pure: it takes the small aggregate frames the store returns (one row
per group with a count column ``n``) and the user's :class:`~cx.filters.Filters`, and
returns new values. The store does the heavy counting in DuckDB.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from cx.access import Scope
from cx.filters import Filters
from cx.store import Workspace

__all__ = [
    "DRILLDOWN_CHARTS",
    "NONE",
    "PERIODS",
    "ExploreData",
    "Kpis",
    "complaint_filters",
    "compute_kpis",
    "cross_shares",
    "default_period",
    "default_summary_period",
    "describe_previous",
    "describe_view",
    "drilldown_filters",
    "explore_data",
    "is_whole_months",
    "mark_evidence",
    "newest_rows_filters",
    "period_cause_counts",
    "period_bounds",
    "period_end",
    "previous_coverage",
    "previous_period",
    "shares_over_time",
    "top_causes",
]

NONE = "none"
# Time buckets of the over-time chart, finest first (the store truncates dates to them).
PERIODS = ("day", "week", "month")
# A view shorter than these many days gets day, then week buckets by default: a month
# bucket would draw a single bar.
_DAY_VIEW_DAYS = 21
_WEEK_VIEW_DAYS = 61

# Chart kinds a click can drill down from, and what their points carry in customdata.
DRILLDOWN_CHARTS: dict[str, tuple[str, ...]] = {
    "cause_over_time": ("cause", "period_start", "period_end"),
    "cause_channel": ("cause", "channel"),
    "cause_team": ("cause", "team"),
    "causes": ("cause",),
}


def _to_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(str(value)).date()
    except (ValueError, TypeError):
        return None


def period_end(start: dt.date, period: str) -> dt.date:
    """The last day of the day, week or month that starts on ``start``.

    >>> period_end(dt.date(2025, 2, 1), "month")
    datetime.date(2025, 2, 28)
    >>> period_end(dt.date(2025, 1, 6), "week")
    datetime.date(2025, 1, 12)
    """
    if period == "day":
        return start
    if period == "week":
        return start + dt.timedelta(days=6)
    if period == "month":
        nxt = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return nxt - dt.timedelta(days=1)
    raise ValueError(f"unknown period {period!r}; use 'day', 'week' or 'month'")


def default_period(bounds: tuple[dt.date, dt.date] | None) -> str:
    """The time bucket that draws a view's dates as several bars: days under three
    weeks, weeks under two months, else months (also when the dates are unknown).

    >>> [default_period((dt.date(2015, 2, 2), dt.date(2015, 2, d))) for d in (10, 28)]
    ['day', 'week']
    >>> default_period((dt.date(2015, 1, 1), dt.date(2015, 6, 30)))
    'month'
    """
    if bounds is None:
        return "month"
    days = (bounds[1] - bounds[0]).days + 1
    if days < _DAY_VIEW_DAYS:
        return "day"
    if days < _WEEK_VIEW_DAYS:
        return "week"
    return "month"


def _point_values(point: Mapping[str, Any], chart: str) -> dict[str, Any]:
    names = DRILLDOWN_CHARTS[chart]
    custom = point.get("customdata")
    if isinstance(custom, str):
        custom = [custom]
    if not isinstance(custom, Sequence) or len(custom) < len(names):
        return {}
    return dict(zip(names, custom, strict=False))


def drilldown_filters(base: Filters, chart: str, point: Mapping[str, Any]) -> Filters:
    """The filters selecting exactly the rows behind a clicked bar or matrix cell.

    Charts put what identifies a mark in the point's ``customdata`` (see
    ``DRILLDOWN_CHARTS``); a point without it leaves the filters unchanged.

    >>> point = {"customdata": ["rudeness", "phone"]}
    >>> f = drilldown_filters(Filters(), "cause_channel", point)
    >>> f.causes, f.channels
    (('rudeness',), ('phone',))
    """
    if chart not in DRILLDOWN_CHARTS:
        known = ", ".join(DRILLDOWN_CHARTS)
        raise ValueError(f"unknown chart {chart!r}; drill-down knows {known}")
    values = _point_values(point, chart)
    cause = values.get("cause")
    if not cause:
        return base
    out = base.with_(causes=(str(cause),))
    if chart == "cause_over_time":
        start = _to_date(values.get("period_start"))
        end = _to_date(values.get("period_end"))
        if start is None or end is None:
            return base
        if base.date_from is not None:
            start = max(start, base.date_from)
        if base.date_to is not None:
            end = min(end, base.date_to)
        out = out.with_(date_from=start, date_to=end)
    elif chart == "cause_channel":
        if not values.get("channel"):
            return base
        out = out.with_(channels=(str(values["channel"]),))
    elif chart == "cause_team":
        if not values.get("team"):
            return base
        out = out.with_(teams=(str(values["team"]),))
    return out


def is_whole_months(date_from: dt.date, date_to: dt.date) -> bool:
    """Whether a window runs from the 1st of a month to the last day of a month.

    >>> is_whole_months(dt.date(2025, 2, 1), dt.date(2025, 3, 31))
    True
    >>> is_whole_months(dt.date(2025, 2, 1), dt.date(2025, 2, 27))
    False
    """
    return (
        date_from.day == 1
        and date_to >= date_from
        and date_to == period_end(date_to.replace(day=1), "month")
    )


def _months(date_from: dt.date, date_to: dt.date) -> int:
    return (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1


def previous_period(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The window a change is measured against: the one rule of Explore and Summary.

    A window of whole calendar months is compared with as many calendar months right
    before it (February with January, whatever their lengths); any other window with
    the equally long run of days that ends the day before ``date_from``.

    >>> previous_period(dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    (datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))
    >>> previous_period(dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    >>> previous_period(dt.date(2025, 3, 11), dt.date(2025, 3, 20))
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 10))
    """
    if date_to < date_from:
        raise ValueError("date_to is before date_from")
    prev_to = date_from - dt.timedelta(days=1)
    if is_whole_months(date_from, date_to):
        first = prev_to.year * 12 + prev_to.month - _months(date_from, date_to)
        return dt.date(first // 12, first % 12 + 1, 1), prev_to
    days = (date_to - date_from).days + 1
    return prev_to - dt.timedelta(days=days - 1), prev_to


def describe_previous(date_from: dt.date, date_to: dt.date) -> str:
    """How :func:`previous_period` chose the window before, in a few words.

    >>> describe_previous(dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    'the month before'
    >>> describe_previous(dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    'the 3 months before'
    >>> describe_previous(dt.date(2025, 3, 20), dt.date(2025, 3, 20))
    'the day before'
    """
    if is_whole_months(date_from, date_to):
        months = _months(date_from, date_to)
        return "the month before" if months == 1 else f"the {months} months before"
    days = (date_to - date_from).days + 1
    return "the day before" if days == 1 else f"the {days} days before"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def describe_view(
    filters: Filters,
    *,
    cause_label: Callable[[str], str] | None = None,
    dataset_names: Mapping[str, str] | None = None,
) -> str:
    """The filters in words for people (dates as dates, cause labels, dataset names,
    other values as they are), unlike :meth:`Filters.describe`'s URL keys.

    >>> f = Filters(causes=("rudeness",), datasets=("3",), channels=("phone",))
    >>> describe_view(f, cause_label=str.title, dataset_names={"3": "estonian.csv"})
    'Rudeness; phone; estonian.csv'
    >>> describe_view(Filters(date_from="2015-02-21", date_to="2015-02-24"))
    '21 Feb 2015 to 24 Feb 2015'
    """
    label = cause_label or str
    names = dataset_names or {}
    parts: list[str] = []
    start, end = filters.date_from, filters.date_to
    if start and end:
        parts.append(_day(start) if start == end else f"{_day(start)} to {_day(end)}")
    elif start:
        parts.append(f"from {_day(start)}")
    elif end:
        parts.append(f"until {_day(end)}")
    parts += [", ".join(label(c) for c in filters.causes)] if filters.causes else []
    for values in (filters.channels, filters.teams, filters.languages):
        parts += [", ".join(values)] if values else []
    if filters.datasets:
        parts.append(", ".join(names.get(d, f"upload {d}") for d in filters.datasets))
    if filters.search:
        parts.append(f"text contains “{filters.search}”")
    return "; ".join(parts) or "all rows"


def period_bounds(
    filters: Filters, data_from: dt.date | None, data_to: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The current period: the filter's dates, falling back to the data's own range.

    >>> f = Filters(date_from="2025-01-10")
    >>> period_bounds(f, dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    (datetime.date(2025, 1, 10), datetime.date(2025, 2, 1))
    """
    start = filters.date_from or data_from
    end = filters.date_to or data_to
    if start is None or end is None or end < start:
        return None
    return start, end


def default_summary_period(
    latest: dt.date, earliest: dt.date | None = None
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """This period and the previous one for the executive summary.

    The last full calendar month up to ``latest`` and the month before it (the rule
    of :func:`previous_period`) when the data reaches back that far. Shorter data is
    split into two equally long halves (at most 30 days each) so the previous period
    holds data too; a single day is compared with the (empty) day before.

    >>> default_summary_period(dt.date(2025, 3, 15), dt.date(2024, 12, 1))[0]
    (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    >>> default_summary_period(dt.date(2025, 3, 15), dt.date(2025, 2, 20))[1]
    (datetime.date(2025, 2, 20), datetime.date(2025, 3, 3))
    """
    if latest == period_end(latest.replace(day=1), "month"):
        month_end = latest
    else:
        month_end = latest.replace(day=1) - dt.timedelta(days=1)
    month = (month_end.replace(day=1), month_end)
    previous = previous_period(*month)
    if earliest is None or earliest <= previous[0]:
        return month, previous
    span = (latest - min(earliest, latest)).days + 1
    days = max(1, min(30, span // 2))
    current = (latest - dt.timedelta(days=days - 1), latest)
    return current, previous_period(*current)


def previous_coverage(
    previous: tuple[dt.date, dt.date] | None,
    data_range: tuple[dt.date, dt.date] | None,
    *,
    min_share: float = 0.9,
) -> str:
    """How much of the previous period the data covers: ``full``, ``partial`` or
    ``none``.

    A change against a period wholly before the first date in the data is
    meaningless, and a volume change against one the data covers less than
    ``min_share`` of (in days) is misleading; a day or two short counts as full.

    >>> data = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    >>> previous_coverage((dt.date(2024, 11, 1), dt.date(2024, 12, 31)), data)
    'none'
    >>> previous_coverage((dt.date(2024, 12, 1), dt.date(2025, 1, 31)), data)
    'partial'
    >>> previous_coverage((dt.date(2024, 12, 31), dt.date(2025, 3, 31)), data)
    'full'
    """
    if previous is None:
        return "none"
    if data_range is None:
        return "full"
    if previous[1] < data_range[0] or previous[0] > data_range[1]:
        return "none"
    days = (previous[1] - previous[0]).days + 1
    covered = (previous[1] - max(previous[0], data_range[0])).days + 1
    return "full" if covered >= min_share * days else "partial"


@dataclass(frozen=True)
class Kpis:
    """The headline numbers of a view and their change against the previous period."""

    volume: int
    with_cause: int
    top_cause: str | None
    top_cause_n: int
    previous_volume: int | None = None
    previous_with_cause: int | None = None
    previous_partial: bool = False

    @property
    def has_previous(self) -> bool:
        """Whether the previous period holds rows, so a change can be stated."""
        return bool(self.previous_volume)

    @property
    def share_with_cause(self) -> float:
        """Share of rows that have any cause (0 when there are no rows)."""
        return self.with_cause / self.volume if self.volume else 0.0

    @property
    def volume_change(self) -> float | None:
        """Relative change of volume against the previous period.

        None without earlier rows, or when the data covers only part of the previous
        period (its volume is then not comparable).
        """
        if not self.previous_volume or self.previous_partial:
            return None
        return (self.volume - self.previous_volume) / self.previous_volume

    @property
    def share_change(self) -> float | None:
        """Change of the share with a cause, in fraction points (0.05 = 5 points)."""
        if not self.previous_volume or self.previous_with_cause is None:
            return None
        return self.share_with_cause - self.previous_with_cause / self.previous_volume


def _by_cause(counts: pd.DataFrame | None, cause_col: str) -> pd.Series:
    if counts is None or counts.empty:
        return pd.Series(dtype="int64")
    causes = counts[cause_col].fillna(NONE).astype("str")
    return counts["n"].groupby(causes.to_numpy(), sort=False).sum().astype("int64")


def compute_kpis(
    current: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    *,
    cause_col: str = "cause",
    previous_partial: bool = False,
) -> Kpis:
    """KPIs from per-cause counts (columns ``cause``, ``n``) of two periods.

    ``previous_partial`` says the data covers only part of the previous period: the
    shares still compare, the volume does not.

    >>> cur = pd.DataFrame({"cause": ["rudeness", "none"], "n": [3, 7]})
    >>> k = compute_kpis(cur, pd.DataFrame({"cause": ["none"], "n": [5]}))
    >>> k.volume, k.share_with_cause, k.top_cause, k.volume_change
    (10, 0.3, 'rudeness', 1.0)
    """
    cur = _by_cause(current, cause_col)
    causes = cur.drop(labels=[NONE], errors="ignore")
    causes = causes[causes > 0]
    top = None
    top_n = 0
    if not causes.empty:
        ranked = causes.sort_values(ascending=False, kind="stable")
        top, top_n = str(ranked.index[0]), int(ranked.iloc[0])
    prev_volume = prev_with = None
    if previous is not None:
        prev = _by_cause(previous, cause_col)
        prev_volume = int(prev.sum())
        prev_with = int(prev.drop(labels=[NONE], errors="ignore").sum())
    return Kpis(
        volume=int(cur.sum()),
        with_cause=int(causes.sum()),
        top_cause=top,
        top_cause_n=top_n,
        previous_volume=prev_volume,
        previous_with_cause=prev_with,
        previous_partial=previous_partial,
    )


def top_causes(
    current: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    *,
    cause_col: str = "cause",
    include_none: bool = False,
) -> pd.DataFrame:
    """Causes ranked by count, with share of all rows and change against ``previous``.

    Columns: ``cause``, ``n``, ``share``, ``previous_n``, ``previous_share``,
    ``change`` (share difference in fraction points). Without rows in ``previous``
    there is nothing to compare with: ``previous_share`` and ``change`` are NaN.

    >>> cur = pd.DataFrame({"cause": ["a", "b", "none"], "n": [5, 3, 2]})
    >>> top_causes(cur)["cause"].tolist()
    ['a', 'b']
    """
    cur = _by_cause(current, cause_col)
    prev = _by_cause(previous, cause_col)
    total = int(cur.sum())
    prev_total = int(prev.sum())
    causes = sorted(set(cur.index) | set(prev.index), key=str)
    if not include_none:
        causes = [c for c in causes if c != NONE]
    out = pd.DataFrame({"cause": pd.Series(causes, dtype="str")})
    out["n"] = [int(cur.get(c, 0)) for c in causes]
    out["share"] = out["n"] / total if total else 0.0
    out["previous_n"] = [int(prev.get(c, 0)) for c in causes]
    out["previous_share"] = (
        out["previous_n"] / prev_total if prev_total else float("nan")
    )
    out["change"] = out["share"] - out["previous_share"]
    out = out[(out["n"] > 0) | (out["previous_n"] > 0)]
    return out.sort_values(["n", "cause"], ascending=[False, True]).reset_index(
        drop=True
    )


def period_cause_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Counts ``n`` by period and cause, summed over any other column (such as the
    upload each count came from).

    >>> c = pd.DataFrame({"period": [1, 1, 1], "dataset_id": [1, 2, 2],
    ...                   "cause": ["a", "a", "b"], "n": [2, 3, 4]})
    >>> period_cause_counts(c).to_dict("records")
    [{'period': 1, 'cause': 'a', 'n': 5}, {'period': 1, 'cause': 'b', 'n': 4}]
    """
    return counts.groupby(["period", "cause"], as_index=False, dropna=False)["n"].sum()


def shares_over_time(
    counts: pd.DataFrame,
    period: str,
    *,
    period_col: str = "period",
    cause_col: str = "cause",
) -> pd.DataFrame:
    """Per period and cause: the count, the period's volume and the cause's share of it.

    Input: one row per (period start, cause) with ``n``. Output adds ``period_end``,
    ``total`` and ``share``; shares of a period (``none`` included) sum to 1.

    >>> c = pd.DataFrame({"period": pd.to_datetime(["2025-01-06"] * 2),
    ...                   "cause": ["a", "none"], "n": [1, 3]})
    >>> shares_over_time(c, "week")["share"].tolist()
    [0.25, 0.75]
    """
    if counts.empty:
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[ns]"),
                "period_end": pd.Series(dtype="datetime64[ns]"),
                cause_col: pd.Series(dtype="str"),
                "n": pd.Series(dtype="int64"),
                "total": pd.Series(dtype="int64"),
                "share": pd.Series(dtype="float64"),
            }
        )
    out = counts[[period_col, cause_col, "n"]].copy()
    out = out.rename(columns={period_col: "period"})
    out[cause_col] = out[cause_col].fillna(NONE).astype("str")
    out["period"] = pd.to_datetime(out["period"]).dt.tz_localize(None)
    out = out.groupby(["period", cause_col], as_index=False)["n"].sum()
    out["total"] = out.groupby("period")["n"].transform("sum").astype("int64")
    out["share"] = out["n"] / out["total"]
    out["period_end"] = pd.to_datetime(
        [period_end(p.date(), period) for p in out["period"]]
    )
    cols = ["period", "period_end", cause_col, "n", "total", "share"]
    return out[cols].sort_values(["period", cause_col]).reset_index(drop=True)


def cross_shares(
    counts: pd.DataFrame, dim: str, *, cause_col: str = "cause"
) -> pd.DataFrame:
    """Per (cause, dim value): count, the value's volume and the cause's share of it.

    Rows with no value for ``dim`` are left out (they cannot be drilled into).

    >>> c = pd.DataFrame({"cause": ["a", "none", "a"], "channel": ["x", "x", "y"],
    ...                   "n": [1, 1, 4]})
    >>> cross_shares(c, "channel")[["channel", "share"]].values.tolist()
    [['x', 0.5], ['y', 1.0]]
    """
    out = counts[[cause_col, dim, "n"]].copy()
    out[cause_col] = out[cause_col].fillna(NONE).astype("str")
    out = out[out[dim].notna() & (out[dim].astype("str").str.len() > 0)]
    out = out.groupby([cause_col, dim], as_index=False)["n"].sum()
    out["total"] = out.groupby(dim)["n"].transform("sum").astype("int64")
    out["share"] = (out["n"] / out["total"]).where(out["total"] > 0, 0.0)
    out = out[out[cause_col] != NONE]
    return out.sort_values([dim, cause_col]).reset_index(drop=True)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[:1]
    return ("е" if char in "ёЁ" else base).lower()[:1] or char


def _fold_keep_length(text: str) -> str:
    """Lower-case, diacritic-free text, one character per input character."""
    return "".join(_fold_char(c) for c in text)


def mark_evidence(
    text: str, evidence: str, *, left: str = "⟦", right: str = "⟧"
) -> str:
    """``text`` with the words behind each evidence phrase wrapped in ``⟦ ⟧``.

    Matching ignores case and diacritics and widens to whole words, so a stem such as
    ``nemandag`` marks ``nemandagus``. The result is plain text, never markup.

    >>> mark_evidence("Kasininkė buvo nemandagi", "nemandag")
    'Kasininkė buvo ⟦nemandagi⟧'
    >>> mark_evidence("no match here", "")
    'no match here'
    """
    if not text or not evidence:
        return text or ""
    folded = _fold_keep_length(text)
    spans: list[tuple[int, int]] = []
    for phrase in evidence.split(";"):
        phrase = _fold_keep_length(phrase.strip())
        if len(phrase) < 2 or phrase == "human correction":
            continue
        pattern = re.compile(r"\w*" + re.escape(phrase) + r"\w*")
        spans.extend(m.span() for m in pattern.finditer(folded))
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(text[last:start] + left + text[start:end] + right)
        last = end
    out.append(text[last:])
    return "".join(out)


@dataclass(frozen=True)
class ExploreData:
    """Every aggregate one Explore render draws, read from the store in five queries."""

    filters: Filters
    period: str
    current: tuple[dt.date, dt.date] | None
    previous: tuple[dt.date, dt.date] | None
    counts: pd.DataFrame
    previous_counts: pd.DataFrame
    over_time: pd.DataFrame
    themes: pd.DataFrame
    kpis: Kpis
    previous_coverage: str = "full"
    # counts by period, dataset_id and cause: "since when" checks a shift within uploads
    by_upload: pd.DataFrame | None = None


def explore_data(
    workspace: Workspace,
    filters: Filters,
    scope: Scope,
    *,
    period: str = "month",
    data_range: tuple[dt.date, dt.date] | None = None,
) -> ExploreData:
    """The aggregates behind the Explore page for ``filters`` within ``scope``.

    ``data_range`` (first and last date in the data) stands in for open filter dates
    when the previous period is worked out (:func:`previous_period`: whole months
    against as many months before, any other window against as many days before); a
    previous period wholly before the data is known to be empty and is not queried
    (no changes are stated then), and one the data covers only in part gets no
    volume change. The independent queries run on parallel cursors.
    """
    bounds = period_bounds(filters, *(data_range or (None, None)))
    previous = previous_period(*bounds) if bounds is not None else None
    coverage = previous_coverage(previous, data_range)
    ask_previous = previous is not None and coverage != "none"
    with ThreadPoolExecutor(max_workers=3) as pool:
        # The current period's counts come from one scan (GROUPING SETS).
        sets_job = pool.submit(
            workspace.count_by_sets,
            [["cause", "channel", "team", "ladder"], ["period", "dataset_id", "cause"]],
            filters,
            scope,
            period=period,
        )
        themes_job = pool.submit(workspace.themes_summary, filters, scope)
        prev_job = (
            pool.submit(
                workspace.count_by,
                ["cause"],
                filters.with_(date_from=previous[0], date_to=previous[1]),
                scope,
            )
            if ask_previous and previous is not None
            else None
        )
        counts, by_upload = sets_job.result()
        over_time = shares_over_time(period_cause_counts(by_upload), period)
        themes = themes_job.result()
        prev_counts = (
            prev_job.result()
            if prev_job is not None
            else pd.DataFrame({"cause": pd.Series(dtype="str"), "n": []})
        )
    kpis = compute_kpis(
        counts,
        prev_counts if previous is not None else None,
        previous_partial=coverage == "partial",
    )
    return ExploreData(
        filters=filters,
        period=period,
        current=bounds,
        previous=previous,
        counts=counts,
        previous_counts=prev_counts,
        over_time=over_time,
        themes=themes,
        by_upload=by_upload,
        kpis=kpis,
        previous_coverage=coverage,
    )


def newest_rows_filters(
    filters: Filters, over_time: pd.DataFrame, limit: int
) -> Filters:
    """Filters narrowed to the latest periods that hold the ``limit`` newest rows.

    Reading the newest rows then touches a few periods instead of every row; the
    result of ``feedback(..., order_by="date DESC", limit=limit)`` is unchanged.
    Without enough dated rows the filters come back as they are.

    >>> t = pd.DataFrame({"period": pd.to_datetime(["2025-01-01", "2025-02-01"]),
    ...                   "n": [500, 150]})
    >>> newest_rows_filters(Filters(), t, 200).date_from
    datetime.date(2025, 1, 1)
    >>> newest_rows_filters(Filters(), t, 100).date_from
    datetime.date(2025, 2, 1)
    """
    if over_time.empty:
        return filters
    per_period = over_time.groupby("period")["n"].sum().sort_index(ascending=False)
    reached = per_period.cumsum() >= limit
    if not reached.any():
        return filters
    start = pd.Timestamp(reached.idxmax()).date()
    if filters.date_from is not None and filters.date_from >= start:
        return filters
    return filters.with_(date_from=start)


def complaint_filters(
    filters: Filters, cause_ids: Sequence[str], only_causes: bool
) -> Filters:
    """Restrict ``filters`` to rows with a cause, unless causes were picked already.

    >>> complaint_filters(Filters(), ("a", "b"), True).causes
    ('a', 'b')
    >>> complaint_filters(Filters(causes=("none",)), ("a",), True).causes
    ('none',)
    """
    if only_causes and not filters.causes:
        return filters.with_(causes=tuple(cause_ids))
    return filters
