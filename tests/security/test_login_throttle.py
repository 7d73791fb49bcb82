"""Wrong passwords slow down that account from that address only: nobody can lock someone else out (issue 15)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

import settings
from auth.web import THROTTLE_CONFIG
from db import accounts
from settings import LoginThrottle
from tests.security.conftest import log_in

WRONG = "väärä-salasana-123"
HOME, ELSEWHERE = "192.0.2.10", "198.51.100.20"


def client_at(dash_app, address: str) -> FlaskClient:
    """A browser at ``address``, nobody logged in."""
    client = dash_app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture
def policy(secured, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set the app's throttling (the fields of ``settings.LoginThrottle`` that differ from its defaults)."""
    return lambda **fields: monkeypatch.setitem(secured.server.config, THROTTLE_CONFIG, LoginThrottle(**fields))


@pytest.fixture
def advance(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move the audit log's clock (which throttling reads too) forward by so many seconds."""
    offset = dt.timedelta()
    real = accounts.now

    def shifted() -> dt.datetime:
        return real() + offset

    def forward(seconds: float) -> None:
        nonlocal offset
        offset += dt.timedelta(seconds=seconds)

    monkeypatch.setattr(accounts, "now", shifted)
    return forward


def test_wrong_passwords_from_one_address_do_not_stop_the_account_from_another(secured, policy):
    policy(free_failures=5, delay_s=60)
    attacker = client_at(secured, ELSEWHERE)
    codes = [log_in(attacker, "katsoja", WRONG).status_code for _ in range(10)]
    assert codes == [401] * 5 + [429] * 5  # five free, then the attacker waits
    assert log_in(client_at(secured, HOME), "katsoja").status_code == 302


def test_the_wait_doubles_with_each_further_wrong_password_up_to_its_ceiling(secured, policy, advance):
    policy(free_failures=2, delay_s=60, max_delay_s=200)
    client = client_at(secured, ELSEWHERE)
    assert [log_in(client, "johtaja", WRONG).status_code for _ in range(2)] == [401, 401]
    waits = []
    for _ in range(3):
        refused = log_in(client, "johtaja")  # even the right password waits
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        advance(waits[-1] + 1)
        assert log_in(client, "johtaja", WRONG).status_code == 401
    assert waits == [60, 120, 200]
    assert "Yritä uudelleen 4 min kuluttua" in log_in(client, "johtaja").get_data(as_text=True)


def test_a_login_clears_the_wrong_passwords_of_its_address(secured, policy):
    policy(free_failures=6, delay_s=60)
    client = client_at(secured, HOME)
    assert [log_in(client, "katsoja", WRONG).status_code for _ in range(5)] == [401] * 5
    assert log_in(client, "katsoja").status_code == 302
    assert [log_in(client, "katsoja", WRONG).status_code for _ in range(6)] == [401] * 6


def test_the_admin_logs_in_from_a_known_address_despite_failures(secured, sample_url: str, policy):
    policy(free_failures=2, failures_per_address=4)
    assert log_in(client_at(secured, HOME), "yllapitaja").status_code == 302
    for address in (HOME, ELSEWHERE, "203.0.113.1", "203.0.113.2"):  # the admin's own address is attacked too
        for _ in range(5):
            accounts.record_audit("login_failed", "yllapitaja", remote_addr=address, url=sample_url)
    assert log_in(client_at(secured, HOME), "yllapitaja").status_code == 302
    assert log_in(client_at(secured, ELSEWHERE), "yllapitaja").status_code == 429  # a new address waits
    assert log_in(client_at(secured, HOME), "katsoja").status_code == 429  # and others wait at the attacked address


def test_login_throttling_is_set_in_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MITTARI_LOGIN_FREE_FAILURES", "3")
    monkeypatch.setenv("MITTARI_LOGIN_MAX_DELAY_S", "60")
    monkeypatch.setenv("MITTARI_LOGIN_FAILURES_PER_ADDRESS", "20")
    loaded = settings.load().login_throttle
    assert (loaded.free_failures, loaded.max_delay_s, loaded.failures_per_address) == (3, 60.0, 20)
    assert loaded.delay_s == LoginThrottle().delay_s
