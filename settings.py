"""The one place that reads the environment.

Every setting has a default that works on a developer's machine; production
sets ``MITTARI_ENV=production`` and a strong ``SECRET_KEY``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

PROJECT_ROOT = Path(__file__).resolve().parent
T = TypeVar("T")


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
    login_throttle: LoginThrottle
    import_limits: ImportLimits
    # Where users report accessibility problems (the accessibility statement shows it): an e-mail
    # address or a web address, set by the administrator in MITTARI_ACCESSIBILITY_FEEDBACK.
    accessibility_feedback: str = ""

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def log_file(self) -> Path:
        """Where ``mittari`` writes its log (an import's unexpected error, with its id)."""
        return self.instance_dir / "mittari.log"


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
class ImportLimits:
    """How much reading one imported or uploaded file may take (``data_loaders.limits.ParseLimits``).

    The parse runs in a child process: ``memory_mb`` is its address space
    (the national files, bigger than any upload, need about 2 GiB),
    ``seconds`` its wall-clock time (the national Kela file takes 30 s). A
    sheet is refused before it is read when it declares or reaches more than
    ``max_rows`` rows (Excel's own maximum), ``max_columns`` columns or
    ``max_cells`` cells (last row × last column: the grid the reader allocates;
    a 1 000 000-row ledger of 15 columns is 15 million).
    """

    memory_mb: int = 4096
    seconds: float = 120.0
    max_rows: int = 1_048_576
    max_columns: int = 1_000
    max_cells: int = 20_000_000


def _import_limits(env: os._Environ[str] | dict[str, str]) -> ImportLimits:
    defaults = ImportLimits()
    return ImportLimits(
        memory_mb=int(env.get("MITTARI_IMPORT_MEMORY_MB", defaults.memory_mb)),
        seconds=float(env.get("MITTARI_IMPORT_SECONDS", defaults.seconds)),
        max_rows=int(env.get("MITTARI_SHEET_MAX_ROWS", defaults.max_rows)),
        max_columns=int(env.get("MITTARI_SHEET_MAX_COLUMNS", defaults.max_columns)),
        max_cells=int(env.get("MITTARI_SHEET_MAX_CELLS", defaults.max_cells)),
    )


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


@dataclass(frozen=True)
class LoginThrottle:
    """How wrong passwords slow logins down (``auth/throttle.py``), per account and address, so none can be aimed.

    ``free_failures``: wrong passwords for one account from one address before each further try must wait.
    ``delay_s``/``max_delay_s``: the first wait, doubled with each further wrong password, and its ceiling.
    ``memory_hours``: how long a wrong password counts (a login from the same address clears them sooner).
    ``failures_per_address``/``window_minutes``: wrong passwords from one address for any accounts
    within the window, before that address must wait.
    An admin trying from an address they have logged in from before never waits.
    """

    free_failures: int = 5
    delay_s: float = 2.0
    max_delay_s: float = 900.0
    memory_hours: float = 24.0
    failures_per_address: int = 50
    window_minutes: float = 15.0


LOGIN_THROTTLE_VARIABLES = {
    "free_failures": "MITTARI_LOGIN_FREE_FAILURES",
    "delay_s": "MITTARI_LOGIN_DELAY_S",
    "max_delay_s": "MITTARI_LOGIN_MAX_DELAY_S",
    "memory_hours": "MITTARI_LOGIN_MEMORY_HOURS",
    "failures_per_address": "MITTARI_LOGIN_FAILURES_PER_ADDRESS",
    "window_minutes": "MITTARI_LOGIN_WINDOW_MINUTES",
}
RISK_THRESHOLD_VARIABLES = {
    "budget_overrun_pct": "MITTARI_RISK_BUDGET_OVERRUN_PCT",
    "savings_shortfall_pct": "MITTARI_RISK_SAVINGS_SHORTFALL_PCT",
    "unemployment_rise_pct": "MITTARI_RISK_UNEMPLOYMENT_RISE_PCT",
    "long_recipients_growth_pp": "MITTARI_RISK_LONG_RECIPIENTS_GROWTH_PP",
    "fixed_term_months": "MITTARI_RISK_FIXED_TERM_MONTHS",
    "fixed_term_posts": "MITTARI_RISK_FIXED_TERM_POSTS",
    "clients_per_staff": "MITTARI_RISK_CLIENTS_PER_STAFF",
}


def _numbers(kind: type[T], variables: dict[str, str], env: os._Environ[str] | dict[str, str]) -> T:
    """A dataclass of numbers: each field from its variable when set (read as its default's type), else the default.

    >>> _numbers(LoginThrottle, LOGIN_THROTTLE_VARIABLES, {"MITTARI_LOGIN_DELAY_S": "0.5"}).delay_s
    0.5
    """
    defaults = kind()
    return kind(
        **{field: type(getattr(defaults, field))(env[name]) for field, name in variables.items() if name in env}
    )


def _default_database_url() -> str:
    instance = PROJECT_ROOT / "instance"
    return f"sqlite:///{instance / 'mittari.sqlite3'}"


def database_url() -> str:
    """The database's URL alone (``load().database_url``): read at every database call, so kept cheap."""
    return os.environ.get("DATABASE_URL") or _default_database_url()


def load() -> Settings:
    """Read the settings from the environment (and only here)."""
    env = os.environ
    return Settings(
        database_url=database_url(),
        secret_key=env.get("SECRET_KEY", ""),
        environment=env.get("MITTARI_ENV", "development"),
        language=env.get("MITTARI_LANG", "fi"),
        upload_limit_bytes=int(env.get("MITTARI_UPLOAD_LIMIT_MB", "20")) * 1024 * 1024,
        host=env.get("MITTARI_HOST", "127.0.0.1"),
        port=int(env.get("MITTARI_PORT", "8050")),
        risk_thresholds=_numbers(RiskThresholds, RISK_THRESHOLD_VARIABLES, env),
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
        login_throttle=_numbers(LoginThrottle, LOGIN_THROTTLE_VARIABLES, env),
        import_limits=_import_limits(env),
        accessibility_feedback=env.get("MITTARI_ACCESSIBILITY_FEEDBACK", "").strip(),
    )


def _flag(value: str | None, default: bool) -> bool:
    """An on/off setting: 1/true/yes/on are on."""
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}
