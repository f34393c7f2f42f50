"""The Streamlit pages over a real workspace built from the bundled sample (AppTest)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import parse_qs

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cx.access import Role, Scope
from cx.analysis import analyse
from cx.config import PROJECT_ROOT
from cx.export import COMPLAINT_COLUMNS
from cx.filters import Filters
from cx.ingest import ingest
from cx.store import Workspace
from cx.taxonomy import default_taxonomy
from cx.trends import drilldown_filters, explore_data

APP = str(PROJECT_ROOT / "app.py")
SAMPLE = PROJECT_ROOT / "data" / "samples" / "feedback_sample.csv"
SAMPLE_LINES = 801  # header + the first 800 lines keep the module fast
PAGES = [
    "pages/upload.py",
    "pages/explore.py",
    "pages/lists.py",
    "pages/summary.py",
    "pages/taxonomy.py",
]
ADMIN = Scope.single_user()


def _subset(path: Path, lines: int) -> Path:
    with SAMPLE.open(encoding="utf-8") as src:
        head = [next(src) for _ in range(lines)]
    path.write_text("".join(head), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A workspace file holding the analysed sample subset; CX_DB points at it."""
    folder = tmp_path_factory.mktemp("pages")
    sample = _subset(folder / "sample.csv", SAMPLE_LINES)
    path = folder / "workspace.duckdb"
    result = ingest(sample)
    analysis = analyse(result.accepted, default_taxonomy())
    with Workspace(path) as ws:
        ws.add_dataset(result, analysis, name="Sample subset")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CX_DB", str(path))
        mp.setenv("CX_SAMPLE", str(sample))
        yield path


@pytest.fixture(scope="module")
def all_rows(db):
    with Workspace(db) as ws:
        return ws.feedback(Filters(), ADMIN)


def _app(scope: Scope | None = None, page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if scope is not None:
        at.session_state["cx_scope"] = scope
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _no_failure(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception_or_error(db, page):
    at = _app(page=page)
    _no_failure(at)
    assert at.title


def test_the_app_opens_on_explore_with_the_stored_data(db, all_rows):
    at = _app()
    _no_failure(at)
    assert at.title[0].value == "Explore"
    assert _metric(at, "Feedback") == f"{len(all_rows):,}"


def test_explore_has_its_filter_widgets_by_key(db):
    at = _app()
    for key in (
        "explore_channels",
        "explore_teams",
        "explore_languages",
        "explore_causes",
        "explore_datasets",
    ):
        assert at.multiselect(key=key) is not None
    assert at.date_input(key="explore_date_range") is not None
    assert at.text_input(key="explore_search") is not None


def test_a_channel_filter_changes_the_numbers_and_the_url(db, all_rows):
    at = _app()
    channel = all_rows["channel"].value_counts().index[0]
    at.multiselect(key="explore_channels").set_value([channel]).run()
    _no_failure(at)
    expected = int((all_rows["channel"] == channel).sum())
    assert _metric(at, "Feedback") == f"{expected:,}"
    assert expected < len(all_rows)
    assert at.query_params["channel"] in (channel, [channel])


def test_a_shared_link_opens_with_its_filters(db, all_rows):
    team = all_rows["team"].value_counts().index[-1]
    at = _app(team=team)
    _no_failure(at)
    assert at.multiselect(key="explore_teams").value == [team]
    expected = int((all_rows["team"] == team).sum())
    assert _metric(at, "Feedback") == f"{expected:,}"


def test_search_finds_rows_containing_the_text(db, all_rows):
    at = _app()
    word = "kasa"
    at.text_input(key="explore_search").input(word).run()
    _no_failure(at)
    expected = int(all_rows["text"].str.contains(word, case=False, regex=False).sum())
    if expected == 0:
        assert any("No complaints match" in i.value for i in at.info)
    else:
        assert _metric(at, "Feedback") == f"{expected:,}"


def _chart_points(at: AppTest, key: str) -> list[list]:
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}"))
    spec = json.loads(chart.proto.spec)
    return [cd for trace in spec["data"] for cd in trace.get("customdata", [])]


@pytest.mark.parametrize(
    ("key", "chart", "column"),
    [
        ("explore_chart_channel", "cause_channel", "channel"),
        ("explore_chart_team", "cause_team", "team"),
        ("explore_chart_causes", "causes", None),
    ],
)
def test_a_click_drills_down_to_exactly_the_rows_behind_the_mark(
    db, all_rows, key, chart, column
):
    at = _app()
    points = _chart_points(at, key)
    assert points
    customdata = max(points, key=lambda cd: cd[2] if chart != "causes" else cd[1])
    point = {"customdata": customdata}
    filters = drilldown_filters(Filters(), chart, point)
    mask = all_rows["cause"] == customdata[0]
    if column is not None:
        mask &= all_rows[column] == customdata[1]
    expected = all_rows[mask]
    with Workspace(db) as ws:
        got = ws.feedback(filters, ADMIN)
    assert sorted(zip(got["dataset_id"], got["row_number"], strict=True)) == sorted(
        zip(expected["dataset_id"], expected["row_number"], strict=True)
    )
    # The page shows the same rows when the mark is clicked.
    at.session_state[key] = {
        "selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    _no_failure(at)
    assert any("behind the click" in s.value for s in at.subheader)
    assert any(f"{len(expected):,} rows match" in c.value for c in at.caption)
    shown = at.dataframe(key="explore_verbatims").value
    assert len(shown) == min(len(expected), 200)
    if column is not None:
        assert set(shown[column.capitalize()]) == {customdata[1]}


def test_a_click_on_a_period_bar_drills_to_that_period_and_cause(db, all_rows):
    at = _app()
    points = _chart_points(at, "explore_chart_over_time")
    customdata = max(points, key=lambda cd: cd[3])
    filters = drilldown_filters(
        Filters(), "cause_over_time", {"customdata": customdata}
    )
    dates = all_rows["date"].dt.normalize()
    expected = all_rows[
        (all_rows["cause"] == customdata[0])
        & (dates >= pd.Timestamp(customdata[1]))
        & (dates <= pd.Timestamp(customdata[2]))
    ]
    assert len(expected) == customdata[3]
    with Workspace(db) as ws:
        assert ws.count_feedback(filters, ADMIN) == len(expected)


def test_explore_read_model_matches_pandas(db, all_rows):
    channel = all_rows["channel"].value_counts().index[0]
    with Workspace(db) as ws:
        data = explore_data(ws, Filters(channels=(channel,)), ADMIN, period="week")
    part = all_rows[all_rows["channel"] == channel]
    assert data.kpis.volume == len(part)
    assert data.kpis.with_cause == int((part["cause"] != "none").sum())
    top = part.loc[part["cause"] != "none", "cause"].value_counts()
    assert data.kpis.top_cause_n == int(top.iloc[0])
    assert int(data.over_time["n"].sum()) == int(part["date"].notna().sum())


def test_lists_downloads_hold_exactly_the_filtered_rows(db, all_rows, downloads):
    at = _app(page="pages/lists.py")
    team = all_rows["team"].value_counts().index[0]
    at.multiselect(key="lists_teams").set_value([team]).run()
    _no_failure(at)
    expected = all_rows[(all_rows["team"] == team) & (all_rows["cause"] != "none")]
    csv = pd.read_csv(io.BytesIO(downloads.click(".csv")), encoding="utf-8-sig")
    assert list(csv.columns) == list(COMPLAINT_COLUMNS)
    assert len(csv) == len(expected)
    assert sorted(csv["Row"]) == sorted(expected["row_number"])
    assert set(csv["Team"]) == {team}
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.click(".xlsx"))).active
    assert sheet.max_row == len(expected) + 1
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    with Workspace(db) as ws:
        log = ws.audit_log(limit=2)
    assert log["action"].tolist() == ["download_lists_xlsx", "download_lists_csv"]
    assert log["rows"].tolist() == [len(expected)] * 2
    assert all(json.loads(f)["team"] == team for f in log["filters"])


def test_lists_downloads_mask_contacts_by_default(db, all_rows, downloads):
    at = _app(page="pages/lists.py")
    at.checkbox(key="lists_only_causes").uncheck().run()
    _no_failure(at)
    text = downloads.click(".csv").decode("utf-8-sig")
    assert "@" not in text.replace("<email>", "")
    at.checkbox(key="lists_unmask").check().run()
    unmasked = downloads.click(".csv").decode("utf-8-sig")
    assert len(pd.read_csv(io.StringIO(unmasked))) == len(all_rows)


def test_team_leads_cannot_unmask_and_see_only_their_team(db, all_rows):
    team = all_rows["team"].value_counts().index[0]
    lead = Scope("tl", Role.TEAM_LEAD, (team,))
    at = _app(scope=lead, page="pages/lists.py")
    _no_failure(at)
    with pytest.raises(KeyError):
        at.checkbox(key="lists_unmask")
    expected = int(((all_rows["team"] == team) & (all_rows["cause"] != "none")).sum())
    assert any(f"{expected:,} complaints match" in c.value for c in at.caption)


def test_executives_get_only_the_summary_without_verbatims(db):
    at = _app(scope=Scope("boss", Role.EXECUTIVE))
    _no_failure(at)
    assert at.title[0].value == "Summary"
    assert len(at.get("dataframe")) <= 1  # the worst-channel table, aggregates only
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download summary (HTML)"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/explore.py")


def test_summary_lists_findings_with_evidence_links(db):
    at = _app(page="pages/summary.py")
    _no_failure(at)
    links = [
        link.proto for link in at.get("page_link") if link.proto.label == "Evidence"
    ]
    assert 3 <= len(links) <= 5
    # each opens Explore (its own URL, so no "Page not found") with its filters
    assert all(link.page == "explore" for link in links), links
    assert all("from=" in link.query_string for link in links)


def test_taxonomy_page_saves_a_new_version(db):
    at = _app(page="pages/taxonomy.py")
    at.text_input(key="taxonomy_name").input("Renamed taxonomy").run()
    at.button(key="taxonomy_save").click().run()
    _no_failure(at)
    assert any("Saved as version" in s.value for s in at.success)
    with Workspace(db) as ws:
        version, text = ws.latest_taxonomy()
    assert "Renamed taxonomy" in text


def test_a_correction_changes_the_numbers_at_once(db, all_rows):
    at = _app()
    before = _metric(at, "With a cause")
    row = all_rows[all_rows["cause"] != "none"].iloc[0]
    with Workspace(db) as ws:
        ws.add_correction(int(row["dataset_id"]), int(row["row_number"]), "none", "t")
    at.run()
    _no_failure(at)
    assert _metric(at, "With a cause") != before


@pytest.mark.slow
def test_an_empty_workspace_loads_the_bundled_sample_on_first_start(
    tmp_path, monkeypatch
):
    sample = _subset(tmp_path / "tiny.csv", 121)
    monkeypatch.setenv("CX_DB", str(tmp_path / "fresh.duckdb"))
    monkeypatch.setenv("CX_SAMPLE", str(sample))
    at = AppTest.from_file(APP, default_timeout=120).run()
    _no_failure(at)
    assert at.title[0].value == "Explore"
    with Workspace(tmp_path / "fresh.duckdb") as ws:
        datasets = ws.datasets()
    assert datasets["name"].tolist() == ["Sample data"]
    assert _metric(at, "Feedback") == f"{int(datasets['rows_accepted'][0]):,}"


# -- QA pass: filters in the URL, carried between pages, and record ids ---------------


def _dates(all_rows) -> tuple:
    dated = all_rows["date"].dropna()
    return dated.min().date(), dated.max().date()


def test_a_link_with_a_repeated_team_key_opens_with_every_team(db, all_rows):
    teams = sorted(all_rows["team"].value_counts().index[:2])
    at = _app(team=teams)
    _no_failure(at)
    assert at.multiselect(key="explore_teams").value == teams
    expected = int(all_rows["team"].isin(teams).sum())
    assert _metric(at, "Feedback") == f"{expected:,}"
    assert sorted(at.query_params["team"]) == teams


def test_a_legacy_comma_joined_link_still_means_its_teams(db, all_rows):
    teams = sorted(all_rows["team"].value_counts().index[:2])
    at = _app(team=",".join(teams))
    _no_failure(at)
    assert at.multiselect(key="explore_teams").value == teams


def test_a_chosen_to_date_stays_in_the_url_even_when_it_is_the_last_date(db, all_rows):
    first, last = _dates(all_rows)
    start = first + (last - first) / 2
    at = _app()
    assert "to" not in at.query_params and "from" not in at.query_params
    at.date_input(key="explore_date_range").set_value((start, last)).run()
    _no_failure(at)
    assert at.query_params["from"] == start.isoformat()
    assert at.query_params["to"] == last.isoformat()


def test_a_link_with_a_to_date_keeps_it_in_the_url(db, all_rows):
    _, last = _dates(all_rows)
    at = _app(to=last.isoformat())
    _no_failure(at)
    assert at.query_params["to"] == last.isoformat()
    at.multiselect(key="explore_channels").set_value(
        [all_rows["channel"].value_counts().index[0]]
    ).run()
    assert at.query_params["to"] == last.isoformat()


def test_a_link_beyond_the_data_keeps_its_dates_as_written(db, all_rows):
    _, last = _dates(all_rows)
    later = last.replace(year=last.year + 1).isoformat()
    at = _app(to=later)
    _no_failure(at)
    assert at.query_params["to"] == later


def _explore_narrowed(all_rows) -> tuple[AppTest, str, str]:
    team = all_rows["team"].value_counts().index[0]
    cause = all_rows.loc[all_rows["team"] == team, "cause"].value_counts().index[0]
    at = _app()
    at.multiselect(key="explore_teams").set_value([team]).run()
    at.multiselect(key="explore_causes").set_value([cause]).run()
    _no_failure(at)
    return at, team, cause


def test_lists_opened_from_the_menu_starts_from_the_explore_filters(db, all_rows):
    at, team, cause = _explore_narrowed(all_rows)
    at.query_params.clear()  # the sidebar menu opens a page without a query string
    at.switch_page("pages/lists.py").run()
    _no_failure(at)
    assert at.multiselect(key="lists_teams").value == [team]
    assert at.multiselect(key="lists_causes").value == [cause]
    assert at.query_params["team"] == team and at.query_params["cause"] == cause
    expected = int(((all_rows["team"] == team) & (all_rows["cause"] == cause)).sum())
    noun = "feedback rows" if cause == "none" else "complaints"  # "none": no cause
    assert any(f"{expected:,} {noun} match" in c.value for c in at.caption)


def test_lists_keeps_its_own_filters_when_opened_from_the_menu_again(db, all_rows):
    at, team, _ = _explore_narrowed(all_rows)
    at.query_params.clear()
    at.switch_page("pages/lists.py").run()
    channel = all_rows["channel"].value_counts().index[0]
    at.multiselect(key="lists_causes").set_value([]).run()
    at.multiselect(key="lists_channels").set_value([channel]).run()
    at.query_params.clear()
    at.switch_page("pages/explore.py").run()
    at.query_params.clear()
    at.switch_page("pages/lists.py").run()
    _no_failure(at)
    assert at.multiselect(key="lists_channels").value == [channel]
    assert at.multiselect(key="lists_causes").value == []


def test_lists_follows_explore_again_while_its_filters_are_only_explores(db, all_rows):
    at, team, _ = _explore_narrowed(all_rows)
    at.query_params.clear()
    at.switch_page("pages/lists.py").run()  # takes Explore's team and cause
    other = [t for t in all_rows["team"].value_counts().index if t != team][0]
    at.query_params.clear()
    at.switch_page("pages/explore.py").run()
    at.multiselect(key="explore_causes").set_value([]).run()
    at.multiselect(key="explore_teams").set_value([other]).run()
    at.query_params.clear()
    at.switch_page("pages/lists.py").run()
    _no_failure(at)
    # nothing was changed on Lists, so it shows Explore's latest filters
    assert at.multiselect(key="lists_teams").value == [other]
    assert at.multiselect(key="lists_causes").value == []


def test_a_link_names_a_team_in_other_capitals_and_spaces_and_gets_it(db, all_rows):
    team = all_rows["team"].value_counts().index[0]
    typed = "  " + team.upper().replace(" ", "   ") + " "
    at = _app(team=typed)
    _no_failure(at)
    assert at.multiselect(key="explore_teams").value == [team]
    assert _metric(at, "Feedback") == f"{int((all_rows['team'] == team).sum()):,}"


def test_explore_links_to_lists_with_its_filters(db, all_rows):
    at, team, cause = _explore_narrowed(all_rows)
    links = [link.proto for link in at.get("page_link") if "lists" in link.proto.page]
    assert [link.label for link in links] == ["Download this list"]
    query = parse_qs(links[0].query_string)
    assert Filters.from_query_params(query) == Filters(teams=(team,), causes=(cause,))


def test_lists_downloads_carry_each_rows_record_id(db, all_rows, downloads):
    at = _app(page="pages/lists.py")
    at.checkbox(key="lists_only_causes").uncheck().run()
    _no_failure(at)
    csv = pd.read_csv(
        io.BytesIO(downloads.click(".csv")), encoding="utf-8-sig", dtype=str
    )
    assert "Record id" in csv.columns
    ids = dict(zip(all_rows["row_number"], all_rows["record_id"], strict=True))
    assert csv["Record id"].tolist() == [ids[int(r)] for r in csv["Row"]]
    assert csv["Record id"].str.startswith("CS-").all()
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.click(".xlsx"))).active
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["Dataset", "Row", "Record id"]


def test_clear_filters_resets_every_widget_and_the_chosen_dates(db, all_rows):
    first, last = _dates(all_rows)
    at = _app(team=all_rows["team"].iloc[0], to=last.isoformat(), q="kasa")
    at.button(key="explore_clear").click().run()
    _no_failure(at)
    assert at.multiselect(key="explore_teams").value == []
    assert at.text_input(key="explore_search").value == ""
    assert tuple(at.date_input(key="explore_date_range").value) == (first, last)
    assert dict(at.query_params) == {}
    assert _metric(at, "Feedback") == f"{len(all_rows):,}"


def test_an_xml_upload_gets_cx_s_own_message_on_the_page(db):
    at = _app(page="pages/upload.py")
    uploader = at.file_uploader(key="upload_files")
    assert ".xml" in uploader.allowed_type  # else the browser refuses it silently
    xml = b'<?xml version="1.0"?>\n<rows><row><comment>Rude</comment></row></rows>\n'
    uploader.set_value(("export.xml", xml, "text/xml")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [
        "export.xml is not a table (it looks like an XML document): export the data "
        "as CSV, Excel (.xlsx), JSON or Parquet"
    ]


# -- QA pass: a short export with gaps (empty cells, nine days of dates) --------------

SHORT_COMMENTS = [
    "The agent was rude to me",
    "Still not resolved after three calls",
    "You charged me twice for one order",
    "Promised a call back, nobody called",
    "I felt like just a number to them",
]
SHORT_START = "2015-02-02"  # a Monday; the export spans nine days from it


@pytest.fixture(scope="module")
def short_db(tmp_path_factory):
    """A workspace of 60 rows over nine days, some without channel, team or date."""
    folder = tmp_path_factory.mktemp("short")
    days = pd.date_range(SHORT_START, periods=9, freq="D")
    frame = pd.DataFrame(
        {
            "Ticket ID": [f"T{i}" for i in range(60)],
            "Created": [
                "" if i % 20 == 7 else days[i % 9].strftime("%Y-%m-%d")
                for i in range(60)
            ],
            "Channel": [
                "" if i % 4 == 1 else ("email", "phone")[i % 2] for i in range(60)
            ],
            "Team": [
                "" if i % 5 == 2 else ("Riga", "Tallinn")[i % 3 % 2] for i in range(60)
            ],
            "Customer ID": [f"C{i}" for i in range(60)],
            "CSAT": [(1, 2)[i % 2] for i in range(60)],
            "Comment": [SHORT_COMMENTS[i % len(SHORT_COMMENTS)] for i in range(60)],
        }
    )
    source = folder / "short.csv"
    frame.to_csv(source, index=False)
    path = folder / "short.duckdb"
    result = ingest(source)
    with Workspace(path) as ws:
        ws.add_dataset(
            result, analyse(result.accepted, default_taxonomy()), name="Short"
        )
    return path


@pytest.fixture
def short_app(short_db, monkeypatch):
    monkeypatch.setenv("CX_DB", str(short_db))

    def make(page: str | None = None, **params) -> AppTest:
        return _app(page=page, **params)

    return make


def _over_time(at: AppTest) -> dict:
    chart = next(
        c
        for c in at.get("plotly_chart")
        if c.proto.id.endswith("-explore_chart_over_time")
    )
    return json.loads(chart.proto.spec)


@pytest.mark.parametrize(
    ("page", "key"),
    # lists_table is no widget (no selection): AppTest finds it only by position
    [("pages/explore.py", "explore_verbatims"), ("pages/lists.py", None)],
)
def test_empty_channel_team_and_date_show_as_empty_cells(short_app, page, key):
    at = short_app(page=page)
    _no_failure(at)
    shown = (at.dataframe(key=key) if key else at.dataframe[0]).value
    cells = shown[["Date", "Channel", "Team"]]
    assert not cells.isna().any().any(), "a missing value is drawn as 'None'"
    assert not cells.isin(["None", "nan", "NaT"]).any().any()
    for column in cells:
        assert (cells[column] == "").any(), column
    assert f"{pd.Timestamp(SHORT_START):%Y-%m-%d}" in set(shown["Date"])


def test_a_short_export_is_drawn_in_day_buckets_unless_a_bucket_is_picked(short_app):
    at = short_app()
    _no_failure(at)
    assert at.segmented_control(key="explore_period").value == "day"
    spec = _over_time(at)
    assert spec["layout"]["title"]["text"] == "Cause share per day"
    starts = {cd[1] for trace in spec["data"] for cd in trace["customdata"]}
    assert len(starts) == 9
    assert "period" not in at.query_params

    at.segmented_control(key="explore_period").set_value("week").run()
    _no_failure(at)
    spec = _over_time(at)
    assert spec["layout"]["title"]["text"] == "Cause share per week"
    assert spec["layout"]["xaxis"]["ticktext"] == ["2 Feb 2015", "9 Feb 2015"]
    assert at.query_params["period"] == "week"

    # the pick survives a visit to another page and a filter change
    at.query_params.clear()
    at.switch_page("pages/lists.py").run()
    at.query_params.clear()
    at.switch_page("pages/explore.py").run()
    at.multiselect(key="explore_channels").set_value(["email"]).run()
    _no_failure(at)
    assert at.segmented_control(key="explore_period").value == "week"
    assert at.query_params["period"] == "week"


def test_a_link_with_a_bucket_opens_with_it_and_one_without_follows_the_dates(
    short_app,
):
    at = short_app(period="month")
    _no_failure(at)
    assert at.segmented_control(key="explore_period").value == "month"
    assert _over_time(at)["layout"]["title"]["text"] == "Cause share per month"
    assert at.query_params["period"] == "month"
    at = short_app(period="fortnight", channel="email")
    _no_failure(at)
    assert at.segmented_control(key="explore_period").value == "day"
    assert at.multiselect(key="explore_channels").value == ["email"]


def test_upload_preview_warns_about_a_date_column_with_its_order_in_doubt(db):
    # days 1-12 written month first, the rest day first: as in a real FCC export
    days = pd.date_range("2025-04-01", "2025-06-30", freq="D")
    written = [
        f"{d.month:02}-{d.day:02}-25" if d.day <= 12 else f"{d.day:02}-{d.month:02}-25"
        for d in days
    ]
    data = pd.DataFrame(
        {"Comment": [f"Rude agent {i}" for i in range(len(days))], "Date": written}
    ).to_csv(index=False)
    at = _app(page="pages/upload.py")
    at.file_uploader(key="upload_files").set_value(
        ("swapped.csv", data.encode(), "text/csv")
    ).run()
    _no_failure(at)
    assert at.selectbox(key="upload_map_0__date").value == "Date"
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("Date: ") and "read as day-first" in warning
    assert "day and month look swapped" in warning


def test_lists_counts_feedback_rows_not_complaints_when_praise_is_included(
    db, all_rows
):
    at = _app(page="pages/lists.py")
    at.checkbox(key="lists_only_causes").uncheck().run()
    _no_failure(at)
    captions = [c.value for c in at.caption]
    assert any(f"{len(all_rows):,} feedback rows match" in c for c in captions)
    assert not any("complaints match" in c for c in captions)
    at.checkbox(key="lists_only_causes").check().run()
    with Workspace(db) as ws:  # read now: an earlier test may have corrected a row
        causes = ws.feedback(Filters(), ADMIN)["cause"]
    complaints = int((causes != "none").sum())
    assert 0 < complaints < len(causes)  # the sample holds praise too
    captions = [c.value for c in at.caption]
    assert any(f"{complaints:,} complaints match" in c for c in captions), captions


# -- QA pass: several uploads in one workspace (dated, mis-dated, undated) ------------

AIRLINE_DAYS = pd.date_range("2015-02-16", "2015-02-24", freq="D")


@pytest.fixture(scope="module")
def uploads_db(tmp_path_factory, store_upload):
    """Airline tweets of nine February days (no channel or team column), Comcast
    complaints over 2015 with two rows mis-dated into December, undated reviews."""
    folder = tmp_path_factory.mktemp("uploads")
    airline = pd.DataFrame(
        {
            "tweet_created": [f"{AIRLINE_DAYS[i % 9]:%Y-%m-%d}" for i in range(45)],
            "text": [f"Flight {i} delayed and the agent was rude" for i in range(45)],
        }
    )
    dates = [f"2015-{m:02d}-{d:02d}" for m in range(1, 12) for d in (3, 9, 14, 20)]
    dates += ["2015-12-01", "2015-12-05"]
    comcast = pd.DataFrame(
        {
            "Date": dates,
            "Received Via": [("Internet", "Call")[i % 2] for i in range(len(dates))],
            "Team": [("Atlanta", "Boston")[i % 2] for i in range(len(dates))],
            "Complaint": [f"Charged twice, ticket {i}" for i in range(len(dates))],
        }
    )
    reviews = pd.DataFrame(
        {"Tagasiside": [f"Probleem {i} jäi lahendamata" for i in range(30)]}
    )
    path = folder / "uploads.duckdb"
    unmapped = {"channel_column": "", "team_column": ""}
    with Workspace(path) as ws:
        ids = {
            "airline": store_upload(
                ws,
                folder,
                "Airline tweets",
                airline,
                text_column="text",
                date_column="tweet_created",
                **unmapped,
            ),
            "comcast": store_upload(
                ws,
                folder,
                "Comcast 2015",
                comcast,
                text_column="Complaint",
                date_column="Date",
                channel_column="Received Via",
                team_column="Team",
            ),
            "reviews": store_upload(
                ws,
                folder,
                "Estonian reviews",
                reviews,
                text_column="Tagasiside",
                date_column="",
                **unmapped,
            ),
        }
    ids = {key: found[0] for key, found in ids.items()}  # (dataset id, rows)
    return path, ids, {"airline": 45, "comcast": len(dates), "reviews": 30}


@pytest.fixture
def uploads_app(uploads_db, monkeypatch):
    path, ids, sizes = uploads_db
    monkeypatch.setenv("CX_DB", str(path))

    def make(page: str | None = None, scope: Scope | None = None, **params) -> AppTest:
        return _app(scope=scope, page=page, **params)

    return make, ids, sizes


def _texts(elements) -> list[str]:
    """The elements' texts, markdown escapes undone."""
    return [e.value.replace("\\", "") for e in elements]


def _evidence(at: AppTest) -> list:
    return [
        link.proto for link in at.get("page_link") if link.proto.label == "Evidence"
    ]


def test_the_summary_states_its_data_and_compares_all_uploads_by_default(uploads_app):
    make, ids, sizes = uploads_app
    at = make(page="pages/summary.py")
    _no_failure(at)
    assert at.selectbox(key="summary_dataset").value == ""
    total = sum(sizes.values())
    assert f"All uploads: 3 datasets, {total:,} rows" in " ".join(_texts(at.markdown))
    assert any(t.startswith("November 2015 (the last full") for t in _texts(at.caption))


def test_one_upload_is_summarised_on_its_own_dates_and_its_evidence_keeps_it(
    uploads_app, downloads
):
    make, ids, sizes = uploads_app
    at = make(page="pages/summary.py")
    at.selectbox(key="summary_dataset").set_value(ids["airline"]).run()
    _no_failure(at)
    assert "Airline tweets: 45 rows" in " ".join(_texts(at.markdown))
    assert any(t.startswith("21 Feb 2015 to 24 Feb 2015") for t in _texts(at.caption))
    assert at.query_params["dataset"] == ids["airline"]
    links = _evidence(at)
    assert links
    for link in links:
        assert parse_qs(link.query_string)["dataset"] == [ids["airline"]]
    # no channel or team column was mapped: said so, not "not enough feedback"
    assert any("no channel or team column" in t for t in _texts(at.info))
    assert not any("Not enough feedback" in t for t in _texts(at.info))
    report = downloads.click(f"-upload-{ids['airline']}.html").decode("utf-8")
    assert "Airline tweets: 45 rows" in report and "November 2015" not in report


def test_an_undated_upload_says_it_has_no_dates_instead_of_another_period(
    uploads_app,
):
    make, ids, _ = uploads_app
    at = make(page="pages/summary.py", dataset=ids["reviews"])
    _no_failure(at)
    assert at.selectbox(key="summary_dataset").value == ids["reviews"]
    assert "Estonian reviews: 30 rows" in " ".join(_texts(at.markdown))
    assert _texts(at.info) == [
        "This upload has no dates, so there is no period to compare; Explore shows "
        "its causes."
    ]
    assert not any("2015" in t for t in _texts(at.caption))
    explore = [link.proto for link in at.get("page_link")]
    assert [parse_qs(link.query_string) for link in explore] == [
        {"dataset": [ids["reviews"]]}
    ]


def test_an_executive_picks_an_upload_and_still_sees_aggregates_only(uploads_app):
    make, ids, _ = uploads_app
    at = make(scope=Scope("boss", Role.EXECUTIVE))
    _no_failure(at)
    assert at.title[0].value == "Summary"
    choice = at.selectbox(key="summary_dataset")
    assert choice.options == [
        "All uploads",
        "Airline tweets",
        "Comcast 2015",
        "Estonian reviews",
    ]
    choice.set_value(ids["reviews"]).run()
    _no_failure(at)
    assert _texts(at.info) == [
        "This upload has no dates, so there is no period to compare."
    ]
    assert not at.get("page_link")
    choice = at.selectbox(key="summary_dataset").set_value(ids["comcast"]).run()
    _no_failure(at)
    assert not _evidence(at) and len(at.get("dataframe")) <= 1


def test_explore_of_one_upload_takes_its_dates_and_compares_within_them(uploads_app):
    make, ids, _ = uploads_app
    at = make(dataset=ids["airline"])
    _no_failure(at)
    first, last = AIRLINE_DAYS[0].date(), AIRLINE_DAYS[-1].date()
    assert tuple(at.date_input(key="explore_date_range").value) == (first, last)
    note = next(t for t in _texts(at.caption) if "compare" in t)
    assert f"({first.isoformat()} – {last.isoformat()}) starts with the data" in note
    assert "the 9 days before" in note


def test_explore_of_an_undated_upload_says_so_and_compares_nothing(uploads_app):
    make, ids, _ = uploads_app
    at = make(dataset=ids["reviews"])
    _no_failure(at)
    with pytest.raises(KeyError):
        at.date_input(key="explore_date_range")
    assert _metric(at, "Feedback") == "30"
    assert any(
        "This data has no dates, so there is no earlier period" in t
        for t in _texts(at.caption)
    )
    assert not any("days before" in t for t in _texts(at.caption))


def test_picking_an_upload_in_explore_moves_the_date_range_with_it(uploads_app):
    make, ids, _ = uploads_app
    at = make()
    whole = tuple(at.date_input(key="explore_date_range").value)
    assert whole == (dt.date(2015, 1, 3), dt.date(2015, 12, 5))
    at.multiselect(key="explore_datasets").set_value([ids["airline"]]).run()
    _no_failure(at)
    assert tuple(at.date_input(key="explore_date_range").value) == (
        AIRLINE_DAYS[0].date(),
        AIRLINE_DAYS[-1].date(),
    )
    assert "from" not in at.query_params and "to" not in at.query_params
    at.multiselect(key="explore_datasets").set_value([]).run()
    _no_failure(at)
    assert tuple(at.date_input(key="explore_date_range").value) == whole


def test_picking_an_upload_offers_only_its_own_teams_and_channels(
    uploads_app,
):
    make, ids, _ = uploads_app
    at = make()
    assert at.multiselect(key="explore_teams").options == ["Atlanta", "Boston"]
    assert at.multiselect(key="explore_channels").options != []
    at.multiselect(key="explore_datasets").set_value([ids["airline"]]).run()
    _no_failure(at)
    # the tweets have no team or channel column
    assert at.multiselect(key="explore_teams").options == []
    assert at.multiselect(key="explore_channels").options == []
    at.multiselect(key="explore_datasets").set_value([ids["comcast"]]).run()
    assert at.multiselect(key="explore_teams").options == ["Atlanta", "Boston"]
    at.multiselect(key="explore_datasets").set_value([]).run()
    assert at.multiselect(key="explore_teams").options == ["Atlanta", "Boston"]


def test_a_chosen_team_stays_chosen_when_an_upload_without_it_is_picked(uploads_app):
    make, ids, _ = uploads_app
    at = make()
    at.multiselect(key="explore_teams").set_value(["Boston"]).run()
    at.multiselect(key="explore_datasets").set_value([ids["airline"]]).run()
    _no_failure(at)
    # dropping it would widen the view to every team; kept, it matches nothing
    assert at.multiselect(key="explore_teams").value == ["Boston"]
    assert at.multiselect(key="explore_teams").options == ["Boston"]
    assert at.query_params.get("team") == "Boston"


def _click(at: AppTest, key: str, customdata: list) -> str:
    """Click a mark carrying ``customdata``; the drill-down heading it brings."""
    at.session_state[key] = {
        "selection": {
            "points": [{"customdata": customdata}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    _no_failure(at)
    return next(s.value for s in at.subheader if "behind the click" in s.value)


def test_a_drill_down_heading_names_the_cause_upload_and_dates_in_words(uploads_app):
    make, ids, _ = uploads_app
    at = make(dataset=ids["airline"])
    cause = _chart_points(at, "explore_chart_causes")[0][0]
    label = default_taxonomy().label_of(cause)
    assert label != cause
    heading = _click(at, "explore_chart_causes", [cause])
    assert heading == f"Verbatims behind the click ({label}; Airline tweets)"
    bar = next(
        cd for cd in _chart_points(at, "explore_chart_over_time") if cd[0] == cause
    )
    day = dt.date.fromisoformat(str(bar[1])[:10])
    heading = _click(make(dataset=ids["airline"]), "explore_chart_over_time", bar)
    assert heading == (
        f"Verbatims behind the click ({day.day} {day:%b %Y}; {label}; Airline tweets)"
    )


def test_explore_of_an_undated_upload_offers_no_time_buckets(uploads_app):
    make, ids, _ = uploads_app
    dated = make(dataset=ids["airline"])
    assert dated.segmented_control(key="explore_period").value == "day"
    at = make(dataset=ids["reviews"])
    _no_failure(at)
    assert not at.get("segmented_control")


# -- since when ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shifted_db(tmp_path_factory, store_upload):
    """Ten months of 60 rows; overcharging is 5% of them until May, 40% from June."""
    folder = tmp_path_factory.mktemp("shift")
    months = pd.date_range("2025-01-01", periods=10, freq="MS")
    dates, causes = [], []
    for i, month in enumerate(months):
        over = 24 if i >= 5 else 3
        for j in range(60):
            dates.append(f"{month + pd.Timedelta(days=j % 28):%Y-%m-%d}")
            causes.append("overcharging" if j < over else "none")
    frame = pd.DataFrame(
        {"Date": dates, "Comment": [f"Comment {i}" for i in range(len(dates))]}
    )
    path = folder / "shift.duckdb"
    with Workspace(path) as ws:
        store_upload(
            ws, folder, "Billing export", frame, causes,
            text_column="Comment", date_column="Date",
        )  # fmt: skip
    return path


def test_explore_says_since_when_a_cause_rose_and_links_its_rows(
    shifted_db, monkeypatch
):
    monkeypatch.setenv("CX_DB", str(shifted_db))
    at = _app()
    _no_failure(at)
    said = " ".join(_texts(at.markdown))
    assert "Since when" in said
    assert "Overcharging: 40.0% of feedback since June 2025, up from 5.0% before." in (
        said
    )
    # the rows are a list on Lists, from the month the rise began
    (link,) = [p.proto for p in at.get("page_link") if p.proto.label == "Rows"]
    assert link.page == "lists"
    assert "cause=overcharging" in link.query_string
    assert "from=2025-06-01" in link.query_string


def test_explore_with_a_cause_filter_says_since_when_needs_all_causes(
    shifted_db, monkeypatch
):
    monkeypatch.setenv("CX_DB", str(shifted_db))
    at = _app(cause="overcharging")
    _no_failure(at)
    assert any("clear the Cause filter" in c for c in _texts(at.caption))
    assert "Since when" not in " ".join(_texts(at.markdown))


def test_explore_says_when_too_few_periods_tell_since_when(shifted_db, monkeypatch):
    monkeypatch.setenv("CX_DB", str(shifted_db))
    at = _app(**{"from": "2025-06-01", "to": "2025-07-31", "period": "month"})
    _no_failure(at)
    assert any(
        "2 months with feedback are too few" in c and "finer time bucket" in c
        for c in _texts(at.caption)
    )


def test_explore_says_plainly_when_no_share_shifted(uploads_app):
    make, _, _ = uploads_app
    at = make()  # every other row rude in every upload: a steady share
    _no_failure(at)
    assert any("no cause's share has shifted" in c for c in _texts(at.caption))
    assert not [p for p in at.get("page_link") if p.proto.label == "Rows"]


def test_the_summary_says_since_when_with_rows_links_for_managers_only(
    shifted_db, monkeypatch
):
    monkeypatch.setenv("CX_DB", str(shifted_db))
    sentence = "Overcharging: 40.0% of feedback since June 2025, up from 5.0% before."
    at = _app(page="pages/summary.py")
    _no_failure(at)
    assert any(t.endswith(sentence) for t in _texts(at.markdown))
    (link,) = [p.proto for p in at.get("page_link") if p.proto.label == "Rows"]
    assert "cause=overcharging" in link.query_string
    assert "from=2025-06-01" in link.query_string
    boss = _app(scope=Scope("boss", Role.EXECUTIVE))
    _no_failure(boss)
    assert any(t.endswith(sentence) for t in _texts(boss.markdown))
    assert not [p for p in boss.get("page_link") if p.proto.label == "Rows"]


def test_a_team_whose_rows_begin_later_gets_no_made_up_volume_change(
    tmp_path, store_upload, monkeypatch
):
    # an old export (2015) and a team whose feedback begins in January 2025: March to
    # October is compared with July 2024 to February 2025, mostly before that team's
    # data, so no volume change (it was "+300%" from four rows)
    old = pd.DataFrame(
        {"Date": [f"2015-{m:02d}-10" for m in range(1, 13)], "Team": "Old desk"}
    )
    new = pd.DataFrame(
        {"Date": [f"2025-{m:02d}-{d:02d}" for m in range(1, 11) for d in (3, 17)]}
    ).assign(Team="Billing")
    path = tmp_path / "two.duckdb"
    with Workspace(path) as ws:
        for name, frame in (("Old export", old), ("New export", new)):
            frame = frame.assign(Comment=[f"{name} {i}" for i in range(len(frame))])
            store_upload(
                ws, tmp_path, name, frame,
                text_column="Comment", date_column="Date", team_column="Team",
            )  # fmt: skip
        assert ws.date_bounds(Filters(teams=("Billing",)), ADMIN) == (
            dt.date(2025, 1, 3),
            dt.date(2025, 10, 17),
        )
    monkeypatch.setenv("CX_DB", str(path))
    at = _app(team="Billing", **{"from": "2025-03-01", "to": "2025-10-31"})
    _no_failure(at)
    feedback = next(m for m in at.metric if m.label == "Feedback")
    assert feedback.value == "16" and not feedback.delta
    previous = next(m for m in at.metric if m.label == "Previous period")
    assert previous.delta == "partly before the data"


def _chart_note(at: AppTest, key: str) -> str:
    """The message an empty chart carries."""
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}"))
    notes = json.loads(chart.proto.spec)["layout"].get("annotations", [])
    return " ".join(n["text"] for n in notes)


def test_empty_charts_of_undated_unteamed_rows_say_why(uploads_app):
    make, ids, _ = uploads_app
    at = make(dataset=ids["reviews"])  # no date, channel or team column mapped
    _no_failure(at)
    assert _chart_note(at, "explore_chart_over_time") == (
        "These rows have no dates: no date column was mapped at upload."
    )
    assert _chart_note(at, "explore_chart_team") == (
        "These rows have no team: no team column was mapped at upload."
    )


def test_one_upload_ending_is_no_since_when_on_explore(
    tmp_path, store_upload, monkeypatch
):
    # upload 1: all year, a steady 30% overcharging; upload 2: January-March only,
    # three times the rows and 5% overcharging. Pooled, overcharging "rises" in April;
    # within upload 1, the only one on both sides, it does not.
    def export(months, per_month, over):
        dates, causes = [], []
        for m in months:
            for j in range(per_month):
                dates.append(f"2025-{m:02d}-{1 + j % 28:02d}")
                causes.append("overcharging" if j < over else "none")
        frame = pd.DataFrame(
            {"Date": dates, "Comment": [f"c{i}" for i in range(len(dates))]}
        )
        return frame, causes

    path = tmp_path / "mix.duckdb"
    with Workspace(path) as ws:
        for name, (frame, causes) in (
            ("All year", export(range(1, 13), 40, 12)),
            ("First quarter", export(range(1, 4), 120, 6)),
        ):
            frame = frame.assign(Comment=[f"{name} {c}" for c in frame["Comment"]])
            store_upload(
                ws, tmp_path, name, frame, causes,
                text_column="Comment", date_column="Date",
            )  # fmt: skip
    monkeypatch.setenv("CX_DB", str(path))
    at = _app(period="month")
    _no_failure(at)
    assert "Since when" not in " ".join(_texts(at.markdown))
    assert any("no cause's share has shifted" in c for c in _texts(at.caption))
