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
# URL key -> the field holding several values.
_MULTI = {
    "channel": "channels",
    "team": "teams",
    "language": "languages",
    "cause": "causes",
    "dataset": "datasets",
}


def _as_tuple(value: object) -> tuple[str, ...]:
    """Sorted distinct names; only a bare string is split at commas (a convenience for
    ``Filters(teams="A,B")``): items of a tuple or list are names as they are."""
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
    >>> Filters.from_query_params({"team": ["A", "B, C"]}).teams
    ('A', 'B, C')
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

    def to_query_params(self) -> dict[str, str | list[str]]:
        """The filters as URL query parameters (empty ones left out).

        A field with one value is a string; with several, a list, which the URL holds
        as a repeated key (``?team=A&team=B``), so a name with a comma in it survives.

        >>> Filters(teams=("Rīga, Vecrīga", "Narva")).to_query_params()
        {'team': ['Narva', 'Rīga, Vecrīga']}
        """
        params: dict[str, str | list[str]] = {
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        for key, name in _MULTI.items():
            values = list(getattr(self, name))
            params[key] = values[0] if len(values) == 1 else values
        params["q"] = self.search
        return {k: v for k, v in params.items() if v}

    @classmethod
    def from_query_params(cls, params: Mapping[str, object]) -> Filters:
        """Read filters back from URL query parameters; unknown keys are ignored.

        A list or tuple (a repeated key, as ``st.query_params.get_all`` returns it)
        holds one name per item; a single string is one name and is never split at
        commas, so a legacy link's ``?team=A,B`` means the team named "A,B" here (the
        pages, which know the choices, read it as A and B when "A,B" is no choice and
        A or B is one). A repeated date or search key takes its last value.

        >>> Filters.from_query_params({"team": "Vilnius, Old Town"}).teams
        ('Vilnius, Old Town',)
        >>> Filters.from_query_params({"team": ["A", "B"], "to": "2025-01-31"}).teams
        ('A', 'B')
        """

        def one(key: str) -> object:
            value = params.get(key)
            if isinstance(value, list | tuple):
                return value[-1] if value else None
            return value

        def many(key: str) -> tuple[str, ...]:
            value = params.get(key)
            if value is None:
                return ()
            if isinstance(value, list | tuple | set | frozenset):
                return tuple(str(v) for v in value)
            return (str(value),)

        return cls(
            date_from=_as_date(one("from")),
            date_to=_as_date(one("to")),
            search=str(one("q") or ""),
            **{name: many(key) for key, name in _MULTI.items()},
        )

    def describe(self) -> str:
        """A short human-readable summary, for audit logs and file names."""
        params = self.to_query_params()
        return (
            "; ".join(
                f"{k}={' | '.join(v) if isinstance(v, list) else v}"
                for k, v in params.items()
            )
            or "all rows"
        )
