"""Upload: read exports, check the column mapping and the ledger, analyse and store.

Widget keys (stable, for end-to-end tests; <i> is the file's 0-based position in the
uploader):
  upload_files (file uploader, several files), upload_sheet_<i> (selectbox, only for
  workbooks with several sheets), upload_map_<i>_<role> (selectbox per role in
  cx.ingest.ROLES), upload_rejected_<i> (download button: rejected rows as CSV),
  upload_date_order_<i>_<sheet> (radio: day or month first for dates that fit both
  orders; shown while a date column is in doubt or once chosen),
  upload_analyse (button: analyse and store every file), upload_progress_<i>
  (progress bar while analysing; not a widget)
Under the ledger, one warning per ``IngestResult.warnings`` line (rows read, perhaps
wrongly: a date column whose day and month order is in doubt).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cx.export import to_csv_bytes
from cx.ingest import ROLES, ColumnMapping, IngestError, guess_mapping, prepare
from cx.ingest import feedback_sheet as _find_feedback_sheet
from cx.ingest import list_sheets as _list_sheets
from cx.ingest import read_table as _read_table
from cx.summary import plural
from pages._common import (
    active_taxonomy,
    audited_download,
    bump_version,
    guarded,
    md_escape,
    require,
    workspace,
)

# "xml" is no format cx reads: it is let through so an XML export gets cx's own message
# (export it as CSV, Excel, ...) on the page, not the browser's bare "not allowed".
FORMATS = ["csv", "tsv", "txt", "xlsx", "json", "jsonl", "parquet", "xml"]
ROLE_LABELS = {
    "text": "Text (required)",
    "date": "Date",
    "channel": "Channel",
    "team": "Team",
    "customer_id": "Customer id",
    "rating": "Rating",
    "record_id": "Record id",
}
NO_COLUMN = "— none —"


@st.cache_data(ttl=900, max_entries=8, show_spinner=False)
def _sheets(data: bytes, name: str) -> list[str]:
    return _list_sheets(data, name)


@st.cache_data(ttl=900, max_entries=8, show_spinner=False)
def _read(data: bytes, name: str, sheet: str | None, max_bytes: int):
    return _read_table(data, name, sheet=sheet, max_bytes=max_bytes)


@st.cache_data(ttl=900, max_entries=8, show_spinner=False)
def _prepared(
    data: bytes,
    name: str,
    sheet: str | None,
    max_bytes: int,
    mapping: tuple,
    date_order: str | None = None,
):
    raw = _read(data, name, sheet, max_bytes)
    return prepare(raw, ColumnMapping.from_dict(dict(mapping)), date_order=date_order)


# The date-order choice offered when a date column's day/month order is in doubt.
_DATE_ORDERS = {
    "": "As cx read them (see the warning)",
    "day": "Day first (04-06-2015 is 4 June)",
    "month": "Month first (04-06-2015 is 6 April)",
}


def _date_order_choice(i: int, sheet: str | None, shown: bool) -> str | None:
    """The user's day/month order for dates that fit both, or None (cx decides).

    Offered only while a date column is in doubt, or once the user has chosen."""
    key = f"upload_date_order_{i}_{sheet or ''}"
    if not shown and not st.session_state.get(key):
        return None
    choice = st.radio(
        "Dates that fit both orders",
        list(_DATE_ORDERS),
        format_func=_DATE_ORDERS.get,
        horizontal=True,
        key=key,
        help="A date that only one order allows (25-12-2015) is always read that way.",
    )
    return choice or None


def _mapping_widgets(
    i: int, columns: list[str], guess: ColumnMapping, sheet: str | None
) -> dict:
    """One selector per column role; keyed by file and sheet, so another sheet of the
    same workbook starts from its own guesses, not the previous sheet's choices."""
    chosen = {}
    cols = st.columns(4)
    options = [NO_COLUMN, *columns]
    for n, role in enumerate(ROLES):
        guessed = getattr(guess, role)
        index = options.index(guessed) if guessed in options else 0
        if role == "text":
            options_role = columns
            index = max(index - 1, 0)
        else:
            options_role = options
        value = cols[n % 4].selectbox(
            ROLE_LABELS[role],
            options_role,
            index=index,
            key=f"upload_map_{i}_{sheet or ''}_{role}",
        )
        chosen[role] = None if value == NO_COLUMN else value
    return chosen


@st.cache_data(ttl=900, max_entries=8, show_spinner=False)
def _feedback_sheet(data: bytes, name: str, max_bytes: int) -> str | None:
    """The sheet to offer first; the CLI opens the same one (cx.ingest)."""
    return _find_feedback_sheet(data, name, max_bytes=max_bytes)


def _file_section(i: int, file, max_bytes: int, scope):
    """Read one uploaded file, show preview, mapping and ledger; return its result."""
    data = file.getvalue()
    name = file.name
    st.subheader(name)
    sheet = None
    try:  # a broken workbook is this file's error, not the whole page's
        sheets = _sheets(data, name) if name.lower().endswith(".xlsx") else []
        if len(sheets) > 1:
            sheet = st.selectbox(
                "Sheet",
                sheets,
                index=sheets.index(_feedback_sheet(data, name, max_bytes)),
                key=f"upload_sheet_{i}",
            )
        raw = _read(data, name, sheet, max_bytes)
    except IngestError as exc:
        st.error(str(exc))
        return None
    st.caption(
        f"{plural(len(raw.frame), 'row')}, {plural(raw.frame.shape[1], 'column')} "
        f"· format {raw.format}"
        + (f" · encoding {raw.encoding}" if raw.encoding else "")
        + (f" · sheet {raw.sheet}" if raw.sheet else "")
    )
    st.dataframe(raw.frame.head(20), hide_index=True, width="stretch")
    columns = [str(c) for c in raw.frame.columns]
    try:
        guess = guess_mapping(raw.frame)
    except IngestError as exc:
        st.warning(f"{exc} Pick the text column below.")
        guess = ColumnMapping(text=columns[0])
    st.markdown("**Column mapping** (our guesses; change any that are wrong)")
    chosen = _mapping_widgets(i, columns, guess, sheet)
    mapping = tuple(sorted(chosen.items()))
    order = st.session_state.get(f"upload_date_order_{i}_{sheet or ''}") or None
    try:
        result = _prepared(data, name, sheet, max_bytes, mapping, order)
        doubtful = bool(_prepared(data, name, sheet, max_bytes, mapping).warnings)
    except IngestError as exc:
        st.error(str(exc))
        return None
    ledger = result.ledger
    stored = workspace().find_dataset(result.raw.sha256)
    if stored is not None:
        st.info(
            f"This file was uploaded before, as dataset {stored.id} "
            f"({md_escape(stored.name)}): storing it again changes nothing."
        )
    c1, c2, c3 = st.columns(3)
    c1.metric("Rows read", f"{ledger.read:,}")
    c2.metric("Accepted", f"{ledger.accepted:,}")
    c3.metric("Rejected", f"{ledger.rejected:,}")
    for warning in result.warnings:  # e.g. a date column's day/month order in doubt
        st.warning(warning)
    if _date_order_choice(i, sheet, doubtful) is not None:
        st.caption(
            f"Dates that fit both orders are read {order}-first, as chosen; the "
            "others the one way they can."
        )
    if ledger.rejected:
        reasons = pd.DataFrame(
            {"Reason": list(ledger.reasons), "Rows": list(ledger.reasons.values())}
        )
        st.dataframe(reasons, hide_index=True)
        rejected = result.rejected
        st.download_button(
            "Download rejected rows (CSV)",
            data=audited_download(
                workspace(),
                scope,
                "download_rejected_csv",
                None,
                lambda: (to_csv_bytes(rejected, mask=False), len(rejected)),
                detail=name,
            ),
            file_name=f"rejected-{name.rsplit('.', 1)[0]}.csv",
            mime="text/csv",
            key=f"upload_rejected_{i}",
            on_click="ignore",
        )
    return result


def body() -> None:
    from cx.config import get_settings

    scope = require("upload")
    st.title("Upload feedback")
    if not scope.can_upload:
        st.info("Your role cannot upload files.")
        st.stop()
    max_bytes = get_settings().max_upload_bytes
    files = st.file_uploader(
        "Feedback exports (CSV, TSV, TXT, Excel, JSON, JSON Lines, Parquet)",
        type=FORMATS,
        accept_multiple_files=True,
        key="upload_files",
    )
    if not files:
        st.info("Upload one or more files to begin.")
        st.stop()
    results = []
    for i, file in enumerate(files):
        with st.container(border=True):
            result = _file_section(i, file, max_bytes, scope)
            if result is not None and result.ledger.accepted:
                results.append((i, file.name, result))
    if not results:
        st.warning("No file has rows to analyse yet: fix the errors above.")
        st.stop()
    if not st.button("Analyse and store", key="upload_analyse", type="primary"):
        st.stop()
    from cx.analysis import analyse

    ws = workspace()
    version, taxonomy = active_taxonomy(ws)
    corrections = ws.corrections()
    for _i, name, result in results:
        stored = ws.find_dataset(result.raw.sha256)
        if stored is not None:  # the same file: nothing to analyse again
            st.info(
                f"{md_escape(name)} was uploaded before (dataset {stored.id}); "
                "nothing changed. "
                "To store it again with another mapping, an administrator deletes that "
                "upload on the Admin page first."
            )
            continue
        bar = st.progress(0.0, text=f"{name}: starting…")

        def progress(stage: str, fraction: float, bar=bar, name=name) -> None:
            bar.progress(min(max(float(fraction), 0.0), 1.0), text=f"{name}: {stage}")

        analysis = analyse(result.accepted, taxonomy, corrections, progress=progress)
        info, created = ws.add_dataset(
            result, analysis, name=name, taxonomy_version=version
        )
        bar.progress(1.0, text=f"{name}: done")
        if created:
            ws.log_audit(
                scope.user,
                "upload",
                "{}",
                info.rows_accepted,
                f"{name} -> dataset {info.id}",
            )
            st.success(
                f"{md_escape(name)}: stored {plural(info.rows_accepted, 'row')} "
                f"({info.rows_rejected:,} rejected) as dataset {info.id}."
            )
        else:
            st.info(
                f"{md_escape(name)} was uploaded before (dataset {info.id}); "
                "nothing changed."
            )
    bump_version()
    st.page_link(
        "pages/explore.py", label="Open Explore", icon=":material/query_stats:"
    )


guarded(body)
