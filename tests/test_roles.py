"""Sign-in and roles in the app (AppTest) over a real workspace with the sample data.

One analysed workspace is built per module; each test signs in to its own copy of the
file, so lock-outs, audit rows and disabled users never leak between tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from cx.access import Role, Scope
from cx.analysis import analyse
from cx.auth import Session, add_user, disable_user
from cx.config import PROJECT_ROOT
from cx.export import complaint_table, to_csv_bytes
from cx.filters import Filters
from cx.ingest import ingest
from cx.store import Workspace
from cx.taxonomy import default_taxonomy

APP = str(PROJECT_ROOT / "app.py")
SAMPLE = PROJECT_ROOT / "data" / "samples" / "feedback_sample.csv"
SAMPLE_LINES = 601  # header + 600 rows: every team, several months
PASSWORD = "a long enough secret"
TITLES = {
    "upload": "Upload feedback",
    "explore": "Explore",
    "lists": "Complaint lists",
    "summary": "Summary",
    "taxonomy": "Cause taxonomy",
    "admin": "Administration",
}
ROLE_PAGES = {
    "ada": ("admin", ["upload", "explore", "lists", "summary", "taxonomy", "admin"]),
    "quinn": ("quality_manager", ["upload", "explore", "lists", "summary", "taxonomy"]),
    "tom": ("team_lead", ["explore", "lists"]),
    "eve": ("executive", ["summary"]),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """Two pristine workspace files with the analysed sample: without and with users."""
    folder = tmp_path_factory.mktemp("roles")
    sample = folder / "sample.csv"
    with SAMPLE.open(encoding="utf-8") as src:
        sample.write_text("".join(next(src) for _ in range(SAMPLE_LINES)), "utf-8")
    result = ingest(sample)
    analysis = analyse(result.accepted, default_taxonomy())
    plain = folder / "no_users.duckdb"
    with Workspace(plain) as ws:
        ws.add_dataset(result, analysis, name="Sample subset")
        teams = ws.count_by(["team"], Filters(), Scope.single_user())
        rows = ws.feedback(Filters(), Scope.single_user())
    own, other = teams.sort_values("n", ascending=False)["team"].tolist()[:2]
    with_users = folder / "users.duckdb"
    shutil.copy(plain, with_users)
    with Workspace(with_users) as ws:
        for name, (role, _) in ROLE_PAGES.items():
            add_user(ws, name, PASSWORD, role, [own] if role == "team_lead" else [])
    return {
        "plain": plain,
        "users": with_users,
        "sample": sample,
        "own": own,
        "other": other,
        "rows": rows,
    }


def as_live_server(monkeypatch) -> None:
    """Run the app as a live server does after its first ``st.navigation`` call.

    Until then Streamlit may run a ``pages/`` file straight from its URL (the pages
    guard themselves against that: see the tests that run a page directly); AppTest
    re-enters that start-up state on every run, so here every run goes through
    app.py, as every request to a running server does.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def server_navigation(monkeypatch):
    as_live_server(monkeypatch)


def _copy(base, kind: str, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "ws.duckdb"
    shutil.copy(base[kind], path)
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.setenv("CX_SAMPLE", str(base["sample"]))
    return path


@pytest.fixture
def db(base, tmp_path, monkeypatch, server_navigation) -> Path:
    """A fresh copy of the workspace with four users; CX_DB points at it."""
    return _copy(base, "users", tmp_path, monkeypatch)


@pytest.fixture
def lead(base) -> Scope:
    return Scope("tom", Role.TEAM_LEAD, (base["own"],))


def _fresh(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _submit(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="signin_user").input(name)
    at.text_input(key="signin_password").input(password)
    return at.button(key="signin_submit").click().run()


def _signed_in(name: str, password: str = PASSWORD, **params: str) -> AppTest:
    at = _submit(_fresh(**params), name, password)
    _no_failure(at)
    return at


def _no_failure(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _shows_sign_in(at: AppTest) -> bool:
    try:
        at.text_input(key="signin_password")
    except KeyError:
        return False
    return True


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _audit(db: Path, **kw) -> pd.DataFrame:
    with Workspace(db) as ws:
        return ws.audit_log(**kw)


# -- first run and sign-in ------------------------------------------------------------


def test_without_users_the_app_runs_in_labelled_single_user_mode(
    base, tmp_path, monkeypatch
):
    _copy(base, "plain", tmp_path, monkeypatch)
    at = _fresh()
    _no_failure(at)
    assert not _shows_sign_in(at)
    assert at.title[0].value == "Explore"
    assert any("Single-user mode" in c.value for c in at.sidebar.caption)


def test_once_a_user_exists_the_app_shows_only_the_sign_in_form(db):
    at = _fresh()
    _no_failure(at)
    assert at.text_input(key="signin_user").label == "User name"
    assert at.text_input(key="signin_password").label == "Password"
    assert at.button(key="signin_submit").label == "Sign in"
    assert [t.value for t in at.title] == ["Sign in to cx"]
    assert not at.metric and not at.get("dataframe")
    for page in TITLES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{page}.py")


def test_a_wrong_password_is_refused_with_a_message(db):
    at = _submit(_fresh(), "tom", "not the password at all")
    assert [e.value for e in at.error] == ["Wrong user name or password."]
    assert not at.exception
    assert _shows_sign_in(at)
    log = _audit(db, actions=["sign_in_failed"])
    assert log["user"].tolist() == ["tom"]


def test_an_empty_form_asks_for_both_fields(db):
    at = _submit(_fresh(), "tom", "")
    assert [e.value for e in at.error] == ["Enter your user name and your password."]


def test_repeated_failures_lock_the_account_in_the_app(db, monkeypatch):
    monkeypatch.setenv("CX_LOCKOUT_ATTEMPTS", "3")
    at = _fresh()
    for _ in range(3):
        at = _submit(at, "tom", "not the password at all")
        assert [e.value for e in at.error] == ["Wrong user name or password."]
    at = _submit(at, "tom", PASSWORD)
    assert len(at.error) == 1 and "locked until" in at.error[0].value
    assert _shows_sign_in(at)
    with Workspace(db) as ws:
        assert ws.get_user("tom")["locked_until"] > dt.datetime(2000, 1, 1)


def test_a_disabled_account_cannot_sign_in(db):
    with Workspace(db) as ws:
        disable_user(ws, "tom")
    at = _submit(_fresh(), "tom", PASSWORD)
    assert [e.value for e in at.error] == [
        "This account is disabled: ask an administrator."
    ]


@pytest.mark.parametrize("name", list(ROLE_PAGES))
def test_each_role_lands_on_its_page_and_can_reach_only_its_pages(db, name):
    role, pages = ROLE_PAGES[name]
    at = _signed_in(name)
    assert f"Signed in as {name} ({role})" in [c.value for c in at.sidebar.caption]
    assert at.button(key="signout").label == "Sign out"
    landing = "explore" if "explore" in pages else pages[0]
    assert at.title[0].value == TITLES[landing]
    scope = at.session_state["cx_scope"]
    assert (scope.user, scope.role.value) == (name, role)
    # st.navigation registered only the role's pages: no other page can be opened.
    for page in set(TITLES) - set(pages):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{page}.py")
    for page in pages:
        at.switch_page(f"pages/{page}.py").run()
        _no_failure(at)
        assert at.title[0].value == TITLES[page]


@pytest.mark.parametrize("page", ["taxonomy", "summary", "upload", "admin"])
def test_a_page_run_directly_refuses_a_role_without_it(db, lead, page):
    # Streamlit runs a pages/ file directly before any st.navigation call in a fresh
    # process; each page checks the scope itself for that case.
    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / f"{page}.py"))
    at.session_state["cx_scope"] = lead
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "cannot open this page" in at.error[0].value
    assert not at.title or at.title[0].value != TITLES[page]


@pytest.mark.parametrize("page", list(TITLES))
def test_a_page_run_directly_without_a_sign_in_shows_nothing(db, page):
    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / f"{page}.py")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Open cx through its start page (streamlit run app.py)."
    ]
    assert not at.title and not at.get("dataframe")


def test_an_expired_session_returns_to_the_sign_in_form(db):
    at = _signed_in("quinn")
    session = at.session_state["cx_session"]
    at.session_state["cx_session"] = dataclasses.replace(
        session, expires_at=dt.datetime(2000, 1, 1)
    )
    at.run()
    assert _shows_sign_in(at)
    assert [w.value for w in at.warning] == ["Your session has expired: sign in again."]
    assert "cx_scope" not in at.session_state


def test_the_session_lasts_cx_session_minutes(db, monkeypatch):
    monkeypatch.setenv("CX_SESSION_MINUTES", "7")
    at = _signed_in("quinn")
    session: Session = at.session_state["cx_session"]
    left = session.expires_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert dt.timedelta(minutes=6) < left <= dt.timedelta(minutes=7)


def test_disabling_a_signed_in_user_ends_their_session_at_the_next_click(db):
    at = _signed_in("quinn")
    with Workspace(db) as ws:
        disable_user(ws, "quinn")
    at.run()
    assert _shows_sign_in(at)
    assert [w.value for w in at.warning] == [
        "This account is disabled: ask an administrator."
    ]


def test_sign_out_forgets_the_scope_and_the_filters(db):
    at = _signed_in("quinn")
    at.multiselect(key="explore_channels").set_value(["phone"]).run()
    at.button(key="signout").click().run()
    assert _shows_sign_in(at)
    assert "cx_scope" not in at.session_state
    assert "explore_channels" not in at.session_state
    assert _audit(db, actions=["sign_out"])["user"].tolist() == ["quinn"]


# -- team leads -----------------------------------------------------------------------


def test_a_team_lead_sees_only_their_team_on_explore(db, base):
    own = base["own"]
    expected = int((base["rows"]["team"] == own).sum())
    at = _signed_in("tom")
    assert at.title[0].value == "Explore"
    assert at.multiselect(key="explore_teams").options == [own]
    assert _metric(at, "Feedback") == f"{expected:,}"
    shown = at.dataframe(key="explore_verbatims").value
    assert set(shown["Team"]) == {own}


@pytest.mark.parametrize("page", ["explore", "lists"])
def test_a_team_leads_crafted_query_for_another_team_is_left_out_and_said(
    db, base, page
):
    at = _signed_in("tom", team=base["other"])
    if page == "lists":
        at.switch_page("pages/lists.py").run()
        at.query_params["team"] = base["other"]
        at.run()
    _no_failure(at)
    # the other team is dropped from the filter, the lead is told, and every row shown
    # is their own team's
    assert at.multiselect(key=f"{page}_teams").value == []
    assert any("outside yours" in w.value for w in at.warning)
    assert base["other"] not in str(dict(at.query_params))
    table = at.dataframe(key="explore_verbatims") if page == "explore" else None
    shown = (table or at.dataframe[0]).value
    assert len(shown) and set(shown["Team"]) == {base["own"]}


def test_a_team_leads_query_for_own_and_other_team_keeps_only_their_own(db, base):
    own, other = base["own"], base["other"]
    at = _signed_in("tom", team=f"{own},{other}")
    _no_failure(at)
    expected = int((base["rows"]["team"] == own).sum())
    assert _metric(at, "Feedback") == f"{expected:,}"
    assert set(at.dataframe(key="explore_verbatims").value["Team"]) == {own}


def test_a_team_leads_crafted_chart_click_on_another_team_shows_no_rows(db, base):
    at = _signed_in("tom")
    cause = base["rows"]["cause"].value_counts().index[0]
    point = {"customdata": [cause, base["other"], 1.0]}
    at.session_state["explore_chart_team"] = {
        "selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    _no_failure(at)
    assert any("behind the click" in s.value for s in at.subheader)
    assert any("No complaints match" in i.value for i in at.info)
    with pytest.raises(KeyError):
        at.dataframe(key="explore_verbatims")


def test_a_team_leads_download_holds_only_their_teams_rows_and_is_audited(
    db, base, lead, downloads
):
    own = base["own"]
    rows = base["rows"]
    expected = rows[(rows["team"] == own) & (rows["cause"] != "none")]
    at = _signed_in("tom")
    at.switch_page("pages/lists.py").run()
    _no_failure(at)
    assert not _audit(db, actions=["download_lists_csv"]).shape[0]  # a render: no log
    with pytest.raises(KeyError):
        at.checkbox(key="lists_unmask")
    csv = pd.read_csv(io.BytesIO(downloads.click(".csv")), encoding="utf-8-sig")
    assert len(csv) == len(expected) > 0
    assert set(csv["Team"]) == {own}
    assert sorted(csv["Row"]) == sorted(expected["row_number"])
    log = _audit(db, actions=["download_lists_csv"])
    assert log["user"].tolist() == ["tom"]
    assert log["rows"].tolist() == [len(expected)]
    applied = json.loads(log["filters"][0])
    assert applied["team"] == own and applied["cause"]
    # The same data path asked for another team directly: the store gives nothing.
    with Workspace(db) as ws:
        other = ws.feedback(Filters(teams=(base["other"],)), lead)
        everything = ws.feedback(Filters(), lead)
    assert other.empty
    assert set(everything["team"]) == {own}
    table = complaint_table(other, default_taxonomy())
    assert pd.read_csv(io.BytesIO(to_csv_bytes(table)), encoding="utf-8-sig").empty


# -- executives -----------------------------------------------------------------------


def test_an_executive_sees_the_summary_without_verbatims_or_evidence_links(
    db, base, downloads
):
    at = _signed_in("eve")
    assert [t.value for t in at.title] == ["Summary"]
    assert not [link for link in at.get("page_link") if link.proto.label == "Evidence"]
    texts = [t for t in base["rows"]["text"] if len(t) >= 25]
    frames = [df.value for df in at.get("dataframe")]
    for frame in frames:
        cells = {str(v) for v in frame.to_numpy().ravel()}
        assert not cells & set(texts)
    shown = " ".join(m.value for m in at.markdown)
    assert not [t for t in texts if t in shown]
    html = downloads.click(".html").decode("utf-8")
    assert "<h2>Findings</h2>" in html
    assert "evidence" not in html and "?from=" not in html
    assert not [t for t in texts if t in html]
    log = _audit(db, actions=["download_summary_html"])
    assert log["user"].tolist() == ["eve"]
    assert set(json.loads(log["filters"][0])) == {"from", "to"}


def test_admins_summary_keeps_its_evidence_links(db, downloads):
    at = _signed_in("ada")
    at.switch_page("pages/summary.py").run()
    _no_failure(at)
    assert [link for link in at.get("page_link") if link.proto.label == "Evidence"]
    # a downloaded file has no app to link to: it names the evidence's filters
    report = downloads.click(".html").decode("utf-8")
    assert "(evidence in Explore: " in report and 'href="?' not in report


# -- audit ----------------------------------------------------------------------------


def test_the_admin_page_shows_users_without_hashes_and_exports_the_audit_log(
    db, downloads
):
    at = _signed_in("ada")
    at.switch_page("pages/admin.py").run()
    _no_failure(at)
    users = at.dataframe[0].value
    assert sorted(users["name"]) == sorted(ROLE_PAGES)
    assert "password_hash" not in users.columns
    assert not users.astype(str).apply(lambda c: c.str.contains("argon2")).any().any()
    at.multiselect(key="admin_audit_actions").set_value(["sign_in"]).run()
    _no_failure(at)
    shown = at.dataframe[2].value  # users, uploads, audit log
    assert set(shown["action"]) == {"sign_in"} and "ada" in set(shown["user"])
    exported = pd.read_csv(
        io.BytesIO(downloads.click(".csv")), encoding="utf-8-sig", dtype=str
    )
    assert len(exported) == len(shown)
    log = _audit(db, limit=1)
    assert log["action"].tolist() == ["download_audit_csv"]
    assert log["rows"].tolist() == [len(shown)]
    assert "actions=sign_in" in log["detail"][0]


def test_taxonomy_and_rejected_rows_downloads_are_audited(db, downloads):
    at = _signed_in("quinn")
    at.switch_page("pages/taxonomy.py").run()
    _no_failure(at)
    assert b"causes" in downloads.click(".yaml")
    at.switch_page("pages/upload.py").run()
    export = "Comment,Team\nThe agent was rude to me,Billing\n,Billing\n"
    at.file_uploader(key="upload_files").upload(
        "calls.csv", export.encode(), "text/csv"
    )
    at.run()
    _no_failure(at)
    rejected = pd.read_csv(io.BytesIO(downloads.click("calls.csv")), dtype=str)
    assert len(rejected) == 1
    log = _audit(db)
    got = log[log["action"].str.startswith("download")]
    assert got["action"].tolist() == ["download_rejected_csv", "download_taxonomy_yaml"]
    assert got["user"].tolist() == ["quinn", "quinn"]
    assert got["rows"].tolist() == [1, len(default_taxonomy().causes)]


# -- team names as people type them ---------------------------------------------------


def _typed_differently(team: str) -> str:
    """``Vilnius Office`` as an admin might type it: ``  vilnius   OFFICE ``."""
    words = team.split()
    return "  " + "   ".join([words[0].lower(), *[w.upper() for w in words[1:]]]) + " "


def test_a_team_leads_teams_match_the_data_ignoring_case_and_spaces(base):
    own, other = base["own"], base["other"]
    typed = Scope("lena", Role.TEAM_LEAD, (_typed_differently(own),))
    with Workspace(base["plain"]) as ws:
        known = ws.filter_options(Scope.single_user())["teams"]
        assert ws.count_feedback(Filters(), typed) == 0  # as typed: no row matches
        lead = typed.with_known_teams(known)
        rows = ws.feedback(Filters(), lead)
        crafted = ws.feedback(Filters(teams=(other,)), lead)
        picked = ws.count_feedback(Filters(teams=(own,)), typed)
    assert len(rows) == int((base["rows"]["team"] == own).sum()) > 0
    assert set(rows["team"]) == {own}
    assert crafted.empty  # another team stays out of reach
    assert picked == len(rows)  # the data's spelling picked in a filter is theirs


def test_a_team_lead_added_with_other_capitals_and_spaces_sees_their_rows(db, base):
    own = base["own"]
    with Workspace(db) as ws:
        add_user(ws, "lena", PASSWORD, "team_lead", [_typed_differently(own)])
    at = _signed_in("lena")
    expected = int((base["rows"]["team"] == own).sum())
    assert at.title[0].value == "Explore"
    assert not [i.value for i in at.info if "Upload a file" in i.value]
    assert _metric(at, "Feedback") == f"{expected:,}"
    assert at.multiselect(key="explore_teams").options == [own]
    assert set(at.dataframe(key="explore_verbatims").value["Team"]) == {own}


# -- hints and messages ---------------------------------------------------------------


def test_the_single_user_hint_says_to_stop_the_app_before_adding_a_user(
    base, tmp_path, monkeypatch
):
    _copy(base, "plain", tmp_path, monkeypatch)
    at = _fresh()
    _no_failure(at)
    hint = next(c.value for c in at.sidebar.caption if "Single-user mode" in c.value)
    assert "python -m cx users add NAME --role admin" in hint
    assert "stop this app" in hint and "start the app again" in hint
    at.switch_page("pages/admin.py").run()
    _no_failure(at)
    assert any("stop this app" in i.value for i in at.info)


def test_an_upload_of_one_row_says_row_not_rows(db):
    at = _signed_in("quinn")
    at.switch_page("pages/upload.py").run()
    export = "Comment,Team\nThe agent was rude to me,Billing\n"
    at.file_uploader(key="upload_files").upload("one.csv", export.encode(), "text/csv")
    at.run()
    _no_failure(at)
    at.button(key="upload_analyse").click().run()
    _no_failure(at)
    stored = [s.value.replace("\\", "") for s in at.success]  # markdown escapes
    assert len(stored) == 1 and "one.csv: stored 1 row (0 rejected)" in stored[0]
    captions = " ".join(c.value for c in at.caption)
    assert "1 row, 2 columns" in captions and "1 rows" not in captions


# -- links opened before signing in ---------------------------------------------------


def test_a_link_opened_first_on_a_fresh_server_lands_on_its_page_after_sign_in(
    base, tmp_path, monkeypatch
):
    _copy(base, "users", tmp_path, monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/lists.py")  # before any run: Streamlit's start-up state
    at.query_params["team"] = base["own"]
    at.run()
    _no_failure(at)
    # signed out: the form, no data, and the link's filter kept for after sign-in
    assert _shows_sign_in(at)
    assert not at.get("dataframe") and not at.metric
    assert at.query_params["team"] in (base["own"], [base["own"]])
    as_live_server(monkeypatch)  # from now on, as a live server after start-up
    at = _submit(at, "quinn", PASSWORD)
    _no_failure(at)
    assert at.title[0].value == TITLES["lists"]
    assert at.multiselect(key="lists_teams").value == [base["own"]]


def test_a_file_uploaded_again_is_not_reanalysed_until_an_admin_deletes_it(db):
    export = "Comment,Team\nThe agent was rude to me,Billing\nStill not fixed,Billing\n"

    def upload() -> AppTest:
        at = _signed_in("quinn")
        at.switch_page("pages/upload.py").run()
        uploader = at.file_uploader(key="upload_files")
        uploader.upload("again.csv", export.encode(), "text/csv")
        at.run()
        _no_failure(at)
        return at

    first = upload()
    first.button(key="upload_analyse").click().run()
    assert any("stored 2 rows" in s.value.replace("\\", "") for s in first.success)
    again = upload()  # said before the button, and nothing is analysed on it
    assert any("uploaded before, as dataset" in i.value for i in again.info)
    again.button(key="upload_analyse").click().run()
    _no_failure(again)
    assert not again.success and not again.get("progress")
    assert any("an administrator deletes" in i.value for i in again.info)

    admin = _signed_in("ada")
    admin.switch_page("pages/admin.py").run()
    with Workspace(db) as ws:
        stored = int(ws.find_dataset(hashlib.sha256(export.encode()).hexdigest()).id)
    admin.selectbox(key="admin_delete_upload").set_value(stored).run()
    assert admin.button(key="admin_delete_apply").disabled  # not before confirming
    admin.checkbox(key="admin_delete_confirm").check().run()
    admin.button(key="admin_delete_apply").click().run()
    _no_failure(admin)
    assert any(f"Deleted dataset {stored}" in s.value for s in admin.success)
    with Workspace(db) as ws:
        assert ws.dataset(stored) is None
        log = ws.audit_log(actions=["delete_upload"])
    assert list(log["user"]) == ["ada"] and list(log["rows"]) == [2]
    third = upload()
    third.button(key="upload_analyse").click().run()
    assert any("stored 2 rows" in s.value.replace("\\", "") for s in third.success)
