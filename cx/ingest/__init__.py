"""Ingest: read an export, map its columns, and account for every row.

bytes -> ``read_table`` (RawTable of strings) -> ``prepare`` (canonical accepted frame,
rejected raw rows with reasons, and a Ledger where ``read == accepted + rejected``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cx.ingest._columns import find_column, guess_mapping, normalise_channels
from cx.ingest._dates import DateOrder, date_order, parse_dates
from cx.ingest._ratings import parse_ratings
from cx.ingest._read import Source, list_sheets, read_table
from cx.ingest._types import (
    MISSING_VALUES,
    ROLES,
    ColumnMapping,
    IngestError,
    IngestResult,
    Ledger,
    RawTable,
    is_placeholder,
)

__all__ = [
    "CANONICAL_COLUMNS",
    "MISSING_VALUES",
    "REASON_KINDS",
    "ROLES",
    "ColumnMapping",
    "DateOrder",
    "IngestError",
    "IngestResult",
    "Ledger",
    "RawTable",
    "date_order",
    "date_warning",
    "feedback_sheet",
    "guess_mapping",
    "ingest",
    "list_sheets",
    "normalise_channels",
    "parse_dates",
    "prepare",
    "read_table",
]

CANONICAL_COLUMNS = (
    "row_number",
    "record_id",
    "text",
    "date",
    "channel",
    "team",
    "customer_id",
    "rating",
)
REASON_KINDS = (
    "malformed row",
    "empty text",
    "text too long",
    "unparseable date",
    "duplicate",
)
_DUPLICATE_KEY = ["record_id", "text", "date", "channel", "team", "customer_id"]


def _strings(
    frame: pd.DataFrame, column: str | None, *, placeholders: bool = True
) -> pd.Series:
    """A raw column as stripped strings ("" for missing, and for a placeholder such as
    "N/A" or "-" unless ``placeholders`` is False); all "" when unmapped."""
    if column is None:
        return pd.Series("", index=frame.index, dtype="str")
    values = frame[column].fillna("").astype("str").str.strip()
    if placeholders:
        values = values.where(~is_placeholder(values), "")
    return values


def _nullable(values: pd.Series) -> pd.Series:
    return values.where(values != "")


def _canonical(
    frame: pd.DataFrame, mapping: ColumnMapping, day_first: bool | None = None
) -> pd.DataFrame:
    index = frame.index
    if mapping.date is None:
        dates = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    else:
        dates = parse_dates(_strings(frame, mapping.date), day_first=day_first)
    if mapping.channel is None:
        channels = _nullable(_strings(frame, None))
    else:
        channels = normalise_channels(_strings(frame, mapping.channel))
    return pd.DataFrame(
        {
            "row_number": np.arange(1, len(frame) + 1, dtype="int64"),
            "record_id": _nullable(_strings(frame, mapping.record_id)),
            "text": _strings(frame, mapping.text, placeholders=False),
            "date": dates.astype("datetime64[ns]"),
            "channel": channels,
            "team": _nullable(_strings(frame, mapping.team)),
            "customer_id": _nullable(_strings(frame, mapping.customer_id)),
            "rating": parse_ratings(_strings(frame, mapping.rating)),
        },
        index=index,
    )


def _settled_dates(values: pd.Series) -> bool:
    """Whether a column reads as dates one way only: nine in ten of its filled cells
    parse (Excel serials not counted: zip codes look like them), and its d/m/y dates,
    if any, are settled by rows only one order allows and not in doubt."""
    filled = values[values != ""]
    for part in (filled.head(200), filled):  # the head turns most columns away fast
        if part.empty or parse_dates(part, allow_serial=False).isna().mean() > 0.1:
            return False
    order = date_order(filled)
    settled = bool(order.day_only or order.month_only) and not order.doubtful
    return order.ambiguous == 0 or settled


def date_warning(frame: pd.DataFrame, column: str) -> str | None:
    """One line when ``column``'s day and month order is in doubt (see
    :class:`DateOrder`), naming another column of ``frame`` whose dates read one way
    only, when there is one; None when the order is clear.

    >>> frame = pd.DataFrame({"Date": ["03/04/2024", "05/06/2024"],
    ...                       "Created": ["2024-04-03", "2024-06-05"]})
    >>> date_warning(frame, "Date")  # doctest: +ELLIPSIS
    'Date: 2 rows could be read ... (Created looks unambiguous), or choose ...'
    """
    order = date_order(_strings(frame, column))
    if not order.doubtful:
        return None
    others = (c for c in frame.columns if c != column)
    alternative = next((c for c in others if _settled_dates(_strings(frame, c))), None)
    return order.warning(column, None if alternative is None else str(alternative))


def _check_mapping(frame: pd.DataFrame, mapping: ColumnMapping) -> ColumnMapping:
    """Resolve every mapped name to a real column, or raise listing the columns."""
    resolved = {
        role: None if name is None else find_column(frame, name)
        for role, name in mapping.as_dict().items()
    }
    return ColumnMapping(**resolved)


def prepare(
    raw: RawTable,
    mapping: ColumnMapping | None = None,
    *,
    max_text_chars: int = 20000,
    date_order: str | None = None,
) -> IngestResult:
    """Map, clean and account for every row: accepted canonical rows or a reason.

    ``date_order`` ("day" or "month") reads the dates either order allows that way and
    every other date the one way it can, for a column in doubt (see
    :func:`date_warning`); by default one order is decided for the whole column.

    >>> data = b"comment,date\\nRude agent,01.02.2024\\n,02.02.2024\\n"
    >>> raw = read_table(data, "a.csv")
    >>> prepare(raw).ledger.summary()
    '2 rows read: 1 accepted, 1 rejected (empty text: 1)'
    """
    frame = raw.frame
    mapping = (
        guess_mapping(frame) if mapping is None else _check_mapping(frame, mapping)
    )
    if date_order not in (None, "day", "month"):
        raise IngestError(
            f"date order {date_order!r}: choose day (day first) or month (month first)"
        )
    day_first = None if date_order is None else date_order == "day"
    canonical = _canonical(frame, mapping, day_first)
    n = len(frame)
    kind = np.full(n, "", dtype=object)
    reason = np.full(n, "", dtype=object)

    def reject(mask: np.ndarray, what: str, why: object) -> None:
        mask = mask & (kind == "")
        kind[mask] = what
        reason[mask] = why[mask] if isinstance(why, np.ndarray) else why

    if raw.malformed:
        positions = np.fromiter(raw.malformed, dtype=np.int64)
        mask = np.zeros(n, dtype=bool)
        mask[positions] = True
        why = np.full(n, "", dtype=object)
        why[positions] = list(raw.malformed.values())
        reject(mask, "malformed row", why)
    text = canonical["text"]
    reject((text == "").to_numpy(), "empty text", "empty text")
    too_long = (text.str.len() > max_text_chars).to_numpy()
    reject(too_long, "text too long", f"text longer than {max_text_chars} characters")
    if mapping.date is not None:
        written = _strings(frame, mapping.date)
        bad = ((written != "") & canonical["date"].isna()).to_numpy() & (kind == "")
        if bad.any():
            why = np.full(n, "", dtype=object)
            why[bad] = (
                "unparseable date '" + written[bad] + f"' in column {mapping.date}"
            ).to_numpy(dtype=object)
            reject(bad, "unparseable date", why)
    free = kind == ""
    keys = canonical.loc[free, _DUPLICATE_KEY + ["row_number"]]
    ids = keys["record_id"]
    if ids.notna().all() and ids.is_unique:  # distinct ids: no row repeats another
        repeated = pd.Series(False, index=keys.index)
    else:
        repeated = keys.duplicated(subset=_DUPLICATE_KEY, keep="first")
    if repeated.any():
        firsts = keys[~repeated]
        later = keys[repeated].reset_index()
        matched = later.merge(
            firsts, on=_DUPLICATE_KEY, how="left", suffixes=("", "_first")
        )
        positions = frame.index.get_indexer(matched["index"])
        mask = np.zeros(n, dtype=bool)
        mask[positions] = True
        why = np.full(n, "", dtype=object)
        why[positions] = (
            "duplicate of row " + matched["row_number_first"].astype(str)
        ).tolist()
        reject(mask, "duplicate", why)
    ok = kind == ""
    accepted = canonical[ok]
    rejected = frame[~ok].copy()
    for column, values in (
        ("row_number", canonical["row_number"][~ok]),
        ("cx_reject_reason", pd.Series(reason[~ok], index=rejected.index, dtype="str")),
    ):
        name = column if column not in rejected.columns else f"{column} (cx)"
        rejected[name] = values
    counts = pd.Series(kind[~ok], dtype=object).value_counts()
    ledger = Ledger(
        read=n,
        accepted=int(ok.sum()),
        rejected=int((~ok).sum()),
        reasons={k: int(counts[k]) for k in REASON_KINDS if k in counts.index},
    )
    warnings = (
        ()
        if mapping.date is None or date_order is not None
        else (date_warning(frame, mapping.date),)
    )
    return IngestResult(
        raw, mapping, accepted, rejected, ledger, tuple(w for w in warnings if w)
    )


def feedback_sheet(
    source: Source, filename: str | None = None, *, max_bytes: int | None = None
) -> str | None:
    """The sheet a workbook opens on: the one with the most rows among those with a
    feedback (text) column, so a leading notes or summary sheet is passed over; the
    first sheet when none has one. None for a file that is not a workbook.

    The browser's sheet selector and the CLI both start from it.
    """
    sheets = list_sheets(source, filename)
    if len(sheets) < 2:
        return sheets[0] if sheets else None
    best, most = sheets[0], -1
    for sheet in sheets:
        try:
            frame = read_table(source, filename, sheet=sheet, max_bytes=max_bytes).frame
            guess_mapping(frame)
        except IngestError:
            continue
        if len(frame) > most:
            best, most = sheet, len(frame)
    return best


def ingest(
    source: Source,
    filename: str | None = None,
    *,
    text_column: str | None = None,
    date_column: str | None = None,
    channel_column: str | None = None,
    team_column: str | None = None,
    customer_id_column: str | None = None,
    rating_column: str | None = None,
    id_column: str | None = None,
    sheet: str | int | None = None,
    max_bytes: int | None = None,
    max_text_chars: int = 20000,
    date_order: str | None = None,
) -> IngestResult:
    """Read, map and prepare a file; each ``*_column`` overrides one guessed role.

    An override of ``""`` leaves that role unmapped; ``date_order`` as in
    :func:`prepare`.

    >>> ingest(b"Atsiliepimas;Kanalas\\nNepaskambino;Telefonas\\n", "lt.csv").accepted[
    ...     ["text", "channel"]
    ... ].values.tolist()
    [['Nepaskambino', 'phone']]
    """
    raw = read_table(source, filename, sheet=sheet, max_bytes=max_bytes)
    overrides = {
        "text": text_column,
        "date": date_column,
        "channel": channel_column,
        "team": team_column,
        "customer_id": customer_id_column,
        "rating": rating_column,
        "record_id": id_column,
    }
    mapping = guess_mapping(raw.frame, overrides)
    return prepare(raw, mapping, max_text_chars=max_text_chars, date_order=date_order)
