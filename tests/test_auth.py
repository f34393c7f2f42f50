"""Sign-in rules against a real workspace file: hashing, lock-out, expiry, disabling."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cx.access import Role
from cx.auth import (
    AuthError,
    Session,
    add_user,
    disable_user,
    hash_password,
    reset_password,
    resume,
    sign_in,
    verify_password,
)
from cx.config import get_settings
from cx.store import Workspace

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 3, 1, 9, 0)


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace(tmp_path / "auth.duckdb")
    yield ws
    ws.close()


@pytest.fixture
def settings():
    return dataclasses.replace(
        get_settings(), lockout_attempts=3, lockout_minutes=15, session_minutes=30
    )


def test_password_hash_is_salted_and_verifies():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second
    assert PASSWORD not in first
    assert verify_password(first, PASSWORD)
    assert not verify_password(first, PASSWORD + "!")


def test_short_passwords_are_refused_with_the_minimum_length():
    with pytest.raises(AuthError, match="at least 10 characters"):
        hash_password("short")


def test_workspace_file_never_holds_the_plain_password(tmp_path):
    path = tmp_path / "bytes.duckdb"
    with Workspace(path) as ws:
        add_user(ws, "ann", PASSWORD, "team_lead", ["Billing"])
        ws.update_user("ann", failed_attempts=0)
    raw = path.read_bytes()
    assert PASSWORD.encode() not in raw
    assert PASSWORD.encode("utf-16-le") not in raw
    assert b"argon2id" in raw


def test_sign_in_returns_the_users_role_and_teams(workspace, settings):
    add_user(workspace, "ann", PASSWORD, "team_lead", ["Billing", "Kaunas Office"])
    session = sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)
    assert session.scope.role is Role.TEAM_LEAD
    assert session.scope.teams == ("Billing", "Kaunas Office")


def test_wrong_password_and_unknown_user_get_the_same_message(workspace, settings):
    add_user(workspace, "ann", PASSWORD, "executive")
    messages = []
    for name, password in [("ann", "wrong password!"), ("nobody", PASSWORD)]:
        with pytest.raises(AuthError) as err:
            sign_in(workspace, name, password, now=T0, settings=settings)
        messages.append(str(err.value))
    assert messages[0] == messages[1] == "Wrong user name or password."


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    workspace, settings
):
    add_user(workspace, "ann", PASSWORD, "quality_manager")
    for _ in range(3):
        with pytest.raises(AuthError, match="Wrong"):
            sign_in(workspace, "ann", "not the password", now=T0, settings=settings)
    with pytest.raises(AuthError, match="locked until 09:15"):
        sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)
    later = T0 + dt.timedelta(minutes=16)
    assert sign_in(workspace, "ann", PASSWORD, now=later, settings=settings)


def test_a_successful_sign_in_resets_the_failure_count(workspace, settings):
    add_user(workspace, "ann", PASSWORD, "quality_manager")
    for _ in range(2):
        with pytest.raises(AuthError):
            sign_in(workspace, "ann", "not the password", now=T0, settings=settings)
    sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)
    assert workspace.get_user("ann")["failed_attempts"] == 0


def test_sessions_expire_after_the_configured_minutes(workspace, settings):
    add_user(workspace, "ann", PASSWORD, "executive")
    session = sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)
    assert not session.is_expired(T0 + dt.timedelta(minutes=29))
    assert session.is_expired(T0 + dt.timedelta(minutes=30))


def test_disabled_users_cannot_sign_in(workspace, settings):
    add_user(workspace, "ann", PASSWORD, "executive")
    disable_user(workspace, "ann")
    with pytest.raises(AuthError, match="disabled"):
        sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)


def test_reset_password_replaces_the_old_one_and_lifts_a_lock(workspace, settings):
    add_user(workspace, "ann", PASSWORD, "executive")
    for _ in range(3):
        with pytest.raises(AuthError):
            sign_in(workspace, "ann", "not the password", now=T0, settings=settings)
    reset_password(workspace, "ann", "a brand new secret")
    assert sign_in(workspace, "ann", "a brand new secret", now=T0, settings=settings)
    with pytest.raises(AuthError, match="Wrong"):
        sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)


@pytest.mark.parametrize(
    ("name", "role", "teams", "message"),
    [
        ("ann", "boss", (), "Unknown role 'boss'"),
        ("ann", "team_lead", (), "needs at least one team"),
        ("a b", "executive", (), "no spaces"),
        ("ann", "admin", ("Billing",), "Only team leads are limited to teams"),
    ],
)
def test_bad_user_definitions_are_refused_with_a_reason(
    workspace, name, role, teams, message
):
    with pytest.raises(AuthError, match=message):
        add_user(workspace, name, PASSWORD, role, teams)
    assert workspace.user_count() == 0


def test_duplicate_user_names_are_refused(workspace):
    add_user(workspace, "ann", PASSWORD, "executive")
    with pytest.raises(AuthError, match="already exists"):
        add_user(workspace, "ann", PASSWORD, "admin")


def test_resume_keeps_a_live_session_and_applies_a_changed_team_list(
    workspace, settings
):
    add_user(workspace, "ann", PASSWORD, "team_lead", ["Billing"])
    session = sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)
    workspace.update_user("ann", teams=["Riga"])
    resumed = resume(workspace, session, now=T0 + dt.timedelta(minutes=5))
    assert resumed.scope.teams == ("Riga",)
    assert resumed.expires_at == session.expires_at


@pytest.mark.parametrize(
    ("change", "minutes", "message"),
    [
        (None, 30, "Your session has expired: sign in again."),
        ("disable", 1, "This account is disabled: ask an administrator."),
        ("rename", 1, "This account no longer exists: ask an administrator."),
    ],
)
def test_resume_ends_expired_disabled_and_unknown_sessions(
    workspace, settings, change, minutes, message
):
    add_user(workspace, "ann", PASSWORD, "executive")
    session = sign_in(workspace, "ann", PASSWORD, now=T0, settings=settings)
    if change == "disable":
        disable_user(workspace, "ann")
    if change == "rename":
        nobody = dataclasses.replace(session.scope, user="bob")
        session = Session(nobody, session.expires_at)
    with pytest.raises(AuthError) as err:
        resume(workspace, session, now=T0 + dt.timedelta(minutes=minutes))
    assert str(err.value) == message
