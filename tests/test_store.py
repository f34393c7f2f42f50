"""The DuckDB workspace against real files: storing, reading, scoping, migrating."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx import store
from cx.access import Role, Scope
from cx.analysis import Analysis
from cx.filters import Filters
from cx.ingest import ColumnMapping, IngestResult, Ledger, RawTable
from cx.store import Workspace, WorkspaceError
from cx.taxonomy import TaxonomyError, default_taxonomy, dump_taxonomy

ADMIN = Scope.single_user()

# text, date, channel, team, language, cause, theme — one row per language and more.
ROWS = [
    (
        "The agent was rude to me",
        "2025-01-06",
        "phone",
        "Vilnius",
        "en",
        "rudeness",
        "",
    ),
    ("Оператор нагрубил мне", "2025-01-20", "chat", "Riga", "ru", "rudeness", ""),
    (
        "Žadėjo perskambinti ir nepaskambino",
        "2025-02-03",
        "e-mail",
        "Vilnius",
        "lt",
        "broken_promise",
        "",
    ),
    (
        "Pārmaksāja par pakalpojumu",
        "2025-02-17",
        "office",
        "Riga",
        "lv",
        "overcharging",
        "",
    ),
    (
        "Probleem jäi lahendamata",
        "2025-03-03",
        "phone",
        "Tallinn",
        "et",
        "unresolved",
        "",
    ),
    (
        "App crashes at 50% of login",
        "2025-03-04",
        "social",
        "Tallinn",
        "en",
        "none",
        "app",
    ),
    ("Приложение вылетает, код 5_0", None, "chat", None, "ru", "none", "app"),
]


def canonical(rows: list[tuple]) -> pd.DataFrame:
    """The canonical ingest frame for ``rows`` (index = position in the file)."""
    return pd.DataFrame(
        {
            "row_number": pd.array(range(1, len(rows) + 1), dtype="int64"),
            "record_id": [f"r{i}" for i in range(1, len(rows) + 1)],
            "text": [r[0] for r in rows],
            "date": pd.to_datetime([r[1] for r in rows]).astype("datetime64[ns]"),
            "channel": [r[2] for r in rows],
            "team": [r[3] for r in rows],
            "customer_id": [f"c{i % 3}" for i in range(len(rows))],
            "rating": [float(i % 5 + 1) for i in range(len(rows))],
        }
    )


def make_result(
    rows: list[tuple] = ROWS, *, content: str = "export-1", rejected: int = 0
) -> IngestResult:
    """A real IngestResult as ingest would build it, with ``rejected`` blank rows."""
    accepted = canonical(rows)
    raw_frame = pd.DataFrame(
        {
            "Text": [r[0] for r in rows] + [""] * rejected,
            "Channel": [r[2] for r in rows] + ["=HYPERLINK()"] * rejected,
        }
    )
    bad = raw_frame.iloc[len(rows) :].copy()
    bad["row_number"] = pd.array(range(len(rows) + 1, len(raw_frame) + 1), "int64")
    bad["cx_reject_reason"] = "empty text"
    raw = RawTable(
        frame=raw_frame,
        source_name="export.csv",
        sha256=hashlib.sha256(content.encode()).hexdigest(),
        size_bytes=len(content),
        format="csv",
    )
    ledger = Ledger(
        read=len(raw_frame),
        accepted=len(rows),
        rejected=rejected,
        reasons={"empty text": rejected} if rejected else {},
    )
    return IngestResult(
        raw=raw,
        mapping=ColumnMapping(text="Text", channel="Channel"),
        accepted=accepted,
        rejected=bad,
        ledger=ledger,
    )


def make_analysis(rows: list[tuple] = ROWS) -> Analysis:
    """The Analysis an analyser would return for ``rows``."""
    frame = pd.DataFrame(
        {
            "cx_language": [r[4] for r in rows],
            "cx_cause": [r[5] for r in rows],
            "cx_causes": ["" if r[5] == "none" else r[5] for r in rows],
            "cx_confidence": [0.9] * len(rows),
            "cx_theme": [r[6] for r in rows],
            "cx_ladder": [-1] * len(rows),
            "cx_evidence": ["word"] * len(rows),
        }
    )
    themes = pd.DataFrame(
        {"theme": ["app"], "label": ["app"], "size": [2], "top_terms": ["app, crash"]}
    )
    return Analysis(rows=frame, themes=themes)


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace(tmp_path / "ws" / "cx.duckdb")
    yield workspace
    workspace.close()


@pytest.fixture
def filled(ws: Workspace) -> Workspace:
    ws.add_dataset(make_result(), make_analysis(), name="January export")
    return ws


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Workspace:
    """One filled workspace for the tests that only read (opening one takes ~0.1 s)."""
    workspace = Workspace(tmp_path_factory.mktemp("shared") / "cx.duckdb")
    workspace.add_dataset(make_result(), make_analysis(), name="January export")
    yield workspace
    workspace.close()


def test_opening_creates_parent_folders_and_the_latest_schema(tmp_path: Path):
    path = tmp_path / "a" / "b" / "cx.duckdb"
    with Workspace(path) as ws:
        assert ws.schema_version == store.SCHEMA_VERSION
    assert path.is_file()


def test_workspace_path_defaults_to_the_cx_db_variable(tmp_path, monkeypatch):
    path = tmp_path / "env" / "cx.duckdb"
    monkeypatch.setenv("CX_DB", str(path))
    with Workspace() as ws:
        assert ws.path == str(path)
    assert path.is_file()


def test_added_dataset_reads_back_with_rows_and_analysis(ws: Workspace):
    info, created = ws.add_dataset(make_result(), make_analysis(), name="Jan")
    assert created
    assert (info.name, info.source_name) == ("Jan", "export.csv")
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (7, 7, 0)
    assert info.mapping["text"] == "Text"
    rows = ws.feedback(Filters(), ADMIN, order_by="row_number")
    assert list(rows.columns) == list(store.ROW_COLUMNS)
    expected = canonical(ROWS)
    for column in store.FEEDBACK_COLUMNS:
        got = rows[column].tolist()
        want = expected[column].tolist()
        assert [None if pd.isna(v) else v for v in got] == [
            None if pd.isna(v) else v for v in want
        ], column
    assert rows["cause"].tolist() == [r[5] for r in ROWS]
    assert rows["language"].tolist() == [r[4] for r in ROWS]
    assert set(rows["dataset"]) == {"Jan"}
    assert rows["ladder"].tolist() == [-1] * len(ROWS)


def test_dataset_frame_gives_back_the_canonical_frame(shared: Workspace):
    frame = shared.dataset_frame(1)
    expected = canonical(ROWS)
    pd.testing.assert_frame_equal(
        frame.reset_index(drop=True),
        expected.reset_index(drop=True),
        check_dtype=False,
    )
    assert frame.index.tolist() == (frame["row_number"] - 1).tolist()


def test_a_failed_analysis_insert_leaves_nothing_of_the_dataset(ws: Workspace):
    broken = make_analysis()
    broken = Analysis(rows=broken.rows.drop(columns=["cx_cause"]), themes=broken.themes)
    with pytest.raises(duckdb.Error):
        ws.add_dataset(make_result(rejected=2), broken)
    assert ws.datasets().empty
    assert ws.count_feedback(Filters(), ADMIN) == 0
    with ws._cursor() as cur:
        for table in ("feedback", "rejected", "themes"):
            assert cur.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    info, created = ws.add_dataset(make_result(rejected=2), make_analysis())
    assert created and info.rows_accepted == len(ROWS)


def test_the_stored_file_reopens_in_a_new_process(tmp_path: Path):
    path = tmp_path / "cx.duckdb"
    with Workspace(path) as ws:
        ws.add_dataset(make_result(), make_analysis(), name="Jan")
    code = (
        "import sys; from cx.store import Workspace; from cx.filters import Filters; "
        "from cx.access import Scope; ws = Workspace(sys.argv[1]); "
        "print(ws.datasets()['name'].tolist()[0], "
        "ws.count_feedback(Filters(causes=('rudeness',)), Scope.single_user()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    rude = sum(r[5] == "rudeness" for r in ROWS)
    assert out.stdout.split() == ["Jan", str(rude)]


def test_the_same_file_uploaded_twice_is_stored_once(ws: Workspace):
    first, created = ws.add_dataset(make_result(), make_analysis())
    again, created_again = ws.add_dataset(make_result(), make_analysis(), name="x")
    assert created and not created_again
    assert again == first
    assert len(ws.datasets()) == 1
    assert ws.count_feedback(Filters(), ADMIN) == len(ROWS)
    _, third = ws.add_dataset(make_result(content="export-2"), make_analysis())
    assert third and ws.count_feedback(Filters(), ADMIN) == 2 * len(ROWS)


def test_an_older_schema_file_is_migrated_on_open(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_meta (version INTEGER)")
    for statement in store.MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO schema_meta VALUES (1)")
    con.execute(
        """INSERT INTO datasets (name, sha256, uploaded_at, mapping_json, ledger_json,
        rows_read, rows_accepted, rows_rejected) VALUES
        ('old', 'abc', now(), '{}', '{}', 1, 1, 0)"""
    )
    con.execute(
        "INSERT INTO feedback (dataset_id, row_number, text) VALUES (1, 1, 'x')"
    )
    con.execute(
        "INSERT INTO feedback (dataset_id, row_number, text) VALUES (1, 2, 'y')"
    )
    con.execute(
        """INSERT INTO analysis (dataset_id, row_number, language, cause, ladder)
        VALUES (1, 1, 'lt', 'rudeness', -1)"""
    )
    con.close()
    with Workspace(path) as ws:
        assert ws.schema_version == store.SCHEMA_VERSION > 1
        assert ws.user_count() == 0
        assert ws.corrections().empty
        assert ws.datasets()["name"].tolist() == ["old"]
        assert ws.count_feedback(Filters(), ADMIN) == 2
        rows = ws.feedback(Filters(), ADMIN, order_by="row_number")
        assert rows["cause"].tolist()[0] == "rudeness"
        assert pd.isna(rows["cause"].tolist()[1])
        assert rows["language"].tolist()[0] == "lt"
        assert rows["ladder"].tolist()[0] == -1
        assert ws.count_feedback(Filters(search="Y"), ADMIN) == 1


def test_a_newer_schema_file_is_refused_with_a_clear_message(tmp_path: Path):
    path = tmp_path / "new.duckdb"
    with Workspace(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_meta SET version = 99")
    con.close()
    with pytest.raises(WorkspaceError, match="upgrade cx"):
        Workspace(path)


def _texts(rows: list[tuple], keep) -> list[str]:
    return sorted(r[0] for r in rows if keep(r))


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


FILTER_CASES = [
    pytest.param(Filters(), lambda r: True, id="none"),
    pytest.param(
        Filters(date_from=dt.date(2025, 2, 3), date_to=dt.date(2025, 3, 3)),
        lambda r: (
            _day(r[1]) is not None
            and dt.date(2025, 2, 3) <= _day(r[1]) <= dt.date(2025, 3, 3)
        ),
        id="date-range-inclusive",
    ),
    pytest.param(
        Filters(date_from=dt.date(2025, 3, 1)),
        lambda r: _day(r[1]) is not None and _day(r[1]) >= dt.date(2025, 3, 1),
        id="date-from",
    ),
    pytest.param(
        Filters(channels=("phone", "chat")),
        lambda r: r[2] in ("phone", "chat"),
        id="ch",
    ),
    pytest.param(Filters(teams=("Riga",)), lambda r: r[3] == "Riga", id="team"),
    pytest.param(
        Filters(languages=("ru", "lv")), lambda r: r[4] in ("ru", "lv"), id="language"
    ),
    pytest.param(
        Filters(causes=("rudeness",)), lambda r: r[5] == "rudeness", id="cause"
    ),
    pytest.param(Filters(causes=("none",)), lambda r: r[5] == "none", id="cause-none"),
    pytest.param(Filters(datasets=("1",)), lambda r: True, id="dataset"),
    pytest.param(Filters(datasets=("424242",)), lambda r: False, id="other-dataset"),
    pytest.param(Filters(datasets=("x",)), lambda r: False, id="bad-dataset-id"),
    pytest.param(
        Filters(channels=("phone",), teams=("Tallinn",)),
        lambda r: r[2] == "phone" and r[3] == "Tallinn",
        id="combined",
    ),
]


@pytest.mark.parametrize(("filters", "keep"), FILTER_CASES)
def test_every_filter_dimension_selects_the_matching_rows(shared, filters, keep):
    rows = shared.feedback(filters, ADMIN)
    assert sorted(rows["text"]) == _texts(ROWS, keep)
    assert shared.count_feedback(filters, ADMIN) == len(_texts(ROWS, keep))


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("AGENT WAS", "en"),
        ("ОПЕРАТОР", "ru"),
        ("ŽADĖJO", "lt"),
        ("PĀRMAKSĀJA", "lv"),
        ("JÄI", "et"),
    ],
)
def test_search_is_a_case_insensitive_substring_in_every_language(
    shared, query, language
):
    rows = shared.feedback(Filters(search=query), ADMIN)
    assert rows["language"].tolist() == [language]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("50%", ["App crashes at 50% of login"]),
        ("5_0", ["Приложение вылетает, код 5_0"]),
        ("%", ["App crashes at 50% of login"]),
        ("_", ["Приложение вылетает, код 5_0"]),
        ("t_e", []),
        ("\\", []),
    ],
)
def test_search_wildcards_are_taken_literally(shared, query, expected):
    assert shared.feedback(Filters(search=query), ADMIN)["text"].tolist() == expected


def test_a_team_lead_sees_only_their_own_teams(shared: Workspace):
    lead = Scope("ann", Role.TEAM_LEAD, ("Riga",))
    assert shared.count_feedback(Filters(teams=("Vilnius",)), lead) == 0
    assert shared.feedback(Filters(teams=("Vilnius",)), lead).empty
    assert shared.count_by(["team"], Filters(teams=("Vilnius",)), lead).empty
    own = shared.feedback(Filters(), lead)
    assert set(own["team"]) == {"Riga"}
    assert len(own) == sum(r[3] == "Riga" for r in ROWS)
    options = shared.filter_options(lead)
    assert options["teams"] == ["Riga"]


def test_executives_aggregate_but_never_read_verbatims(shared: Workspace):
    boss = Scope("eve", Role.EXECUTIVE)
    counts = shared.count_by(["cause"], Filters(), boss)
    expected = pd.Series([r[5] for r in ROWS]).value_counts()
    assert dict(zip(counts["cause"], counts["n"], strict=True)) == expected.to_dict()
    with pytest.raises(PermissionError):
        shared.feedback(Filters(), boss)


def test_count_by_cause_and_channel_matches_a_plain_count(shared: Workspace):
    counts = shared.count_by(["cause", "channel"], Filters(), ADMIN)
    assert list(counts.columns) == ["cause", "channel", "n"]
    expected = pd.DataFrame(ROWS).groupby([5, 2]).size()
    got = counts.set_index(["cause", "channel"])["n"]
    assert got.sort_index().tolist() == expected.sort_index().tolist()
    assert counts["n"].sum() == len(ROWS)


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_count_by_period_truncates_dates_and_skips_undated_rows(shared, period):
    counts = shared.count_by(["cause"], Filters(), ADMIN, period=period)
    assert list(counts.columns) == ["period", "cause", "n"]
    dated = pd.DataFrame(ROWS).dropna(subset=[1])
    stamps = pd.to_datetime(dated[1])
    # DuckDB's weeks start on Monday: pandas' weeks ending on Sunday.
    freq = {"day": "D", "week": "W-SUN", "month": "M"}[period]
    starts = stamps.dt.to_period(freq).dt.start_time
    expected = dated.assign(p=starts).groupby(["p", 5]).size()
    got = counts.set_index(["period", "cause"])["n"]
    assert got.to_dict() == expected.to_dict()


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(search="a"), Filters(causes=("rudeness",))]
)
def test_count_by_sets_gives_what_count_by_gives_for_each_grouping(shared, filters):
    groupings = [["cause", "channel", "team", "ladder"], ["period", "cause"], ["theme"]]
    frames = shared.count_by_sets(groupings, filters, ADMIN, period="month")
    assert len(frames) == len(groupings)
    for dims, got in zip(groupings, frames, strict=True):
        period = "month" if "period" in dims else None
        want = shared.count_by(dims, filters, ADMIN, period=period)
        pd.testing.assert_frame_equal(got, want)


def test_count_by_sets_refuses_unknown_dimensions(shared: Workspace):
    with pytest.raises(ValueError, match="cannot count by"):
        shared.count_by_sets([["cause"], ["nope"]], Filters(), ADMIN)


def test_count_by_refuses_unknown_dimensions(shared: Workspace):
    with pytest.raises(ValueError, match="cannot count by"):
        shared.count_by(["text; DROP TABLE feedback"], Filters(), ADMIN)
    with pytest.raises(ValueError, match="period"):
        shared.count_by(["cause"], Filters(), ADMIN, period="year")
    assert shared.count_feedback(Filters(), ADMIN) == len(ROWS)


def test_feedback_orders_pages_and_refuses_unknown_orderings(shared: Workspace):
    first = shared.feedback(Filters(), ADMIN, limit=2, order_by="row_number")
    second = shared.feedback(Filters(), ADMIN, limit=2, offset=2, order_by="row_number")
    assert first["row_number"].tolist() == [1, 2]
    assert second["row_number"].tolist() == [3, 4]
    newest = shared.feedback(Filters(), ADMIN, limit=1)
    assert newest["date"].iloc[0] == pd.Timestamp("2025-03-04")
    with pytest.raises(ValueError, match="cannot order by"):
        shared.feedback(Filters(), ADMIN, order_by="text; DROP TABLE feedback")


def test_filter_options_list_what_the_workspace_holds(shared: Workspace):
    options = shared.filter_options(ADMIN)
    assert options["channels"] == sorted({r[2] for r in ROWS})
    assert options["teams"] == sorted({r[3] for r in ROWS if r[3]})
    assert options["languages"] == sorted({r[4] for r in ROWS})
    assert options["causes"] == sorted({r[5] for r in ROWS})
    assert options["dates"] == [dt.date(2025, 1, 6), dt.date(2025, 3, 4)]
    assert options["datasets"] == [("1", "January export")]


def test_filter_options_can_be_narrowed_to_some_datasets(filled: Workspace):
    # a second, undated upload: its own options hold no dates, the workspace's do
    undated = [(r[0], None, *r[2:]) for r in ROWS[:3]]
    filled.add_dataset(
        make_result(undated, content="undated"), make_analysis(undated), name="Undated"
    )
    everything = filled.filter_options(ADMIN)
    assert everything["dates"] == [dt.date(2025, 1, 6), dt.date(2025, 3, 4)]
    assert everything["datasets"] == [("1", "January export"), ("2", "Undated")]
    assert filled.filter_options(ADMIN, Filters(datasets=("2",)))["dates"] == []
    first = filled.filter_options(ADMIN, Filters(datasets=("1",)))
    assert first["dates"] == everything["dates"]
    assert first["datasets"] == [("1", "January export")]
    lead = Scope("ann", Role.TEAM_LEAD, ("Riga",))
    riga = filled.filter_options(lead, Filters(datasets=("1",)))["dates"]
    assert riga == [dt.date(2025, 1, 20), dt.date(2025, 2, 17)]


def test_empty_workspace_has_empty_filter_options(ws: Workspace):
    options = ws.filter_options(ADMIN)
    assert options == {
        "channels": [],
        "teams": [],
        "languages": [],
        "causes": [],
        "dates": [],
        "datasets": [],
    }


def test_themes_summary_counts_theme_rows_within_the_filters(shared: Workspace):
    themes = shared.themes_summary(Filters(), ADMIN)
    assert themes[["theme", "label", "size", "top_terms"]].values.tolist() == [
        ["app", "app", 2, "app, crash"]
    ]
    russian = shared.themes_summary(Filters(languages=("ru",)), ADMIN)
    assert russian["size"].tolist() == [1]


def test_rejected_rows_come_back_as_uploaded(ws: Workspace):
    result = make_result(rejected=2)
    ws.add_dataset(result, make_analysis())
    back = ws.rejected_rows(1)
    pd.testing.assert_frame_equal(
        back, result.rejected.reset_index(drop=True), check_dtype=False
    )


def test_corrections_are_stored_returned_and_shown_at_once(filled: Workspace):
    filled.add_correction(1, 6, "unresolved", "ann")
    filled.add_correction(1, 1, "treated_as_number", "ann")
    filled.add_correction(1, 1, "broken_promise", "bob")
    corrections = filled.corrections()
    assert list(corrections.columns) == ["text", "cause"]
    assert corrections.values.tolist() == [
        [ROWS[5][0], "unresolved"],
        [ROWS[0][0], "broken_promise"],
    ]
    row = filled.feedback(Filters(search=ROWS[5][0]), ADMIN).iloc[0]
    assert (row["cause"], row["causes"], row["theme"]) == (
        "unresolved",
        "unresolved",
        "",
    )
    assert row["confidence"] == 1.0
    with pytest.raises(KeyError):
        filled.add_correction(1, 99, "rudeness", "ann")


def test_a_correction_on_a_dataset_without_analysis_creates_its_row(ws: Workspace):
    ws.add_dataset(make_result())
    ws.add_correction(1, 2, "rudeness", "ann")
    assert ws.count_feedback(Filters(causes=("rudeness",)), ADMIN) == 1


def test_replacing_the_analysis_swaps_causes_and_themes(filled: Workspace):
    frame = filled.dataset_frame(1)
    new_rows = [r[:5] + ("unresolved", "") for r in ROWS]
    analysis = make_analysis(new_rows)
    analysis.rows.index = frame.index
    filled.replace_analysis(1, analysis, taxonomy_version=3)
    assert filled.count_by(["cause"], Filters(), ADMIN)["cause"].tolist() == [
        "unresolved"
    ]
    assert filled.themes_summary(Filters(), ADMIN).empty
    assert filled.dataset(1).taxonomy_version == 3


def test_deleting_a_dataset_removes_everything_of_it(filled: Workspace):
    filled.add_dataset(make_result(content="other", rejected=1), make_analysis())
    filled.add_correction(1, 1, "rudeness", "ann")
    assert filled.delete_dataset(1)
    assert not filled.delete_dataset(1)
    assert filled.datasets()["id"].tolist() == [2]
    assert filled.count_feedback(Filters(), ADMIN) == len(ROWS)
    assert filled.corrections().empty
    assert filled.rejected_rows(1).empty
    assert len(filled.rejected_rows(2)) == 1


def test_taxonomy_versions_count_up_and_skip_unchanged_text(ws: Workspace):
    assert ws.latest_taxonomy() is None
    text = dump_taxonomy(default_taxonomy())
    assert ws.save_taxonomy(text, "ann") == 1
    assert ws.save_taxonomy(text, "bob") == 1
    edited = text.replace("name:", "name: Edited", 1).replace("Edited ", "Edited")
    assert ws.save_taxonomy(edited, "bob") == 2
    assert ws.latest_taxonomy() == (2, edited)
    assert ws.taxonomy_yaml(1) == text
    versions = ws.taxonomy_versions()
    assert versions["version"].tolist() == [2, 1]
    assert versions["created_by"].tolist() == ["bob", "ann"]
    with pytest.raises(TaxonomyError):
        ws.save_taxonomy("causes: []", "ann")


def test_users_are_created_read_updated_and_counted(ws: Workspace):
    assert ws.user_count() == 0
    ws.add_user("ann", "hash1", "team_lead", ["Riga", "Vilnius"])
    with pytest.raises(ValueError, match="exists"):
        ws.add_user("ann", "hash2", "admin", [])
    user = ws.get_user("ann")
    assert user["teams"] == ["Riga", "Vilnius"]
    assert (user["role"], user["disabled"], user["failed_attempts"]) == (
        "team_lead",
        False,
        0,
    )
    until = dt.datetime(2030, 1, 1, 12, 0)
    ws.update_user("ann", failed_attempts=3, locked_until=until, teams=["Riga"])
    user = ws.get_user("ann")
    assert (user["failed_attempts"], user["locked_until"], user["teams"]) == (
        3,
        until,
        ["Riga"],
    )
    with pytest.raises(KeyError):
        ws.update_user("nobody", disabled=True)
    with pytest.raises(ValueError):
        ws.update_user("ann", created_at=None)
    assert ws.get_user("nobody") is None
    assert ws.user_count() == 1
    assert "password_hash" not in ws.list_users().columns


def test_the_audit_log_keeps_every_action_newest_first(ws: Workspace):
    ws.log_audit("ann", "export", "team=Riga", 12, "csv")
    ws.log_audit("bob", "view", "all rows", 3)
    log = ws.audit_log()
    assert list(log.columns) == ["at", "user", "action", "filters", "rows", "detail"]
    assert log[["user", "action", "rows"]].values.tolist() == [
        ["bob", "view", 3],
        ["ann", "export", 12],
    ]


def test_reads_from_many_threads_share_one_workspace(filled: Workspace):
    counts: list[int] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                counts.append(filled.count_feedback(Filters(teams=("Riga",)), ADMIN))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert counts == [sum(r[3] == "Riga" for r in ROWS)] * 80


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(min_size=1), min_size=1, max_size=5))
def test_any_unicode_text_round_trips_unchanged(shared: Workspace, texts: list[str]):
    rows = [(t, None, None, None, "en", "none", "") for t in texts]
    content = f"{len(shared.datasets())}:{texts!r}"
    info, created = shared.add_dataset(make_result(rows, content=content))
    back = shared.feedback(
        Filters(datasets=(str(info.id),)), ADMIN, order_by="row_number"
    )
    assert created
    assert back["text"].tolist() == texts
    assert shared.delete_dataset(info.id)


def test_a_repeated_search_sees_rows_added_and_removed_since_the_last_one(
    ws: Workspace,
):
    first, _ = ws.add_dataset(make_result(), make_analysis())
    assert ws.count_feedback(Filters(search="rude"), ADMIN) == 1
    ws.prepare_search()  # the in-memory copy exists before the next upload
    second, _ = ws.add_dataset(make_result(content="export-2"), make_analysis())
    assert ws.count_feedback(Filters(search="rude"), ADMIN) == 2
    assert ws.delete_dataset(first.id)
    rows = ws.feedback(Filters(search="RUDE"), ADMIN)
    assert rows["dataset_id"].tolist() == [second.id]


def test_search_counts_agree_across_every_read_of_one_view(shared: Workspace):
    filters = Filters(search="о")
    total = shared.count_feedback(filters, ADMIN)
    by_cause = shared.count_by(["cause"], filters, ADMIN)
    (by_sets,) = shared.count_by_sets([["channel"]], filters, ADMIN)
    assert total == len(shared.feedback(filters, ADMIN)) > 0
    assert by_cause["n"].sum() == by_sets["n"].sum() == total


@pytest.mark.parametrize("order_by", ["date DESC", "team, date", "confidence DESC"])
def test_a_page_of_search_results_is_the_head_of_the_full_result(
    shared: Workspace, order_by: str
):
    filters = Filters(search="a", channels=("chat", "phone", "e-mail", "office"))
    full = shared.feedback(filters, ADMIN, order_by=order_by)
    page = shared.feedback(filters, ADMIN, order_by=order_by, limit=2)
    assert len(full) > 2
    pd.testing.assert_frame_equal(page, full.head(2))
