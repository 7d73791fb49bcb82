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
    risk_thresholds: RiskThresholds
    chromium_path: str
    admin_password: str
    secure_cookies: bool
    session_hours: int
    instance_dir: Path
    oidc: OidcSettings
    cache: bool
    redis_url: str
    proxy_hops: int

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


@dataclass(frozen=True)
class OidcSettings:
    """Single sign-on with OpenID Connect: on when an issuer is set (``OIDC_ISSUER``)."""

    issuer: str = ""
    client_id: str = ""
    client_secret: str = ""
    username_claim: str = "email"
    label: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.issuer and self.client_id)


@dataclass(frozen=True)
class RiskThresholds:
    """When a risk indicator turns to alert (each is above its threshold); see ``models/risks.py``.

    ``budget_overrun_pct``: net cost to date beyond the plan to date, per cent.
    ``savings_shortfall_pct``: forecast saving below the target, percentage points.
    ``unemployment_rise_pct``: a target group's unemployed against the same month of the baseline year, per cent.
    ``long_recipients_growth_pp``: growth of the share of 1000+ day recipients in a quarter, percentage points.
    ``fixed_term_months``/``fixed_term_posts``: more than this many people in fixed-term posts ending within the months.
    ``clients_per_staff``: clients per client-service staff member.
    """

    budget_overrun_pct: float = 5.0
    savings_shortfall_pct: float = 0.0
    unemployment_rise_pct: float = 0.0
    long_recipients_growth_pp: float = 0.5
    fixed_term_months: int = 6
    fixed_term_posts: int = 0
    clients_per_staff: float = 150.0


def _risk_thresholds(env: os._Environ[str] | dict[str, str]) -> RiskThresholds:
    defaults = RiskThresholds()
    return RiskThresholds(
        budget_overrun_pct=float(env.get("MITTARI_RISK_BUDGET_OVERRUN_PCT", defaults.budget_overrun_pct)),
        savings_shortfall_pct=float(env.get("MITTARI_RISK_SAVINGS_SHORTFALL_PCT", defaults.savings_shortfall_pct)),
        unemployment_rise_pct=float(env.get("MITTARI_RISK_UNEMPLOYMENT_RISE_PCT", defaults.unemployment_rise_pct)),
        long_recipients_growth_pp=float(
            env.get("MITTARI_RISK_LONG_RECIPIENTS_GROWTH_PP", defaults.long_recipients_growth_pp)
        ),
        fixed_term_months=int(env.get("MITTARI_RISK_FIXED_TERM_MONTHS", defaults.fixed_term_months)),
        fixed_term_posts=int(env.get("MITTARI_RISK_FIXED_TERM_POSTS", defaults.fixed_term_posts)),
        clients_per_staff=float(env.get("MITTARI_RISK_CLIENTS_PER_STAFF", defaults.clients_per_staff)),
    )


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
        risk_thresholds=_risk_thresholds(env),
        chromium_path=env.get("MITTARI_CHROMIUM", "/usr/bin/chromium"),
        admin_password=env.get("MITTARI_ADMIN_PASSWORD", ""),
        secure_cookies=_flag(env.get("MITTARI_SECURE_COOKIES"), env.get("MITTARI_ENV") == "production"),
        session_hours=int(env.get("MITTARI_SESSION_HOURS", "8")),
        instance_dir=Path(env.get("MITTARI_INSTANCE_DIR") or PROJECT_ROOT / "instance"),
        oidc=OidcSettings(
            issuer=env.get("OIDC_ISSUER", "").rstrip("/"),
            client_id=env.get("OIDC_CLIENT_ID", ""),
            client_secret=env.get("OIDC_CLIENT_SECRET", ""),
            username_claim=env.get("OIDC_USERNAME_CLAIM", "email"),
            label=env.get("OIDC_LABEL", ""),
        ),
        cache=_flag(env.get("MITTARI_CACHE"), True),
        redis_url=env.get("REDIS_URL", ""),
        proxy_hops=int(env.get("MITTARI_PROXY_HOPS") or "0"),
    )


def _flag(value: str | None, default: bool) -> bool:
    """An on/off setting: 1/true/yes/on are on."""
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}
