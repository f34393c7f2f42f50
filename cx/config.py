"""Configuration in one place: a frozen dataclass built from environment variables.

Nothing is created on disk at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PROJECT_ROOT", "Settings", "get_settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    """Runtime settings; every field has a default and an environment variable."""

    db_path: Path
    max_upload_mb: int = 200
    sample_path: Path = PROJECT_ROOT / "data" / "samples" / "feedback_sample.csv"
    session_minutes: int = 60
    lockout_attempts: int = 5
    lockout_minutes: int = 15

    @property
    def max_upload_bytes(self) -> int:
        """The upload size limit in bytes."""
        return self.max_upload_mb * 1024 * 1024


def get_settings() -> Settings:
    """Read the settings from the environment (``CX_*`` variables)."""
    db = os.environ.get("CX_DB") or str(PROJECT_ROOT / "data" / "workspace.duckdb")
    sample = os.environ.get("CX_SAMPLE") or str(
        PROJECT_ROOT / "data" / "samples" / "feedback_sample.csv"
    )
    return Settings(
        db_path=Path(db),
        max_upload_mb=_env_int("CX_MAX_UPLOAD_MB", 200),
        sample_path=Path(sample),
        session_minutes=_env_int("CX_SESSION_MINUTES", 60),
        lockout_attempts=_env_int("CX_LOCKOUT_ATTEMPTS", 5),
        lockout_minutes=_env_int("CX_LOCKOUT_MINUTES", 15),
    )
