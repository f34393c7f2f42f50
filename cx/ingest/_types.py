"""The ingest's value types (error, column mapping, raw table, ledger, result), and
`fold`: the form in which header names and rating labels are matched."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

__all__ = [
    "MISSING_VALUES",
    "ROLES",
    "ColumnMapping",
    "IngestError",
    "IngestResult",
    "Ledger",
    "RawTable",
    "fold",
    "is_placeholder",
]

ROLES = ("text", "date", "channel", "team", "customer_id", "rating", "record_id")

# What exports write in a cell that has no value: read as empty in every column but the
# text (a date of "N/A" is no date, not an unreadable one that loses its row)
MISSING_VALUES = frozenset(
    "- -- --- — – / ? n/a n.a. na #n/a nan nat none null nil unknown tbd "
    "нет н/д н.д. неизвестно nėra nera nežinoma nav nezināms puudub teadmata".split()
    + ["не указан", "не указана", "не указано"]
)


def is_placeholder(values: pd.Series) -> pd.Series:
    """Per stripped string cell: whether it is one of :data:`MISSING_VALUES`.

    >>> is_placeholder(pd.Series(["N/A", "Riga", "-", "Nav"])).tolist()
    [True, False, True, True]
    """
    return values.str.casefold().isin(MISSING_VALUES)


def fold(value: str) -> str:
    """Lower-case, strip diacritics (ё→е), and turn ``_-.#/`` runs into one space.

    >>> fold("Įvertinimas"), fold("Kuupäev"), fold("Customer_ID"), fold("Ёлка")
    ('ivertinimas', 'kuupaev', 'customer id', 'елка')
    """
    text = unicodedata.normalize("NFKD", str(value).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text)
    return " ".join(re.sub(r"[_\-.#/:()\[\]]+", " ", text).split())


class IngestError(ValueError):
    """A file cannot be used; the message is one line: what is wrong, what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


@dataclass(frozen=True)
class ColumnMapping:
    """Which raw column plays which role; only ``text`` is required."""

    text: str
    date: str | None = None
    channel: str | None = None
    team: str | None = None
    customer_id: str | None = None
    rating: str | None = None
    record_id: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The mapping as ``{role: column or None}`` in ROLES order.

        >>> ColumnMapping("Comment", date="Date").as_dict()["date"]
        'Date'
        """
        return {role: getattr(self, role) for role in ROLES}

    @classmethod
    def from_dict(cls, mapping: Mapping[str, str | None]) -> ColumnMapping:
        """Build a mapping from ``{role: column}``; unknown roles are an IngestError.

        >>> ColumnMapping.from_dict({"text": "Comment"}).text
        'Comment'
        """
        unknown = sorted(set(mapping) - set(ROLES))
        if unknown:
            raise IngestError(
                f"unknown column role(s) {', '.join(unknown)}: "
                f"use one of {', '.join(ROLES)}"
            )
        if not mapping.get("text"):
            raise IngestError("the column mapping has no text column: choose one")
        return cls(**{role: mapping.get(role) or None for role in ROLES})

    def columns(self) -> list[str]:
        """The mapped raw column names, without repeats, in ROLES order."""
        seen: list[str] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and value not in seen:
                seen.append(value)
        return seen


@dataclass(frozen=True)
class RawTable:
    """A file as read: every cell a string, index 0..n-1, plus where it came from.

    ``malformed`` maps a row position to its reason ("malformed row: 3 fields,
    expected 5"); such rows stay in ``frame`` (padded) so the ledger can reject them.
    """

    frame: pd.DataFrame
    source_name: str
    sha256: str
    size_bytes: int
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    malformed: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Ledger:
    """Where every input row went: ``read == accepted + rejected``."""

    read: int
    accepted: int
    rejected: int
    reasons: dict[str, int]

    def summary(self) -> str:
        """One line for people: counts and the reasons for rejection.

        >>> Ledger(5, 3, 2, {"empty text": 2}).summary()
        '5 rows read: 3 accepted, 2 rejected (empty text: 2)'
        >>> Ledger(1, 1, 0, {}).summary()
        '1 row read: 1 accepted, 0 rejected'
        """
        rows = "row" if self.read == 1 else "rows"
        line = (
            f"{self.read:,} {rows} read: {self.accepted:,} accepted, "
            f"{self.rejected:,} rejected"
        )
        if self.reasons:
            parts = ", ".join(f"{kind}: {n:,}" for kind, n in self.reasons.items())
            line += f" ({parts})"
        return line


@dataclass(frozen=True)
class IngestResult:
    """The canonical accepted rows, the rejected raw rows, and their ledger.

    ``warnings`` are one-line notes for people about rows that were read but may be
    read wrongly (a date column whose day and month order is in doubt)."""

    raw: RawTable
    mapping: ColumnMapping
    accepted: pd.DataFrame
    rejected: pd.DataFrame
    ledger: Ledger
    warnings: tuple[str, ...] = ()
