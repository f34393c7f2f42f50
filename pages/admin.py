"""Admin (admins only): who may sign in, and the audit log of every download and export.

Users are managed with the command line (``python -m cx users add|list|disable|
reset-password``); this page shows them read-only, never their password hashes.
Uploads can be deleted here (with their rows, analysis, rejected rows and the cause
corrections made on them), so a file stored with a wrong mapping can be stored again.
Widget keys (stable, for end-to-end tests):
  admin_users (dataframe), admin_uploads (dataframe), admin_delete_upload (selectbox),
  admin_delete_confirm (checkbox), admin_delete_apply (button),
  admin_audit_users, admin_audit_actions (multiselects),
  admin_audit (dataframe), admin_audit_download (download button: the filtered log as
  CSV, formula-neutralised; itself audited as download_audit_csv)
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cx.export import to_csv_bytes
from pages._common import (
    audited_download,
    bump_version,
    guarded,
    md_escape,
    require,
    workspace,
)

TABLE_LIMIT = 1000


def _uploads(ws, scope) -> None:
    """The stored uploads, and deleting one (audited), so a file stored with a wrong
    mapping or date order can be uploaded again."""
    st.subheader("Uploads")
    done = st.session_state.pop("admin_deleted", None)
    if done:
        st.success(done)
    datasets = ws.datasets()
    if datasets.empty:
        st.info("No uploads yet.")
        return
    st.dataframe(
        datasets[
            ["id", "name", "uploaded_at", "rows_accepted", "rows_rejected"]
        ].sort_values("id", ascending=False),
        hide_index=True,
        width="stretch",
        key="admin_uploads",
        column_config={
            "id": "Dataset",
            "name": "Name",
            "uploaded_at": st.column_config.DatetimeColumn(
                "Uploaded (UTC)", format="YYYY-MM-DD HH:mm"
            ),
            "rows_accepted": st.column_config.NumberColumn("Rows stored"),
            "rows_rejected": st.column_config.NumberColumn("Rows rejected"),
        },
    )
    names = dict(zip(datasets["id"].astype(int), datasets["name"], strict=True))
    chosen = st.selectbox(
        "Delete an upload",
        [None, *sorted(names, reverse=True)],
        format_func=lambda i: "—" if i is None else f"{i}: {names[i]}",
        key="admin_delete_upload",
    )
    if chosen is None:
        return
    sure = st.checkbox(
        f"Delete dataset {chosen} ({md_escape(names[chosen])}) with its rows, their "
        "analysis and the cause corrections made on them. This cannot be undone.",
        key="admin_delete_confirm",
    )
    if st.button("Delete upload", key="admin_delete_apply", disabled=not sure):
        rows = int(datasets.loc[datasets["id"] == chosen, "rows_accepted"].iloc[0])
        if ws.delete_dataset(int(chosen)):
            ws.log_audit(
                scope.user,
                "delete_upload",
                "{}",
                rows,
                f"dataset {chosen}: {names[chosen]}",
            )
            bump_version()
            st.session_state["admin_deleted"] = (
                f"Deleted dataset {chosen} ({md_escape(names[chosen])}) and its "
                f"{rows:,} rows."
            )
        for key in ("admin_delete_upload", "admin_delete_confirm"):
            st.session_state.pop(key, None)
        st.rerun()


def body() -> None:
    scope = require("admin")
    ws = workspace()
    st.title("Administration")

    st.subheader("Users")
    users = ws.list_users()
    if users.empty:
        st.info(
            "No users yet: cx runs in single-user mode. To add one, stop this app "
            "(the command cannot open the workspace while the app has it open), run "
            "`python -m cx users add NAME --role admin`, then start the app again."
        )
    else:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        locked = users["locked_until"]
        st.dataframe(
            users.assign(
                teams=[", ".join(t) for t in users["teams"]],
                locked_until=locked.where(locked.notna() & (locked > now)),
            ),
            hide_index=True,
            width="stretch",
            key="admin_users",
            column_config={
                "name": "User",
                "role": "Role",
                "teams": "Teams",
                "disabled": "Disabled",
                "failed_attempts": "Failed sign-ins",
                "locked_until": st.column_config.DatetimeColumn(
                    "Locked until (UTC)", format="YYYY-MM-DD HH:mm"
                ),
                "created_at": st.column_config.DatetimeColumn(
                    "Created (UTC)", format="YYYY-MM-DD HH:mm"
                ),
            },
        )
        st.caption(
            "Add, disable or reset users with `python -m cx users …` "
            "(see `python -m cx users --help`) while this app is stopped: the "
            "command cannot open the workspace while the app has it open."
        )

    _uploads(ws, scope)

    st.subheader("Audit log")
    options = ws.audit_options()
    c1, c2 = st.columns(2)
    who = c1.multiselect(
        "User", options["users"], key="admin_audit_users", placeholder="All"
    )
    what = c2.multiselect(
        "Action", options["actions"], key="admin_audit_actions", placeholder="All"
    )
    log = ws.audit_log(users=who, actions=what)
    if log.empty:
        st.info("Nothing logged yet for these filters.")
        return
    st.caption(
        f"{len(log):,} entries, newest first"
        + (
            f"; the table shows the newest {TABLE_LIMIT:,}"
            if len(log) > TABLE_LIMIT
            else ""
        )
        + ". Times are UTC; filters are those applied after the user's scope."
    )
    st.dataframe(
        log.head(TABLE_LIMIT),
        hide_index=True,
        width="stretch",
        key="admin_audit",
        column_config={
            "at": st.column_config.DatetimeColumn(
                "At (UTC)", format="YYYY-MM-DD HH:mm:ss"
            ),
            "user": "User",
            "action": "Action",
            "filters": "Filters",
            "rows": st.column_config.NumberColumn("Rows"),
            "detail": "Detail",
        },
    )
    selection = f"users={','.join(who) or 'all'}; actions={','.join(what) or 'all'}"

    def build() -> tuple[bytes, int]:
        frame = ws.audit_log(users=who, actions=what)
        return to_csv_bytes(frame, mask=False), len(frame)

    st.download_button(
        "Download the audit log (CSV)",
        data=audited_download(
            ws, scope, "download_audit_csv", None, build, detail=selection
        ),
        file_name=f"cx-audit-{dt.date.today().isoformat()}.csv",
        mime="text/csv",
        key="admin_audit_download",
        on_click="ignore",
    )


guarded(body)
