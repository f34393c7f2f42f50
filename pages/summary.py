"""Summary (executives): this period against the last, one page, nothing to learn.

Aggregates only, never verbatims. Widget keys (stable, for end-to-end tests):
  summary_download (download button: self-contained HTML report, built when clicked
  and audited as download_summary_html),
  an "Evidence" page link per finding, to Explore with the finding's filters (only for
  roles that may open Explore, so never for executives),
  summary_chart_causes, summary_chart_ladder, summary_chart_channel (plotly)
"""

from __future__ import annotations

import streamlit as st

from cx import charts
from cx.filters import Filters
from cx.summary import comparison_text, load_summary, period_label, summary_html
from pages._common import (
    active_taxonomy,
    audited_download,
    data_version,
    guarded,
    md_escape,
    require,
    workspace,
)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _summary(_ws, version: str, scope_key: tuple, _scope, _taxonomy):
    return load_summary(_ws, _scope, _taxonomy)


def _figures(summary, taxonomy) -> dict:
    from cx.trends import cross_shares

    figures = {
        "Top causes": charts.cause_bars(
            summary.causes.head(8), taxonomy, title="Top causes (share of feedback)"
        ),
        "Expectation ladder": charts.ladder_bars(summary.ladder),
    }
    if summary.counts is not None and not summary.counts.empty:
        figures["Cause × channel"] = charts.cause_matrix(
            cross_shares(summary.counts, "channel"),
            "channel",
            taxonomy,
            title="Cause × channel (% of the channel's feedback)",
            width=880,
        )
    return figures


def body() -> None:
    scope = require("summary")
    ws = workspace()
    _, taxonomy = active_taxonomy(ws)
    version = data_version(ws)
    summary = _summary(
        ws, version, (scope.user, scope.role.value, scope.teams), scope, taxonomy
    )
    st.title("Summary")
    if summary is None:
        st.info("No dated feedback yet: the summary compares periods by date.")
        st.stop()
    st.caption(comparison_text(summary))
    cols = st.columns([1, 1, 1.5, 1])
    change = summary.volume_change
    cols[0].metric(
        "Feedback",
        f"{summary.volume:,}",
        None if change is None else f"{change * 100:+.0f}%",
        delta_color="inverse",
        help=f"Rows in {period_label(summary.period)}",
    )
    below = float(summary.ladder.loc[summary.ladder["ladder"] == -1, "share"].iloc[0])
    cols[1].metric(
        "Below expectations",
        f"{below * 100:.0f}%",
        help="Share of the feedback below what the customer expected",
    )
    if not summary.causes.empty:
        # The share is the value and the label sits under it: a long cause label
        # in the big value font would be cut short at 1280 px.
        top = summary.causes.iloc[0]
        moved = summary.has_previous and top["change"] == top["change"]
        cols[2].metric(
            "Top cause",
            f"{top['share'] * 100:.1f}%",
            str(top["label"]),
            delta_color="off",
            delta_arrow="off",
            delta_description=f"{top['change'] * 100:+.1f} pts" if moved else None,
            help=f"{top['label']}: {int(top['n']):,} rows, the most frequent cause",
        )
    if summary.has_previous:
        cols[3].metric(
            "Previous period",
            f"{summary.previous_volume:,}",
            help=f"Rows in {period_label(summary.previous)}",
        )
    else:
        cols[3].metric(
            "Previous period",
            "—",
            "no earlier data",
            delta_color="off",
            delta_arrow="off",
            help=f"No rows in {period_label(summary.previous)}",
        )

    st.subheader("What changed")
    # Evidence means verbatims: only for roles that may open Explore.
    evidence = scope.can_see_verbatims and "explore" in scope.pages
    for i, finding in enumerate(summary.findings):
        text_col, link_col = st.columns([6, 1])
        text_col.markdown(f"{i + 1}\\. {md_escape(finding.text)}")
        if evidence:
            # a page link, not a URL: Explore is the app's root page, and the link
            # stays in this tab and this sign-in
            link_col.page_link(
                "pages/explore.py",
                label="Evidence",
                query_params=finding.filters.to_query_params(),
                width="stretch",
            )

    figures = _figures(summary, taxonomy)
    left, right = st.columns(2)
    left.plotly_chart(
        figures["Top causes"], key="summary_chart_causes", width="stretch"
    )
    right.plotly_chart(
        figures["Expectation ladder"], key="summary_chart_ladder", width="stretch"
    )
    st.subheader("Where each cause is worst")
    if summary.worst.empty:
        st.info("Not enough feedback per channel or team to compare.")
    else:
        worst = summary.worst.assign(
            channel_share=summary.worst["channel_share"].astype(float) * 100,
            team_share=summary.worst["team_share"].astype(float) * 100,
        )
        st.dataframe(
            worst[["label", "channel", "channel_share", "team", "team_share"]],
            hide_index=True,
            width="stretch",
            column_config={
                "label": "Cause",
                "channel": "Worst channel",
                "channel_share": st.column_config.NumberColumn(
                    "Share in channel", format="%.1f%%"
                ),
                "team": "Worst team",
                "team_share": st.column_config.NumberColumn(
                    "Share in team", format="%.1f%%"
                ),
            },
        )
    if "Cause × channel" in figures:
        st.plotly_chart(
            figures["Cause × channel"], key="summary_chart_channel", width="stretch"
        )
    st.download_button(
        "Download summary (HTML)",
        data=audited_download(
            ws,
            scope,
            "download_summary_html",
            Filters(date_from=summary.period[0], date_to=summary.period[1]),
            lambda: (
                summary_html(summary, figures, evidence_links=evidence).encode("utf-8"),
                summary.volume,
            ),
            detail="aggregates only",
        ),
        file_name=f"cx-summary-{summary.period[0].isoformat()}.html",
        mime="text/html",
        key="summary_download",
        on_click="ignore",
    )


guarded(body)
