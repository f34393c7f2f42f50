"""Vectorised date parsing, one explicit format decision per column.

ISO 8601 (time zones converted to UTC, then made naive), dd.mm.yyyy / dd/mm/yyyy /
mm/dd/yyyy (day- or month-first decided for the whole column), optional times and AM/PM,
and Excel serial day numbers. Regular expressions run in Arrow, parsing in pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["parse_dates"]

_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
_TZ = r"(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)"
_ISO = rf"^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[T ]{_TIME}(?:\s*{_TZ})?)?$"
_HAS_TZ = rf"\d:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?{_TZ}$"
_DMY = (
    r"^\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r"(?:(?:[ T]|,\s*)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$"
)
_SERIAL = r"^\d{5}(?:\.\d+)?$"
_SERIAL_RANGE = (20000.0, 80000.0)  # 1954-10-04 .. 2119-01-10
_NAT = np.datetime64("NaT", "ns")


def _series(values: pa.Array) -> pd.Series:
    return pd.Series(values.to_numpy(zero_copy_only=False), dtype=object)


def _mask(values: pa.Array, pattern: str) -> np.ndarray:
    return pc.match_substring_regex(values, pattern).to_numpy(zero_copy_only=False)


def _iso(values: pa.Array) -> np.ndarray:
    values = pc.replace_substring_regex(
        values, r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})", r"\1-\2-\3"
    )
    values = pc.replace_substring_regex(values, r"\s*(?:UTC|GMT)$", "Z")
    values = pc.replace_substring_regex(values, r"(:\d{2}),(\d+)", r"\1.\2")
    values = pc.replace_substring_regex(
        values, r"(\d)\s+([+-]\d{2}(?::?\d{2})?|Z)$", r"\1\2"
    )
    has_tz = bool(pc.any(pc.match_substring_regex(values, _HAS_TZ)).as_py())
    parsed = pd.to_datetime(
        _series(values), format="ISO8601", utc=has_tz, errors="coerce", cache=False
    )
    if has_tz:
        parsed = parsed.dt.tz_convert(None)
    return parsed.to_numpy(dtype="datetime64[ns]")


def _day_first(values: pa.Array) -> bool:
    """Day-first unless some second part exceeds 12 while no first part does."""
    parts = pc.extract_regex(values, r"^(?P<a>\d{1,2})[./-](?P<b>\d{1,2})")
    first = pc.max(pc.cast(pc.struct_field(parts, "a"), pa.int32())).as_py() or 0
    second = pc.max(pc.cast(pc.struct_field(parts, "b"), pa.int32())).as_py() or 0
    return not (second > 12 and first <= 12)


def _dmy(values: pa.Array) -> np.ndarray:
    order = r"\3-\2-\1" if _day_first(values) else r"\3-\1-\2"
    values = pc.replace_substring_regex(
        values, r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2})(\D|$)", r"\1.\2.20\3\4"
    )
    values = pc.replace_substring_regex(
        values, r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T]|,\s*)?", order + " "
    )
    values = pc.utf8_rtrim_whitespace(values)
    ampm = _mask(values, r"[AaPp][Mm]$")
    out = np.full(len(values), _NAT)
    if (~ampm).any():
        plain = values.filter(pa.array(~ampm))
        parsed = pd.to_datetime(
            _series(plain), format="ISO8601", errors="coerce", cache=False
        )
        out[~ampm] = parsed.to_numpy(dtype="datetime64[ns]")
    if ampm.any():
        twelve = pc.replace_substring_regex(
            values.filter(pa.array(ampm)), r"\s*([AaPp][Mm])$", r" \1"
        )
        text = _series(twelve).str.upper()
        parsed = pd.to_datetime(
            text, format="%Y-%m-%d %I:%M %p", errors="coerce", cache=False
        )
        seconds = pd.to_datetime(
            text, format="%Y-%m-%d %I:%M:%S %p", errors="coerce", cache=False
        )
        out[ampm] = parsed.fillna(seconds).to_numpy(dtype="datetime64[ns]")
    return out


def _serial(values: pa.Array) -> np.ndarray:
    days = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False)
    low, high = _SERIAL_RANGE
    days = np.where((days >= low) & (days <= high), days, np.nan)
    parsed = pd.to_datetime(days, unit="D", origin="1899-12-30")
    return np.asarray(parsed, dtype="datetime64[ns]")


def _parse_unique(values: pa.Array, allow_serial: bool) -> np.ndarray:
    out = np.full(len(values), _NAT)
    claimed = np.zeros(len(values), dtype=bool)
    parsers = [(_ISO, _iso), (_DMY, _dmy)]
    if allow_serial:
        parsers.append((_SERIAL, _serial))
    for pattern, parser in parsers:
        mask = _mask(values, pattern) & ~claimed
        if mask.any():
            out[mask] = parser(values.filter(pa.array(mask)))
            claimed |= mask
    return out


def parse_dates(values: pd.Series, *, allow_serial: bool = True) -> pd.Series:
    """Parse a column of date strings to naive-UTC ``datetime64[ns]`` (NaT if not).

    >>> parse_dates(pd.Series(["13.01.2024", "02.03.2024 10:30", ""])).dt.day.tolist()
    [13.0, 2.0, nan]
    >>> parse_dates(pd.Series(["01/13/2024", "03/02/2024"])).dt.month.tolist()
    [1, 3]
    """
    text = values.fillna("").astype(str).str.strip()
    n = len(text)
    sample = text.iloc[:10000]
    if n > 50000 and sample.nunique() < len(sample) // 2:
        codes, uniques = pd.factorize(text)
        parsed = _parse_unique(
            pa.array(np.asarray(uniques, dtype=object)), allow_serial
        )
        out = parsed[codes]
    else:
        out = _parse_unique(pa.array(text.astype("str").array), allow_serial)
    return pd.Series(out, index=values.index, name=values.name, dtype="datetime64[ns]")
