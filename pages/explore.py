"""Explore (quality managers): why, where and since when customers complain.

Widget keys (stable, for end-to-end tests):
  sidebar  explore_date_range, explore_channels, explore_teams, explore_languages,
           explore_causes, explore_datasets, explore_search, explore_clear
  main     explore_period (day/week/month), explore_chart_over_time,
           explore_chart_causes, explore_chart_channel, explore_chart_team (plotly,
           on_select="rerun"), explore_chart_themes, explore_chart_ladder,
           explore_verbatims (dataframe, single-row selection), explore_correct_cause,
           explore_correct_apply, explore_drill_clear; a "Download this list" page
           link to Lists carries the verbatims' filters
The filters are mirrored in the URL query string (cx.filters.Filters.to_query_params),
and so is a time bucket the user picked (``period=week``). Unpicked, the bucket follows
the view's dates (cx.trends.default_period: days under three weeks, weeks under two
months, else months), so a short export still draws several bars.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from cx import charts
from cx.summary import no_shift_text, since_findings
from cx.trends import (
    PERIODS,
    cross_shares,
    default_period,
    describe_previous,
    describe_view,
    drilldown_filters,
    mark_evidence,
    newest_rows_filters,
    period_bounds,
    top_causes,
)
from pages._common import (
    bump_version,
    count,
    explore,
    filter_options,
    filtered_page,
    fmt_period,
    for_display,
    guarded,
    link_opened,
    md_escape,
    rows,
    rows_page,
    url_value,
)

VERBATIM_LIMIT = 200
PERIOD_KEY = "explore_period"  # the widget
PERIOD_PICK = "explore_period_pick"  # the user's own pick (kept across pages), or None
# Chart key -> drill-down kind of cx.trends.DRILLDOWN_CHARTS.
CLICKABLE = {
    "explore_chart_over_time": "cause_over_time",
    "explore_chart_causes": "causes",
    "explore_chart_channel": "cause_channel",
    "explore_chart_team": "cause_team",
}


def _selection_point(key: str) -> dict | None:
    state = st.session_state.get(key)
    if not state:
        return None
    points = state.get("selection", {}).get("points", [])
    return dict(points[0]) if points else None


def _signature(point: dict | None) -> str | None:
    return json.dumps(point, sort_keys=True, default=str) if point else None


def _active_drill() -> tuple[str, dict] | None:
    """The chart clicked most recently (a new selection beats older ones).

    A chart keeps its selection in the browser after "Back to all verbatims" and sends
    it again with the next click elsewhere; such a cleared selection is not a click.
    """
    state = st.session_state
    previous = state.setdefault("explore_selection_seen", {})
    cleared = state.setdefault("explore_selection_cleared", {})
    fresh = state.pop("explore_selection_fresh", False)
    active = state.get("explore_drill")
    for key in CLICKABLE:
        point = _selection_point(key)
        signature = _signature(point)
        if point is None and not fresh:
            cleared.pop(key, None)
        if signature == previous.get(key):
            continue
        previous[key] = signature
        if point is None:
            if active and active[0] == key:
                active = None
        elif signature != cleared.get(key):
            cleared.pop(key, None)
            active = (key, point)
    state["explore_drill"] = active
    return active


def _clear_drill() -> None:
    """Back to all verbatims: forget the drill and the charts' selections."""
    state = st.session_state
    state["explore_drill"] = None
    state["explore_selection_cleared"] = {
        key: _signature(_selection_point(key)) for key in CLICKABLE
    }
    for key in CLICKABLE:
        state.pop(key, None)
    state["explore_selection_seen"] = dict.fromkeys(CLICKABLE)
    state["explore_selection_fresh"] = True


def _period_from_link() -> None:
    """A link the page did not write sets the pick: its ``period``, or none (the
    bucket then follows the dates)."""
    if link_opened("explore"):
        linked = url_value("period")
        st.session_state[PERIOD_PICK] = linked if linked in PERIODS else None


def _picked() -> None:
    st.session_state[PERIOD_PICK] = st.session_state.get(PERIOD_KEY)


def _period(ws, scope, filters) -> str:
    """The time bucket: the user's pick, else the one that suits the view's dates.
    Data without dates has no time buckets to pick: the control is not drawn."""
    # the chosen datasets' own dates (all of them, when none is chosen)
    dates = filter_options(ws, scope, filters.datasets)["dates"]
    if len(dates) != 2:
        return default_period(None)
    auto = default_period(period_bounds(filters, *dates))
    pick = st.session_state.get(PERIOD_PICK)
    # Set before the widget is drawn (no `default`): an unpicked control follows the
    # dates, and the pick survives a visit to another page.
    st.session_state[PERIOD_KEY] = pick if pick in PERIODS else auto
    return (
        st.segmented_control(
            "Time buckets",
            list(PERIODS),
            key=PERIOD_KEY,
            format_func=lambda p: p.capitalize(),
            on_change=_picked,
        )
        or auto
    )


def _comparison_note(data) -> str:
    """One line saying which periods the changes compare, or why there are none."""
    k = data.kpis
    if data.previous is None:
        return "This data has no dates, so there is no earlier period to compare with."
    current, previous = fmt_period(data.current), fmt_period(data.previous)
    if data.previous_coverage == "none":
        return (
            f"No earlier data: the selected range ({current}) starts with the data, "
            "so no changes are shown. Narrow the date range to compare it with "
            f"{describe_previous(*data.current)}."
        )
    if not k.has_previous:
        return (
            f"No feedback matches these filters in the period before ({previous}), "
            "so no changes are shown."
        )
    note = (
        f"Changes compare {current} with {describe_previous(*data.current)}, {previous}"
    )
    if data.previous_coverage == "partial":
        return (
            f"{note}. The data starts within that period, so shares are compared "
            "but volumes are not."
        )
    return f"{note}."


def _kpis(data, taxonomy) -> None:
    k = data.kpis
    cols = st.columns(4)
    delta = None if k.volume_change is None else f"{k.volume_change * 100:+.0f}%"
    cols[0].metric(
        "Feedback",
        f"{k.volume:,}",
        delta,
        delta_color="inverse",
        help=f"Rows in {fmt_period(data.current)}" if data.current else None,
    )
    share_delta = None if k.share_change is None else f"{k.share_change * 100:+.1f} pts"
    cols[1].metric(
        "With a cause",
        f"{k.share_with_cause * 100:.1f}%",
        share_delta,
        delta_color="inverse",
        help="Share of the feedback with at least one cause",
    )
    if k.top_cause:
        # The share is the value and the label sits in the delta line, which has room
        # for a long cause label where the big value font would cut it short.
        label = taxonomy.label_of(k.top_cause)
        cols[2].metric(
            "Top cause",
            f"{k.top_cause_n / k.volume * 100:.1f}%",
            label,
            delta_color="off",
            delta_arrow="off",
            help=f"{label}: {k.top_cause_n:,} rows, the most frequent cause",
        )
    else:
        cols[2].metric(
            "Top cause", "—", "no cause found", delta_color="off", delta_arrow="off"
        )
    if k.has_previous:
        cols[3].metric(
            "Previous period",
            f"{k.previous_volume:,}",
            "partly before the data" if k.previous_partial else None,
            delta_color="off",
            delta_arrow="off",
            help=f"Rows in {fmt_period(data.previous)}",
        )
    else:
        cols[3].metric(
            "Previous period",
            "—",
            "no earlier data" if data.previous else "no dates",
            delta_color="off",
            delta_arrow="off",
            help=(f"No rows in {fmt_period(data.previous)}" if data.previous else None),
        )
    st.caption(_comparison_note(data))


def _empty_text(data, dim: str | None = None) -> str:
    """Why a chart of this view is empty, in words (no dates, no team, no cause)."""
    counts = data.counts
    if dim is not None and (dim not in counts or counts[dim].isna().all()):
        return f"These rows have no {dim}: no {dim} column was mapped at upload."
    if dim is None and data.over_time.empty:
        return "These rows have no dates: no date column was mapped at upload."
    return "No cause was found in these rows."


def _matrix(data, dim: str, taxonomy, key: str, *, width: int) -> None:
    noun = "channel" if dim == "channel" else "team"
    st.plotly_chart(
        charts.cause_matrix(
            cross_shares(data.counts, dim),
            dim,
            taxonomy,
            title=f"Cause × {noun} (% of the {noun}'s feedback)",
            width=width,
            empty=_empty_text(data, dim),
        ),
        key=key,
        on_select="rerun",
        selection_mode="points",
        width="stretch",
    )


def _verbatims(ws, filters, scope, taxonomy, title: str, *, total=None, over_time=None):
    """The newest verbatims of ``filters``; ``total`` and ``over_time`` when known."""
    if total is None:
        total = count(ws, filters, scope)
    st.subheader(title)
    if total == 0:
        st.info("No complaints match these filters.")
        return
    query = filters
    if over_time is not None:
        query = newest_rows_filters(filters, over_time, VERBATIM_LIMIT)
    frame = rows(ws, query, scope, limit=VERBATIM_LIMIT)
    shown = pd.DataFrame(
        {
            "Date": frame["date"],
            "Cause": [taxonomy.label_of(c) for c in frame["cause"].fillna("none")],
            "Confidence": frame["confidence"].round(2),
            "Channel": frame["channel"],
            "Team": frame["team"],
            "Language": frame["language"],
            "Text (evidence in ⟦ ⟧)": [
                mark_evidence(t, e or "")
                for t, e in zip(
                    frame["text"], frame["evidence"].fillna(""), strict=True
                )
            ],
            "Evidence": frame["evidence"],
        }
    )
    st.caption(
        f"{total:,} rows match; showing the newest {min(total, VERBATIM_LIMIT):,}. "
        "Select a row to correct its cause."
    )
    if "lists" in scope.pages:
        # Lists starts from these filters (the URL carries them): all rows, downloads.
        st.page_link(
            "pages/lists.py",
            label="Download this list",
            icon=":material/download:",
            query_params=filters.to_query_params(),
            help="Open these complaints on the Lists page, to sort and download them.",
        )
    event = st.dataframe(
        for_display(shown),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="explore_verbatims",
        column_config={
            "Confidence": st.column_config.ProgressColumn(
                "Confidence", min_value=0.0, max_value=1.0, format="%.2f"
            ),
            "Text (evidence in ⟦ ⟧)": st.column_config.TextColumn(width="large"),
        },
    )
    selected = event.selection.rows if event is not None else []
    if not selected or not scope.can_edit_taxonomy:
        return
    row = frame.iloc[selected[0]]
    options = [*taxonomy.ids, "none"]
    current = row["cause"] if row["cause"] in options else "none"
    with st.container(border=True):
        st.markdown("**Correct the cause of the selected row**")
        st.text(str(row["text"])[:500])
        cause = st.selectbox(
            "Cause",
            options,
            index=options.index(current),
            format_func=taxonomy.label_of,
            key="explore_correct_cause",
        )
        if st.button("Save correction", key="explore_correct_apply", type="primary"):
            ws.add_correction(
                int(row["dataset_id"]), int(row["row_number"]), cause, scope.user
            )
            bump_version()
            st.success(
                f"Saved: row {int(row['row_number'])} is now "
                f"“{taxonomy.label_of(cause)}”. The model learns from it at the "
                "next analysis."
            )


def _since_when(data, taxonomy, filters, period: str, scope) -> None:
    """Since when: causes whose share shifted in this view, each with a link to its
    rows from that period on (cx.shifts: a change-point test per cause, checked
    within the uploads that cover both sides)."""
    if filters.causes:
        st.caption(
            "Since when compares each cause's share of all feedback: clear the Cause "
            "filter to see it."
        )
        return
    shifts, periods = since_findings(data.by_upload, taxonomy, filters, period)
    if periods < 3:
        if periods:
            finer = " or pick a finer time bucket" if period != "day" else ""
            st.caption(
                no_shift_text(periods, period, advice=f"; widen the dates{finer}")
            )
        return
    if not shifts:
        st.caption(
            f"Since when: no cause's share has shifted clearly over the {periods} "
            f"{period}s with feedback in this view."
        )
        return
    st.markdown("**Since when**")
    target = rows_page(scope)
    for shift in shifts:
        text_col, link_col = st.columns([5, 1])
        text_col.markdown(md_escape(shift.text))
        link_col.page_link(
            target,
            label="Rows",
            query_params=shift.filters.to_query_params(),
            help="This cause's feedback from that period on",
        )


def body() -> None:
    _period_from_link()
    pick = st.session_state.get(PERIOD_PICK)
    scope, ws, taxonomy, filters = filtered_page(
        "explore", "Explore", extra={"period": pick} if pick in PERIODS else None
    )
    period = _period(ws, scope, filters)
    data = explore(ws, filters, scope, period)
    if data.kpis.volume == 0:
        st.info("No complaints match these filters.")
        st.stop()
    _kpis(data, taxonomy)

    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            charts.cause_share_over_time(
                data.over_time, taxonomy, period=period, empty=_empty_text(data)
            ),
            key="explore_chart_over_time",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
        _since_when(data, taxonomy, filters, period, scope)
    with right:
        top = top_causes(data.counts, data.previous_counts)
        st.plotly_chart(
            charts.cause_bars(top, taxonomy, title="Causes (share of feedback)"),
            key="explore_chart_causes",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
    # Side by side while both fit in half the page; a wide matrix gets the full width.
    wide = max(
        data.counts[dim].nunique() if dim in data.counts else 0
        for dim in ("channel", "team")
    )
    if wide <= 6:
        left, right = st.columns(2)
        with left:
            _matrix(data, "channel", taxonomy, "explore_chart_channel", width=420)
        with right:
            _matrix(data, "team", taxonomy, "explore_chart_team", width=420)
    else:
        _matrix(data, "channel", taxonomy, "explore_chart_channel", width=880)
        _matrix(data, "team", taxonomy, "explore_chart_team", width=880)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            charts.theme_bars(data.themes), key="explore_chart_themes", width="stretch"
        )
        if not data.themes.empty:
            st.dataframe(
                data.themes[["label", "size", "top_terms"]].rename(
                    columns={"label": "Theme", "size": "Rows", "top_terms": "Top terms"}
                ),
                hide_index=True,
                width="stretch",
            )
    with right:
        st.plotly_chart(
            charts.ladder_bars(data.counts), key="explore_chart_ladder", width="stretch"
        )

    drill = _active_drill()
    if drill is not None and scope.can_see_verbatims:
        key, point = drill
        drilled = drilldown_filters(filters, CLICKABLE[key], point)
        st.button(
            "Back to all verbatims", key="explore_drill_clear", on_click=_clear_drill
        )
        _verbatims(
            ws,
            drilled,
            scope,
            taxonomy,
            "Verbatims behind the click ("
            + md_escape(  # team, channel and upload names are data: never markup
                describe_view(
                    drilled,
                    cause_label=taxonomy.label_of,
                    dataset_names=dict(filter_options(ws, scope)["datasets"]),
                )
            )
            + ")",
        )
    elif scope.can_see_verbatims:
        _verbatims(
            ws,
            filters,
            scope,
            taxonomy,
            "Verbatims",
            total=data.kpis.volume,
            over_time=data.over_time,
        )


guarded(body)
