"""What a user has chosen to look at: a frozen set of filters, and its URL form.

The same ``Filters`` value drives the store's queries, the page widgets and the query
string, so a view can be shared as a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

__all__ = ["Filters", "FILTER_KEYS"]

FILTER_KEYS = (
    "from",
    "to",
    "channel",
    "team",
    "language",
    "cause",
    "dataset",
    "q",
)


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple | set | frozenset):
        items = [str(v) for v in value]
    else:
        items = [str(value)]
    return tuple(sorted({i.strip() for i in items if i and i.strip()}))


def _as_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    """A view over the workspace; an empty tuple means "no restriction".

    >>> Filters(teams=("B", "A")).teams
    ('A', 'B')
    >>> Filters.from_query_params({"team": "A,B", "from": "2025-01-31"}).date_from
    datetime.date(2025, 1, 31)
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    channels: tuple[str, ...] = field(default=())
    teams: tuple[str, ...] = field(default=())
    languages: tuple[str, ...] = field(default=())
    causes: tuple[str, ...] = field(default=())
    datasets: tuple[str, ...] = field(default=())
    search: str = ""

    def __post_init__(self) -> None:
        for name in ("channels", "teams", "languages", "causes", "datasets"):
            object.__setattr__(self, name, _as_tuple(getattr(self, name)))
        object.__setattr__(self, "date_from", _as_date(self.date_from))
        object.__setattr__(self, "date_to", _as_date(self.date_to))
        object.__setattr__(self, "search", (self.search or "").strip())

    def with_(self, **changes: object) -> Filters:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_query_params(self) -> dict[str, str]:
        """The filters as URL query parameters (empty ones left out)."""
        params = {
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "channel": ",".join(self.channels),
            "team": ",".join(self.teams),
            "language": ",".join(self.languages),
            "cause": ",".join(self.causes),
            "dataset": ",".join(self.datasets),
            "q": self.search,
        }
        return {k: v for k, v in params.items() if v}

    @classmethod
    def from_query_params(cls, params: Mapping[str, object]) -> Filters:
        """Read filters back from URL query parameters; unknown keys are ignored."""

        def get(key: str) -> object:
            value = params.get(key)
            if isinstance(value, list):
                return ",".join(str(v) for v in value)
            return value

        return cls(
            date_from=_as_date(get("from")),
            date_to=_as_date(get("to")),
            channels=_as_tuple(get("channel")),
            teams=_as_tuple(get("team")),
            languages=_as_tuple(get("language")),
            causes=_as_tuple(get("cause")),
            datasets=_as_tuple(get("dataset")),
            search=str(get("q") or ""),
        )

    def describe(self) -> str:
        """A short human-readable summary, for audit logs and file names."""
        params = self.to_query_params()
        return "; ".join(f"{k}={v}" for k, v in params.items()) or "all rows"
