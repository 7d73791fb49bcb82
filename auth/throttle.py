"""Login throttling that an attacker cannot aim at someone else's account.

Wrong passwords are counted per account *and* address, from the audit log:
after ``free_failures`` of them, each further try from that address for that
account waits ``delay_s × 2^(failures − free_failures)`` seconds after the
last one, at most ``max_delay_s``. Wrong passwords from elsewhere never slow
the account down here, so nobody can lock someone else out from their own
address. A login from the address clears its count; so does time
(``memory_hours``). Beside it, one address may fail at most
``failures_per_address`` times, for any accounts, within ``window_minutes``.
An admin trying from an address they have logged in from before is never
made to wait: the Administration page stays reachable under attack.

>>> policy = LoginThrottle(free_failures=5, delay_s=2, max_delay_s=900)
>>> [wait_after(failures, policy) for failures in (0, 4, 5, 6, 7, 14, 1000)]
[0.0, 0.0, 2.0, 4.0, 8.0, 900.0, 900.0]
"""

from __future__ import annotations

import datetime as dt
import math

from db import accounts
from settings import LoginThrottle

_MAX_DOUBLINGS = 60  # beyond this, any ceiling is reached; keeps 2 ** n a sane float


def wait_after(failures: int, policy: LoginThrottle) -> float:
    """Seconds the next try waits after the last of ``failures`` wrong passwords (0 while some are free)."""
    if failures < policy.free_failures:
        return 0.0
    doublings = min(failures - policy.free_failures, _MAX_DOUBLINGS)
    return float(min(policy.delay_s * 2.0**doublings, policy.max_delay_s))


def seconds_to_wait(username: str, address: str | None, role: str | None, policy: LoginThrottle) -> float:
    """How long a login as ``username`` from ``address`` must still wait (0: it may be tried now)."""
    last_login = accounts.last_login_from(username, address) if username else None
    if role == "admin" and last_login is not None:
        return 0.0
    now = accounts.now()
    return max(_address_wait(address, policy, now), _account_wait(username, address, last_login, policy, now))


def _address_wait(address: str | None, policy: LoginThrottle, now: dt.datetime) -> float:
    """Until the oldest failure of a full window leaves it (0 while the address is under its limit)."""
    window = dt.timedelta(minutes=policy.window_minutes)
    count, first, _ = accounts.login_failures(now - window, address)
    if count < policy.failures_per_address or first is None:
        return 0.0
    return max((first + window - now).total_seconds(), 0.0)


def _account_wait(
    username: str, address: str | None, last_login: dt.datetime | None, policy: LoginThrottle, now: dt.datetime
) -> float:
    """The doubling wait of this account from this address, counted since its last login there."""
    since = now - dt.timedelta(hours=policy.memory_hours)
    count, _, last = accounts.login_failures(max(since, last_login or since), address, username)
    if last is None:
        return 0.0
    return max((last - now).total_seconds() + wait_after(count, policy), 0.0)


def wait_text(seconds: float) -> str:
    """A wait for people: seconds under a minute, else whole minutes (both rounded up).

    >>> wait_text(1.2), wait_text(59.5), wait_text(60), wait_text(899.5)
    ('2 s', '60 s', '1 min', '15 min')
    """
    if seconds < 60:
        return f"{math.ceil(seconds)} s"
    return f"{math.ceil(seconds / 60)} min"
