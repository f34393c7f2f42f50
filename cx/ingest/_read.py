"""Read CSV/TSV, Excel, JSON, JSON Lines and Parquet into a frame of strings.

The format comes from the file name and is checked against the content; every cell is
read as text so ids keep their leading zeros and nothing is guessed too early.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import math
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cx.config import get_settings
from cx.ingest._encoding import BINARY, detect_encoding
from cx.ingest._types import IngestError, RawTable

__all__ = ["Source", "list_sheets", "read_table"]

Source = Path | str | bytes

_EXTENSIONS = {
    ".csv": "csv", ".txt": "csv", ".tsv": "csv", ".tab": "csv", ".xlsx": "xlsx",
    ".xlsm": "xlsx", ".xls": "xls", ".json": "json", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip
_KINDS = {  # kind: (how it looks, extension, how to export it)
    "csv": ("CSV text", ".csv", "CSV"),
    "xlsx": ("an Excel workbook", ".xlsx", "Excel (.xlsx)"),
    "json": ("JSON", ".json", "JSON"),
    "jsonl": ("JSON Lines", ".jsonl", "JSON Lines"),
    "parquet": ("a Parquet file", ".parquet", "Parquet"),
}
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3", "an SQLite database"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", ";", "\t", "|")
_SINGLE_COLUMN = "\x1f"  # a delimiter no export uses: the file has one column
_MIB = 1024 * 1024
_ADVICE = "export the data as CSV, Excel (.xlsx), JSON or Parquet"


def _size(n: int) -> str:
    if n < _MIB:
        return f"{n} bytes" if n < 1024 else f"{n / 1024:.0f} KB"
    return f"{n / _MIB:.1f}".removesuffix(".0") + " MB"


def _load(
    source: Any, filename: str | None, max_bytes: int | None
) -> tuple[bytes, str]:
    """The raw bytes and a display name, after the size checks."""
    limit = get_settings().max_upload_bytes if max_bytes is None else max_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        data, name = bytes(source), filename or "upload"
    elif isinstance(source, str | Path):
        path = Path(source)
        name = filename or path.name
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "was not found"
            raise IngestError(f"{path} {what}: check the path and try again")
        size = path.stat().st_size
        if size > limit:
            raise _too_big(name, size, limit)
        data = path.read_bytes()
    elif hasattr(source, "getvalue") or hasattr(source, "read"):
        read = source.getvalue if hasattr(source, "getvalue") else source.read
        data = bytes(read())
        name = filename or str(getattr(source, "name", "upload"))
    else:
        raise IngestError(
            f"cannot read a {type(source).__name__}: pass a path or bytes"
        )
    if len(data) > limit:
        raise _too_big(name, len(data), limit)
    if not data:
        raise IngestError(
            f"{name} is empty (0 bytes): export the data again and upload it"
        )
    return data, name


def _too_big(name: str, size: int, limit: int) -> IngestError:
    return IngestError(
        f"{name} is {_size(size)}, over the {_size(limit)} upload limit: split it into "
        "smaller files or raise CX_MAX_UPLOAD_MB"
    )


def _looks_json(head: str) -> str | None:
    """'json' or 'jsonl' when text starts like JSON, else None."""
    text = head.lstrip("\ufeff \t\r\n")
    if not text or text[0] not in "[{":
        return None
    rest = text[1:].lstrip()
    if text[0] == "[" and (not rest or rest[0] not in '{["]-0123456789tfn'):
        return None
    if text[0] == "{" and (not rest or rest[0] not in '"}'):
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    if text[0] == "{" and len(lines) > 1 and lines[1].lstrip().startswith("{"):
        try:
            json.loads(lines[0])
        except ValueError:
            return "json"
        return "jsonl"
    return "json"


def _sniff(data: bytes) -> tuple[str, str]:
    """What the bytes are: (kind, description)."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "binary", "a damaged ZIP archive"
        if "xl/workbook.xml" in names:
            return "xlsx", _KINDS["xlsx"][0]
        if any(n.startswith("word/") for n in names):
            return "binary", "a Word document"
        if "content.xml" in names:
            return "binary", "an OpenDocument file"
        return "binary", "a ZIP archive"
    if data.startswith(_OLE):
        return "xls", "an old-format Excel (.xls) workbook"
    if data.startswith(b"PAR1"):
        return "parquet", _KINDS["parquet"][0]
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return "binary", label
    encoding = detect_encoding(data[: 1 << 16])
    if encoding == BINARY:
        return "binary", "binary data"
    head = data[: 1 << 16].decode(encoding, errors="ignore")
    kind = _looks_json(head)
    if kind:
        return kind, _KINDS[kind][0]
    start = head.lstrip("\ufeff \t\r\n")[:200].lower()
    if start.startswith(("<!doctype html", "<html", "<table")):
        return "binary", "an HTML page"
    if start.startswith("<?xml"):
        return "binary", "an XML document"
    return "csv", _KINDS["csv"][0]


def _decide(data: bytes, name: str) -> str:
    """The format to read, or an IngestError when content and extension disagree."""
    expected = _EXTENSIONS.get(Path(name).suffix.lower())
    kind, label = _sniff(data)
    if kind == "binary":
        raise IngestError(f"{name} is not a table (it looks like {label}): {_ADVICE}")
    if kind == "xls":
        raise IngestError(
            f"{name} is an old-format Excel (.xls) workbook: open it in Excel and save "
            "it as .xlsx or CSV"
        )
    if expected in (None, kind, "xls") or {expected, kind} <= {"json", "jsonl"}:
        return kind
    want, _, export = _KINDS[expected]
    want = "CSV" if expected == "csv" else want
    raise IngestError(
        f"{name} looks like {label}, not {want}: rename it to {_KINDS[kind][1]} "
        f"or export it as {export}"
    )


# --- delimited text -------------------------------------------------------------


def _unique_names(names: list[str]) -> list[str]:
    """Strip header names, name blank ones, and number repeats like pandas does."""
    out: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(names):
        name = str(raw).strip() or f"column_{i + 1}"
        base, k = name, 0
        while name in seen:
            k += 1
            name = f"{base}.{k}"
        seen.add(name)
        out.append(name)
    return out


def _sniff_delimiter(sample: str, truncated: bool, preferred: str | None) -> str | None:
    """The delimiter whose rows agree with the header's width; None for one column."""
    scored = []
    for rank, delimiter in enumerate(_DELIMITERS):
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        if truncated and len(rows) > 1:
            rows = rows[:-1]
        width = _width(rows[0]) if rows else 0
        if width < 2:
            continue
        body = rows[1:201]
        agree = sum(_fits(r, width) for r in body) / len(body) if body else 1.0
        if agree >= 0.5:
            scored.append((agree, delimiter == preferred, width, -rank, delimiter))
    return max(scored)[-1] if scored else None


def _width(row: list[str]) -> int:
    """Field count without the empty fields a trailing delimiter adds."""
    n = len(row)
    while n > 1 and row[n - 1] == "":
        n -= 1
    return n


def _fits(row: list[str], width: int) -> bool:
    """A row fits when it has ``width`` fields, or more that are all empty."""
    return len(row) == width or (len(row) > width and not any(row[width:]))


def _read_arrow(payload: bytes, width: int, delimiter: str) -> tuple[pd.DataFrame, int]:
    """Fast path: rows with exactly ``width`` fields (header first), and how many
    rows Arrow skipped because their width differs."""
    skipped: list[int] = []

    def invalid(_row: object) -> str:
        skipped.append(1)
        return "skip"

    names = [f"f{i}" for i in range(width)]
    table = pacsv.read_csv(
        io.BytesIO(payload),
        read_options=pacsv.ReadOptions(column_names=names, block_size=16 << 20),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter,
            newlines_in_values=True,
            invalid_row_handler=invalid,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table.to_pandas(), len(skipped)


@contextlib.contextmanager
def _long_fields() -> Iterator[None]:
    """Let the csv module read cells longer than its 128 KB default."""
    limit = csv.field_size_limit()
    csv.field_size_limit(1 << 30)
    try:
        yield
    finally:
        csv.field_size_limit(limit)


def _records(payload: bytes, delimiter: str) -> Iterator[list[str]]:
    """Every CSV record, streamed; empty lines are not records."""
    stream = io.TextIOWrapper(io.BytesIO(payload), encoding="utf-8", newline="")
    for row in csv.reader(stream, delimiter=delimiter):
        if row:
            yield row


def _blank(row: list[str], width: int) -> bool:
    """A whitespace-only line in a file of several columns is not a record."""
    return width > 1 and len(row) == 1 and not row[0].strip()


def _fix(row: list[str], width: int, delimiter: str) -> tuple[list[str], str | None]:
    """A row cut or padded to ``width`` cells, and why it is malformed (or None).

    Extra fields of a malformed row are kept, joined, in its last cell.
    """
    if _fits(row, width):
        return row[:width], None
    reason = f"malformed row: {len(row)} fields, expected {width}"
    if len(row) < width:
        return row + [""] * (width - len(row)), reason
    return row[: width - 1] + [delimiter.join(row[width - 1 :])], reason


def _patch_irregular(
    good: pd.DataFrame, skipped: int, payload: bytes, width: int, delimiter: str
) -> tuple[pd.DataFrame, dict[int, str]] | None:
    """Put the rows Arrow skipped back in place; None if the parsers disagree."""
    position, seen, irregular = -1, 0, []
    with _long_fields():
        for row in _records(payload, delimiter):
            if len(row) != width:
                seen += 1
                if _blank(row, width):
                    continue
                irregular.append((position, row))
            position += 1
    if seen != skipped or position - len(irregular) != len(good) - 1:
        return None
    rows, malformed, where = [], {}, []
    for at, row in irregular:
        fixed, reason = _fix(row, width, delimiter)
        rows.append(fixed)
        where.append(at)
        if reason:
            malformed[at] = reason
    keep = np.ones(position, dtype=bool)
    keep[where] = False
    body = good.iloc[1:]
    body.index = np.flatnonzero(keep)
    extra = pd.DataFrame(rows, columns=good.columns, index=where, dtype="str")
    return pd.concat([body, extra]).sort_index(), malformed


def _read_python(
    payload: bytes, delimiter: str
) -> tuple[list[str], list[list[str]], dict[int, str]]:
    """Exact slow path: the csv module for everything."""
    with _long_fields():
        rows = list(_records(payload, delimiter))
    if not rows:
        return [], [], {}
    width = _width(rows[0])
    header = rows[0][:width]
    body, malformed = [], {}
    for row in rows[1:]:
        if _blank(row, width):
            continue
        fixed, reason = _fix(row, width, delimiter)
        if reason:
            malformed[len(body)] = reason
        body.append(fixed)
    return header, body, malformed


def _read_delimited(
    data: bytes, name: str
) -> tuple[pd.DataFrame, str, str | None, dict[int, str]]:
    encoding = detect_encoding(data)
    if encoding == BINARY:
        raise IngestError(
            f"{name} is not a table (it looks like binary data): {_ADVICE}"
        )
    if encoding in ("utf-8", "utf-8-sig"):
        payload = data[3:] if encoding == "utf-8-sig" else data
    else:
        payload = data.decode(encoding).encode("utf-8")
    sample = payload[: 1 << 16].decode("utf-8", errors="ignore")
    if not sample.strip(" \t\r\n\ufeff"):
        raise IngestError(f"{name} holds no data (only blank lines): export it again")
    preferred = "\t" if Path(name).suffix.lower() in (".tsv", ".tab") else None
    delimiter = _sniff_delimiter(sample, len(payload) > len(sample), preferred)
    sep = delimiter or _SINGLE_COLUMN
    header = next(r for r in csv.reader(io.StringIO(sample), delimiter=sep) if r)
    width = len(header)
    read = None
    if _width(header) == width:
        try:
            good, skipped = _read_arrow(payload, width, sep)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            good, skipped = None, -1
        if good is not None and len(good) and not skipped:
            read = good.iloc[1:], {}
        elif good is not None and len(good):
            read = _patch_irregular(good, skipped, payload, width, sep)
    if read is not None:
        frame, malformed = read
        frame.columns = _unique_names(header)
    else:
        head, rows, malformed = _read_python(payload, sep)
        names = _unique_names(head)
        frame = pd.DataFrame(rows, columns=names, dtype="str")
        if not len(frame):
            frame = pd.DataFrame({c: pd.Series([], dtype="str") for c in names})
    return frame.reset_index(drop=True), encoding, delimiter, malformed


# --- JSON -----------------------------------------------------------------------


def _json_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _records_frame(records: list[Any], name: str) -> pd.DataFrame:
    for i, item in enumerate(records):
        if not isinstance(item, dict):
            raise IngestError(
                f"{name}: item {i + 1} is {type(item).__name__}, not an object: each "
                'record must be an object like {"comment": "..."}'
            )
    flat = pd.json_normalize(records) if records else pd.DataFrame()
    names = _unique_names([str(c) for c in flat.columns])
    return pd.DataFrame(
        {
            new: pd.Series([_json_cell(v) for v in flat[old].tolist()], dtype="str")
            for new, old in zip(names, flat.columns, strict=True)
        },
        columns=names,
    )


def _json_text(data: bytes, name: str) -> tuple[str, str]:
    encoding = detect_encoding(data)
    if encoding == BINARY:
        raise IngestError(
            f"{name} is not a table (it looks like binary data): {_ADVICE}"
        )
    text = data.decode(encoding)
    return text.lstrip("\ufeff"), encoding


def _read_json(data: bytes, name: str) -> tuple[pd.DataFrame, str]:
    text, encoding = _json_text(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}, column "
            f"{exc.colno}): export it again or save it as CSV"
        ) from None
    if isinstance(document, dict):
        arrays = {k: v for k, v in document.items() if isinstance(v, list)}
        objects = {k: v for k, v in arrays.items() if v and isinstance(v[0], dict)}
        if len(objects) == 1 or (len(arrays) == 1 and not objects):
            document = next(iter((objects or arrays).values()))
        elif not arrays:
            document = [document]
        else:
            keys = ", ".join(objects or arrays)
            raise IngestError(
                f"{name} holds several arrays ({keys}): keep only the records array "
                "or export a JSON array of records"
            )
    if not isinstance(document, list):
        raise IngestError(
            f"{name} holds a single {type(document).__name__}, not records: export an "
            "array of objects"
        )
    return _records_frame(document, name), encoding


def _read_jsonl(data: bytes, name: str) -> tuple[pd.DataFrame, str]:
    text, encoding = _json_text(data, name)
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise IngestError(
                f"{name}: line {number} is not valid JSON ({exc.msg}): fix or remove "
                "that line and upload again"
            ) from None
    return _records_frame(records, name), encoding


# --- Parquet ---------------------------------------------------------------------


def _arrow_strings(column: pa.ChunkedArray) -> pa.ChunkedArray:
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pc.fill_null(column, "")
    if (
        pa.types.is_integer(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_temporal(kind)
        or pa.types.is_decimal(kind)
    ):
        return pc.fill_null(pc.cast(column, pa.string()), "")
    return pa.chunked_array([pa.array([_json_cell(v) for v in column.to_pylist()])])


def _read_parquet(data: bytes, name: str) -> pd.DataFrame:
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise IngestError(
            f"{name} is a damaged Parquet file ({str(exc).splitlines()[0]}): "
            "export it again"
        ) from None
    keep = [c for c in table.column_names if not c.startswith("__index_level_")]
    names = _unique_names(keep)
    columns = [_arrow_strings(table.column(c)) for c in keep]
    frame = pa.table(columns, names=names).to_pandas() if columns else pd.DataFrame()
    return frame


# --- Excel -----------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return (
            str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        )
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return (
            value.isoformat(sep=" ")
            if isinstance(value, dt.datetime)
            else value.isoformat()
        )
    return str(value)


def _workbook(data: bytes, name: str) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True
            )
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise IngestError(
            f"{name} is a damaged Excel workbook ({type(exc).__name__}): open it in "
            "Excel and save it again as .xlsx"
        ) from None


def _sheet_names(book: Any) -> list[str]:
    return [ws.title for ws in book.worksheets if hasattr(ws, "iter_rows")]


def _choose_sheet(names: list[str], sheet: str | int | None, name: str) -> str:
    listed = ", ".join(f"'{s}'" for s in names)
    if not names:
        raise IngestError(f"{name} has no worksheets: save a sheet with the data in it")
    if sheet is None:
        if len(names) == 1:
            return names[0]
        raise IngestError(
            f"{name} has {len(names)} sheets ({listed}): choose one with --sheet NAME "
            "or the sheet selector"
        )
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 0 <= sheet < len(names):
            return names[sheet]
        raise IngestError(
            f"{name} has no sheet number {sheet} (counting from 0: {listed}): "
            "choose one of them"
        )
    if sheet in names:
        return str(sheet)
    folded = [s for s in names if s.casefold() == str(sheet).strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise IngestError(
        f"{name} has no sheet '{sheet}' (sheets: {listed}): choose one of them"
    )


def _read_excel(
    data: bytes, name: str, sheet: str | int | None
) -> tuple[pd.DataFrame, str]:
    book = _workbook(data, name)
    try:
        chosen = _choose_sheet(_sheet_names(book), sheet, name)
        rows = [
            [_cell(v) for v in row] for row in book[chosen].iter_rows(values_only=True)
        ]
    finally:
        book.close()
    rows = [r for r in rows if any(v.strip() for v in r)]
    if not rows:
        raise IngestError(
            f"sheet '{chosen}' in {name} is empty: choose the sheet that holds the data"
        )
    width = max(
        max((i + 1 for i, v in enumerate(r) if v != ""), default=0) for r in rows
    )
    header, body = rows[0], rows[1:]
    names = _unique_names((header + [""] * width)[:width])
    body = [(r + [""] * width)[:width] for r in body]
    frame = pd.DataFrame(body, columns=names, dtype="str") if body else None
    if frame is None:
        frame = pd.DataFrame({c: pd.Series([], dtype="str") for c in names})
    return frame, chosen


def list_sheets(source: Source, filename: str | None = None) -> list[str]:
    """The worksheet names of an Excel workbook; [] for any other format."""
    data, name = _load(source, filename, None)
    if _decide(data, name) != "xlsx":
        return []
    book = _workbook(data, name)
    try:
        return _sheet_names(book)
    finally:
        book.close()


def read_table(
    source: Source,
    filename: str | None = None,
    *,
    sheet: str | int | None = None,
    max_bytes: int | None = None,
) -> RawTable:
    """Read a file (path or uploaded bytes + file name) into a RawTable of strings.

    >>> raw = read_table(b"id;comment\\n007;Labai blogai\\n", "export.csv")
    >>> raw.delimiter, raw.frame["id"].tolist()
    (';', ['007'])
    """
    data, name = _load(source, filename, max_bytes)
    kind = _decide(data, name)
    encoding = delimiter = chosen = None
    malformed: dict[int, str] = {}
    if kind == "csv":
        frame, encoding, delimiter, malformed = _read_delimited(data, name)
    elif kind == "xlsx":
        frame, chosen = _read_excel(data, name, sheet)
    elif kind == "json":
        frame, encoding = _read_json(data, name)
    elif kind == "jsonl":
        frame, encoding = _read_jsonl(data, name)
    else:
        frame = _read_parquet(data, name)
    if frame.shape[1] == 0:
        raise IngestError(f"{name} holds no columns: {_ADVICE}")
    if len(frame) == 0:
        where = f"sheet '{chosen}' of {name}" if chosen else name
        raise IngestError(
            f"{where} has a header but no data rows: export it again with its rows"
        )
    frame.index = pd.RangeIndex(len(frame))
    return RawTable(
        frame=frame,
        source_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        format=kind,
        encoding=encoding,
        delimiter=delimiter,
        sheet=chosen,
        malformed=malformed,
    )
