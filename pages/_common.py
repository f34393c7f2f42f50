"""Plumbing shared by the pages: the workspace, the scope, cached reads, error guard.

UI layer only (Streamlit lives here, never in cx/). Cached reads are keyed on the
workspace's data version, so a filter change reads DuckDB aggregates (never the model)
and a new upload, correction or re-analysis is seen at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import duckdb
import pandas as pd
import streamlit as st
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype
from streamlit.errors import StreamlitAPIException

from cx.access import Role, Scope, team_key
from cx.config import get_settings
from cx.filters import Filters
from cx.store import Workspace, WorkspaceError
from cx.taxonomy import Taxonomy, TaxonomyError, default_taxonomy, parse_taxonomy

log = logging.getLogger("cx.pages")

SCOPE_KEY = "cx_scope"  # the Scope every page reads (set by app.py only)
SESSION_KEY = "cx_session"  # the cx.auth.Session of the signed-in user
_CACHE = {"ttl": 600, "max_entries": 64, "show_spinner": False}


# -- workspace, scope, data version ---------------------------------------------------


def _prepare_search(ws: Workspace) -> None:
    try:
        ws.prepare_search()
    except Exception:  # a failed warm-up only means the first search loads it
        log.exception("preparing the text search failed")


def _warm_search(ws: Workspace) -> None:
    """Load the search copy of the texts in the background, so the first text
    search after a start or an upload does not wait for it."""
    threading.Thread(
        target=_prepare_search, args=(ws,), name="cx-search-warmup", daemon=True
    ).start()


@st.cache_resource(show_spinner=False)
def _open_workspace(path: str) -> Workspace:
    ws = Workspace(path)
    _warm_search(ws)
    return ws


@st.cache_resource(show_spinner=False)
def _write_counter(path: str) -> dict[str, int]:
    # Shared by every session of this process: bumped after each write so cached reads
    # of every user see it. (DuckDB lets one process write a file, so this is enough.)
    return {"writes": 0}


def workspace() -> Workspace:
    """The process's one Workspace (path from CX_DB)."""
    return _open_workspace(str(get_settings().db_path))


def bump_version() -> None:
    """Mark the workspace as changed (after an upload, correction or re-analysis)."""
    _write_counter(str(get_settings().db_path))["writes"] += 1
    _warm_search(workspace())


def data_version(ws: Workspace) -> str:
    """A short key that changes whenever what the pages read may have changed."""
    parts = [ws.path, str(_write_counter(ws.path)["writes"]), ws.data_key()]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def current_scope(page: str | None = None) -> Scope:
    """The signed-in scope, decided once per run by app.py (``page``: the url path
    of the page asking, so a link to it survives the trip through the sign-in)."""
    scope = st.session_state.get(SCOPE_KEY)
    if not isinstance(scope, Scope):
        # Only a freshly started server runs a pages/ file without app.py (before its
        # first st.navigation call): send the visitor through app.py's sign-in, which
        # puts this page's URL back (app.py WANTED_KEY).
        if page:
            st.session_state["cx_wanted_page"] = page
        try:
            params = {k: st.query_params.get_all(k) for k in st.query_params}
            st.switch_page("app.py", query_params=params)
        except StreamlitAPIException:
            pass
        st.error("Open cx through its start page (streamlit run app.py).")
        st.stop()
    session = st.session_state.get(SESSION_KEY)
    if session is not None and session.is_expired():
        st.warning("Your session has expired: reload the page to sign in again.")
        st.stop()
    return scope


def require(page: str) -> Scope:
    """The scope, if its role may open ``page``; else an error and stop.

    app.py registers only a role's pages; this is the second lock on each page's door.
    """
    scope = current_scope(page)
    if page not in scope.pages:
        st.error(
            f"Your role ({scope.role.value}) cannot open this page. Use the pages in "
            "the menu, or ask an administrator for another role."
        )
        st.stop()
    return scope


def audited_download(
    ws: Workspace,
    scope: Scope,
    action: str,
    filters: Filters | None,
    build: Callable[[], tuple[bytes, int]],
    detail: str = "",
) -> Callable[[], bytes]:
    """A download button's ``data`` callable: builds the file when it is clicked and
    logs it (who, the filters applied, how many rows, what), so the audit log holds
    real downloads, not page renders. An expired session gets no file."""
    session = st.session_state.get(SESSION_KEY)
    expires_at = getattr(session, "expires_at", None)

    def data() -> bytes:
        if (
            expires_at is not None
            and dt.datetime.now(dt.UTC).replace(tzinfo=None) >= expires_at
        ):
            raise PermissionError("the session has expired: sign in again")
        payload, n = build()
        ws.log_export(scope, action, filters, n, detail)
        return payload

    return data


def _scope_key(scope: Scope) -> tuple[str, str, tuple[str, ...]]:
    return (scope.user, scope.role.value, tuple(scope.teams))


def _scope_from_key(key: tuple[str, str, tuple[str, ...]]) -> Scope:
    return Scope(key[0], Role(key[1]), tuple(key[2]))


def _filters_key(filters: Filters) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
    # Several values are a list in the URL form: a tuple here, so the key hashes.
    return tuple(
        sorted(
            (k, tuple(v) if isinstance(v, list) else v)
            for k, v in filters.to_query_params().items()
        )
    )


# -- cached reads ---------------------------------------------------------------------


@st.cache_data(**_CACHE)
def _taxonomy(_ws: Workspace, version: str) -> tuple[int | None, Taxonomy]:
    latest = _ws.latest_taxonomy()
    if latest is None:
        return None, default_taxonomy()
    try:
        return latest[0], parse_taxonomy(latest[1])
    except TaxonomyError:
        return None, default_taxonomy()


def active_taxonomy(ws: Workspace) -> tuple[int | None, Taxonomy]:
    """The latest taxonomy version in the workspace (or None and the default one)."""
    return _taxonomy(ws, data_version(ws))


@st.cache_data(**_CACHE)
def _options(
    _ws: Workspace, version: str, scope_key: tuple, datasets: tuple = ()
) -> dict[str, list]:
    narrowed = Filters(datasets=datasets) if datasets else None
    return _ws.filter_options(_scope_from_key(scope_key), narrowed)


def filter_options(
    ws: Workspace, scope: Scope, datasets: tuple[str, ...] = ()
) -> dict[str, list]:
    """The values each filter may take within ``scope`` (and, when given, within
    the chosen ``datasets``: e.g. their own first and last date)."""
    return _options(ws, data_version(ws), _scope_key(scope), tuple(datasets))


@st.cache_data(**_CACHE)
def _explore(
    _ws: Workspace, version: str, filters_key: tuple, scope_key: tuple, period: str
) -> Any:
    from cx.trends import explore_data

    scope = _scope_from_key(scope_key)
    filters = Filters.from_query_params(dict(filters_key))
    # the data's own range is that of the rows these filters choose, whatever their
    # dates: a team whose rows begin in 2025 has no "previous period" in 2024
    return explore_data(
        _ws, filters, scope, period=period, data_range=_ws.date_bounds(filters, scope)
    )


def explore(ws: Workspace, filters: Filters, scope: Scope, period: str) -> Any:
    """The cached ExploreData for these filters (see cx.trends.explore_data)."""
    return _explore(
        ws, data_version(ws), _filters_key(filters), _scope_key(scope), period
    )


@st.cache_data(**_CACHE)
def _rows(
    _ws: Workspace,
    version: str,
    filters_key: tuple,
    scope_key: tuple,
    limit: int | None,
    order_by: str,
) -> pd.DataFrame:
    return _ws.feedback(
        Filters.from_query_params(dict(filters_key)),
        _scope_from_key(scope_key),
        limit=limit,
        order_by=order_by,
    )


def rows(
    ws: Workspace,
    filters: Filters,
    scope: Scope,
    *,
    limit: int | None = None,
    order_by: str = "date DESC",
) -> pd.DataFrame:
    """Feedback rows (with analysis) for these filters, cached."""
    return _rows(
        ws, data_version(ws), _filters_key(filters), _scope_key(scope), limit, order_by
    )


@st.cache_data(**_CACHE)
def _count(_ws: Workspace, version: str, filters_key: tuple, scope_key: tuple) -> int:
    return _ws.count_feedback(
        Filters.from_query_params(dict(filters_key)), _scope_from_key(scope_key)
    )


def count(ws: Workspace, filters: Filters, scope: Scope) -> int:
    """How many rows match, cached."""
    return _count(ws, data_version(ws), _filters_key(filters), _scope_key(scope))


# -- widgets --------------------------------------------------------------------------


_MULTI_FIELDS = ("channels", "teams", "languages", "causes", "datasets")


def _split_legacy(values: tuple[str, ...], choices: list[str]) -> list[str]:
    """Read a link's values as the choices they name.

    A value is matched to a choice ignoring case and extra spaces (``?team=billing``
    is "Billing"). A value that is no choice itself but has a part that is one stands
    for its parts, as old links that joined names with commas meant (``?team=A,B``);
    a value that is a choice ("Vilnius, Old Town") stays whole.
    """
    by_key = {team_key(c): c for c in choices}

    def known(value: str) -> str | None:
        return value if value in choices else by_key.get(team_key(value))

    out: list[str] = []
    for value in values:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        legacy = known(value) is None and len(parts) > 1
        items = parts if legacy and any(known(p) for p in parts) else [value]
        for item in (known(i) or i for i in items):
            if item not in out:
                out.append(item)
    return out


def _seed(
    prefix: str,
    initial: Filters,
    choices: dict[str, list[str]],
    dates: list,
) -> None:
    """Put ``initial`` into the widgets' state (before they are drawn)."""
    picked = {
        field: _split_legacy(getattr(initial, field), choices[field])
        for field in _MULTI_FIELDS
    }
    st.session_state[f"{prefix}_url_extra"] = {
        field: [v for v in values if v not in choices[field]]
        for field, values in picked.items()
    }
    st.session_state[f"{prefix}_seeded"] = initial
    # The dates the link or the user chose; None where the data's own end applies.
    st.session_state[f"{prefix}_date_chosen"] = (initial.date_from, initial.date_to)
    if dates:
        lo, hi = dates
        start = min(max(initial.date_from or lo, lo), hi)
        end = max(min(initial.date_to or hi, hi), start)
        st.session_state[f"{prefix}_date_range"] = (start, end)
    for field, values in picked.items():
        st.session_state[f"{prefix}_{field}"] = list(values)
    st.session_state[f"{prefix}_search"] = initial.search


def _dates_picked(prefix: str) -> None:
    """The user changed the date range: both its ends are now chosen dates."""
    picked = st.session_state.get(f"{prefix}_date_range")
    picked = tuple(picked) if isinstance(picked, list | tuple) else (picked,)
    st.session_state[f"{prefix}_date_chosen"] = (
        picked[0] if len(picked) >= 1 else None,
        picked[1] if len(picked) == 2 else None,
    )


def _within(value: object, lo: dt.date, hi: dt.date) -> bool:
    """Whether a date widget's value (one or two dates) lies within ``lo``..``hi``."""
    values = tuple(value) if isinstance(value, list | tuple) else (value,)
    return all(isinstance(v, dt.date) and lo <= v <= hi for v in values)


def _follow_datasets(prefix: str, picked: tuple[str, ...], dates: list) -> None:
    """Another choice of datasets: a chosen date outside their dates no longer
    applies (its end follows the data again)."""
    last = st.session_state.get(f"{prefix}_date_datasets")
    st.session_state[f"{prefix}_date_datasets"] = picked
    if last is None or last == picked:
        return
    chosen = st.session_state.get(f"{prefix}_date_chosen", (None, None))
    st.session_state[f"{prefix}_date_chosen"] = tuple(
        d if d is not None and dates and dates[0] <= d <= dates[1] else None
        for d in chosen
    )


def sidebar_filters(
    prefix: str,
    options: dict[str, list],
    taxonomy: Taxonomy,
    *,
    initial: Filters | None = None,
    options_of: Callable[[tuple[str, ...]], dict[str, list]] | None = None,
) -> Filters:
    """Filter widgets in the sidebar (keys ``{prefix}_date_range``, ``_channels``, ...).

    ``initial`` (e.g. from the URL) seeds the widgets when it differs from what they
    were last seeded with, or when their state is gone (the page was left). A value
    the data does not hold (``?channel=fax``) stays selected and matches nothing:
    dropping it would widen the view instead (a team lead's link to another team is
    left out before this, with a warning, by :func:`filtered_page`). A date
    the user or the link chose stays in the filters even when it is the data's first
    or last date; an unchosen end follows the data. ``options_of`` gives the filter
    values of some datasets (their dates empty when undated): with datasets picked,
    the date range and its bounds follow theirs, and the channel, team, language and
    cause lists offer their values (plus any value already chosen), not the whole
    workspace's.
    """
    all_dates = options.get("dates") or []

    def within(datasets: Sequence[str]) -> dict[str, list]:
        if options_of is None or not datasets:
            return options
        return options_of(tuple(datasets))

    def span(datasets: Sequence[str]) -> list:
        return list(within(datasets).get("dates") or [])

    choices = {
        "channels": list(options.get("channels", [])),
        "teams": list(options.get("teams", [])),
        "languages": list(options.get("languages", [])),
        "causes": _cause_choices(options.get("causes", []), taxonomy),
        "datasets": [d for d, _ in options.get("datasets", [])],
    }
    if initial is not None and (
        st.session_state.get(f"{prefix}_seeded") != initial
        or f"{prefix}_search" not in st.session_state
    ):
        seeded = _split_legacy(initial.datasets, choices["datasets"])
        _seed(prefix, initial, choices, span(seeded))
        st.session_state[f"{prefix}_date_datasets"] = tuple(seeded)
    for field, extra in st.session_state.get(f"{prefix}_url_extra", {}).items():
        choices[field] += [v for v in extra if v not in choices[field]]
    picked_sets = tuple(
        v
        for v in st.session_state.get(f"{prefix}_datasets", [])
        if v in choices["datasets"]
    )
    narrowed = within(picked_sets)
    dates = list(narrowed.get("dates") or [])
    _follow_datasets(prefix, picked_sets, dates)
    if picked_sets:
        # the chosen uploads' own values; a value already chosen stays on offer (and
        # chosen: it matches nothing here, and dropping it would widen the view)
        offered = {
            "channels": list(narrowed.get("channels", [])),
            "teams": list(narrowed.get("teams", [])),
            "languages": list(narrowed.get("languages", [])),
            "causes": _cause_choices(narrowed.get("causes", []), taxonomy),
        }
        for field, values in offered.items():
            chosen = st.session_state.get(f"{prefix}_{field}", [])
            choices[field] = values + [
                v for v in choices[field] if v in chosen and v not in values
            ]
    names = dict(options.get("datasets", []))
    date_key = f"{prefix}_date_range"
    with st.sidebar:
        st.header("Filters")
        date_from = date_to = None
        if dates:
            lo, hi = dates
            chosen = st.session_state.get(f"{prefix}_date_chosen", (None, None))
            if (
                date_key not in st.session_state
                or (chosen == (None, None) and st.session_state[date_key] != (lo, hi))
                or not _within(st.session_state[date_key], lo, hi)
            ):
                # Unchosen ends follow the data (a later upload, or another choice
                # of datasets, moves them).
                start = min(max(chosen[0] or lo, lo), hi)
                st.session_state[date_key] = (
                    start,
                    max(min(chosen[1] or hi, hi), start),
                )
            st.date_input(
                "Date range",
                min_value=dates[0],
                max_value=dates[1],
                key=date_key,
                on_change=_dates_picked,
                args=(prefix,),
            )
            date_from, date_to = st.session_state.get(
                f"{prefix}_date_chosen", (None, None)
            )
        else:
            st.caption("No dates in this data, so there is no date range to pick.")
        labels = {
            "channels": ("Channel", str),
            "teams": ("Team", str),
            "languages": ("Language", str),
            "causes": ("Cause", taxonomy.label_of),
            "datasets": ("Dataset", lambda d: names.get(d, d)),
        }
        picked_values: dict[str, list[str]] = {}
        for field, (label, fmt) in labels.items():
            key = f"{prefix}_{field}"
            if key in st.session_state:
                st.session_state[key] = [
                    v for v in st.session_state[key] if v in choices[field]
                ]
            picked_values[field] = st.multiselect(
                label,
                choices[field],
                format_func=fmt,
                key=key,
                placeholder="All",
            )
        search = st.text_input(
            "Search text", key=f"{prefix}_search", placeholder="word or phrase"
        )
        st.button(
            "Clear filters",
            key=f"{prefix}_clear",
            on_click=_clear,
            args=(prefix, tuple(all_dates)),
        )
    return Filters(
        date_from=date_from,
        date_to=date_to,
        search=search,
        **{field: tuple(values) for field, values in picked_values.items()},
    )


LAST_FILTERS_KEY = "cx_last_filters"  # the filters last applied on any filtered page


def filtered_page(
    page: str, title: str, *, extra: Mapping[str, str] | None = None
) -> tuple[Scope, Workspace, Taxonomy, Filters]:
    """The opening of a page that reads feedback: the role check, the title, an empty
    state when nothing is stored, and the sidebar filters mirrored in the URL (with
    ``extra`` view settings such as Explore's ``period``)."""
    scope = require(page)
    ws = workspace()
    _, taxonomy = active_taxonomy(ws)
    options = filter_options(ws, scope)
    st.title(title)
    if not options["datasets"]:
        if scope.role is Role.TEAM_LEAD:
            st.info(
                "No feedback for your team yet. If your team's feedback has been "
                "uploaded, ask an administrator to check the team name on your account."
            )
        else:
            st.info("No feedback yet. Upload a file on the Upload page to begin.")
        st.stop()
    initial = sync_query_params(page)
    if initial is not None and scope.role is Role.TEAM_LEAD and initial.teams:
        # a link may name a team the lead cannot read: leave it out, and say so
        own = {team_key(t) for t in scope.teams}
        kept = tuple(t for t in initial.teams if team_key(t) in own)
        if len(kept) < len(initial.teams):
            st.warning(
                "This link asked for a team outside yours; it is left out. "
                "You see only your own team's feedback."
            )
            initial = initial.with_(teams=kept)
    filters = sidebar_filters(
        page,
        options,
        taxonomy,
        initial=initial,
        options_of=lambda datasets: filter_options(ws, scope, datasets),
    )
    write_query_params(page, filters, extra)
    st.session_state[f"{page}_filters"] = filters
    st.session_state[LAST_FILTERS_KEY] = filters
    return scope, ws, taxonomy, filters


def _clear(prefix: str, dates: tuple = ()) -> None:
    """Every filter back to "all", in the widgets too. (Deleting a widget's state
    leaves the browser showing, and sending back, the old choice: set it instead.)"""
    st.session_state.pop(f"{prefix}_url_extra", None)
    st.session_state.pop(f"{prefix}_seeded", None)
    st.session_state[f"{prefix}_date_chosen"] = (None, None)
    if len(dates) == 2:
        st.session_state[f"{prefix}_date_range"] = (dates[0], dates[1])
    else:
        st.session_state.pop(f"{prefix}_date_range", None)
    for field in _MULTI_FIELDS:
        st.session_state[f"{prefix}_{field}"] = []
    st.session_state[f"{prefix}_search"] = ""


def _cause_choices(present: list[str], taxonomy: Taxonomy) -> list[str]:
    ordered = [c for c in taxonomy.ids if c in present]
    rest = sorted(set(present) - set(ordered) - {"none"})
    return [*ordered, *rest, *(["none"] if "none" in present else [])]


def _url_params() -> dict[str, list[str]]:
    # get_all: a repeated key (?team=A&team=B) holds several values; get() and
    # to_dict() would return only the last one.
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _as_lists(params: dict) -> dict[str, list[str]]:
    return {
        k: [str(x) for x in v] if isinstance(v, list | tuple) else [str(v)]
        for k, v in params.items()
    }


def sync_query_params(prefix: str) -> Filters | None:
    """The filters to seed the page's widgets with, or None to leave them as they are.

    A URL that changed since the page last wrote it (a shared link, a page link)
    wins. A page opened from the menu (no query string) gets its own filters back,
    or, when it has none or has only ever shown what it took from another page, the
    filters last applied on another page (Explore's on Lists).
    """
    params = _url_params()
    written = st.session_state.get(f"{prefix}_query_written")
    in_place = f"{prefix}_search" in st.session_state
    if written is not None and _as_lists(written) == params and in_place:
        return None
    if params:
        return Filters.from_query_params(params)
    # the page's own filters, unless they are only what it took from another page
    # (then it follows that page's latest filters again)
    own = st.session_state.get(f"{prefix}_filters")
    taken = st.session_state.get(f"{prefix}_taken")
    if isinstance(own, Filters) and own != Filters() and own != taken:
        return own
    last = st.session_state.get(LAST_FILTERS_KEY)
    last = last if isinstance(last, Filters) else Filters()
    st.session_state[f"{prefix}_taken"] = last
    return last


def link_opened(prefix: str) -> bool:
    """Whether the URL holds a query the page did not write itself (a shared link,
    a page link): then what it says wins over the page's own settings."""
    params = _url_params()
    written = st.session_state.get(f"{prefix}_query_written")
    return bool(params) and (written is None or _as_lists(written) != params)


def url_value(key: str) -> str | None:
    """The last value of ``key`` in the URL, or None."""
    values = st.query_params.get_all(key)
    return str(values[-1]) if values else None


def write_query_params(
    prefix: str, filters: Filters, extra: Mapping[str, str] | None = None
) -> None:
    """Mirror ``filters`` (and ``extra`` view settings) in the URL so the view can be
    shared as a link."""
    params = {
        **filters.to_query_params(),
        **{k: v for k, v in (extra or {}).items() if v},
    }
    if _url_params() != _as_lists(params):
        st.query_params.from_dict(params)
    st.session_state[f"{prefix}_query_written"] = params


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def rows_page(scope: Scope) -> str:
    """Where a finding's rows open: Lists, a list to read and download; Explore,
    filtered, for a role without Lists."""
    return "pages/lists.py" if "lists" in scope.pages else "pages/explore.py"


def md_escape(text: str) -> str:
    """Text safe to place in st.markdown: markdown and HTML characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table to show: missing text and dates as empty cells (the grid
    prints a missing value as "None"), dates as ``2025-01-31``.

    >>> dates = pd.to_datetime(["2025-01-31", None])
    >>> for_display(pd.DataFrame({"Team": ["A", None], "Date": dates})).values.tolist()
    [['A', '2025-01-31'], ['', '']]
    """
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if is_datetime64_any_dtype(column):
            stamps = pd.to_datetime(column)
            midnight = (stamps.dropna() == stamps.dropna().dt.normalize()).all()
            shown = stamps.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M")
            out[name] = shown.fillna("").astype("str")
        elif not (is_numeric_dtype(column) or is_bool_dtype(column)):
            out[name] = column.astype("object").where(column.notna(), "").astype("str")
    return out


def fmt_period(period: tuple[dt.date, dt.date] | None) -> str:
    """``2025-01-01 – 2025-01-31`` or an empty string."""
    if not period:
        return ""
    return f"{period[0].isoformat()} – {period[1].isoformat()}"


def guarded(body: Callable[[], None]) -> None:
    """Run a page body; known failures become an st.error saying what to do."""
    from cx.ingest import IngestError

    try:
        body()
    except (IngestError, TaxonomyError) as exc:
        st.error(f"{exc}")
    except PermissionError as exc:
        st.error(f"Not allowed: {exc}.")
    except (duckdb.Error, WorkspaceError) as exc:
        log.exception("workspace error")
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        st.error(
            f"The workspace could not answer ({first}). Reload the page; if it "
            "happens again, check the workspace file (CX_DB) or ask your administrator."
        )
    except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
        log.exception("page failed")
        st.error(
            f"Something went wrong on this page ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}). Reload the "
            "page; if it happens again, tell your administrator."
        )
