"""Summary (executives): this period against the last, one page, nothing to learn.

Aggregates only, never verbatims. A data choice (all uploads, the default, or one
upload within the reader's scope) decides which rows are summarised and so which
period is compared; it is mirrored in the URL as ``?dataset=<id>``, and every
finding's evidence link carries it. Widget keys (stable, for end-to-end tests):
  summary_dataset (selectbox: "" for all uploads, else a dataset id),
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
from cx.summary import (
    comparison_text,
    data_label,
    dims_text,
    load_summary,
    no_shift_text,
    period_label,
    summary_html,
    undated_text,
)
from pages._common import (
    active_taxonomy,
    audited_download,
    count,
    data_version,
    filter_options,
    guarded,
    link_opened,
    md_escape,
    require,
    rows_page,
    workspace,
    write_query_params,
)

DATA_KEY = "summary_dataset"  # the widget
DATA_PICK = "summary_dataset_pick"  # the reader's choice, kept across pages


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _summary(_ws, version: str, scope_key: tuple, datasets: tuple, _scope, _taxonomy):
    return load_summary(_ws, _scope, _taxonomy, base=Filters(datasets=datasets))


def _picked() -> None:
    st.session_state[DATA_PICK] = st.session_state.get(DATA_KEY, "")


def _data_choice(datasets: list[tuple[str, str]]) -> tuple[str, ...]:
    """The data the summary covers: all uploads ("") or one upload in scope. A link
    the page did not write (an evidence link back, a shared URL) sets the choice."""
    ids = [d for d, _ in datasets]
    names = dict(datasets)
    if link_opened("summary"):
        linked = st.query_params.get_all("dataset")
        wanted = str(linked[-1]) if linked else ""
        if wanted and wanted not in ids:
            st.warning(
                "This link names an upload that is not in the data you can see; "
                "the summary covers all uploads instead."
            )
            wanted = ""
        st.session_state[DATA_PICK] = wanted
    pick = st.session_state.get(DATA_PICK, "")
    st.session_state[DATA_KEY] = pick if pick in ids else ""
    choice = st.selectbox(
        "Data",
        ["", *ids],
        format_func=lambda d: names.get(d, d) if d else "All uploads",
        key=DATA_KEY,
        on_change=_picked,
        help="Summarise all uploads together, or one upload on its own dates.",
    )
    chosen = (choice,) if choice else ()
    write_query_params("summary", Filters(datasets=chosen))
    return chosen


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


def _findings(
    findings, evidence: bool, *, numbered: bool, label: str, page: str
) -> None:
    """Each finding on a line, with a link to its rows for roles that may see them."""
    for i, finding in enumerate(findings):
        text_col, link_col = st.columns([6, 1])
        mark = f"{i + 1}\\. " if numbered else "- "
        text_col.markdown(mark + md_escape(finding.text))
        if evidence:
            # a page link, not a URL: it stays in this tab and this sign-in
            link_col.page_link(
                page,
                label=label,
                query_params=finding.filters.to_query_params(),
                width="stretch",
            )


def body() -> None:
    scope = require("summary")
    ws = workspace()
    _, taxonomy = active_taxonomy(ws)
    version = data_version(ws)
    st.title("Summary")
    datasets = filter_options(ws, scope)["datasets"]
    if not datasets:
        st.info("No feedback yet: the summary appears once feedback is uploaded.")
        st.stop()
    chosen = _data_choice(datasets)
    # Evidence means verbatims: only for roles that may open Explore.
    evidence = scope.can_see_verbatims and "explore" in scope.pages
    summary = _summary(
        ws,
        version,
        (scope.user, scope.role.value, scope.teams),
        chosen,
        scope,
        taxonomy,
    )
    if summary is None:
        rows = count(ws, Filters(datasets=chosen), scope)
        st.markdown(f"**Data:** {md_escape(data_label(datasets, chosen, rows))}")
        st.info(undated_text(chosen, explore=evidence))
        if evidence:
            st.page_link(
                "pages/explore.py",
                label="Open in Explore",
                query_params=Filters(datasets=chosen).to_query_params(),
            )
        st.stop()
    st.markdown(f"**Data:** {md_escape(summary.data)}")
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
    _findings(
        summary.findings,
        evidence,
        numbered=True,
        label="Evidence",
        page="pages/explore.py",
    )
    st.subheader("Since when")
    if summary.since:
        _findings(
            summary.since,
            evidence,
            numbered=False,
            label="Rows",
            page=rows_page(scope),
        )
    else:
        st.caption(no_shift_text(summary.since_periods, summary.since_bucket))

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
        st.info(dims_text(summary.unmapped))
    else:
        for dim in summary.unmapped:
            st.caption(f"The data has no {dim} column (as mapped at upload).")
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
            Filters(
                date_from=summary.period[0],
                date_to=summary.period[1],
                datasets=chosen,
            ),
            lambda: (
                summary_html(summary, figures, evidence_links=evidence).encode("utf-8"),
                summary.volume,
            ),
            detail="aggregates only",
        ),
        file_name=f"cx-summary-{summary.period[0].isoformat()}"
        + "".join(f"-upload-{d}" for d in chosen)
        + ".html",
        mime="text/html",
        key="summary_download",
        on_click="ignore",
    )


guarded(body)
