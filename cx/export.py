"""Safe downloads: formula-neutralised, contact-masked CSV and Excel bytes.

Spreadsheets execute cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return; customer text can start that way. CSV cells get a leading ``'``
(:func:`neutralise_formulas`); Excel cells are typed text with Excel's quote prefix.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from cx.taxonomy import LANGUAGES, Taxonomy, validate

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

__all__ = [
    "COMPLAINT_COLUMNS",
    "FORMULA_PREFIXES",
    "complaint_table",
    "NEVER_MASKED",
    "mask_frame",
    "neutralise_formulas",
    "taxonomy_from_frame",
    "taxonomy_to_frame",
    "to_csv_bytes",
    "to_xlsx_bytes",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _neutralise_value(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` where string cells a spreadsheet would execute start with ``'``.

    Non-string cells are untouched; the input is never changed.

    >>> df = pd.DataFrame({"a": ["=1+1", "ok", "-x"], "b": [1, 2, 3]})
    >>> out = neutralise_formulas(df)
    >>> out["a"].tolist(), out["b"].tolist()
    (["'=1+1", 'ok', "'-x"], [1, 2, 3])
    """
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if not (pd.api.types.is_string_dtype(series) or series.dtype == object):
            continue
        out[column] = series.map(_neutralise_value, na_action="ignore").astype(
            series.dtype if pd.api.types.is_string_dtype(series) else object
        )
    out.columns = [_neutralise_value(c) for c in out.columns]
    return out


def mask_frame(df: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A copy of ``df`` with e-mails, phones, card numbers, URLs and @handles masked.

    Every text column is masked unless ``columns`` names the ones to mask.

    >>> mask_frame(pd.DataFrame({"text": ["mail me at ann@example.com"]}))["text"][0]
    'mail me at <email>'
    """
    # cx.text pulls in NLTK (about a second): import it only when a download is built.
    from cx.text import mask_contacts_series

    out = df.copy()
    targets = list(out.columns) if columns is None else list(columns)
    for column in targets:
        series = out[column]
        if series.dtype == object:
            is_str = series.map(lambda v: isinstance(v, str)).astype(bool)
            if is_str.any():
                masked = mask_contacts_series(series[is_str]).astype(object)
                series = series.copy()
                series[is_str] = masked
                out[column] = series
        elif pd.api.types.is_string_dtype(series):
            out[column] = mask_contacts_series(series).astype(series.dtype)
    return out


# The export's own key of a row: whoever acts on a list needs it whole to find the
# ticket in the helpdesk ("1234567" is a ticket number there, not a phone number).
NEVER_MASKED = ("Record id",)


def _masked(df: pd.DataFrame, mask: bool) -> pd.DataFrame:
    if mask:
        return mask_frame(df, [c for c in df.columns if c not in NEVER_MASKED])
    return df.copy()


def to_csv_bytes(df: pd.DataFrame, *, mask: bool = True) -> bytes:
    """CSV bytes of ``df``, UTF-8 with BOM so Excel reads Baltic letters right."""
    out = neutralise_formulas(_masked(df, mask))
    return out.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(
    df: pd.DataFrame, *, mask: bool = True, sheet_name: str = "Complaints"
) -> bytes:
    """Excel bytes of ``df``: bold header, frozen header row and an auto-filter.

    A cell that starts like a formula ("=", "+", "-", "@") is stored as text with
    Excel's quote prefix, as Excel itself stores a typed ``'=1+1``: it shows what the
    customer wrote and never runs, even after the cell is edited.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    out = _masked(df, mask)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name[:31] or "Sheet1"
    sheet.append([str(c) for c in out.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        _as_text_if_formula_like(cell)
    for row in out.itertuples(index=False, name=None):
        values = [_xlsx_value(v) for v in row]
        sheet.append(values)
        if any(isinstance(v, str) and v.startswith(FORMULA_PREFIXES) for v in values):
            for cell in sheet[sheet.max_row]:
                _as_text_if_formula_like(cell)
    sheet.freeze_panes = "A2"
    last_col = get_column_letter(max(len(out.columns), 1))
    sheet.auto_filter.ref = f"A1:{last_col}{len(out) + 1}"
    for i, column in enumerate(out.columns, start=1):
        width = 60 if str(column).lower() in ("text", "evidence") else 16
        sheet.column_dimensions[get_column_letter(i)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _as_text_if_formula_like(cell: Cell) -> None:
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"  # openpyxl took a leading "=" for a formula
        cell.quotePrefix = True


_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        # openpyxl refuses control characters; they carry no meaning in a complaint.
        return _ILLEGAL_XLSX.sub("", value)
    if hasattr(value, "item"):
        return value.item()
    return value


# Columns of the complaint list, as shown and as downloaded.
COMPLAINT_COLUMNS = (
    "Cause",
    "Confidence",
    "Date",
    "Channel",
    "Team",
    "Language",
    "Text",
    "Evidence",
    "Dataset",
    "Row",
    "Record id",
)


def complaint_table(rows: pd.DataFrame, taxonomy: Taxonomy) -> pd.DataFrame:
    """The complaint list from store rows: cause labels, rounded confidence, plain text,
    and where each row came from (dataset, row number, the export's own record id), so
    whoever acts on the list can find the ticket in the helpdesk.

    >>> from cx.taxonomy import default_taxonomy
    >>> rows = pd.DataFrame({"cause": ["none"], "confidence": [0.456], "text": ["hi"]})
    >>> table = complaint_table(rows, default_taxonomy())
    >>> table[["Cause", "Confidence"]].values.tolist()
    [['No cause', 0.46]]
    """
    n = len(rows)

    def column(name: str, dtype: str = "str") -> pd.Series:
        if name in rows:
            return rows[name].reset_index(drop=True)
        return pd.Series([None] * n, dtype=dtype)

    causes = column("cause").fillna("none").astype("str")
    table = pd.DataFrame(
        {
            "Cause": pd.Series(
                [taxonomy.label_of(c) for c in causes], dtype="str", index=causes.index
            ),
            "Confidence": pd.to_numeric(column("confidence", "float64")).round(2),
            "Date": pd.to_datetime(column("date", "datetime64[ns]")),
            "Channel": column("channel"),
            "Team": column("team"),
            "Language": column("language"),
            "Text": column("text"),
            "Evidence": column("evidence"),
            "Dataset": column("dataset"),
            "Row": column("row_number", "Int64"),
            "Record id": column("record_id"),
        }
    )
    return table[list(COMPLAINT_COLUMNS)]


_SEED_COLUMNS = tuple(f"seeds_{lang}" for lang in LANGUAGES)


def taxonomy_to_frame(taxonomy: Taxonomy) -> pd.DataFrame:
    """One editable row per cause; seed phrases per language joined by ``; ``.

    >>> from cx.taxonomy import default_taxonomy
    >>> frame = taxonomy_to_frame(default_taxonomy())
    >>> base = default_taxonomy()
    >>> taxonomy_from_frame(frame, base.name, base=base) == base
    True
    """
    records = []
    for cause in taxonomy.causes:
        record = {
            "id": cause.id,
            "label": cause.label,
            "description": cause.description,
            "color": cause.color or "",
        }
        for lang, col in zip(LANGUAGES, _SEED_COLUMNS, strict=True):
            record[col] = "; ".join(cause.seeds.get(lang, ()))
        records.append(record)
    columns = ["id", "label", "description", "color", *_SEED_COLUMNS]
    return pd.DataFrame(records, columns=columns).astype("str")


def taxonomy_from_frame(
    frame: pd.DataFrame, name: str, *, base: Taxonomy | None = None
) -> Taxonomy:
    """Build (and validate) a taxonomy from :func:`taxonomy_to_frame`'s layout.

    Empty rows are skipped; invalid content raises ``TaxonomyError`` naming the cause.
    The table holds no example sentences: those of `base` are kept, by cause id.
    """
    base_examples = {c.id: c.examples for c in base.causes} if base else {}

    def cell(row: pd.Series, key: str) -> str:
        value = row.get(key)
        if value is None or (isinstance(value, float) and value != value):
            return ""
        return str(value).strip()

    causes = []
    for _, row in frame.iterrows():
        if not any(cell(row, c) for c in frame.columns):
            continue
        seeds = {}
        for lang, col in zip(LANGUAGES, _SEED_COLUMNS, strict=True):
            phrases = [p.strip() for p in cell(row, col).split(";") if p.strip()]
            if phrases:
                seeds[lang] = phrases
        raw = {
            "id": cell(row, "id"),
            "label": cell(row, "label"),
            "description": cell(row, "description"),
            "seeds": seeds,
        }
        if cell(row, "color"):
            raw["color"] = cell(row, "color")
        examples = base_examples.get(raw["id"])
        if examples:
            raw["examples"] = {lang: list(p) for lang, p in examples.items()}
        causes.append(raw)
    data: dict[str, object] = {"name": name.strip() or "Taxonomy", "causes": causes}
    if base is not None and base.none_examples:
        data["none_examples"] = {k: list(v) for k, v in base.none_examples.items()}
    return validate(data)
