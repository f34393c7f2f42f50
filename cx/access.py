"""Who may see what: roles, a user's scope, and the filter every read is narrowed by.

The store applies :func:`scope_filters` to every query, so no page can forget it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from cx.filters import Filters

__all__ = [
    "NO_TEAM",
    "Role",
    "Scope",
    "scope_filters",
    "PAGES_BY_ROLE",
    "team_key",
    "unknown_teams",
]

# A team name no real row can carry: a team lead with no overlap sees nothing.
NO_TEAM = "\x00no-team\x00"


class Role(StrEnum):
    """The four roles of cx."""

    ADMIN = "admin"
    QUALITY_MANAGER = "quality_manager"
    TEAM_LEAD = "team_lead"
    EXECUTIVE = "executive"


PAGES_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.ADMIN: ("upload", "explore", "lists", "summary", "taxonomy", "admin"),
    Role.QUALITY_MANAGER: ("upload", "explore", "lists", "summary", "taxonomy"),
    Role.TEAM_LEAD: ("explore", "lists"),
    Role.EXECUTIVE: ("summary",),
}


@dataclass(frozen=True)
class Scope:
    """The signed-in person: their name, role and (for team leads) teams.

    >>> Scope("ann", Role.TEAM_LEAD, ("Vilnius",)).can_upload
    False
    """

    user: str
    role: Role
    teams: tuple[str, ...] = ()

    @classmethod
    def single_user(cls) -> Scope:
        """The scope used while no user exists (first-run, single-user mode)."""
        return cls(user="local", role=Role.ADMIN)

    @property
    def can_upload(self) -> bool:
        return self.role in (Role.ADMIN, Role.QUALITY_MANAGER)

    @property
    def can_edit_taxonomy(self) -> bool:
        return self.role in (Role.ADMIN, Role.QUALITY_MANAGER)

    @property
    def can_see_verbatims(self) -> bool:
        """Executives see aggregates only, never customers' words."""
        return self.role is not Role.EXECUTIVE

    @property
    def can_read_audit(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def pages(self) -> tuple[str, ...]:
        return PAGES_BY_ROLE[self.role]

    def with_known_teams(self, known: Iterable[str]) -> Scope:
        """This scope with each team also spelt as the data spells it.

        A team lead added as "vilnius office" sees the rows of "Vilnius Office":
        teams match ignoring case and extra spaces (:func:`team_key`).

        >>> lead = Scope("ann", Role.TEAM_LEAD, ("vilnius  office ",))
        >>> lead.with_known_teams(["Vilnius Office", "Riga"]).teams
        ('Vilnius Office', 'vilnius  office ')
        """
        if self.role is not Role.TEAM_LEAD or not self.teams:
            return self
        own = {team_key(t) for t in self.teams}
        spelt = {str(t) for t in known if team_key(str(t)) in own}
        return replace(self, teams=tuple(sorted(spelt | set(self.teams))))


def team_key(name: str) -> str:
    """A team name as compared for scoping: case and runs of spaces ignored.

    >>> team_key("  Vilnius   OFFICE ")
    'vilnius office'
    """
    return " ".join(str(name).split()).casefold()


def unknown_teams(teams: Iterable[str], known: Iterable[str]) -> list[str]:
    """The ``teams`` that match none of the ``known`` team names (see :func:`team_key`).

    >>> unknown_teams(["vilnius office", "Kaunas"], ["Vilnius Office"])
    ['Kaunas']
    """
    keys = {team_key(k) for k in known}
    return [t for t in teams if team_key(t) not in keys]


def scope_filters(filters: Filters, scope: Scope) -> Filters:
    """Narrow ``filters`` to what ``scope`` may read.

    A team lead's team filter is intersected with their own teams (ignoring case and
    extra spaces, see :func:`team_key`; the filter's spelling is kept, as it is the
    data's); asking for another team yields a filter that matches no row, never a
    widened one.

    >>> lead = Scope("ann", Role.TEAM_LEAD, ("A",))
    >>> scope_filters(Filters(teams=("B",)), lead).teams == (NO_TEAM,)
    True
    >>> scope_filters(Filters(), lead).teams
    ('A',)
    >>> scope_filters(Filters(teams=("a",)), lead).teams
    ('a',)
    """
    if scope.role is not Role.TEAM_LEAD:
        return filters
    own = {team_key(t) for t in scope.teams}
    wanted = set(filters.teams) if filters.teams else set(scope.teams)
    allowed = tuple(sorted(t for t in wanted if team_key(t) in own)) or (NO_TEAM,)
    return filters.with_(teams=allowed)
