"""cx: the router. Decides the scope, loads the sample on first run, picks the pages.

Run with ``streamlit run app.py``. The workspace file comes from CX_DB (cx.config).

Who is who: while the workspace has no user the app runs in single-user mode (one local
admin, labelled in the sidebar). Once a user exists (``python -m cx users add``, run
while the app is stopped: DuckDB lets one process open the file) every page asks for
a sign-in first; the session expires after CX_SESSION_MINUTES and is
re-checked against the user record on every rerun (a disabled user is out at once).

Session state set here: ``cx_scope`` (the Scope every page reads), ``cx_session`` (the
cx.auth.Session of the signed-in user), ``cx_signin_message`` (why the sign-in form is
shown again). Sign-in widget keys: ``signin_user`` ("User name"), ``signin_password``
("Password"), ``signin_submit`` ("Sign in"); signed in: ``signout`` ("Sign out").
Heavy modules (the model, plotly) are imported by the pages that need them, so the app
starts fast.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from cx.access import Role, Scope
from cx.auth import AuthError, Session, resume, sign_in
from cx.config import get_settings
from cx.store import WorkspaceError
from pages._common import (
    SCOPE_KEY,
    SESSION_KEY,
    bump_version,
    filter_options,
    guarded,
    workspace,
)

ROOT = Path(__file__).resolve().parent
MESSAGE_KEY = "cx_signin_message"
# The page a link asked for before app.py first ran (set by pages/_common.py
# current_scope on a freshly started server).
WANTED_KEY = "cx_wanted_page"
# url path -> (script, title, icon)
_PAGES = {
    "upload": ("pages/upload.py", "Upload", ":material/upload_file:"),
    "explore": ("pages/explore.py", "Explore", ":material/query_stats:"),
    "lists": ("pages/lists.py", "Lists", ":material/list_alt:"),
    "summary": ("pages/summary.py", "Summary", ":material/summarize:"),
    "taxonomy": ("pages/taxonomy.py", "Taxonomy", ":material/category:"),
    "admin": ("pages/admin.py", "Admin", ":material/admin_panel_settings:"),
}

st.set_page_config(
    page_title="cx – why customers complain", page_icon="📊", layout="wide"
)


def _sign_out(message: str | None = None) -> None:
    """Forget everything this browser session held (scope, filters, widgets)."""
    session = st.session_state.get(SESSION_KEY)
    for key in list(st.session_state):
        del st.session_state[key]
    if message:
        st.session_state[MESSAGE_KEY] = message
    if isinstance(session, Session):
        try:
            workspace().log_audit(session.scope.user, "sign_out", "{}", 0, "")
        except (WorkspaceError, duckdb.Error):
            pass


def _sign_in_form() -> None:
    """The sign-in page: the only page anyone sees before signing in."""
    st.title("Sign in to cx")
    message = st.session_state.get(MESSAGE_KEY)
    if message:
        st.warning(message)
    with st.form("signin_form"):
        name = st.text_input("User name", key="signin_user")
        password = st.text_input("Password", type="password", key="signin_password")
        submitted = st.form_submit_button("Sign in", key="signin_submit")
    if not submitted:
        return
    name = (name or "").strip()
    if not name or not password:
        st.error("Enter your user name and your password.")
        return
    ws = workspace()
    try:
        session = sign_in(ws, name, password)
    except AuthError as exc:
        ws.log_audit(name, "sign_in_failed", "{}", 0, str(exc))
        st.error(str(exc))
        return
    ws.log_audit(name, "sign_in", "{}", 0, session.scope.role.value)
    for key in list(st.session_state):
        del st.session_state[key]
    st.session_state[SESSION_KEY] = session
    st.session_state[SCOPE_KEY] = session.scope
    st.rerun()


def sign_in_page() -> None:
    """The sign-in form; a workspace failure becomes a message, never a traceback."""
    guarded(_sign_in_form)


def _signed_in_scope() -> Scope | None:
    """The scope of a valid session (re-checked now), or None after signing it out."""
    session = st.session_state.get(SESSION_KEY)
    if not isinstance(session, Session):
        return None
    try:
        session = resume(workspace(), session)
    except AuthError as exc:
        _sign_out(str(exc))
        return None
    except (WorkspaceError, duckdb.Error):
        st.error("The workspace could not check your session: reload the page.")
        st.stop()
    st.session_state[SESSION_KEY] = session
    # A team lead's teams as the data spells them ("vilnius office" reads the rows
    # of "Vilnius Office"); the list is cached per data version.
    scope = session.scope
    if scope.role is Role.TEAM_LEAD:
        try:
            known = filter_options(workspace(), Scope.single_user())["teams"]
        except (WorkspaceError, duckdb.Error):
            known = []
        scope = scope.with_known_teams(known)
    st.session_state[SCOPE_KEY] = scope
    return scope


def _signed_out_navigation() -> None:
    """The sign-in form, under every page's URL as well as the root.

    A shared link (``/lists?team=Billing``) opened signed out shows the form at that
    same URL, with no "Page not found"; signing in reruns that URL, so the visitor
    lands on the linked page with its filters. Only the form can run: no page's
    script is registered until the session is signed in.
    """
    wanted = st.session_state.pop(WANTED_KEY, None)
    form = {"title": "Sign in", "icon": ":material/login:"}
    root = st.Page(sign_in_page, default=True, **form)
    forms = {name: st.Page(sign_in_page, url_path=name, **form) for name in _PAGES}
    current = st.navigation([root, *forms.values()], position="hidden")
    if wanted in forms and current is root:
        # A fresh server ran the linked page's script first, which sent the
        # visitor here: put its URL back.
        params = {k: st.query_params.get_all(k) for k in st.query_params}
        st.switch_page(forms[wanted], query_params=params)
    current.run()


def _decide_scope() -> Scope:
    """Single-user mode while no user exists; else the signed-in scope or the form."""
    try:
        users = workspace().user_count()
    except (WorkspaceError, duckdb.Error) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        st.error(
            f"The workspace could not be opened ({first}). Check CX_DB or ask your "
            "administrator."
        )
        st.stop()
    if users == 0:
        st.session_state.pop(SESSION_KEY, None)
        scope = st.session_state.setdefault(SCOPE_KEY, Scope.single_user())
        st.sidebar.caption(
            "Single-user mode: no users yet. To require sign-in, stop this app "
            "(Ctrl+C where it runs: the command cannot open the workspace while the "
            "app has it open), run `python -m cx users add NAME --role admin`, then "
            "start the app again."
        )
        return scope
    scope = _signed_in_scope()
    if scope is None:
        st.session_state.pop(SCOPE_KEY, None)
        _signed_out_navigation()
        st.stop()
    with st.sidebar:
        st.caption(f"Signed in as {scope.user} ({scope.role.value})")
        st.button("Sign out", key="signout", on_click=_sign_out)
    return scope


scope = _decide_scope()


@st.cache_resource(show_spinner=False)
def _load_sample(db_path: str, sample_path: str) -> str:
    """Ingest, analyse and store the bundled sample once, into an empty workspace."""
    from cx.analysis import analyse
    from cx.ingest import ingest
    from cx.taxonomy import default_taxonomy, parse_taxonomy

    ws = workspace()
    if not ws.datasets().empty:
        return "present"
    if not Path(sample_path).is_file():
        return "missing"
    result = ingest(Path(sample_path))
    latest = ws.latest_taxonomy()
    taxonomy = parse_taxonomy(latest[1]) if latest else default_taxonomy()
    analysis = analyse(result.accepted, taxonomy, ws.corrections())
    ws.add_dataset(
        result,
        analysis,
        name="Sample data",
        taxonomy_version=latest[0] if latest else None,
    )
    bump_version()
    return "loaded"


def _first_run() -> None:
    settings = get_settings()
    ws = workspace()
    if ws.datasets().empty and settings.sample_path.is_file():
        with st.spinner("First start: analysing the bundled sample data…"):
            _load_sample(str(settings.db_path), str(settings.sample_path))


# Only the role's pages are registered: another page's URL falls back to the default.
# Every page lives at its own name (/explore, /lists, ...), so a typed or bookmarked
# URL opens that page; the root URL forwards to the role's first page with its query.
pages = {
    name: st.Page(ROOT / path, title=title, icon=icon, url_path=name)
    for name, (path, title, icon) in _PAGES.items()
    if name in scope.pages and (ROOT / path).is_file()
}
HOME = next((n for n in ("explore", *scope.pages) if n in pages), None)


def _home() -> None:
    """The root URL: the role's first page, keeping a shared link's filters."""
    if HOME is None:
        st.error("Your role has no pages: ask your administrator.")
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    st.switch_page(pages[HOME], query_params=params)


root = st.Page(_home, title="cx", url_path="home", default=True, visibility="hidden")
# The menu is drawn before the first start's sample analysis, so the sidebar never
# shows Streamlit's own listing of the pages/ folder while it runs.
navigation = st.navigation([root, *pages.values()])
guarded(_first_run)
navigation.run()
