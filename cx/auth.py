"""Sign-in: argon2 password hashes, lock-out after repeated failures, expiring sessions.

Users live in the workspace (``users`` table); this module holds the rules, the store
holds the rows. Messages never say whether the user name or the password was wrong.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import secrets
from dataclasses import dataclass
from typing import Any, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cx.access import Role, Scope
from cx.config import Settings, get_settings

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "AuthError",
    "Session",
    "UserDirectory",
    "add_user",
    "disable_user",
    "generate_password",
    "hash_password",
    "reset_password",
    "resume",
    "scope_of",
    "sign_in",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
_HASHER = PasswordHasher()


class AuthError(ValueError):
    """A sign-in or user-management problem, worded for the person at the keyboard."""


class UserDirectory(Protocol):
    """What sign-in needs from the workspace (``cx.store.Workspace`` provides it)."""

    def add_user(
        self, name: str, password_hash: str, role: str, teams: list[str]
    ) -> None: ...

    def get_user(self, name: str) -> dict[str, Any] | None: ...

    def update_user(self, name: str, **fields: Any) -> None: ...


@dataclass(frozen=True)
class Session:
    """A signed-in person and when their session ends."""

    scope: Scope
    expires_at: dt.datetime

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        """True once the session's time is up."""
        return (now or _now()) >= self.expires_at


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; the plain text is never stored)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(
            f"Password too short: use at least {MIN_PASSWORD_LENGTH} characters."
        )
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    """A random password for new users and resets (shown once to the admin)."""
    return secrets.token_urlsafe(12)


def _teams(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(",") if value else []
    else:
        items = [str(v) for v in value]  # type: ignore[union-attr]
    return tuple(sorted({t.strip() for t in items if t.strip()}))


def add_user(
    users: UserDirectory,
    name: str,
    password: str,
    role: str,
    teams: list[str] | tuple[str, ...] = (),
) -> Scope:
    """Create a user; team leads must name at least one team."""
    if not _NAME.match(name or ""):
        raise AuthError(
            "User names are 2-64 letters, digits or . _ @ - (no spaces): "
            f"{name!r} is not."
        )
    try:
        role_ = Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise AuthError(f"Unknown role {role!r}: use one of {allowed}.") from None
    team_list = _teams(teams)
    if role_ is Role.TEAM_LEAD and not team_list:
        raise AuthError("A team lead needs at least one team: add --team NAME.")
    if role_ is not Role.TEAM_LEAD and team_list:
        raise AuthError(
            f"Only team leads are limited to teams: leave out --team for {role_.value}."
        )
    if users.get_user(name) is not None:
        raise AuthError(f"User {name!r} already exists: choose another name.")
    users.add_user(name, hash_password(password), role_.value, list(team_list))
    return Scope(name, role_, team_list)


def reset_password(users: UserDirectory, name: str, password: str) -> None:
    """Set a new password, clear failures and lock-out."""
    if users.get_user(name) is None:
        raise AuthError(f"No user named {name!r}.")
    users.update_user(
        name,
        password_hash=hash_password(password),
        failed_attempts=0,
        locked_until=None,
    )


def disable_user(users: UserDirectory, name: str) -> None:
    """Stop a user from signing in (their audit trail stays)."""
    if users.get_user(name) is None:
        raise AuthError(f"No user named {name!r}.")
    users.update_user(name, disabled=True)


def sign_in(
    users: UserDirectory,
    name: str,
    password: str,
    *,
    now: dt.datetime | None = None,
    settings: Settings | None = None,
) -> Session:
    """Check a user name and password; count failures and lock out after too many."""
    settings = settings or get_settings()
    now = now or _now()
    wrong = AuthError("Wrong user name or password.")
    user = users.get_user(name)
    if user is None:
        # Spend the same time as a real check, so timing does not reveal user names.
        verify_password(_dummy_hash(), password)
        raise wrong
    if user.get("disabled"):
        raise AuthError("This account is disabled: ask an administrator.")
    locked_until = user.get("locked_until")
    if locked_until is not None and _naive(locked_until) > now:
        raise AuthError(
            "Too many failed sign-ins: this account is locked until "
            f"{_naive(locked_until):%H:%M} UTC. Try again later or ask an admin."
        )
    if not verify_password(str(user["password_hash"]), password):
        failures = int(user.get("failed_attempts") or 0) + 1
        fields: dict[str, Any] = {"failed_attempts": failures}
        if failures >= settings.lockout_attempts:
            fields["failed_attempts"] = 0
            fields["locked_until"] = now + dt.timedelta(
                minutes=settings.lockout_minutes
            )
        users.update_user(name, **fields)
        raise wrong
    users.update_user(name, failed_attempts=0, locked_until=None)
    return Session(scope_of(user), now + dt.timedelta(minutes=settings.session_minutes))


def scope_of(user: dict[str, Any]) -> Scope:
    """The Scope a stored user record grants (its name, role and teams)."""
    return Scope(str(user["name"]), Role(str(user["role"])), _teams(user.get("teams")))


def resume(
    users: UserDirectory, session: Session, *, now: dt.datetime | None = None
) -> Session:
    """Re-check a session on each request: expired, disabled or removed users are out.

    The scope is rebuilt from the stored user, so a changed role or team list applies at
    once; the expiry time stays the one set at sign-in.
    """
    if session.is_expired(now):
        raise AuthError("Your session has expired: sign in again.")
    user = users.get_user(session.scope.user)
    if user is None:
        raise AuthError("This account no longer exists: ask an administrator.")
    if user.get("disabled"):
        raise AuthError("This account is disabled: ask an administrator.")
    return Session(scope_of(user), session.expires_at)


def _naive(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    return dt.datetime.fromisoformat(str(value))


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash("timing-equaliser-not-a-password")
