"""Explore (quality managers): why, where and since when customers complain.

Widget keys (stable, for end-to-end tests):
  sidebar  explore_date_range, explore_channels, explore_teams, explore_languages,
           explore_causes, explore_datasets, explore_search, explore_clear
  main     explore_period (week/month), explore_chart_over_time, explore_chart_causes,
           explore_chart_channel, explore_chart_team (plotly, on_select="rerun"),
           explore_chart_themes, explore_chart_ladder, explore_verbatims (dataframe,
           single-row selection), explore_correct_cause, explore_correct_apply,
           explore_drill_clear
The filters are mirrored in the URL query string (cx.filters.Filters.to_query_params).
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from cx import charts
from cx.trends import (
    cross_shares,
    drilldown_filters,
    mark_evidence,
    newest_rows_filters,
    top_causes,
)
from pages._common import (
    active_taxonomy,
    bump_version,
    count,
    explore,
    filter_options,
    fmt_period,
    guarded,
    require,
    rows,
    sidebar_filters,
    sync_query_params,
    workspace,
    write_query_params,
)

VERBATIM_LIMIT = 200
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


def _active_drill() -> tuple[str, dict] | None:
    """The chart clicked most recently (a new selection beats older ones)."""
    previous = st.session_state.setdefault("explore_selection_seen", {})
    active = st.session_state.get("explore_drill")
    for key in CLICKABLE:
        point = _selection_point(key)
        signature = json.dumps(point, sort_keys=True, default=str) if point else None
        if signature != previous.get(key):
            previous[key] = signature
            if point is not None:
                active = (key, point)
            elif active and active[0] == key:
                active = None
    st.session_state["explore_drill"] = active
    return active


def _clear_drill() -> None:
    st.session_state["explore_drill"] = None
    for key in CLICKABLE:
        st.session_state.pop(key, None)
    st.session_state["explore_selection_seen"] = {}


def _kpis(data, taxonomy) -> None:
    k = data.kpis
    cols = st.columns(4)
    delta = None if k.volume_change is None else f"{k.volume_change * 100:+.0f}%"
    cols[0].metric(
        "Feedback",
        f"{k.volume:,}",
        delta,
        delta_color="inverse",
        help=f"Previous period: {fmt_period(data.previous)}",
    )
    share_delta = None if k.share_change is None else f"{k.share_change * 100:+.1f} pts"
    cols[1].metric(
        "With a cause",
        f"{k.share_with_cause * 100:.1f}%",
        share_delta,
        delta_color="inverse",
    )
    cols[2].metric(
        "Top cause",
        taxonomy.label_of(k.top_cause) if k.top_cause else "–",
        f"{k.top_cause_n:,} rows" if k.top_cause else None,
        delta_color="off",
    )
    prev = "–" if k.previous_volume is None else f"{k.previous_volume:,}"
    cols[3].metric("Previous period", prev, help=fmt_period(data.previous))


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
    event = st.dataframe(
        shown,
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


def body() -> None:
    scope = require("explore")
    ws = workspace()
    _, taxonomy = active_taxonomy(ws)
    options = filter_options(ws, scope)
    st.title("Explore")
    if not options["datasets"]:
        st.info("No feedback yet. Upload a file on the Upload page to begin.")
        st.stop()
    filters = sidebar_filters(
        "explore", options, taxonomy, initial=sync_query_params("explore")
    )
    write_query_params("explore", filters)
    period = (
        st.segmented_control(
            "Time buckets",
            ["week", "month"],
            default="month",
            key="explore_period",
            format_func=lambda p: p.capitalize(),
        )
        or "month"
    )
    data = explore(ws, filters, scope, period)
    if data.kpis.volume == 0:
        st.info("No complaints match these filters.")
        st.stop()
    _kpis(data, taxonomy)

    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            charts.cause_share_over_time(data.over_time, taxonomy, period=period),
            key="explore_chart_over_time",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
    with right:
        top = top_causes(data.counts, data.previous_counts)
        st.plotly_chart(
            charts.cause_bars(top, taxonomy, title="Causes (share of feedback)"),
            key="explore_chart_causes",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            charts.cause_matrix(
                cross_shares(data.counts, "channel"),
                "channel",
                taxonomy,
                title="Cause × channel (% of the channel's feedback)",
            ),
            key="explore_chart_channel",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
    with right:
        st.plotly_chart(
            charts.cause_matrix(
                cross_shares(data.counts, "team"),
                "team",
                taxonomy,
                title="Cause × team (% of the team's feedback)",
            ),
            key="explore_chart_team",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
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
            f"Verbatims behind the click ({drilled.describe()})",
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
