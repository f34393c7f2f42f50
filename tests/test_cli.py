"""The command line, run in-process through main() and as a real `python -m cx`."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from cx.access import Role, Scope
from cx.auth import AuthError, add_user, disable_user, sign_in
from cx.cli import CX_COLUMNS, main, rejected_path
from cx.config import PROJECT_ROOT
from cx.export import neutralise_formulas
from cx.filters import Filters
from cx.store import Workspace

HEADER = ["ID", "Date", "Channel", "Team", "Comment", "Score"]
# One complaint per language, an empty comment (rejected) and formula-like cells.
ROWS = [
    [
        "1",
        "2025-01-06",
        "Phone",
        "Vilnius",
        "The agent was rude to me and hung up",
        "1",
    ],
    ["2", "2025-01-20", "Chat", "Riga", "Оператор нагрубил мне и не помог", "2"],
    ["3", "2025-02-03", "E-mail", "Vilnius", "Žadėjo perskambinti, bet ne", "1"],
    ["4", "2025-02-17", "Office", "@Riga", "Man pārmaksāja par pakalpojumu", "2"],
    ["5", "2025-03-03", "Phone", "Tallinn", "Probleem jäi lahendamata", "1"],
    ["6", "2025-03-04", "Chat", "Tallinn", "", "3"],
    ["7", "2025-03-05", "Phone", "Riga", "=1+1 I was charged twice", "-1"],
]
ACCEPTED = [r for r in ROWS if r[4]]
REJECTED = [r for r in ROWS if not r[4]]
FLAGS = [
    "--output",
    "--text-column",
    "--date-column",
    "--channel-column",
    "--team-column",
    "--customer-column",
    "--rating-column",
    "--id-column",
    "--sheet",
    "--taxonomy",
    "--db",
    "--no-store",
    "--quiet",
]


def write_input(path: Path, rows: list[list[str]] = ROWS) -> Path:
    pd.DataFrame(rows, columns=HEADER).to_csv(path, index=False)
    return path


def read_output(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".xlsx":
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_input(tmp_path / "export.csv")


def run_cx(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cx", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=300,
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_analyze_keeps_every_input_column_and_adds_the_seven(export, suffix, capsys):
    out = export.with_name(f"result{suffix}")
    assert main(["analyze", str(export), "--output", str(out), "--no-store"]) == 0
    result = read_output(out)
    assert list(result.columns) == HEADER + list(CX_COLUMNS)
    expected = pd.DataFrame(ACCEPTED, columns=HEADER)
    if suffix == ".csv":  # a CSV's formula-like cells get a leading apostrophe
        expected = neutralise_formulas(expected)
    if suffix == ".xlsx":  # Excel keeps them as written, as quote-prefixed text
        sheet = openpyxl.load_workbook(out).active
        formula_like = [
            c for row in sheet.iter_rows(min_row=2) for c in row
            if isinstance(c.value, str) and c.value.startswith("=")
        ]  # fmt: skip
        assert formula_like
        assert all(c.data_type == "s" and c.quotePrefix for c in formula_like)
    got = result[HEADER].astype(str)
    assert got.values.tolist() == expected.values.tolist()
    assert set(result["cx_language"]) <= {"en", "ru", "lt", "lv", "et", "unknown"}
    assert result["cx_cause"].str.len().gt(0).all()
    assert "1 rejected" in capsys.readouterr().err


def test_analyze_reads_satisfaction_words_and_a_low_one_unmasks_sarcasm(tmp_path):
    sarcasm = "Thanks, great! The technician came and left and nothing changed"
    survey = pd.DataFrame(
        {
            "Comment": [
                sarcasm,
                "Thank you, everything works now",
                *[r[4] for r in ACCEPTED],
            ],
            "Satisfaction": [
                "Very dissatisfied",
                "Very satisfied",
                *["Dissatisfied"] * 6,
            ],
        }
    )
    source = tmp_path / "survey.csv"
    survey.to_csv(source, index=False)
    out = tmp_path / "survey_cx.csv"
    assert main(["analyze", str(source), "--output", str(out), "--no-store"]) == 0
    result = read_output(out)
    assert result["cx_cause"].iloc[0] == "unresolved"
    assert result["cx_ladder"].iloc[:2].tolist() == ["-1", "1"]
    assert result["cx_cause"].iloc[1] == "none"
    assert result["Satisfaction"].iloc[0] == "Very dissatisfied"  # kept as written


def test_rejected_rows_go_beside_the_output_named_after_its_stem(export):
    out = export.parent / "out" / "result.xlsx"
    out.parent.mkdir()
    assert main(["analyze", str(export), "-o", str(out), "--no-store", "-q"]) == 0
    target = rejected_path(out)
    assert target == export.parent / "out" / "result.rejected.csv"
    rejected = read_output(target)
    assert list(rejected.columns) == HEADER + ["cx_reject_reason"]
    assert rejected[HEADER].values.tolist() == REJECTED
    assert rejected["cx_reject_reason"].tolist() == ["empty text"] * len(REJECTED)


def test_no_rejected_file_is_written_when_every_row_is_accepted(tmp_path):
    source = write_input(tmp_path / "clean.csv", ACCEPTED)
    out = tmp_path / "clean_out.parquet"
    assert main(["analyze", str(source), "-o", str(out), "--no-store", "-q"]) == 0
    assert out.is_file()
    assert not rejected_path(out).exists()


def test_column_flags_override_the_guess(tmp_path):
    rows = [["x", r[4] or "filler text", r[2]] for r in ROWS]
    source = tmp_path / "two_texts.csv"
    pd.DataFrame(rows, columns=["Note", "Body", "Via"]).to_csv(source, index=False)
    db = tmp_path / "ws.duckdb"
    args = ["ingest", str(source), "--db", str(db), "--text-column", "Body", "-q"]
    assert main([*args, "--channel-column", "Via", "--no-analysis"]) == 0
    with Workspace(db) as ws:
        rows_back = ws.feedback(Filters(), Scope.single_user(), order_by="row_number")
    assert rows_back["text"].tolist() == [r[1] for r in rows]


def test_the_real_command_exits_zero_and_writes_the_output(export):
    out = export.with_name("sub.csv")
    done = run_cx("analyze", str(export), "--output", str(out), "--no-store", "-q")
    assert done.returncode == 0, done.stderr
    assert read_output(out)["cx_cause"].size == len(ACCEPTED)
    assert done.stderr.strip().splitlines() == [
        f"cx: {len(REJECTED)} rejected row written to {rejected_path(out)}"
    ]


PLAIN = [r for r in ACCEPTED if not r[4].startswith("=")]  # no formula for openpyxl


def _two_sheet_workbook(path: Path) -> Path:
    """Notes on the first sheet, the export on the second, as helpdesks save them."""
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Info"
    notes.append(["Export notes"])
    notes.append(["Exported from the helpdesk on 2025-03-06"])
    data = book.create_sheet("Data")
    data.append(HEADER)
    for row in PLAIN:
        data.append(row)
    book.save(path)
    return path


def test_analyze_opens_the_feedback_sheet_of_a_workbook_as_the_browser_does(
    tmp_path, capsys
):
    book = _two_sheet_workbook(tmp_path / "two_sheets.xlsx")
    out = tmp_path / "out.xlsx"
    assert main(["analyze", str(book), "--output", str(out), "--no-store"]) == 0
    assert read_output(out)["Comment"].tolist() == [r[4] for r in PLAIN]
    err = capsys.readouterr().err
    assert f"cx: sheet 'Data' of two_sheets.xlsx: {len(PLAIN)} rows read" in err
    notes = tmp_path / "notes.csv"
    argv = ["analyze", str(book), "--output", str(notes), "--no-store", "-q"]
    assert main([*argv, "--sheet", "Info"]) == 0
    assert read_output(notes)["Export notes"].tolist() == [
        "Exported from the helpdesk on 2025-03-06"
    ]


def test_a_bad_input_in_the_real_command_gives_one_line_and_no_traceback(tmp_path):
    png = tmp_path / "picture.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    done = run_cx("analyze", str(png), "--output", str(tmp_path / "o.csv"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cx: ")
    assert "Traceback" not in done.stderr


def _bad_cases(tmp: Path, export: Path) -> dict[str, list[str]]:
    taxonomy = tmp / "bad.yaml"
    taxonomy.write_text("causes: [", encoding="utf-8")
    out = str(tmp / "o.csv")
    return {
        "missing input": ["analyze", str(tmp / "nope.csv"), "-o", out],
        "unknown output type": ["analyze", str(tmp / "nope.csv"), "-o", "o.txt"],
        "missing output folder": ["analyze", str(export), "-o", str(tmp / "x/o.csv")],
        "unknown column": ["analyze", str(export), "-o", out, "--text-column", "Zzz"],
        "broken taxonomy": [
            "analyze",
            str(export),
            "-o",
            out,
            "--taxonomy",
            str(taxonomy),
        ],
        "missing taxonomy": ["ingest", str(export), "--taxonomy", str(tmp / "t.yaml")],
        "no command": [],
        "unknown flag": ["analyze", str(export), "-o", out, "--colour"],
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing input",
        "unknown output type",
        "missing output folder",
        "unknown column",
        "broken taxonomy",
        "missing taxonomy",
        "no command",
        "unknown flag",
    ],
)
def test_unusable_input_exits_2_with_a_message_and_no_traceback(
    tmp_path, export, capsys, case
):
    argv = _bad_cases(tmp_path, export)[case]
    db = tmp_path / "ws.duckdb"
    assert main([*argv, "--db", str(db)] if argv else argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip()
    if case not in ("no command", "unknown flag"):  # argparse prints usage first
        assert len(err.strip().splitlines()) == 1 and err.startswith("cx: ")
    if case == "unknown output type":  # refused before reading anything
        assert "o.txt" in err and "nope.csv" not in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_help_explains_every_flag(command, capsys):
    assert main([command, "--help"]) == 0
    text = capsys.readouterr().out
    flags = FLAGS if command == "analyze" else [*FLAGS[1:-2], "--no-analysis"]
    missing = [f for f in flags if f not in text]
    assert not missing
    if command == "analyze":
        assert all(c in text for c in CX_COLUMNS)
        assert "rejected.csv" in text
    sheet_help = " ".join(text.split("--sheet NAME")[-1].split()[:20])
    assert "largest sheet with a feedback column" in sheet_help
    assert "first" not in sheet_help


def test_db_stores_the_dataset_once(export, tmp_path, capsys):
    db = tmp_path / "ws" / "cx.duckdb"
    out = tmp_path / "r.csv"
    assert main(["analyze", str(export), "-o", str(out), "--db", str(db)]) == 0
    assert main(["ingest", str(export), "--db", str(db)]) == 0
    assert "already stored" in capsys.readouterr().err
    with Workspace(db) as ws:
        assert ws.count_feedback(Filters(), Scope.single_user()) == len(ACCEPTED)
        info = ws.dataset(1)
        assert info.taxonomy_version == ws.latest_taxonomy()[0] == 1
        assert len(ws.rejected_rows(1)) == len(REJECTED)
        causes = ws.count_by(["cause"], Filters(), Scope.single_user())
    analysed = read_output(out)["cx_cause"].value_counts()
    assert dict(zip(causes["cause"], causes["n"], strict=True)) == analysed.to_dict()


def test_ingest_without_analysis_stores_rows_without_causes(export, tmp_path):
    db = tmp_path / "ws.duckdb"
    assert main(["ingest", str(export), "--db", str(db), "--no-analysis", "-q"]) == 0
    with Workspace(db) as ws:
        rows = ws.feedback(Filters(), Scope.single_user())
    assert len(rows) == len(ACCEPTED)
    assert rows["cause"].isna().all()


def test_a_workspace_held_by_another_process_gives_one_line(export, tmp_path):
    db = tmp_path / "held.duckdb"
    with Workspace(db):
        done = run_cx("ingest", str(export), "--db", str(db), "--no-analysis")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "stop the app" in lines[0]


# -- users ----------------------------------------------------------------------------

SECRET = "correct horse battery"


def run_users(db: Path, *args: str, stdin: str | None = None):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cx", "users", *args, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
    )


def test_users_add_with_a_piped_password_then_sign_in_works(tmp_path):
    db = tmp_path / "ws.duckdb"
    done = run_users(
        db,
        "add",
        "ann",
        "--role",
        "team_lead",
        "--team",
        "Billing",
        "--team",
        "Kaunas Office",
        "--password-stdin",
        stdin=SECRET + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # a password given is never echoed
    added, warning = done.stderr.strip().splitlines()
    assert added == "cx: added user 'ann' (team_lead; teams: Billing, Kaunas Office)"
    assert warning.startswith("cx: warning: teams 'Billing', 'Kaunas Office' match ")
    assert "no feedback with a team is stored yet" in warning
    with Workspace(db) as ws:
        session = sign_in(ws, "ann", SECRET)
        log = ws.audit_log()
    assert session.scope.teams == ("Billing", "Kaunas Office")
    assert log["action"].tolist() == ["user_add"]
    assert SECRET.encode() not in db.read_bytes()


def test_users_add_without_a_password_prints_a_generated_one_once(tmp_path):
    db = tmp_path / "ws.duckdb"
    done = run_users(db, "add", "boss", "--role", "executive")
    assert done.returncode == 0, done.stderr
    password = done.stdout.strip()
    assert len(password) >= 10 and "\n" not in password
    assert "shown only this once" in done.stderr
    with Workspace(db) as ws:
        assert sign_in(ws, "boss", password).scope.role.value == "executive"
    again = run_users(db, "reset-password", "boss")
    assert again.returncode == 0, again.stderr
    new = again.stdout.strip()
    assert new != password
    with Workspace(db) as ws:
        assert sign_in(ws, "boss", new)
        with pytest.raises(AuthError, match="Wrong"):
            sign_in(ws, "boss", password)


def test_users_list_shows_roles_teams_and_state_but_never_hashes(tmp_path):
    db = tmp_path / "ws.duckdb"
    with Workspace(db) as ws:
        add_user(ws, "ann", SECRET, "team_lead", ["Billing", "Riga"])
        add_user(ws, "bob", SECRET, "admin")
        add_user(ws, "cid", SECRET, "executive")
        disable_user(ws, "cid")
        ws.update_user("bob", locked_until=dt.datetime(2999, 1, 1, 12, 30))
    done = run_users(db, "list")
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.strip().splitlines()]
    assert lines == [
        ["name", "role", "teams", "disabled", "locked-until"],
        ["ann", "team_lead", "Billing,Riga", "no", "-"],
        ["bob", "admin", "-", "no", "2999-01-01", "12:30", "UTC"],
        ["cid", "executive", "-", "yes", "-"],
    ]
    assert "argon2" not in done.stdout + done.stderr


def test_users_disable_stops_sign_in(tmp_path):
    db = tmp_path / "ws.duckdb"
    with Workspace(db) as ws:
        add_user(ws, "ann", SECRET, "executive")
    assert main(["users", "disable", "ann", "--db", str(db)]) == 0
    with Workspace(db) as ws:
        with pytest.raises(AuthError, match="disabled"):
            sign_in(ws, "ann", SECRET)
        assert ws.audit_log()["action"].tolist() == ["user_disable"]


def test_users_list_of_an_empty_workspace_says_single_user_mode(tmp_path, capsys):
    assert main(["users", "list", "--db", str(tmp_path / "ws.duckdb")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "single-user mode" in captured.err


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (
            ["add", "carl", "--role", "boss"],
            None,
            "cx: Unknown role 'boss': use one of admin, quality_manager, team_lead, "
            "executive.",
        ),
        (
            ["add", "carl", "--role", "team_lead"],
            None,
            "cx: A team lead needs at least one team: add --team NAME.",
        ),
        (
            ["add", "carl", "--role", "admin", "--team", "Riga"],
            None,
            "cx: Only team leads are limited to teams: leave out --team for admin.",
        ),
        (
            ["add", "ann", "--role", "admin"],
            None,
            "cx: User 'ann' already exists: choose another name.",
        ),
        (
            ["add", "carl", "--role", "admin", "--password-stdin"],
            "short\n",
            "cx: Password too short: use at least 10 characters.",
        ),
        (
            ["add", "carl", "--role", "admin", "--password-stdin"],
            "",
            "cx: no password on stdin: pipe one line, or leave out --password-stdin "
            "to generate one",
        ),
        (["disable", "zed"], None, "cx: No user named 'zed'."),
        (["reset-password", "zed"], None, "cx: No user named 'zed'."),
        (
            ["add", "two words", "--role", "admin"],
            None,
            "cx: User names are 2-64 letters, digits or . _ @ - (no spaces): "
            "'two words' is not.",
        ),
    ],
)
def test_bad_user_commands_exit_2_with_one_line(
    tmp_path, monkeypatch, capsys, argv, stdin, message
):
    db = tmp_path / "ws.duckdb"
    with Workspace(db) as ws:
        add_user(ws, "ann", SECRET, "executive")
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
    assert main(["users", *argv, "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == message
    assert captured.out == ""
    with Workspace(db) as ws:
        assert ws.list_users()["name"].tolist() == ["ann"]
        assert ws.audit_log().empty


def test_a_bad_user_command_in_the_real_cli_gives_one_line_and_exit_2(tmp_path):
    done = run_users(tmp_path / "ws.duckdb", "add", "carl", "--role", "boss")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "cx: Unknown role 'boss': use one of admin, quality_manager, team_lead, "
        "executive."
    ]


@pytest.mark.parametrize(
    "argv", [["users"], ["users", "add"], ["users", "add", "x"], ["users", "drop"]]
)
def test_incomplete_users_commands_are_usage_errors(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "usage: cx users" in err and "Traceback" not in err


def test_users_help_names_the_roles_and_every_action(capsys):
    assert main(["users", "--help"]) == 0
    text = capsys.readouterr().out
    for word in ("add", "list", "disable", "reset-password", *[r.value for r in Role]):
        assert word in text


def test_analyze_with_a_workspace_audits_the_export(export, tmp_path):
    db = tmp_path / "ws.duckdb"
    out = tmp_path / "r.csv"
    assert main(["analyze", str(export), "-o", str(out), "--db", str(db), "-q"]) == 0
    with Workspace(db) as ws:
        log = ws.audit_log()
    exported = log[log["action"] == "export_analyze"]
    assert len(exported) == 1
    assert exported["rows"].tolist() == [len(ACCEPTED)]
    assert exported["user"].iloc[0].startswith("cli")
    assert str(out) in exported["detail"].iloc[0]


def test_users_add_while_the_app_holds_the_workspace_says_to_stop_the_app(tmp_path):
    # The running app keeps its Workspace open: DuckDB then refuses any other
    # process the file, so the hint must say to stop the app first.
    db = tmp_path / "ws.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from cx.store import Workspace; ws = Workspace(sys.argv[1]); "
            "print('open', flush=True); sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        cwd=PROJECT_ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        done = run_users(db, "add", "ada", "--role", "admin")
    finally:
        holder.communicate("", timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"cx: the workspace {db} is open in another program")
    assert f"(process {holder.pid})" in lines[0]
    assert "stop the app" in lines[0] and "Traceback" not in done.stderr
    again = run_users(db, "add", "ada", "--role", "admin")  # the app stopped
    assert again.returncode == 0, again.stderr


def _workspace_with_teams(tmp_path: Path, export: Path) -> Path:
    db = tmp_path / "ws.duckdb"
    assert main(["ingest", str(export), "--db", str(db), "--no-analysis", "-q"]) == 0
    return db


def test_users_add_warns_in_one_line_when_a_team_matches_no_stored_team(
    export, tmp_path, capsys
):
    db = _workspace_with_teams(tmp_path, export)
    argv = ["users", "add", "ann", "--role", "team_lead", "--team", "Vilnus"]
    assert main([*argv, "--db", str(db)]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0] == "cx: added user 'ann' (team_lead; teams: Vilnus)"
    assert lines[1] == (
        "cx: warning: team 'Vilnus' matches no team in the stored feedback (known "
        "teams: '@Riga', 'Riga', 'Tallinn', 'Vilnius'); the user is added: check the "
        "spelling, or ignore this if that team's data comes later"
    )
    assert lines[2:] == ["cx: their password, shown only this once:"]
    with Workspace(db) as ws:
        assert ws.get_user("ann")["teams"] == ["Vilnus"]


def test_users_add_takes_a_team_in_other_capitals_and_spaces_without_a_warning(
    export, tmp_path, capsys
):
    db = _workspace_with_teams(tmp_path, export)
    argv = ["users", "add", "ann", "--role", "team_lead", "--team", " TALLINN "]
    assert main([*argv, "--db", str(db)]) == 0
    assert "warning" not in capsys.readouterr().err


def test_messages_about_one_row_use_the_singular(tmp_path, capsys):
    one = write_input(tmp_path / "one.csv", ROWS[:1])
    out = tmp_path / "one-out.csv"
    assert main(["analyze", str(one), "-o", str(out), "--no-store"]) == 0
    err = capsys.readouterr().err
    assert "cx: 1 row read: 1 accepted, 0 rejected" in err
    assert f"cx: wrote 1 row to {out}" in err
    assert "1 rows" not in err
    two = write_input(tmp_path / "two.csv", [ROWS[0], ROWS[5]])
    argv = ["analyze", str(two), "-o", str(tmp_path / "two-out.csv"), "--no-store"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "cx: 1 rejected row written to" in err


def test_a_date_column_with_its_order_in_doubt_is_warned_about_on_stderr(
    tmp_path, capsys
):
    # days 1-12 written month first, the rest day first: as in a real FCC export
    days = pd.date_range("2025-04-01", "2025-06-30", freq="D")
    written = [
        f"{d.month:02}-{d.day:02}-25" if d.day <= 12 else f"{d.day:02}-{d.month:02}-25"
        for d in days
    ]
    source = tmp_path / "swapped.csv"
    frame = pd.DataFrame({"Comment": [f"Rude agent {i}" for i in range(len(days))]})
    frame.assign(Date=written).to_csv(source, index=False)
    db = tmp_path / "ws.duckdb"
    assert main(["ingest", str(source), "--db", str(db), "--no-analysis", "-q"]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    warnings = [line for line in lines if line.startswith("cx: warning: Date: ")]
    assert len(warnings) == 1  # shown even with -q: rows may be read wrongly
    assert "read as day-first" in warnings[0]
    assert "day and month look swapped" in warnings[0]
    capsys.readouterr()
    clean = tmp_path / "clean.csv"
    frame.assign(Date=[d.strftime("%d-%m-%y") for d in days]).to_csv(clean, index=False)
    assert main(["ingest", str(clean), "--db", str(db), "--no-analysis", "-q"]) == 0
    assert "warning" not in capsys.readouterr().err
    # answered with --date-order month: every row lands on its real day, no warning
    chosen = tmp_path / "chosen.duckdb"
    argv = ["ingest", str(source), "--db", str(chosen), "--no-analysis", "-q"]
    assert main([*argv, "--date-order", "month"]) == 0
    assert "warning" not in capsys.readouterr().err
    with Workspace(chosen) as ws:
        stored = ws.feedback(Filters(), Scope.single_user())["date"]
    assert sorted(stored.dt.date) == [d.date() for d in days]
