"""Lists (team leads): a filterable, sortable table of complaints and its downloads.

Widget keys (stable, for end-to-end tests):
  sidebar  lists_date_range, lists_channels, lists_teams, lists_languages,
           lists_causes, lists_datasets, lists_search, lists_clear
  main     lists_only_causes (checkbox), lists_sort (selectbox), lists_unmask
           (checkbox, admin and quality managers only), lists_table (dataframe),
           lists_download_csv, lists_download_xlsx (download buttons)
The count says "complaints" only when every row counted has a cause (the "Only rows
with a cause" box, or causes picked without "none"); otherwise "feedback rows".
Lists starts from the filters in its URL (Explore's "Download this list" link carries
them) or, opened from the menu with none of its own, from those last set on Explore.
Downloads hold exactly the filtered rows (all of them, not only those shown; a team
lead's only their teams', as the store narrows every read), each with its dataset, row
number and the export's own record id (to find the ticket in the helpdesk),
formula-neutralised and with contacts masked unless unmasked. Each download is built
when clicked and written to the audit log (actions download_lists_csv,
download_lists_xlsx).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cx.access import Role
from cx.export import complaint_table, to_csv_bytes, to_xlsx_bytes
from cx.summary import plural
from cx.trends import complaint_filters
from pages._common import (
    audited_download,
    count,
    filtered_page,
    for_display,
    guarded,
    rows,
)

TABLE_LIMIT = 5000
SORTS = {
    "Newest first": "date DESC",
    "Oldest first": "date ASC",
    "Most confident first": "confidence DESC",
    "Least confident first": "confidence ASC",
    "Cause": "cause ASC, date DESC",
    "Team": "team ASC, date DESC",
    "Channel": "channel ASC, date DESC",
}


def body() -> None:
    scope, ws, taxonomy, filters = filtered_page("lists", "Complaint lists")
    c1, c2, c3 = st.columns([1, 1, 1])
    only_causes = c1.checkbox(
        "Only rows with a cause", value=True, key="lists_only_causes"
    )
    sort = c2.selectbox("Sort", list(SORTS), key="lists_sort")
    may_unmask = scope.role in (Role.ADMIN, Role.QUALITY_MANAGER)
    unmask = may_unmask and c3.checkbox(
        "Unmask contacts in downloads",
        value=False,
        key="lists_unmask",
        help="E-mails, phone and card numbers and @handles are masked in downloads "
        "by default. The record id (the export's own ticket id) is always kept whole.",
    )
    effective = complaint_filters(filters, taxonomy.ids, only_causes)
    # "complaints" only when every row counted has a cause; else praise counts too
    complaints = bool(effective.causes) and "none" not in effective.causes
    noun = "complaints" if complaints else "feedback rows"
    total = count(ws, effective, scope)
    if total == 0:
        st.info(f"No {noun} match these filters.")
        st.stop()
    table = complaint_table(
        rows(ws, effective, scope, limit=TABLE_LIMIT, order_by=SORTS[sort]), taxonomy
    )
    shown = min(total, TABLE_LIMIT)
    st.caption(
        f"{plural(total, noun[:-1])} match{'es' if total == 1 else ''}; "
        f"the table shows {shown:,}, "
        f"the downloads hold all {total:,}."
    )
    st.dataframe(
        for_display(table.drop(columns=["Dataset", "Row"])),
        hide_index=True,
        width="stretch",
        key="lists_table",
        column_config={
            "Confidence": st.column_config.NumberColumn(format="%.2f"),
            "Text": st.column_config.TextColumn(width="large"),
        },
    )
    stamp = dt.date.today().isoformat()
    mask = not unmask
    order_by = SORTS[sort]
    detail = f"sort={order_by}; contacts {'masked' if mask else 'unmasked'}"

    def build(kind: str):
        def make() -> tuple[bytes, int]:
            table = complaint_table(
                rows(ws, effective, scope, order_by=order_by), taxonomy
            )
            write = to_csv_bytes if kind == "csv" else to_xlsx_bytes
            return write(table, mask=mask), len(table)

        return audited_download(
            ws, scope, f"download_lists_{kind}", effective, make, detail
        )

    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button(
        "Download CSV",
        data=build("csv"),
        file_name=f"complaints-{stamp}.csv",
        mime="text/csv",
        key="lists_download_csv",
        on_click="ignore",
    )
    d2.download_button(
        "Download Excel",
        data=build("xlsx"),
        file_name=f"complaints-{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="lists_download_xlsx",
        on_click="ignore",
    )


guarded(body)
