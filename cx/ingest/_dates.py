"""Vectorised date parsing, one explicit format decision per column.

ISO 8601 (time zones converted to UTC, then made naive), dd.mm.yyyy / dd/mm/yyyy /
mm/dd/yyyy (day- or month-first decided for the whole column), optional times and AM/PM,
and Excel serial day numbers. Regular expressions run in Arrow, parsing in pandas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["DateOrder", "date_order", "parse_dates"]

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


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_MIN_PATTERN_ROWS = 20  # fewer ambiguous or settled rows say nothing about a swap


def _span(keys: np.ndarray) -> str:
    """Year-month keys (year * 12 + month - 1) as a short range: "Apr-Jun 2015"."""
    low, high = int(keys.min()), int(keys.max())

    def name(key: int) -> str:
        return f"{_MONTHS[key % 12]} {key // 12}"

    if low == high:
        return name(low)
    if low // 12 == high // 12:
        return f"{_MONTHS[low % 12]}-{name(high)}"
    return f"{name(low)} - {name(high)}"


@dataclass(frozen=True)
class DateOrder:
    """How a column's d/m/y dates read: which order ``parse_dates`` chose, how many rows
    could be read either way, how many only one way, and whether the either-way rows
    look swapped (read the chosen way they leave the months the settled rows cover,
    while the other way keeps them there); ``spread`` and ``others`` are their span
    read the chosen way and the other way."""

    day_first: bool
    ambiguous: int
    day_only: int
    month_only: int
    swapped: bool = False
    spread: str = ""
    others: str = ""
    dotted: bool = False

    @property
    def doubtful(self) -> bool:
        """Whether the user should check the column: rows that need the other order
        (rejected), no row that settles the order (dd.mm.yyyy, the dotted form, is
        taken as settled: it is day-first by convention), or a look of a swap."""
        other_only = self.month_only if self.day_first else self.day_only
        undecided = not (self.day_only or self.month_only) and not self.dotted
        return bool(self.ambiguous) and (bool(other_only) or undecided or self.swapped)

    def warning(self, column: str, alternative: str | None = None) -> str | None:
        """One line for people when :attr:`doubtful` (else None), naming the column
        and, when given, another date column whose values read one way only.

        >>> DateOrder(True, 1204, 0, 38).warning("Date", "Created")
        'Date: 1,204 rows could be read day-first or month-first and 38 rows are only \
valid month-first (rejected as unparseable); read as day-first. Check the column, \
map another date column (Created looks unambiguous), or choose the date order.'
        """
        if not self.doubtful:
            return None
        chosen, other = (
            ("day-first", "month-first")
            if self.day_first
            else ("month-first", "day-first")
        )
        other_only = self.month_only if self.day_first else self.day_only
        rows = "row" if self.ambiguous == 1 else "rows"
        line = f"{column}: {self.ambiguous:,} {rows} could be read day-first or "
        line += "month-first"
        if other_only:
            were = "row is" if other_only == 1 else "rows are"
            line += (
                f" and {other_only:,} {were} only valid {other} "
                "(rejected as unparseable)"
            )
        elif not (self.day_only or self.month_only):
            line += " and no row settles the order"
        line += f"; read as {chosen}"
        if self.swapped:
            settled = self.day_only + self.month_only
            line += (
                f", which spreads them over {self.spread}, but read {other} they "
                f"fall in {self.others} like the other {settled:,} rows: day and "
                "month look swapped in them"
            )
        if alternative:
            return (
                f"{line}. Check the column, map another date column "
                f"({alternative} looks unambiguous), or choose the date order."
            )
        return f"{line}. Check the column against the source, or choose the date order."


def date_order(values: pd.Series) -> DateOrder:
    """Count a column's d/m/y dates by the orders they allow (ISO and other forms are
    not counted) and test the either-way rows for a swap; ``parse_dates`` is unchanged.

    >>> order = date_order(pd.Series(["03/04/2024", "12/25/2024", "25/12/2024"]))
    >>> order.day_first, order.ambiguous, order.day_only, order.month_only
    (True, 1, 1, 1)
    """
    text = pa.array(values.fillna("").astype("str").str.strip().array, pa.string())
    dmy = text.filter(pc.match_substring_regex(text, _DMY))
    if not len(dmy):
        return DateOrder(True, 0, 0, 0)
    # the first ten characters hold the date ("05.06.2024", "5.6.24 10:"): counting
    # them keeps the work below to one row per date, not per timestamp
    counts = pc.value_counts(pc.utf8_slice_codeunits(dmy, 0, 10)).flatten()
    kept, weight = counts[0], counts[1].to_numpy()
    parts = pc.extract_regex(
        kept, r"^(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})[./-](?P<y>\d{2,4})"
    )
    first = pc.cast(pc.struct_field(parts, "a"), pa.int32()).to_numpy()
    second = pc.cast(pc.struct_field(parts, "b"), pa.int32()).to_numpy()
    year = pc.cast(pc.struct_field(parts, "y"), pa.int32()).to_numpy()
    year = np.where(year < 100, year + 2000, year)
    dotted = pc.struct_field(parts, "sep").to_numpy(zero_copy_only=False) == "."
    day_first = _day_first(kept)
    valid_first = (first >= 1) & (first <= 12)
    valid_second = (second >= 1) & (second <= 31)
    either = valid_first & (second >= 1) & (second <= 12) & (first != second)
    day_only = (first > 12) & (first <= 31) & (second >= 1) & (second <= 12)
    month_only = valid_first & (second > 12) & valid_second
    ambiguous = int(weight[either].sum())
    settled = day_only | month_only
    swapped, spread, others = False, "", ""
    if ambiguous >= _MIN_PATTERN_ROWS and weight[settled].sum() >= _MIN_PATTERN_ROWS:
        # months the settled rows cover; the either-way rows read both ways
        settled_month = np.where(day_only, second, first)[settled]
        covered = np.unique(year[settled] * 12 + settled_month - 1)
        chosen_month = np.where(day_first, second, first)[either]
        other_month = np.where(day_first, first, second)[either]
        keys_chosen = year[either] * 12 + chosen_month - 1
        keys_other = year[either] * 12 + other_month - 1
        w = weight[either]
        inside_chosen = w[np.isin(keys_chosen, covered)].sum() / w.sum()
        inside_other = w[np.isin(keys_other, covered)].sum() / w.sum()
        swapped = bool(inside_other >= 0.9 and inside_chosen <= 0.5)
        if swapped:
            spread, others = _span(keys_chosen), _span(keys_other)
    return DateOrder(
        day_first=day_first,
        ambiguous=ambiguous,
        day_only=int(weight[day_only].sum()),
        month_only=int(weight[month_only].sum()),
        swapped=swapped,
        spread=spread,
        others=others,
        dotted=bool(dotted[either].all()) if either.any() else False,
    )


def _dmy(values: pa.Array, day_first: bool | None = None) -> np.ndarray:
    """d/m/y dates in one order for the column (``day_first`` None: decided from the
    values); with an order chosen, a date that only the other order allows (13/05 when
    month-first was chosen) is read that way instead of being lost."""
    if day_first is None:
        return _dmy_as(values, _day_first(values))
    chosen = _dmy_as(values, day_first)
    missing = np.isnat(chosen)
    if missing.any():
        other = _dmy_as(values.filter(pa.array(missing)), not day_first)
        chosen[missing] = other
    return chosen


def _dmy_as(values: pa.Array, day_first: bool) -> np.ndarray:
    order = r"\3-\2-\1" if day_first else r"\3-\1-\2"
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


def _parse_unique(
    values: pa.Array, allow_serial: bool, day_first: bool | None = None
) -> np.ndarray:
    out = np.full(len(values), _NAT)
    claimed = np.zeros(len(values), dtype=bool)
    parsers = [(_ISO, _iso), (_DMY, lambda v: _dmy(v, day_first))]
    if allow_serial:
        parsers.append((_SERIAL, _serial))
    for pattern, parser in parsers:
        mask = _mask(values, pattern) & ~claimed
        if mask.any():
            out[mask] = parser(values.filter(pa.array(mask)))
            claimed |= mask
    return out


def parse_dates(
    values: pd.Series, *, allow_serial: bool = True, day_first: bool | None = None
) -> pd.Series:
    """Parse a column of date strings to naive-UTC ``datetime64[ns]`` (NaT if not).

    d/m/y dates take one order for the whole column, decided from the values, unless
    ``day_first`` chooses it: then the dates either order allows read that way and the
    others the one way they can (a file that mixes both orders).

    >>> parse_dates(pd.Series(["13.01.2024", "02.03.2024 10:30", ""])).dt.day.tolist()
    [13.0, 2.0, nan]
    >>> parse_dates(pd.Series(["01/13/2024", "03/02/2024"])).dt.month.tolist()
    [1, 3]
    >>> mixed = pd.Series(["22-04-15", "04-06-15"])
    >>> parse_dates(mixed, day_first=False).dt.month.tolist()
    [4, 4]
    """
    text = values.fillna("").astype(str).str.strip()
    n = len(text)
    sample = text.iloc[:10000]
    if n > 50000 and sample.nunique() < len(sample) // 2:
        codes, uniques = pd.factorize(text)
        parsed = _parse_unique(
            pa.array(np.asarray(uniques, dtype=object)), allow_serial, day_first
        )
        out = parsed[codes]
    else:
        out = _parse_unique(pa.array(text.astype("str").array), allow_serial, day_first)
    return pd.Series(out, index=values.index, name=values.name, dtype="datetime64[ns]")
