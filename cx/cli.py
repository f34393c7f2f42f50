"""The command line: analyse an export, store it in the workspace, manage users.

A thin shell over the library: it parses flags, calls ``cx`` and reports on stderr.
Unusable input ends with one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from cx import __version__
from cx.access import Role, Scope, unknown_teams
from cx.auth import AuthError, add_user, disable_user, generate_password, reset_password
from cx.config import get_settings
from cx.export import to_csv_bytes, to_xlsx_bytes
from cx.ingest import IngestError, IngestResult, feedback_sheet, ingest
from cx.store import Workspace, WorkspaceError
from cx.taxonomy import (
    Taxonomy,
    TaxonomyError,
    default_taxonomy,
    dump_taxonomy,
    parse_taxonomy,
)

__all__ = ["OUTPUT_FORMATS", "CX_COLUMNS", "main", "rejected_path"]

OUTPUT_FORMATS = (".csv", ".xlsx", ".parquet")
CX_COLUMNS = (
    "cx_language",
    "cx_cause",
    "cx_causes",
    "cx_confidence",
    "cx_theme",
    "cx_ladder",
    "cx_evidence",
)
EXCEL_MAX_ROWS = 1_048_575  # a sheet's rows, less the header
PROGRESS_MIN_ROWS = 5_000
# (flag, mapping role, help)
_COLUMN_FLAGS = (
    ("--text-column", "text", "the column holding the customer's words"),
    ("--date-column", "date", "the date of the feedback"),
    ("--channel-column", "channel", "phone, e-mail, chat, office, social, ..."),
    ("--team-column", "team", "the team or branch that served the customer"),
    ("--customer-column", "customer_id", "the customer's id"),
    ("--rating-column", "rating", "a CSAT/NPS rating"),
    ("--id-column", "record_id", "the export's own record id"),
)

_OUTPUT_HELP = """\
output columns:
  OUT holds every input column unchanged (accepted rows, in input order), then
  cx_language    en, ru, lt, lv, et or unknown
  cx_cause       the primary cause id, or "none"
  cx_causes      every assigned cause id joined by ";" ("" when none)
  cx_confidence  0..1
  cx_theme       emerging-theme label ("" when the row has a cause or none fits)
  cx_ladder      expectation ladder: -1 below, 0 met, 1 above expectations
  cx_evidence    the words that drove the assignment, joined by "; "
  Cells that a spreadsheet would run as a formula (starting with = + - @, tab or
  carriage return) never run: in CSV they start with a single quote; in Excel they
  keep their text as written, stored as text with Excel's quote prefix.

rejected rows:
  rows that cannot be used (empty text, unreadable, ...) are written to
  STEM.rejected.csv beside OUT (out/result.xlsx -> out/result.rejected.csv) with
  every input column plus cx_reject_reason; the file is written only when some
  row is rejected, and stderr says how many.

exit status: 0 done, 2 unusable input or usage, 1 internal error.
"""


class UsageError(ValueError):
    """A problem with the command line or its files, shown as one line."""


def _plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``n`` and the noun in the number it needs.

    >>> _plural(1, "row"), _plural(2, "row"), _plural(0, "entry", "entries")
    ('1 row', '2 rows', '0 entries')
    """
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


_HELD_BY = re.compile(r"\(PID (\d+)\)")


def _open_workspace(path: str | None) -> Workspace:
    """The workspace, or one line saying why not; a file locked by the running app
    (DuckDB lets one process at a time open it) says to stop the app first."""
    try:
        return Workspace(path)
    except WorkspaceError as exc:
        if "lock" not in str(exc).lower():
            raise
        target = path or str(get_settings().db_path)
        held = _HELD_BY.search(str(exc))
        who = f" (process {held.group(1)})" if held else ""
        raise UsageError(
            f"the workspace {target} is open in another program{who}, most likely "
            "the running cx app: stop the app (Ctrl+C where `streamlit run app.py` "
            "runs), run this command again, then start the app"
        ) from None


def rejected_path(output: Path) -> Path:
    """Where the rejected rows of ``output`` go: ``STEM.rejected.csv`` beside it.

    >>> rejected_path(Path("out/result.xlsx")).as_posix()
    'out/result.rejected.csv'
    """
    return output.with_name(f"{output.stem}.rejected.csv")


def _add_column_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "column mapping",
        "cx guesses which column is which; name a column to override the guess",
    )
    for flag, role, help_text in _COLUMN_FLAGS:
        group.add_argument(flag, metavar="COL", dest=f"col_{role}", help=help_text)
    group.add_argument(
        "--sheet",
        metavar="NAME",
        help="the Excel sheet to read (default: the largest sheet with a feedback "
        "column, as the browser upload opens)",
    )
    group.add_argument(
        "--date-order",
        choices=("day", "month"),
        help="read dates that fit both orders (04-06-2015) day first or month first; "
        "a date only one order allows is read that way (default: one order for the "
        "whole column, decided from its values; cx warns when it is in doubt)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cx",
        description="Why customers are dissatisfied: analyse feedback exports.",
    )
    parser.add_argument("--version", action="version", version=f"cx {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    analyze = commands.add_parser(
        "analyze",
        help="add cause, theme and ladder columns to an export",
        description="Analyse INPUT (CSV, Excel, JSON or Parquet) and write OUT with\n"
        "the seven cx_* columns added; also store it in the workspace.",
        epilog=_OUTPUT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("input", metavar="INPUT", help="the feedback export")
    analyze.add_argument(
        "--output",
        "-o",
        metavar="OUT",
        required=True,
        help="the result file: .csv, .xlsx or .parquet (by its extension)",
    )
    _add_column_flags(analyze)
    _add_common_flags(analyze)
    analyze.add_argument(
        "--no-store",
        action="store_true",
        help="only write OUT; do not store the dataset in the workspace",
    )

    ingest = commands.add_parser(
        "ingest",
        help="store an export (and its analysis) in the workspace",
        description="Read INPUT, analyse it and store it in the workspace for the "
        "dashboard. The same file stored twice is kept once.",
        epilog="exit status: 0 done, 2 unusable input or usage, 1 internal error.",
    )
    ingest.add_argument("input", metavar="INPUT", help="the feedback export")
    _add_column_flags(ingest)
    _add_common_flags(ingest)
    ingest.add_argument(
        "--no-analysis",
        action="store_true",
        help="store the rows without analysing them (analyse later in the dashboard)",
    )
    _add_users_parser(commands)
    return parser


_USERS_EPILOG = f"""\
roles: {", ".join(r.value for r in Role)}
  admin, quality_manager  every page; uploads and taxonomy edits
  team_lead               Explore and Lists of their own team(s) only (--team)
  executive               the Summary page only, aggregates without verbatims
Without --password-stdin a random password is generated and printed once on stdout.
Once a user exists, the dashboard asks everyone to sign in.

exit status: 0 done, 2 unusable input or usage, 1 internal error.
"""


def _add_users_parser(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser(
        "users",
        help="add, list, disable users or reset their passwords",
        description="Manage who may sign in to the dashboard, and with which role.",
        epilog=_USERS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = users.add_subparsers(
        dest="users_command", metavar="ACTION", required=True
    )
    add = actions.add_parser(
        "add",
        help="create a user",
        description="Create a user with a role (team leads need --team).",
        epilog=_USERS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("name", metavar="NAME", help="the user name (no spaces)")
    add.add_argument(
        "--role",
        required=True,
        metavar="ROLE",
        help=f"one of {', '.join(r.value for r in Role)}",
    )
    add.add_argument(
        "--team",
        action="append",
        default=[],
        metavar="TEAM",
        dest="teams",
        help="a team the team lead may see (repeat for several)",
    )
    _add_password_flag(add)
    listing = actions.add_parser("list", help="show every user (never their passwords)")
    disable = actions.add_parser("disable", help="stop a user from signing in")
    disable.add_argument("name", metavar="NAME")
    reset = actions.add_parser(
        "reset-password",
        help="set a new password and lift a lock-out",
        description="Set a new password for NAME (generated and printed once, "
        "unless --password-stdin) and lift any lock-out.",
    )
    reset.add_argument("name", metavar="NAME")
    _add_password_flag(reset)
    for sub in (add, listing, disable, reset):
        sub.add_argument(
            "--db",
            metavar="PATH",
            help="the workspace file (default: $CX_DB, else data/workspace.duckdb)",
        )


def _add_password_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin instead of generating "
        "one (e.g. printf '%%s\\n' \"$PW\" | cx users add ...)",
    )


def _add_common_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--taxonomy",
        metavar="FILE",
        help="the cause taxonomy (YAML); default: the workspace's latest version, "
        "else the shipped five-cause taxonomy",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the workspace file (default: $CX_DB, else data/workspace.duckdb)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar and no summary"
    )


class _Progress:
    """A one-line text bar on stderr, fed by ``analyse``'s progress callback."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._last = -1.0
        self._started = time.monotonic()

    def __call__(self, stage: str, fraction: float) -> None:
        if not self.enabled:
            return
        fraction = min(max(float(fraction), 0.0), 1.0)
        if 0 <= fraction - self._last < 0.01 and fraction < 1.0:
            return
        self._last = fraction
        filled = int(fraction * 30)
        bar = "#" * filled + "." * (30 - filled)
        elapsed = time.monotonic() - self._started
        line = f"\r[{bar}] {fraction:4.0%} {stage[:24]:<24} {elapsed:5.0f}s"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._last >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _load(args: argparse.Namespace) -> IngestResult:
    """Read INPUT and map its columns: cx's guess, overridden by the flags."""
    path = Path(args.input)
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "not found"
        raise UsageError(f"input file {what}: {path}")
    overrides = {
        f"{role}_column" if role != "record_id" else "id_column": getattr(
            args, f"col_{role}"
        )
        for _, role, _ in _COLUMN_FLAGS
    }
    sheet = args.sheet
    if sheet is None and path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet = feedback_sheet(path)  # the sheet the browser upload opens on
    return ingest(path, sheet=sheet, date_order=args.date_order, **overrides)


def _taxonomy(args: argparse.Namespace, ws: Workspace | None) -> tuple[Taxonomy, str]:
    """The taxonomy to use and its YAML text (flag, else workspace, else default)."""
    if args.taxonomy:
        path = Path(args.taxonomy)
        if not path.is_file():
            raise UsageError(f"taxonomy file not found: {path}")
        text = path.read_text(encoding="utf-8")
        return parse_taxonomy(text), text
    latest = ws.latest_taxonomy() if ws is not None else None
    if latest is not None:
        return parse_taxonomy(latest[1]), latest[1]
    taxonomy = default_taxonomy()
    return taxonomy, dump_taxonomy(taxonomy)


def _analyse(
    result: IngestResult,
    taxonomy: Taxonomy,
    ws: Workspace | None,
    progress: Callable[[str, float], None],
):
    # Imported here: the model stack is heavy and `ingest --no-analysis` needs none.
    from cx.analysis import STAGES, analyse

    def overall(stage: str, fraction: float) -> None:
        # analyse reports each stage from 0 to 1; the bar shows the whole run.
        done = STAGES.index(stage) if stage in STAGES else 0
        progress(stage, (done + fraction) / len(STAGES))

    corrections = ws.corrections() if ws is not None else None
    if corrections is not None and corrections.empty:
        corrections = None
    return analyse(result.accepted, taxonomy, corrections, progress=overall)


def _output_frame(result: IngestResult, rows: pd.DataFrame) -> pd.DataFrame:
    """Every input column of the accepted rows, in input order, plus the cx columns."""
    source = result.raw.frame.loc[result.accepted.index]
    source = source.drop(columns=[c for c in CX_COLUMNS if c in source.columns])
    added = rows.loc[result.accepted.index, list(CX_COLUMNS)]
    return pd.concat([source, added], axis=1).reset_index(drop=True)


def _write(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` by the extension of ``path``; CSV/Excel formula-neutralised."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.to_parquet(path, index=False)
        return
    data = (
        to_csv_bytes(frame, mask=False)
        if suffix == ".csv"
        else to_xlsx_bytes(frame, mask=False, sheet_name="cx")
    )
    path.write_bytes(data)


def _check_output(path: Path) -> None:
    if path.suffix.lower() not in OUTPUT_FORMATS:
        raise UsageError(
            f"cannot write {path.name}: the output must end in "
            + ", ".join(OUTPUT_FORMATS)
        )
    if not path.parent.is_dir():
        raise UsageError(f"the output folder does not exist: {path.parent}")


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _store(
    ws: Workspace,
    result: IngestResult,
    analysis: object,
    taxonomy_text: str | None,
    err: TextIO,
    quiet: bool,
) -> None:
    user = _who()
    version = ws.save_taxonomy(taxonomy_text, user) if taxonomy_text else None
    info, created = ws.add_dataset(result, analysis, taxonomy_version=version)
    if created:
        ws.log_audit(user, "ingest", "", info.rows_accepted, f"dataset {info.id}")
    if not quiet:
        if created:
            print(f"cx: stored as dataset {info.id} in {ws.path}", file=err)
        else:
            print(
                f"cx: this file is already stored as dataset {info.id} "
                f"({info.name}); not stored again",
                file=err,
            )


def _write_outputs(
    result: IngestResult, rows: pd.DataFrame, output: Path, err: TextIO, quiet: bool
) -> None:
    """OUT with the analysis, and the rejected rows beside it when there are any."""
    _write(_output_frame(result, rows), output)
    if not quiet:
        print(f"cx: wrote {_plural(len(result.accepted), 'row')} to {output}", file=err)
    if len(result.rejected):
        # every input column and the reason (ingest appends number, then reason)
        keep = [*range(result.raw.frame.shape[1]), -1]
        rejected = result.rejected.iloc[:, keep]
        target = rejected_path(output)
        target.write_bytes(to_csv_bytes(rejected, mask=False))
        print(
            f"cx: {_plural(len(rejected), 'rejected row')} written to {target}",
            file=err,
        )


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """The password to set and whether it was generated (then it is printed once)."""
    if not args.password_stdin:
        return generate_password(), True
    line = sys.stdin.readline()
    password = line.removesuffix("\n").removesuffix("\r")
    if not password:
        raise UsageError(
            "no password on stdin: pipe one line, or leave out "
            "--password-stdin to generate one"
        )
    return password, False


def _users_table(frame: pd.DataFrame, now: dt.datetime) -> str:
    """The users as a fixed-width text table (never the password hashes)."""
    header = ("name", "role", "teams", "disabled", "locked-until")
    lines = []
    for _, user in frame.iterrows():
        locked = user["locked_until"]
        locked_text = (
            f"{pd.Timestamp(locked):%Y-%m-%d %H:%M} UTC"
            if pd.notna(locked) and pd.Timestamp(locked) > pd.Timestamp(now)
            else "-"
        )
        lines.append(
            (
                str(user["name"]),
                str(user["role"]),
                ",".join(user["teams"]) or "-",
                "yes" if user["disabled"] else "no",
                locked_text,
            )
        )
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *lines]
    )


def _warn_unknown_teams(ws: Workspace, scope: Scope, err: TextIO) -> None:
    """One line when a team lead's team matches no team in the stored feedback yet
    (case and spaces are ignored): a typo would show them nothing."""
    if not scope.teams:
        return
    known = ws.filter_options(Scope.single_user())["teams"]
    missing = unknown_teams(scope.teams, known)
    if not missing:
        return
    names = ", ".join(repr(t) for t in missing)
    if known:
        shown = ", ".join(repr(t) for t in known[:20])
        more = f" and {len(known) - 20} more" if len(known) > 20 else ""
        listing = f"known teams: {shown}{more}"
    else:
        listing = "no feedback with a team is stored yet"
    what = "team" if len(missing) == 1 else "teams"
    print(
        f"cx: warning: {what} {names} {'matches' if len(missing) == 1 else 'match'} "
        f"no team in the stored feedback ({listing}); the user is added: check the "
        "spelling, or ignore this if that team's data comes later",
        file=err,
    )


def _run_users(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    who = _who()
    command = args.users_command
    if command in ("add", "reset-password"):
        # Before opening the workspace: nothing is touched when stdin is empty.
        password, generated = _password(args)
    with _open_workspace(args.db) as ws:
        if command == "list":
            frame = ws.list_users()
            if frame.empty:
                print(
                    "cx: no users yet (single-user mode); add one with "
                    "`cx users add NAME --role admin`",
                    file=err,
                )
                return 0
            print(
                _users_table(frame, dt.datetime.now(dt.UTC).replace(tzinfo=None)),
                file=out,
            )
            return 0
        if command == "disable":
            disable_user(ws, args.name)
            ws.log_audit(who, "user_disable", "{}", 0, args.name)
            print(f"cx: disabled user {args.name!r}", file=err)
            return 0
        if command == "add":
            scope = add_user(ws, args.name, password, args.role, args.teams)
            teams = f"; teams: {', '.join(scope.teams)}" if scope.teams else ""
            detail = json.dumps(
                {"name": scope.user, "role": scope.role.value, "teams": scope.teams},
                ensure_ascii=False,
            )
            ws.log_audit(who, "user_add", "{}", 0, detail)
            print(
                f"cx: added user {scope.user!r} ({scope.role.value}{teams})", file=err
            )
            _warn_unknown_teams(ws, scope, err)
        else:
            reset_password(ws, args.name, password)
            ws.log_audit(who, "user_reset_password", "{}", 0, args.name)
            print(f"cx: new password set for {args.name!r}", file=err)
    if generated:
        print("cx: their password, shown only this once:", file=err)
        print(password, file=out)
    return 0


def _run(args: argparse.Namespace, err: TextIO) -> int:
    if args.command == "users":
        return _run_users(args, sys.stdout, err)
    analyze = args.command == "analyze"
    output = Path(args.output) if analyze else None
    if output is not None:
        _check_output(output)
    ws = None if analyze and args.no_store else _open_workspace(args.db)
    try:
        # The taxonomy first: a broken one stops before any reading.
        chosen = _taxonomy(args, ws) if analyze or not args.no_analysis else None
        result = _load(args)
        if output is not None and output.suffix.lower() == ".xlsx":
            if len(result.accepted) > EXCEL_MAX_ROWS:
                raise UsageError(
                    f"{len(result.accepted):,} rows do not fit in an Excel sheet: "
                    "write .csv or .parquet instead"
                )
        if not args.quiet:
            raw = result.raw
            where = f"sheet '{raw.sheet}' of {raw.source_name}: " if raw.sheet else ""
            print(f"cx: {where}{result.ledger.summary()}", file=err)
        for warning in result.warnings:  # rows read but perhaps read wrongly: even -q
            print(f"cx: warning: {warning}", file=err)
        if output is None and ws is not None:
            known = ws.find_dataset(result.raw.sha256)
            if known is not None:  # nothing to analyse or store again
                print(
                    f"cx: this file is already stored as dataset {known.id} "
                    f"({known.name}); not stored again",
                    file=err,
                )
                return 0
        analysis = None
        if chosen is not None:
            big = len(result.accepted) > PROGRESS_MIN_ROWS
            progress = _Progress(err, not args.quiet and (err.isatty() or big))
            try:
                analysis = _analyse(result, chosen[0], ws, progress)
            finally:
                progress.close()
        if output is not None:
            _write_outputs(result, analysis.rows, output, err, args.quiet)
            if ws is not None:  # an export of analysed customer words: audited
                ws.log_audit(
                    _who(),
                    "export_analyze",
                    "{}",
                    len(result.accepted),
                    f"{Path(args.input).name} -> {output}",
                )
        if ws is not None:
            text = chosen[1] if chosen is not None else None
            _store(ws, result, analysis, text, err, args.quiet)
    finally:
        if ws is not None:
            ws.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cx`` command line; returns the exit status."""
    err = sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version or a usage error (already printed)
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    try:
        return _run(args, err)
    except (UsageError, IngestError, TaxonomyError, WorkspaceError, AuthError) as exc:
        print(f"cx: {_one_line(exc)}", file=err)
        return 2
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"cx: {exc.strerror or _one_line(exc)}{where}", file=err)
        return 2
    except KeyboardInterrupt:
        print("cx: interrupted", file=err)
        return 130
    except Exception as exc:  # the last line of defence: never a traceback
        print(f"cx: internal error: {type(exc).__name__}: {_one_line(exc)}", file=err)
        return 1


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
