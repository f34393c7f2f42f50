"""The DuckDB workspace: uploads, analysis, corrections, taxonomies, users, audit.

One embedded file holds everything. Every read that returns feedback rows or aggregates
is narrowed by :func:`cx.access.scope_filters` first, so no caller can forget it; SQL is
always parameterised, never formatted with user values.

>>> ws = Workspace(":memory:")
>>> ws.count_feedback(Filters(), Scope.single_user())
0
>>> ws.close()
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cx.access import Scope, scope_filters
from cx.config import get_settings
from cx.filters import Filters
from cx.ingest import CANONICAL_COLUMNS
from cx.taxonomy import parse_taxonomy

__all__ = [
    "ANALYSIS_COLUMNS",
    "COUNT_DIMS",
    "DatasetInfo",
    "FEEDBACK_COLUMNS",
    "MIGRATIONS",
    "PERIODS",
    "ROW_COLUMNS",
    "SCHEMA_VERSION",
    "Workspace",
    "WorkspaceError",
]

# Canonical columns as stored (the ingest frame without its index).
FEEDBACK_COLUMNS = CANONICAL_COLUMNS
# Stored analysis column -> the cx_* column of cx.analysis.Analysis.rows.
ANALYSIS_COLUMNS = {
    "language": "cx_language",
    "cause": "cx_cause",
    "causes": "cx_causes",
    "confidence": "cx_confidence",
    "theme": "cx_theme",
    "ladder": "cx_ladder",
    "evidence": "cx_evidence",
}
# What feedback() returns, in order.
ROW_COLUMNS = ("dataset_id", "dataset", *FEEDBACK_COLUMNS, *ANALYSIS_COLUMNS)
_FEEDBACK_SELECT = ", ".join(f'"{c}"' for c in FEEDBACK_COLUMNS)
_ROW_SELECT = ", ".join(f'"{c}"' for c in ROW_COLUMNS)
_NO_ANALYSIS = ", ".join(f"{c} = NULL" for c in ANALYSIS_COLUMNS)
_FEEDBACK_TABLE_SELECT = ", ".join(f'"{c}"' for c in ("dataset_id", *FEEDBACK_COLUMNS))
COUNT_DIMS = ("cause", "channel", "team", "language", "dataset_id", "ladder", "theme")
PERIODS = ("day", "week", "month")

# What a search's cached rows hold: their keys and every column a count reads.
_SEARCH_KEYS = tuple(dict.fromkeys(("dataset_id", "row_number", "date", *COUNT_DIMS)))
_SEARCH_COLUMNS = ", ".join(f'"{c}"' for c in _SEARCH_KEYS)
# How many search texts keep their matching rows in memory.
_SEARCH_CACHE_SIZE = 16

# Ordered schema migrations: step i brings a file from version i to i + 1. Append only;
# never edit a step that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: uploads, their rows, analysis, rejected rows, themes, and the query view.
    (
        "CREATE SEQUENCE dataset_ids START 1",
        """CREATE TABLE datasets (
            id BIGINT PRIMARY KEY DEFAULT nextval('dataset_ids'),
            name VARCHAR NOT NULL,
            source_name VARCHAR,
            sha256 VARCHAR NOT NULL UNIQUE,
            uploaded_at TIMESTAMP NOT NULL,
            mapping_json VARCHAR NOT NULL,
            ledger_json VARCHAR NOT NULL,
            rows_read BIGINT NOT NULL,
            rows_accepted BIGINT NOT NULL,
            rows_rejected BIGINT NOT NULL,
            taxonomy_version INTEGER
        )""",
        """CREATE TABLE feedback (
            dataset_id BIGINT NOT NULL,
            row_number BIGINT NOT NULL,
            record_id VARCHAR,
            text VARCHAR NOT NULL,
            "date" TIMESTAMP,
            channel VARCHAR,
            team VARCHAR,
            customer_id VARCHAR,
            rating DOUBLE
        )""",
        """CREATE TABLE analysis (
            dataset_id BIGINT NOT NULL,
            row_number BIGINT NOT NULL,
            language VARCHAR,
            cause VARCHAR,
            causes VARCHAR,
            confidence DOUBLE,
            theme VARCHAR,
            ladder INTEGER,
            evidence VARCHAR
        )""",
        """CREATE TABLE rejected (
            dataset_id BIGINT NOT NULL,
            row_number BIGINT NOT NULL,
            reason VARCHAR NOT NULL,
            raw_json VARCHAR NOT NULL
        )""",
        """CREATE TABLE themes (
            dataset_id BIGINT NOT NULL,
            theme VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            size BIGINT NOT NULL,
            top_terms VARCHAR NOT NULL
        )""",
        """CREATE VIEW rows_v AS
        SELECT f.dataset_id, d.name AS dataset, f.row_number, f.record_id, f.text,
               f."date", f.channel, f.team, f.customer_id, f.rating,
               a.language, a.cause, a.causes, a.confidence, a.theme, a.ladder,
               a.evidence
        FROM feedback f
        JOIN datasets d ON d.id = f.dataset_id
        LEFT JOIN analysis a
          ON a.dataset_id = f.dataset_id AND a.row_number = f.row_number""",
    ),
    # 2: human corrections and taxonomy versions.
    (
        "CREATE SEQUENCE correction_ids START 1",
        """CREATE TABLE corrections (
            id BIGINT PRIMARY KEY DEFAULT nextval('correction_ids'),
            dataset_id BIGINT NOT NULL,
            row_number BIGINT NOT NULL,
            text VARCHAR NOT NULL,
            cause VARCHAR NOT NULL,
            "user" VARCHAR NOT NULL,
            "at" TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE taxonomies (
            version INTEGER PRIMARY KEY,
            name VARCHAR NOT NULL,
            yaml VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            created_by VARCHAR NOT NULL
        )""",
    ),
    # 3: users and the audit log (sign-in builds on these).
    (
        """CREATE TABLE users (
            name VARCHAR PRIMARY KEY,
            password_hash VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            teams VARCHAR NOT NULL DEFAULT '[]',
            disabled BOOLEAN NOT NULL DEFAULT FALSE,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TIMESTAMP,
            created_at TIMESTAMP NOT NULL
        )""",
        "CREATE SEQUENCE audit_ids START 1",
        """CREATE TABLE audit (
            id BIGINT PRIMARY KEY DEFAULT nextval('audit_ids'),
            "at" TIMESTAMP NOT NULL,
            "user" VARCHAR NOT NULL,
            action VARCHAR NOT NULL,
            filters VARCHAR NOT NULL,
            rows BIGINT NOT NULL,
            detail VARCHAR NOT NULL
        )""",
    ),
    # 4: analysis columns move into the feedback table, so every read scans one table
    # instead of joining a million analysis rows to their feedback rows per query.
    (
        "DROP VIEW rows_v",
        *(
            f"ALTER TABLE feedback ADD COLUMN {name} {kind}"
            for name, kind in (
                ("language", "VARCHAR"),
                ("cause", "VARCHAR"),
                ("causes", "VARCHAR"),
                ("confidence", "DOUBLE"),
                ("theme", "VARCHAR"),
                ("ladder", "INTEGER"),
                ("evidence", "VARCHAR"),
            )
        ),
        """UPDATE feedback SET language = a.language, cause = a.cause,
            causes = a.causes, confidence = a.confidence, theme = a.theme,
            ladder = a.ladder, evidence = a.evidence
        FROM analysis a
        WHERE a.dataset_id = feedback.dataset_id
          AND a.row_number = feedback.row_number""",
        "DROP TABLE analysis",
        """CREATE VIEW rows_v AS
        SELECT f.dataset_id, d.name AS dataset, f.row_number, f.record_id, f.text,
               f."date", f.channel, f.team, f.customer_id, f.rating,
               f.language, f.cause, f.causes, f.confidence, f.theme, f.ladder,
               f.evidence
        FROM feedback f
        JOIN datasets d ON d.id = f.dataset_id""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_USER_FIELDS = (
    "password_hash",
    "role",
    "teams",
    "disabled",
    "failed_attempts",
    "locked_until",
)
_ORDER_TERM = re.compile(r"^\s*(\w+)(?:\s+(asc|desc))?\s*$", re.IGNORECASE)


class WorkspaceError(RuntimeError):
    """The workspace file cannot be used; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class DatasetInfo:
    """One stored upload: where it came from, how it was mapped, what was kept."""

    id: int
    name: str
    source_name: str | None
    sha256: str
    uploaded_at: dt.datetime
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    taxonomy_version: int | None
    mapping: dict[str, Any]
    ledger: dict[str, Any]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _as_dict(value: object) -> dict[str, Any]:
    if value is None:
        return {}
    if hasattr(value, "as_dict"):
        return dict(value.as_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return dict(value)  # type: ignore[call-overload]


def _where(filters: Filters) -> tuple[str, list[Any]]:
    """A WHERE clause over ``feedback`` (or ``rows_v``) and its parameters; values
    are never inlined. ``filters.search`` is not part of it: a Workspace reads a
    search's rows from its in-memory cache (``_search_rows``)."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from is not None:
        clauses.append('"date" >= ?')
        params.append(dt.datetime.combine(filters.date_from, dt.time()))
    if filters.date_to is not None:
        clauses.append('"date" < ?')
        params.append(dt.datetime.combine(filters.date_to, dt.time()) + dt.timedelta(1))
    for column, values in (
        ("channel", filters.channels),
        ("team", filters.teams),
        ("language", filters.languages),
        ("cause", filters.causes),
    ):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    if filters.datasets:
        ids = [int(d) for d in filters.datasets if d.strip().lstrip("-").isdigit()]
        if ids:
            clauses.append(f"dataset_id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        else:
            clauses.append("FALSE")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _and(condition: str, source: str) -> str:
    """``condition`` appended to the WHERE clause of ``source`` (or opening one).

    >>> _and("x", "feedback"), _and("x", "feedback WHERE y")
    (' WHERE x', ' AND x')
    """
    return (" AND " if " WHERE " in source else " WHERE ") + condition


def _count_dims(dims: Sequence[str], period: str | None) -> list[str]:
    """``dims`` checked, with "period" first when asked for and not placed."""
    dims = list(dims)
    if period is not None:
        if period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}")
        if "period" not in dims:
            dims.insert(0, "period")
    unknown = [d for d in dims if d not in COUNT_DIMS and d != "period"]
    if unknown or ("period" in dims and period is None) or len(set(dims)) < len(dims):
        raise ValueError(
            f"cannot count by {dims}: use distinct names among "
            f"{', '.join(COUNT_DIMS)} (and 'period' with period=...)"
        )
    return dims


def _order_clause(order_by: str) -> str:
    """A safe ORDER BY from ``"date DESC, team"``; unknown columns raise ValueError."""
    terms = []
    for part in order_by.split(","):
        match = _ORDER_TERM.match(part)
        if not match or match.group(1).lower() not in ROW_COLUMNS:
            raise ValueError(
                f"cannot order by {part.strip()!r}: use one of {', '.join(ROW_COLUMNS)}"
                " optionally followed by ASC or DESC"
            )
        column = match.group(1).lower()
        direction = (match.group(2) or "ASC").upper()
        terms.append(f'"{column}" {direction} NULLS LAST')
    return ", ".join([*terms, "dataset_id", "row_number"])


def _terms_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value != value:
        return ""
    try:
        return ", ".join(str(v) for v in value)  # type: ignore[union-attr]
    except TypeError:
        return str(value)


def _own_column(frame: pd.DataFrame, name: str) -> str:
    return f"{name} (cx)" if f"{name} (cx)" in frame.columns else name


class Workspace:
    """An embedded DuckDB file holding uploads, analysis, corrections and users.

    Open one per process (DuckDB allows one writing process per file); methods take a
    fresh cursor per call, so one Workspace can be shared between threads.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        target = str(path) if path is not None else str(get_settings().db_path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.path = target
        try:
            self._con = duckdb.connect(target)
        except duckdb.IOException as exc:
            message = str(exc).splitlines()[0]
            raise WorkspaceError(
                f"cannot open the workspace {target}: {message} "
                "(is another cx process using it? close it or pass another --db)"
            ) from None
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            raise WorkspaceError(
                f"cannot open the workspace {target}: {message} "
                "(is it a cx DuckDB file?)"
            ) from None
        self._lock = threading.Lock()
        self._writes = 0  # committed writes through this object, part of data_key
        # Rows matching recent search texts, kept in a private in-memory database:
        # a search then scans the texts once, not once per chart (see _search_rows).
        self._search_db = f"cx_search_{uuid.uuid4().hex}"
        self._search_lock = threading.Lock()
        self._search_tables: dict[tuple[str, str], str] = {}
        self._search_rows_key: str | None = None
        try:
            self._migrate()
        except BaseException:
            self._con.close()
            raise

    # -- plumbing ---------------------------------------------------------------------

    def close(self) -> None:
        """Close the file (a checkpoint writes pending changes into it)."""
        with self._search_lock:
            if self._search_rows_key is not None:
                self._con.execute(f"DETACH DATABASE IF EXISTS {self._search_db}")
        self._con.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cursor() as cur:
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()
            self._writes += 1

    def data_key(self) -> str:
        """A short string that changes whenever stored rows, their analysis, the
        corrections or the taxonomy versions change; cheap (small tables only)."""
        with self._cursor() as cur:
            row = cur.execute(
                """SELECT (SELECT string_agg(id || ':' || rows_accepted || ':'
                          || coalesce(taxonomy_version, 0), ',' ORDER BY id)
                          FROM datasets),
                       (SELECT max(version) FROM taxonomies),
                       (SELECT count(*) || ':' || coalesce(max(id), 0)
                          FROM corrections)"""
            ).fetchone()
        return "|".join(str(v) for v in (self._writes, *row))

    def prepare_search(self) -> None:
        """Load the search copy of the rows into memory now (a text search would
        otherwise load it on first use); safe to call from a background thread."""
        with self._search_lock:
            self._search_texts(self.data_key())

    def _search_texts(self, data_key: str) -> str:
        """An in-memory table of the stored rows' lower-cased texts and the columns
        counts read: scanning it is several times faster than the compressed file.
        Caller holds ``_search_lock``."""
        texts = f"{self._search_db}.texts"
        if self._search_rows_key == data_key:
            return texts
        with self._cursor() as cur:
            cur.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {self._search_db}")
        for table in self._search_tables.values():
            self._drop_search_table(table)
        self._search_tables.clear()
        with self._cursor() as cur:
            cur.execute(
                f"CREATE OR REPLACE TABLE {texts} AS "
                f"SELECT {_SEARCH_COLUMNS}, lower(text) AS text_lower FROM feedback"
            )
        self._search_rows_key = data_key
        return texts

    def _search_rows(self, text: str) -> str:
        """A view of the rows whose text contains ``text`` (case ignored; their keys
        and the columns counts read), found once per text and data state: a searched
        view's counts read these rows, its verbatims join them, instead of every text
        being searched again per read."""
        data_key = self.data_key()
        with self._search_lock:
            texts = self._search_texts(data_key)
            for stale in [k for k in self._search_tables if k[0] != data_key]:
                self._drop_search_table(self._search_tables.pop(stale))
            table = self._search_tables.get((data_key, text))
            if table is not None:
                return table
            while len(self._search_tables) >= _SEARCH_CACHE_SIZE:
                oldest = next(iter(self._search_tables))
                self._drop_search_table(self._search_tables.pop(oldest))
            # The matches' row ids alone are quick to keep; a view gives them the
            # copy's columns.
            table = f"{self._search_db}.rows_{uuid.uuid4().hex}"
            with self._cursor() as cur:
                cur.execute(
                    f"CREATE TABLE {table}_ids AS SELECT rowid AS id FROM {texts} "
                    "WHERE contains(text_lower, lower(?))",
                    [text],
                )
                cur.execute(
                    f"CREATE VIEW {table} AS SELECT {_SEARCH_COLUMNS} FROM {texts} "
                    f"WHERE rowid IN (SELECT id FROM {table}_ids)"
                )
            self._search_tables[(data_key, text)] = table
            return table

    def _drop_search_table(self, table: str) -> None:
        with self._cursor() as cur:
            cur.execute(f"DROP VIEW IF EXISTS {table}")
            cur.execute(f"DROP TABLE IF EXISTS {table}_ids")

    def _scoped(
        self, filters: Filters, scope: Scope, table: str = "feedback"
    ) -> tuple[str, list[Any]]:
        """What follows FROM (``table`` and a WHERE clause) for ``filters`` narrowed
        to ``scope``, and its parameters; a text search reads its cached rows."""
        narrowed = scope_filters(filters, scope)
        where, params = _where(narrowed)
        if not narrowed.search:
            return table + where, params
        rows = self._search_rows(narrowed.search)
        if table == "feedback":
            return rows + where, params
        searched = (
            f"(dataset_id, row_number) IN (SELECT dataset_id, row_number FROM {rows})"
        )
        return f"{table}{where}{_and(searched, where)}", params

    def _migrate(self) -> None:
        with self._transaction() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS schema_meta (version INTEGER)")
            current = cur.execute("SELECT max(version) FROM schema_meta").fetchone()[0]
            current = int(current or 0)
            if current > SCHEMA_VERSION:
                raise WorkspaceError(
                    f"the workspace {self.path} has schema version {current}, newer "
                    f"than this cx ({SCHEMA_VERSION}): upgrade cx to open it"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version - 1]:
                    cur.execute(statement)
                cur.execute("DELETE FROM schema_meta")
                cur.execute("INSERT INTO schema_meta VALUES (?)", [version])

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        with self._cursor() as cur:
            return int(
                cur.execute("SELECT max(version) FROM schema_meta").fetchone()[0]
            )

    # -- datasets ---------------------------------------------------------------------

    def add_dataset(
        self,
        result: Any,
        analysis: Any = None,
        *,
        name: str | None = None,
        taxonomy_version: int | None = None,
    ) -> tuple[DatasetInfo, bool]:
        """Store an ``IngestResult`` (and its ``Analysis``) in one transaction.

        The same file (SHA-256) stored before returns that dataset and ``False``, so
        re-uploading an export never double-counts. Any failure leaves nothing behind.
        """
        raw = result.raw
        accepted: pd.DataFrame = result.accepted
        rejected: pd.DataFrame = result.rejected
        ledger = _as_dict(result.ledger)
        with self._transaction() as cur:
            found = cur.execute(
                "SELECT id FROM datasets WHERE sha256 = ?", [raw.sha256]
            ).fetchone()
            if found is not None:
                return self._dataset_info(cur, int(found[0])), False
            dataset_id = int(cur.execute("SELECT nextval('dataset_ids')").fetchone()[0])
            cur.execute(
                """INSERT INTO datasets (id, name, source_name, sha256, uploaded_at,
                   mapping_json, ledger_json, rows_read, rows_accepted, rows_rejected,
                   taxonomy_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    dataset_id,
                    name or raw.source_name or f"dataset {dataset_id}",
                    raw.source_name,
                    raw.sha256,
                    _now(),
                    json.dumps(_as_dict(result.mapping), ensure_ascii=False),
                    json.dumps(ledger, ensure_ascii=False, default=str),
                    int(ledger.get("read", len(accepted) + len(rejected))),
                    len(accepted),
                    len(rejected),
                    taxonomy_version,
                ],
            )
            self._insert_feedback(cur, dataset_id, accepted)
            self._insert_rejected(cur, dataset_id, rejected)
            if analysis is not None:
                self._insert_analysis(cur, dataset_id, accepted, analysis)
            info = self._dataset_info(cur, dataset_id)
        return info, True

    @staticmethod
    def _insert_frame(
        cur: duckdb.DuckDBPyConnection, sql: str, frame: pd.DataFrame, params: list
    ) -> None:
        view = f"cx_in_{uuid.uuid4().hex}"
        cur.complete()  # DuckDB refuses to register while a result is unread
        cur.register(view, frame)
        try:
            cur.execute(sql.format(view=view), params)
        finally:
            cur.unregister(view)

    def _insert_feedback(
        self, cur: duckdb.DuckDBPyConnection, dataset_id: int, accepted: pd.DataFrame
    ) -> None:
        self._insert_frame(
            cur,
            f"""INSERT INTO feedback ({_FEEDBACK_TABLE_SELECT})
               SELECT ?, CAST(row_number AS BIGINT),
               CAST(record_id AS VARCHAR), CAST(text AS VARCHAR),
               CAST("date" AS TIMESTAMP), CAST(channel AS VARCHAR),
               CAST(team AS VARCHAR), CAST(customer_id AS VARCHAR),
               CAST(rating AS DOUBLE) FROM {{view}}""",
            accepted[list(FEEDBACK_COLUMNS)],
            [dataset_id],
        )

    def _insert_rejected(
        self, cur: duckdb.DuckDBPyConnection, dataset_id: int, rejected: pd.DataFrame
    ) -> None:
        if rejected is None or rejected.empty:
            return
        # ingest names its own columns "row_number (cx)" when the file has a
        # "row_number" column already; the raw ones are everything else.
        number = _own_column(rejected, "row_number")
        reason = _own_column(rejected, "cx_reject_reason")
        raw_columns = [c for c in rejected.columns if c not in (number, reason)]
        # pandas' C JSON writer; raw JSON strings never hold a bare newline.
        lines = rejected[raw_columns].to_json(
            orient="records", lines=True, force_ascii=False
        )
        frame = pd.DataFrame(
            {
                "row_number": rejected[number].to_numpy(),
                "reason": rejected[reason].astype(str).to_numpy(),
                "raw_json": lines.rstrip("\n").split("\n"),
            }
        )
        self._insert_frame(
            cur,
            "INSERT INTO rejected SELECT ?, CAST(row_number AS BIGINT), reason,"
            " raw_json FROM {view}",
            frame,
            [dataset_id],
        )

    def _insert_analysis(
        self,
        cur: duckdb.DuckDBPyConnection,
        dataset_id: int,
        frame: pd.DataFrame,
        analysis: Any,
    ) -> None:
        rows: pd.DataFrame = analysis.rows
        if not rows.index.equals(frame.index):
            raise ValueError(
                "the analysis rows do not line up with the feedback rows "
                "(analyse the same frame you store)"
            )
        rows = rows.assign(cx_row_number=frame["row_number"].to_numpy())
        assignments = ", ".join(
            f"{name} = CAST(a.{cx} AS {kind})"
            for (name, cx), kind in zip(
                ANALYSIS_COLUMNS.items(),
                ("VARCHAR",) * 3 + ("DOUBLE", "VARCHAR", "INTEGER", "VARCHAR"),
                strict=True,
            )
        )
        self._insert_frame(
            cur,
            f"""UPDATE feedback SET {assignments} FROM {{view}} a
            WHERE feedback.dataset_id = ? AND feedback.row_number = a.cx_row_number""",
            rows,
            [dataset_id],
        )
        themes = getattr(analysis, "themes", None)
        if themes is None or themes.empty:
            return
        summary = pd.DataFrame(
            {
                "theme": themes["theme"].astype(str).to_numpy(),
                "label": themes["label"].astype(str).to_numpy(),
                "size": themes["size"].astype("int64").to_numpy(),
                "top_terms": [_terms_text(v) for v in themes["top_terms"]],
            }
        )
        self._insert_frame(
            cur,
            "INSERT INTO themes SELECT ?, theme, label, size, top_terms FROM {view}",
            summary,
            [dataset_id],
        )

    def replace_analysis(
        self, dataset_id: int, analysis: Any, *, taxonomy_version: int | None = None
    ) -> None:
        """Swap a dataset's analysis for a new one (after a taxonomy change).

        ``analysis.rows`` must be aligned to :meth:`dataset_frame` of the same dataset.
        """
        frame = self.dataset_frame(dataset_id)
        with self._transaction() as cur:
            cur.execute(
                f"UPDATE feedback SET {_NO_ANALYSIS} WHERE dataset_id = ?",
                [dataset_id],
            )
            cur.execute("DELETE FROM themes WHERE dataset_id = ?", [dataset_id])
            self._insert_analysis(cur, dataset_id, frame, analysis)
            if taxonomy_version is not None:
                cur.execute(
                    "UPDATE datasets SET taxonomy_version = ? WHERE id = ?",
                    [taxonomy_version, dataset_id],
                )

    def delete_dataset(self, dataset_id: int) -> bool:
        """Remove a dataset with its rows, analysis, rejected rows and corrections."""
        with self._transaction() as cur:
            if not cur.execute(
                "SELECT 1 FROM datasets WHERE id = ?", [dataset_id]
            ).fetchone():
                return False
            for table in ("themes", "rejected", "corrections", "feedback"):
                cur.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])
            cur.execute("DELETE FROM datasets WHERE id = ?", [dataset_id])
        return True

    def _dataset_info(
        self, cur: duckdb.DuckDBPyConnection, dataset_id: int
    ) -> DatasetInfo:
        row = cur.execute(
            """SELECT id, name, source_name, sha256, uploaded_at, rows_read,
               rows_accepted, rows_rejected, taxonomy_version, mapping_json, ledger_json
               FROM datasets WHERE id = ?""",
            [dataset_id],
        ).fetchone()
        if row is None:
            raise KeyError(f"no dataset with id {dataset_id}")
        return DatasetInfo(
            id=int(row[0]),
            name=row[1],
            source_name=row[2],
            sha256=row[3],
            uploaded_at=row[4],
            rows_read=int(row[5]),
            rows_accepted=int(row[6]),
            rows_rejected=int(row[7]),
            taxonomy_version=None if row[8] is None else int(row[8]),
            mapping=json.loads(row[9]),
            ledger=json.loads(row[10]),
        )

    def dataset(self, dataset_id: int) -> DatasetInfo | None:
        """One stored dataset, or None."""
        with self._cursor() as cur:
            try:
                return self._dataset_info(cur, int(dataset_id))
            except KeyError:
                return None

    def find_dataset(self, sha256: str) -> DatasetInfo | None:
        """The dataset stored from a file with this SHA-256, or None."""
        with self._cursor() as cur:
            found = cur.execute(
                "SELECT id FROM datasets WHERE sha256 = ?", [sha256]
            ).fetchall()
            return self._dataset_info(cur, int(found[0][0])) if found else None

    def datasets(self) -> pd.DataFrame:
        """Every stored dataset, oldest first (no feedback rows, so no scope needed)."""
        with self._cursor() as cur:
            return cur.execute(
                """SELECT id, name, source_name, sha256, uploaded_at, rows_read,
                   rows_accepted, rows_rejected, taxonomy_version, mapping_json,
                   ledger_json FROM datasets ORDER BY id"""
            ).df()

    def dataset_frame(self, dataset_id: int) -> pd.DataFrame:
        """The canonical frame of one dataset, as ingest made it, for re-analysis.

        The index is the row's position in the file (``row_number - 1``), as in
        ``IngestResult.accepted``.
        """
        with self._cursor() as cur:
            frame = cur.execute(
                f"""SELECT {_FEEDBACK_SELECT}
                FROM feedback WHERE dataset_id = ? ORDER BY row_number""",
                [dataset_id],
            ).df()
        frame.index = pd.Index(frame["row_number"].to_numpy() - 1)
        frame["date"] = frame["date"].astype("datetime64[ns]")
        return frame

    def rejected_rows(self, dataset_id: int) -> pd.DataFrame:
        """A dataset's rejected rows as uploaded: raw columns, ``row_number``,
        ``cx_reject_reason`` (the shape of ``IngestResult.rejected``)."""
        with self._cursor() as cur:
            stored = cur.execute(
                """SELECT row_number, reason, raw_json FROM rejected
                WHERE dataset_id = ? ORDER BY row_number""",
                [dataset_id],
            ).fetchall()
        raw = pd.DataFrame([json.loads(r[2]) for r in stored])
        for name, values in (
            ("row_number", pd.array([r[0] for r in stored], dtype="int64")),
            ("cx_reject_reason", [r[1] for r in stored]),
        ):
            raw[f"{name} (cx)" if name in raw.columns else name] = values
        return raw

    # -- scoped reads -----------------------------------------------------------------

    def feedback(
        self,
        filters: Filters,
        scope: Scope,
        *,
        limit: int | None = None,
        offset: int = 0,
        order_by: str = "date DESC",
    ) -> pd.DataFrame:
        """Feedback rows with their analysis and dataset, narrowed to ``scope``.

        Executives see aggregates only: asking for verbatims raises PermissionError.
        """
        if not scope.can_see_verbatims:
            raise PermissionError(
                f"the {scope.role.value} role sees aggregates only, not feedback rows"
            )
        order = _order_clause(order_by)
        narrowed = scope_filters(filters, scope)
        keyed = set(re.findall(r'"(\w+)"', order)) <= set(_SEARCH_KEYS)
        if narrowed.search and limit is not None and not offset and keyed:
            # Page of a search: the cached rows give the page's keys, so only those
            # rows are read with their texts.
            rows = self._search_rows(narrowed.search)
            where, params = _where(narrowed)
            keys = f"SELECT dataset_id, row_number FROM {rows}{where} ORDER BY {order}"
            # the filters again outside, so the scan skips what they rule out
            page = f"(dataset_id, row_number) IN ({keys} LIMIT ?)"
            source = f"rows_v{where}{_and(page, where)}"
            params = [*params, *params, max(int(limit), 0)]
            limit = None
        else:
            source, params = self._scoped(filters, scope, "rows_v")
        sql = f"SELECT {_ROW_SELECT} FROM {source} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(int(limit), 0))
        if offset:
            sql += " OFFSET ?"
            params.append(max(int(offset), 0))
        with self._cursor() as cur:
            frame = cur.execute(sql, params).df()
        frame["date"] = frame["date"].astype("datetime64[ns]")
        return frame

    def count_feedback(self, filters: Filters, scope: Scope) -> int:
        """How many feedback rows match ``filters`` within ``scope``."""
        source, params = self._scoped(filters, scope)
        with self._cursor() as cur:
            row = cur.execute(f"SELECT count(*) FROM {source}", params)
            return int(row.fetchone()[0])

    def date_bounds(
        self, filters: Filters, scope: Scope
    ) -> tuple[dt.date, dt.date] | None:
        """The first and last date of the rows matching ``filters`` (their own dates
        ignored) within ``scope``: the span a period comparison can rely on."""
        source, params = self._scoped(
            filters.with_(date_from=None, date_to=None), scope
        )
        with self._cursor() as cur:
            first, last = cur.execute(
                f'SELECT min("date"), max("date") FROM {source}', params
            ).fetchone()
        if first is None or last is None:
            return None
        return pd.Timestamp(first).date(), pd.Timestamp(last).date()

    def count_by(
        self,
        dims: Sequence[str],
        filters: Filters,
        scope: Scope,
        *,
        period: str | None = None,
    ) -> pd.DataFrame:
        """Row counts ``n`` grouped by ``dims`` (and a ``period`` column when asked).

        ``period`` ("day", "week" or "month") truncates the date and leaves out rows
        without a date; "period" may be placed among ``dims``, else it comes first.
        """
        dims = _count_dims(dims, period)
        source, params = self._scoped(filters, scope)
        if period is not None:
            source += _and('"date" IS NOT NULL', source)
        exprs = [
            f"date_trunc('{period}', \"date\") AS period" if d == "period" else f'"{d}"'
            for d in dims
        ]
        sql = f"SELECT {', '.join([*exprs, 'count(*) AS n'])} FROM {source}"
        if dims:
            order = ", ".join(f'"{d}" NULLS LAST' for d in dims)
            sql += f" GROUP BY ALL ORDER BY {order}"
        with self._cursor() as cur:
            frame = cur.execute(sql, params).df()
        frame["n"] = frame["n"].astype("int64")
        if "period" in frame:
            frame["period"] = frame["period"].astype("datetime64[ns]")
        return frame

    def count_by_sets(
        self,
        groupings: Sequence[Sequence[str]],
        filters: Filters,
        scope: Scope,
        *,
        period: str | None = None,
    ) -> list[pd.DataFrame]:
        """One :meth:`count_by` frame per dims list in ``groupings``, counted in one
        scan of the filtered rows (GROUPING SETS) instead of one scan each.

        ``period`` applies only to the lists that name "period"; rows without a date
        are left out of those alone.
        """
        sets = [_count_dims(d, period if "period" in d else None) for d in groupings]
        if period is not None and period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}")
        union = list(dict.fromkeys(d for dims in sets for d in dims))
        if not union:
            return [self.count_by([], filters, scope) for _ in sets]
        source, params = self._scoped(filters, scope)
        exprs = [
            f"date_trunc('{period}', \"date\") AS period" if d == "period" else f'"{d}"'
            for d in union
        ]
        columns = ", ".join(f'"{d}"' for d in union)
        group_sets = ", ".join(
            "(" + ", ".join(f'"{d}"' for d in dims) + ")" for dims in sets
        )
        # A temporary table is private to its cursor; each set is then read with the
        # column types a plain count_by gives.
        table = f"cx_counts_{uuid.uuid4().hex}"
        frames = []
        with self._cursor() as cur:
            cur.execute(
                f"CREATE TEMP TABLE {table} AS SELECT {', '.join(exprs)}, "
                f"GROUPING({columns}) AS cx_set, count(*) AS n FROM {source} "
                f"GROUP BY GROUPING SETS ({group_sets})",
                params,
            )
            try:
                for dims in sets:
                    # GROUPING() sets one bit per dim left out, the first dim highest.
                    mask = sum(
                        1 << (len(union) - 1 - i)
                        for i, d in enumerate(union)
                        if d not in dims
                    )
                    select = ", ".join([*(f'"{d}"' for d in dims), "n"])
                    query = f"SELECT {select} FROM {table} WHERE cx_set = {mask}"
                    if "period" in dims:
                        query += " AND period IS NOT NULL"
                    if dims:
                        order = ", ".join(f'"{d}" NULLS LAST' for d in dims)
                        query += f" ORDER BY {order}"
                    frame = cur.execute(query).df()
                    frame["n"] = frame["n"].astype("int64")
                    if "period" in frame:
                        frame["period"] = frame["period"].astype("datetime64[ns]")
                    frames.append(frame)
            finally:
                cur.execute(f"DROP TABLE {table}")
        return frames

    def filter_options(
        self, scope: Scope, filters: Filters | None = None
    ) -> dict[str, list]:
        """The values each filter can take within ``scope`` (and ``filters``: e.g. the
        dates of the chosen datasets alone).

        Keys: channels, teams, languages, causes (sorted lists of str), dates
        (``[first, last]`` as dates, or empty), datasets (``(id as str, name)`` pairs).
        """
        source, params = self._scoped(filters or Filters(), scope)

        def distinct(column: str) -> str:
            return (
                f'array_agg(DISTINCT "{column}" ORDER BY "{column}") '
                f'FILTER (WHERE "{column}" IS NOT NULL)'
            )

        sql = f"""SELECT {distinct("channel")}, {distinct("team")},
            {distinct("language")}, {distinct("cause")}, min("date"), max("date")
            FROM {source}"""
        with self._cursor() as cur:
            channels, teams, languages, causes, first, last = cur.execute(
                sql, params
            ).fetchone()
            datasets = cur.execute(
                f"""SELECT id, name FROM datasets WHERE id IN (
                SELECT DISTINCT dataset_id FROM {source}) ORDER BY 1""",
                params,
            ).fetchall()
        return {
            "channels": list(channels or []),
            "teams": list(teams or []),
            "languages": list(languages or []),
            "causes": list(causes or []),
            "dates": [] if first is None else [first.date(), last.date()],
            "datasets": [(str(i), n) for i, n in datasets],
        }

    def themes_summary(self, filters: Filters, scope: Scope) -> pd.DataFrame:
        """Emerging themes within ``filters``: theme, label, size (rows), top_terms."""
        source, params = self._scoped(filters, scope)
        source += _and("theme IS NOT NULL AND theme <> ''", source)
        sql = f"""
            WITH counts AS (
                SELECT theme, count(*) AS size FROM {source} GROUP BY theme
            ),
            known AS (
                SELECT label, any_value(theme) AS theme,
                       any_value(top_terms) AS top_terms
                FROM themes GROUP BY label
            )
            SELECT coalesce(k.theme, c.theme) AS theme, c.theme AS label,
                   c.size, coalesce(k.top_terms, '') AS top_terms
            FROM counts c LEFT JOIN known k ON k.label = c.theme
            ORDER BY c.size DESC, label"""
        with self._cursor() as cur:
            frame = cur.execute(sql, params).df()
        frame["size"] = frame["size"].astype("int64")
        return frame

    # -- corrections ------------------------------------------------------------------

    def add_correction(
        self, dataset_id: int, row_number: int, cause: str, user: str
    ) -> None:
        """Record a human's cause for one row and show it at once in that row."""
        cause = (cause or "").strip()
        if not cause:
            raise ValueError("a correction needs a cause id (or 'none')")
        with self._transaction() as cur:
            found = cur.execute(
                "SELECT text FROM feedback WHERE dataset_id = ? AND row_number = ?",
                [dataset_id, row_number],
            ).fetchone()
            if found is None:
                raise KeyError(f"no row {row_number} in dataset {dataset_id}")
            cur.execute(
                """INSERT INTO corrections (dataset_id, row_number, text, cause, "user",
                   "at") VALUES (?, ?, ?, ?, ?, ?)""",
                [dataset_id, row_number, found[0], cause, user, _now()],
            )
            causes = "" if cause == "none" else cause
            values = [cause, causes, 1.0, "human correction"]
            cur.execute(
                """UPDATE feedback SET cause = ?, causes = ?, confidence = ?,
                   evidence = ?,
                   theme = CASE WHEN ? = 'none' THEN coalesce(theme, '') ELSE '' END
                   WHERE dataset_id = ? AND row_number = ?""",
                [*values, cause, dataset_id, row_number],
            )

    def corrections(self) -> pd.DataFrame:
        """Human corrections (``text``, ``cause``): the latest per row, oldest first."""
        with self._cursor() as cur:
            return cur.execute(
                """SELECT text, cause FROM corrections
                QUALIFY row_number() OVER (
                    PARTITION BY dataset_id, "row_number" ORDER BY id DESC) = 1
                ORDER BY id"""
            ).df()

    # -- taxonomy versions ------------------------------------------------------------

    def save_taxonomy(self, yaml_text: str, user: str) -> int:
        """Validate and store a taxonomy; returns its version (same text as the latest:
        the latest version, no new one)."""
        taxonomy = parse_taxonomy(yaml_text)
        with self._transaction() as cur:
            latest = cur.execute(
                "SELECT version, yaml FROM taxonomies ORDER BY version DESC LIMIT 1"
            ).fetchone()
            if latest is not None and latest[1] == yaml_text:
                return int(latest[0])
            version = (int(latest[0]) if latest else 0) + 1
            cur.execute(
                "INSERT INTO taxonomies VALUES (?, ?, ?, ?, ?)",
                [version, taxonomy.name, yaml_text, _now(), user],
            )
        return version

    def latest_taxonomy(self) -> tuple[int, str] | None:
        """The newest taxonomy as ``(version, yaml text)``, or None if none stored."""
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT version, yaml FROM taxonomies ORDER BY version DESC LIMIT 1"
            ).fetchone()
        return None if row is None else (int(row[0]), row[1])

    def taxonomy_yaml(self, version: int) -> str | None:
        """The YAML text of one taxonomy version, or None."""
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT yaml FROM taxonomies WHERE version = ?", [version]
            ).fetchone()
        return None if row is None else row[0]

    def taxonomy_versions(self) -> pd.DataFrame:
        """Every stored taxonomy version, newest first (without the YAML)."""
        with self._cursor() as cur:
            return cur.execute(
                """SELECT version, name, created_at, created_by FROM taxonomies
                ORDER BY version DESC"""
            ).df()

    # -- users and audit --------------------------------------------------------------

    def add_user(
        self, name: str, password_hash: str, role: str, teams: Sequence[str] = ()
    ) -> None:
        """Create a user row (rules such as password strength live in cx.auth)."""
        with self._transaction() as cur:
            if cur.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
                raise ValueError(f"user {name!r} already exists")
            cur.execute(
                """INSERT INTO users (name, password_hash, role, teams, created_at)
                VALUES (?, ?, ?, ?, ?)""",
                [name, password_hash, str(role), json.dumps(list(teams)), _now()],
            )

    def get_user(self, name: str) -> dict[str, Any] | None:
        """One user as a dict (teams as a list), or None."""
        with self._cursor() as cur:
            cur.execute(
                f"SELECT name, {', '.join(_USER_FIELDS)}, created_at FROM users "
                "WHERE name = ?",
                [name],
            )
            row = cur.fetchone()
            if row is None:
                return None
            columns = [d[0] for d in cur.description]
        user = dict(zip(columns, row, strict=True))
        user["teams"] = json.loads(user["teams"])
        return user

    def list_users(self) -> pd.DataFrame:
        """Every user without password hashes, by name."""
        with self._cursor() as cur:
            frame = cur.execute(
                """SELECT name, role, teams, disabled, failed_attempts, locked_until,
                created_at FROM users ORDER BY name"""
            ).df()
        frame["teams"] = [json.loads(t) for t in frame["teams"]]
        return frame

    def update_user(self, name: str, **fields: Any) -> None:
        """Change some of a user's fields (password_hash, role, teams, disabled,
        failed_attempts, locked_until); unknown users raise KeyError."""
        unknown = set(fields) - set(_USER_FIELDS)
        if unknown:
            raise ValueError(f"cannot update user field(s) {sorted(unknown)}")
        if not fields:
            return
        values = [
            json.dumps(list(v)) if k == "teams" else str(v) if k == "role" else v
            for k, v in fields.items()
        ]
        assignments = ", ".join(f"{k} = ?" for k in fields)
        with self._transaction() as cur:
            changed = cur.execute(
                f"UPDATE users SET {assignments} WHERE name = ? RETURNING 1",
                [*values, name],
            ).fetchall()
            if not changed:
                raise KeyError(f"no user named {name!r}")

    def user_count(self) -> int:
        """How many users exist (zero means first-run, single-user mode)."""
        with self._cursor() as cur:
            return int(cur.execute("SELECT count(*) FROM users").fetchone()[0])

    def log_audit(
        self, user: str, action: str, filters: str, rows: int, detail: str = ""
    ) -> None:
        """Append one line to the audit log (who did what, over which view)."""
        with self._cursor() as cur:
            cur.execute(
                """INSERT INTO audit ("at", "user", action, filters, rows, detail)
                VALUES (?, ?, ?, ?, ?, ?)""",
                [_now(), user, action, filters, int(rows), detail],
            )

    def log_export(
        self,
        scope: Scope,
        action: str,
        filters: Filters | None,
        rows: int,
        detail: str = "",
    ) -> None:
        """Log a download or export by ``scope`` with the filters it really applied
        (after :func:`cx.access.scope_filters`) as JSON."""
        applied = scope_filters(filters or Filters(), scope).to_query_params()
        self.log_audit(
            scope.user,
            action,
            json.dumps(applied, ensure_ascii=False, sort_keys=True),
            rows,
            detail,
        )

    def audit_log(
        self,
        limit: int | None = None,
        *,
        users: Sequence[str] = (),
        actions: Sequence[str] = (),
    ) -> pd.DataFrame:
        """The audit log, newest first: at, user, action, filters, rows, detail
        (only these ``users`` and ``actions`` when given)."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, values in (('"user"', users), ("action", actions)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        sql = 'SELECT "at", "user", action, filters, rows, detail FROM audit'
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._cursor() as cur:
            return cur.execute(sql, params).df()

    def audit_options(self) -> dict[str, list[str]]:
        """The user names and actions present in the audit log (for its filters)."""
        with self._cursor() as cur:
            users = cur.execute(
                'SELECT DISTINCT "user" FROM audit ORDER BY 1'
            ).fetchall()
            actions = cur.execute(
                "SELECT DISTINCT action FROM audit ORDER BY 1"
            ).fetchall()
        return {"users": [u[0] for u in users], "actions": [a[0] for a in actions]}
