"""The executive summary: this period against the last, findings read off the numbers.

:func:`build_summary` turns two small aggregate frames (counts by cause, channel,
team and ladder for the current and the previous period) into a :class:`Summary`
whose findings each carry the filters that show their evidence; :func:`summary_html`
renders it as one self-contained HTML file. No verbatims ever reach a summary.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from cx.access import Scope
from cx.filters import Filters
from cx.shifts import describe_shift, find_shifts
from cx.store import Workspace
from cx.taxonomy import Taxonomy
from cx.trends import (
    cross_shares,
    default_period,
    default_summary_period,
    describe_previous,
    describe_view,
    is_whole_months,
    period_cause_counts,
    previous_period,
    shares_over_time,
    top_causes,
)

__all__ = [
    "COUNT_DIMS",
    "Finding",
    "Summary",
    "build_summary",
    "comparison_text",
    "data_label",
    "dims_text",
    "load_summary",
    "no_shift_text",
    "period_label",
    "plural",
    "since_findings",
    "summary_html",
    "undated_text",
]

# What build_summary expects its frames to be counted by (plus the count column ``n``).
COUNT_DIMS = ("cause", "channel", "team", "ladder")
_MIN_GROUP = 20
_LADDER_LABELS = {-1: "Below expectations", 0: "As expected", 1: "Above expectations"}


@dataclass(frozen=True)
class Finding:
    """One plain-language finding and the filters that show the rows behind it."""

    text: str
    filters: Filters

    def link(self, page: str = "explore") -> str:
        """A link relative to the app's root: Explore (or ``page``) with the finding's
        filters as the query string.

        >>> Finding("x", Filters(causes=("rudeness",))).link()
        'explore?cause=rudeness'
        """
        query = urlencode(self.filters.to_query_params(), doseq=True)
        return f"{page}?{query}" if query else page


@dataclass(frozen=True)
class Summary:
    """Everything the summary page and report show; aggregates only."""

    period: tuple[dt.date, dt.date]
    previous: tuple[dt.date, dt.date]
    volume: int
    previous_volume: int
    causes: pd.DataFrame
    worst: pd.DataFrame
    ladder: pd.DataFrame
    findings: tuple[Finding, ...] = field(default=())
    counts: pd.DataFrame | None = None
    data: str = ""  # which data it covers, in one line (see data_label)
    unmapped: tuple[str, ...] = ()  # "channel"/"team": no column mapped at upload
    # since when: causes whose share shifted, up to the period's end (cx.shifts), in
    # the time bucket that suits the data's span; and how many buckets it read
    since: tuple[Finding, ...] = ()
    since_periods: int = 0
    since_bucket: str = "month"

    @property
    def has_previous(self) -> bool:
        """Whether the previous period holds feedback, so changes can be stated."""
        return self.previous_volume > 0

    @property
    def volume_change(self) -> float | None:
        """Relative change of volume (None without a previous volume)."""
        if not self.previous_volume:
            return None
        return (self.volume - self.previous_volume) / self.previous_volume


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``n`` (with thousands separators) and the noun in the number it needs.

    >>> plural(1, "row"), plural(1200, "row"), plural(0, "entry", "entries")
    ('1 row', '1,200 rows', '0 entries')
    """
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def data_label(
    datasets: Sequence[tuple[str, str]], chosen: Sequence[str], rows: int
) -> str:
    """One line saying which data a summary covers: all uploads (``chosen`` empty)
    or the chosen ones by name; ``datasets`` are the ``(id, name)`` pairs in scope.

    >>> sets = [("1", "Airline tweets"), ("2", "Comcast")]
    >>> data_label(sets, (), 21704)
    'All uploads: 2 datasets, 21,704 rows'
    >>> data_label(sets, ("2",), 2000)
    'Comcast: 2,000 rows'
    """
    if not chosen:
        return f"All uploads: {plural(len(datasets), 'dataset')}, {plural(rows, 'row')}"
    names = dict(datasets)
    shown = ", ".join(names.get(d, f"upload {d}") for d in chosen)
    return f"{shown}: {plural(rows, 'row')}"


def undated_text(chosen: Sequence[str], *, explore: bool = True) -> str:
    """Why there is no summary when the chosen data holds no dates (and, for a
    reader who may open Explore, where its causes are shown).

    >>> undated_text(("3",))
    'This upload has no dates, so there is no period to compare; Explore shows its \
causes.'
    >>> undated_text((), explore=False)
    'None of the uploads has dates, so there is no period to compare.'
    """
    if len(chosen) == 1:
        text = "This upload has no dates, so there is no period to compare"
    elif chosen:
        text = "These uploads have no dates, so there is no period to compare"
    else:
        text = "None of the uploads has dates, so there is no period to compare"
    return (
        f"{text}; Explore shows {'its' if len(chosen) == 1 else 'their'} causes."
        if explore
        else f"{text}."
    )


def dims_text(unmapped: Sequence[str]) -> str:
    """Why causes cannot be compared by channel or team: the data has no such column
    (as mapped at upload), or too little feedback per group.

    >>> dims_text(("channel", "team"))
    'The data has no channel or team column (as mapped at upload), so causes cannot \
be compared by channel or team.'
    >>> dims_text(())
    'Not enough feedback per channel or team to compare.'
    """
    if "channel" in unmapped and "team" in unmapped:
        return (
            "The data has no channel or team column (as mapped at upload), so causes "
            "cannot be compared by channel or team."
        )
    missing = [d for d in ("channel", "team") if d in unmapped]
    kept = [d for d in ("channel", "team") if d not in unmapped]
    if missing:
        return (
            f"The data has no {missing[0]} column (as mapped at upload), and not "
            f"enough feedback per {kept[0]} to compare."
        )
    return "Not enough feedback per channel or team to compare."


def _is_month(period: tuple[dt.date, dt.date]) -> bool:
    start, end = period
    return is_whole_months(start, end) and (start.year, start.month) == (
        end.year,
        end.month,
    )


def period_label(period: tuple[dt.date, dt.date]) -> str:
    """A period as people say it: a calendar month by name, otherwise its dates.

    >>> period_label((dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    'February 2026'
    >>> period_label((dt.date(2026, 2, 3), dt.date(2026, 2, 16)))
    '3 Feb 2026 to 16 Feb 2026'
    """
    start, end = period
    if _is_month(period):
        return start.strftime("%B %Y")
    return f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}"


def comparison_text(summary: Summary) -> str:
    """One sentence saying which periods the summary compares and why those.

    >>> s = Summary((dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    ...     (dt.date(2026, 1, 1), dt.date(2026, 1, 31)), 9, 0, *[pd.DataFrame()] * 3)
    >>> comparison_text(s)
    'February 2026 (the last full month in the data); January 2026 holds no \
feedback, so there is nothing to compare it with.'
    """
    current, previous = period_label(summary.period), period_label(summary.previous)
    against = describe_previous(*summary.period)
    if _is_month(summary.period):
        why = "the last full month in the data"
    else:
        days = (summary.period[1] - summary.period[0]).days + 1
        why = f"the latest {days} days in the data"
    if not summary.has_previous:
        return (
            f"{current} ({why}); {previous} holds no feedback, so there is nothing "
            "to compare it with."
        )
    return f"{current} ({why}) compared with {previous} ({against})."


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%" if abs(value) >= 0.1 else f"{value * 100:.1f}%"


def _worst(current: pd.DataFrame, dim: str, min_group: int) -> pd.DataFrame:
    """Per cause, the value of ``dim`` with the highest share of that cause."""
    cols = ["cause", dim, f"{dim}_share", f"{dim}_n", f"{dim}_total"]
    if current.empty:
        return pd.DataFrame(columns=cols)
    cross = cross_shares(current, dim)
    cross = cross[(cross["total"] >= min_group) & (cross["n"] > 0)]
    if cross.empty:
        return pd.DataFrame(columns=cols)
    cross = cross.sort_values(["cause", "share", "n", dim], ascending=[1, 0, 0, 1])
    best = cross.groupby("cause", as_index=False).head(1)
    best = best.rename(
        columns={"share": f"{dim}_share", "n": f"{dim}_n", "total": f"{dim}_total"}
    )
    return best[cols].reset_index(drop=True)


def _ladder(current: pd.DataFrame) -> pd.DataFrame:
    counts = (
        current.dropna(subset=["ladder"]).groupby("ladder")["n"].sum()
        if not current.empty
        else pd.Series(dtype="int64")
    )
    total = int(counts.sum())
    levels = [-1, 0, 1]
    ns = [int(counts.get(level, 0)) for level in levels]
    return pd.DataFrame(
        {
            "ladder": levels,
            "label": [_LADDER_LABELS[level] for level in levels],
            "n": ns,
            "share": [n / total if total else 0.0 for n in ns],
        }
    )


def build_summary(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    taxonomy: Taxonomy,
    period: tuple[dt.date, dt.date],
    previous_period: tuple[dt.date, dt.date],
    *,
    base: Filters | None = None,
    min_group: int = _MIN_GROUP,
    max_findings: int = 5,
) -> Summary:
    """Compare two periods' counts (by ``COUNT_DIMS`` with ``n``) and write findings.

    Findings (at most ``max_findings``, in this order when the numbers support them):
    the volume change, the top cause, the biggest mover, where the top cause is most
    concentrated (channel, then team; groups under ``min_group`` rows are ignored) and
    the share below expectations.
    """
    base = (base or Filters()).with_(date_from=period[0], date_to=period[1])
    causes = top_causes(current, previous)
    causes.insert(1, "label", [taxonomy.label_of(c) for c in causes["cause"]])
    volume = int(current["n"].sum()) if not current.empty else 0
    prev_volume = int(previous["n"].sum()) if not previous.empty else 0
    worst = pd.merge(
        _worst(current, "channel", min_group),
        _worst(current, "team", min_group),
        on="cause",
        how="outer",
    )
    worst.insert(1, "label", [taxonomy.label_of(c) for c in worst["cause"]])
    order = {c: i for i, c in enumerate(causes["cause"])}
    worst = worst.sort_values(
        "cause", key=lambda s: s.map(lambda c: order.get(c, len(order)))
    ).reset_index(drop=True)
    ladder = _ladder(current)
    prev_ladder = _ladder(previous)
    findings: list[Finding] = []
    prev_name = period_label(previous_period)

    if volume == 0:
        findings.append(
            Finding(f"No feedback was recorded in {period_label(period)}.", base)
        )
    elif prev_volume:
        change = (volume - prev_volume) / prev_volume
        if abs(change) < 0.005:
            rows = plural(volume, "row")
            text = f"Feedback volume held steady at {rows} against {prev_name}."
        else:
            verb = "rose" if change > 0 else "fell"
            text = (
                f"Feedback volume {verb} {abs(change) * 100:.0f}% against {prev_name} "
                f"({prev_volume:,} to {plural(volume, 'row')})."
            )
        findings.append(Finding(text, base))
    else:
        findings.append(
            Finding(
                f"{plural(volume, 'piece')} of feedback in {period_label(period)}; "
                f"none in {prev_name} to compare with.",
                base,
            )
        )

    top_id: str | None = None
    if not causes.empty and int(causes["n"].iloc[0]) > 0:
        top = causes.iloc[0]
        top_id = str(top["cause"])
        text = (
            f"{top['label']} is the most frequent cause: {_pct(top['share'])} of "
            f"feedback ({plural(int(top['n']), 'row')})"
        )
        if prev_volume:
            delta = top["change"] * 100
            text += (
                f", {abs(delta):.1f} points {'up' if delta >= 0 else 'down'} on "
                f"{prev_name}."
                if abs(delta) >= 0.05
                else f", unchanged on {prev_name}."
            )
        else:
            text += "."
        findings.append(Finding(text, base.with_(causes=(top_id,))))

    if prev_volume and not causes.empty:
        movers = causes[causes["cause"] != top_id]
        if not movers.empty:
            mover = movers.loc[movers["change"].abs().idxmax()]
            if abs(mover["change"]) >= 0.01:
                verb = "grew" if mover["change"] > 0 else "shrank"
                findings.append(
                    Finding(
                        f"{mover['label']} {verb} from {_pct(mover['previous_share'])} "
                        f"to {_pct(mover['share'])} of feedback "
                        f"({mover['change'] * 100:+.1f} points).",
                        base.with_(causes=(str(mover["cause"]),)),
                    )
                )

    if top_id is not None:
        overall = float(causes.iloc[0]["share"])
        row = worst[worst["cause"] == top_id]
        for dim, noun in (("channel", "channel"), ("team", "team")):
            if row.empty or pd.isna(row.iloc[0][dim]):
                continue
            share = float(row.iloc[0][f"{dim}_share"])
            if share < overall * 1.2 or share - overall < 0.02:
                continue
            value = str(row.iloc[0][dim])
            label = causes.iloc[0]["label"]
            findings.append(
                Finding(
                    f"{label} is most concentrated in the {value} {noun}: "
                    f"{_pct(share)} of its feedback against {_pct(overall)} overall.",
                    base.with_(causes=(top_id,), **{f"{dim}s": (value,)}),
                )
            )

    below = float(ladder.loc[ladder["ladder"] == -1, "share"].iloc[0])
    if volume:
        text = f"{_pct(below)} of feedback fell below customers' expectations"
        if prev_volume:
            prev_below = float(
                prev_ladder.loc[prev_ladder["ladder"] == -1, "share"].iloc[0]
            )
            text += f" ({_pct(prev_below)} in {prev_name})."
        else:
            text += "."
        findings.append(Finding(text, base))

    # Keep the ladder finding when there is room: it is the one executives ask about.
    if len(findings) > max_findings:
        findings = [*findings[: max_findings - 1], findings[-1]]
    return Summary(
        period=period,
        previous=previous_period,
        volume=volume,
        previous_volume=prev_volume,
        causes=causes,
        worst=worst,
        ladder=ladder,
        findings=tuple(findings),
        counts=current,
    )


def _esc(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value))


def _table(frame: pd.DataFrame, columns: Mapping[str, str]) -> str:
    head = "".join(f"<th>{_esc(title)}</th>" for title in columns.values())
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, float) and column.endswith("change"):
                value = f"{value * 100:+.1f} pts" if value == value else ""
            elif isinstance(value, float) and column.endswith("share"):
                value = f"{value * 100:.1f}%" if value == value else ""
            cells.append(f"<td>{_esc(value)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


_CSS = """
body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:4px 8px}
th{background:#f4f4f4;text-align:left}.kpi{display:inline-block;margin-right:3em}
.kpi b{display:block;font-size:1.8em}
"""


def no_shift_text(periods: int, bucket: str = "month", *, advice: str = "") -> str:
    """What the "since when" section says when no cause's share shifted (``advice``
    ends the sentence on too few periods: "; widen the dates")."""
    if periods < 3:
        return (
            f"Since when: {plural(periods, bucket)} with feedback "
            f"{'is' if periods == 1 else 'are'} too few to tell when a cause began "
            f"to rise or fall{advice}."
        )
    return (
        f"No cause's share has shifted clearly over the {periods} {bucket}s with "
        "feedback."
    )


def _finding_items(
    labels: Mapping[str, str], app_url: str, evidence_links: bool
) -> Callable[[Finding], str]:
    """A finding as an HTML list item, with its evidence as a link or in words."""

    def item(finding: Finding) -> str:
        if not evidence_links:
            return f"<li>{_esc(finding.text)}</li>"
        if app_url:
            href = _esc(app_url.rstrip("/") + "/" + finding.link())
            return f'<li>{_esc(finding.text)} <a href="{href}">evidence</a></li>'
        # A file opened outside the app has no root for a relative link: say in
        # words which Explore filters show the evidence (the data is named above).
        view = describe_view(
            finding.filters.with_(datasets=()), cause_label=lambda c: labels.get(c, c)
        )
        return (
            f"<li>{_esc(finding.text)} <span class='evidence'>(evidence in "
            f"Explore: {_esc(view)})</span></li>"
        )

    return item


def summary_html(
    summary: Summary,
    figures: Mapping[str, Any] | None = None,
    *,
    title: str = "Customer feedback summary",
    app_url: str = "",
    evidence_links: bool = True,
) -> str:
    """A self-contained HTML report of ``summary`` with the Plotly ``figures`` inline.

    Every string that comes from data (labels, team and channel names, findings) is
    HTML-escaped; finding links point to ``app_url`` + the Explore page; without
    ``app_url`` each finding names its Explore filters in words instead (a relative
    link goes nowhere in a downloaded file). ``evidence_links=False`` leaves both out
    (a reader who may not see verbatims, such as an executive).
    """
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_esc(title)}</h1>",
        *([f"<p><b>Data:</b> {_esc(summary.data)}</p>"] if summary.data else []),
        f"<p>{_esc(comparison_text(summary))}</p>",
        f"<div class='kpi'>Feedback<b>{summary.volume:,}</b></div>",
        "<div class='kpi'>Previous period<b>"
        + (f"{summary.previous_volume:,}" if summary.has_previous else "—")
        + "</b>"
        + ("" if summary.has_previous else "no earlier data")
        + "</div>",
    ]
    if summary.volume_change is not None:
        parts.append(
            f"<div class='kpi'>Change<b>{summary.volume_change * 100:+.0f}%</b></div>"
        )
    labels = dict(zip(summary.causes["cause"], summary.causes["label"], strict=True))
    items = _finding_items(labels, app_url, evidence_links)
    parts.append("<h2>Findings</h2><ol>")
    parts.extend(items(f) for f in summary.findings)
    parts.append("</ol><h2>Since when</h2>")
    if summary.since:
        parts.append("<ul>")
        parts.extend(items(f) for f in summary.since)
        parts.append("</ul>")
    else:
        text = no_shift_text(summary.since_periods, summary.since_bucket)
        parts.append(f"<p>{_esc(text)}</p>")
    parts.append("<h2>Top causes</h2>")
    columns = {"label": "Cause", "n": "Rows", "share": "Share"}
    if summary.has_previous:
        columns |= {"previous_share": "Previous share", "change": "Change (points)"}
    parts.append(_table(summary.causes, columns))
    parts.append("<h2>Where each cause is worst</h2>")
    if summary.worst.empty:
        parts.append(f"<p>{_esc(dims_text(summary.unmapped))}</p>")
    else:
        parts.append(
            _table(
                summary.worst,
                {
                    "label": "Cause",
                    "channel": "Channel",
                    "channel_share": "Share in channel",
                    "team": "Team",
                    "team_share": "Share in team",
                },
            )
        )
    parts.append("<h2>Expectation ladder</h2>")
    parts.append(
        _table(summary.ladder, {"label": "Level", "n": "Rows", "share": "Share"})
    )
    first = True
    for name, figure in (figures or {}).items():
        parts.append(f"<h2>{_esc(name)}</h2>")
        parts.append(
            figure.to_html(
                full_html=False,
                include_plotlyjs="inline" if first else False,
                config={"displaylogo": False},
            )
        )
        first = False
    parts.append("</body></html>")
    return "\n".join(parts)


def _unmapped(workspace: Workspace, datasets: Sequence[tuple[str, str]]) -> tuple:
    """The dims ("channel", "team") that no one of ``datasets`` mapped a column to."""
    mappings = [
        info.mapping
        for info in (workspace.dataset(int(d)) for d, _ in datasets)
        if info is not None
    ]
    return tuple(d for d in ("channel", "team") if not any(m.get(d) for m in mappings))


def load_summary(
    workspace: Workspace,
    scope: Scope,
    taxonomy: Taxonomy,
    *,
    base: Filters | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> Summary | None:
    """Read the two periods' counts from the store and build the summary.

    ``base`` is the data the summary covers (e.g. ``Filters(datasets=("2",))``; all
    uploads within ``scope`` by default); its dates are ignored. Without ``period``:
    the default of :func:`cx.trends.default_summary_period` relative to the latest
    date in THAT data. The previous period follows :func:`cx.trends.previous_period`,
    the rule Explore uses, so a finding's evidence link (which carries ``base``)
    shows the same comparison. None when no row of that data has a date.
    """
    base = (base or Filters()).with_(date_from=None, date_to=None)
    options = workspace.filter_options(scope, base)
    dates = options["dates"]
    if not dates:
        return None
    if period is None:
        period, previous = default_summary_period(dates[1], dates[0])
    else:
        previous = previous_period(*period)
    current = workspace.count_by(
        list(COUNT_DIMS), base.with_(date_from=period[0], date_to=period[1]), scope
    )
    before = workspace.count_by(
        list(COUNT_DIMS), base.with_(date_from=previous[0], date_to=previous[1]), scope
    )
    summary = build_summary(current, before, taxonomy, period, previous, base=base)
    in_scope = workspace.filter_options(scope)["datasets"]
    rows = workspace.count_feedback(base, scope)
    history = base.with_(date_to=period[1])
    bucket = default_period((dates[0], min(dates[1], period[1])))
    counts = workspace.count_by(["dataset_id", "cause"], history, scope, period=bucket)
    since, periods = since_findings(counts, taxonomy, history, bucket)
    return replace(
        summary,
        data=data_label(in_scope, base.datasets, rows),
        unmapped=_unmapped(workspace, options["datasets"]),
        since=since,
        since_periods=periods,
        since_bucket=bucket,
    )


def since_findings(
    counts: pd.DataFrame,
    taxonomy: Taxonomy,
    base: Filters,
    bucket: str = "month",
    *,
    limit: int = 3,
) -> tuple[tuple[Finding, ...], int]:
    """Since when: the causes whose share shifted (``counts``: by ``period``, ``cause``
    and, to check a shift within uploads, ``dataset_id``), biggest first, each with
    the filters of its rows from then on; and how many periods the test read."""
    by_upload = counts if "dataset_id" in counts else None
    over_time = shares_over_time(period_cause_counts(counts), bucket)
    periods = int(over_time["period"].nunique())
    found = []
    for shift in find_shifts(over_time, by_upload=by_upload)[:limit]:
        text = describe_shift(shift, taxonomy.label_of(shift.cause), bucket)
        filters = base.with_(causes=(shift.cause,), date_from=shift.since)
        found.append(Finding(text, filters))
    return tuple(found), periods
