"""cx: the router. Decides the scope, loads the sample on first run, picks the pages.

Run with ``streamlit run app.py``. The workspace file comes from CX_DB (cx.config).
Session state set here: ``cx_scope`` (the signed-in Scope; single-user mode until the
sign-in exists). Heavy modules (the model, plotly) are imported by the pages that need
them, so the app starts fast.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cx.access import Scope
from cx.config import get_settings
from pages._common import SCOPE_KEY, bump_version, guarded, workspace

ROOT = Path(__file__).resolve().parent

st.set_page_config(
    page_title="cx – why customers complain", page_icon="📊", layout="wide"
)

# The one place the scope is decided: a sign-in (later) puts a Scope in the session;
# until then everyone is the single local user.
scope = st.session_state.setdefault(SCOPE_KEY, Scope.single_user())


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


guarded(_first_run)

_PAGES = {
    "upload": ("pages/upload.py", "Upload", ":material/upload_file:"),
    "explore": ("pages/explore.py", "Explore", ":material/query_stats:"),
    "lists": ("pages/lists.py", "Lists", ":material/list_alt:"),
    "summary": ("pages/summary.py", "Summary", ":material/summarize:"),
    "taxonomy": ("pages/taxonomy.py", "Taxonomy", ":material/category:"),
    "admin": ("pages/admin.py", "Admin", ":material/admin_panel_settings:"),
}
pages = [
    st.Page(
        ROOT / path,
        title=title,
        icon=icon,
        url_path=name,
        default=(name == ("explore" if "explore" in scope.pages else scope.pages[0])),
    )
    for name, (path, title, icon) in _PAGES.items()
    if name in scope.pages and (ROOT / path).is_file()
]
st.navigation(pages).run()
