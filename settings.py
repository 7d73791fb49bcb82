"""The one place that reads the environment.

Every setting has a default that works on a developer's machine; production
sets ``MITTARI_ENV=production`` and a strong ``SECRET_KEY``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    environment: str
    language: str
    upload_limit_bytes: int
    host: str
    port: int

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


def _default_database_url() -> str:
    instance = PROJECT_ROOT / "instance"
    return f"sqlite:///{instance / 'mittari.sqlite3'}"


def load() -> Settings:
    """Read the settings from the environment (and only here)."""
    env = os.environ
    return Settings(
        database_url=env.get("DATABASE_URL") or _default_database_url(),
        secret_key=env.get("SECRET_KEY", ""),
        environment=env.get("MITTARI_ENV", "development"),
        language=env.get("MITTARI_LANG", "fi"),
        upload_limit_bytes=int(env.get("MITTARI_UPLOAD_LIMIT_MB", "20")) * 1024 * 1024,
        host=env.get("MITTARI_HOST", "127.0.0.1"),
        port=int(env.get("MITTARI_PORT", "8050")),
    )
