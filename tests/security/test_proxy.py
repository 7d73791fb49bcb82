"""Behind a reverse proxy (``MITTARI_PROXY_HOPS``) the user's address comes from X-Forwarded-For, and only then.

Login throttling by address and the audit log both read the request's address:
behind nginx it must be the user's, not the proxy's; without the setting the
header is the client's own word and is ignored, so sending one evades nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from auth.passwords import hash_password
from auth.web import install
from db import accounts
from settings import LoginThrottle

USER, PASSWORD = "valvoja", "proksitesti-salasana-1"
CLIENT = "203.0.113.7"  # the user's address, as nginx forwards it
PROXY = "127.0.0.1"  # the test client's own address: the proxy's, as the app sees it


@pytest.fixture
def serve(sample_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A server with login and the gate, ``MITTARI_PROXY_HOPS`` set to ``hops`` (None: unset)."""
    import settings

    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv("MITTARI_INSTANCE_DIR", str(tmp_path))
    accounts.add_user(USER, "viewer", hash_password(PASSWORD), programmes=["kuopio"], url=sample_url)

    def server(hops: str | None) -> FlaskClient:
        if hops is None:
            monkeypatch.delenv("MITTARI_PROXY_HOPS", raising=False)
        else:
            monkeypatch.setenv("MITTARI_PROXY_HOPS", hops)
        app = Flask("mittari-proxy")
        install(app, settings.load())
        return app.test_client()

    return server


def log_in(client: FlaskClient, forwarded_for: str, password: str = PASSWORD):
    headers = {"X-Forwarded-For": forwarded_for}
    page = client.get("/login", headers=headers).get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = {"username": USER, "password": password, "csrf": token, "next": "/"}
    return client.post("/login", data=form, headers=headers)


def addresses(url: str, action: str) -> list[str]:
    events = accounts.audit_events(url=url)
    return events[events["action"] == action]["remote_addr"].tolist()


def fail_often_from(address: str, url: str) -> None:
    """As many failed logins from ``address`` as throttle it (each under a user name of its own)."""
    for i in range(LoginThrottle().failures_per_address):
        accounts.record_audit("login_failed", f"arvaus{i}", remote_addr=address, url=url)


def test_behind_one_proxy_the_forwarded_address_is_audited(serve, sample_url: str):
    client = serve("1")
    assert log_in(client, CLIENT, "väärin-väärin-123").status_code == 401
    # nginx appends the address it saw to whatever the client sent: only that last one is trusted
    assert log_in(client, f"198.51.100.1, {CLIENT}").status_code == 302
    assert addresses(sample_url, "login_failed") == [CLIENT]
    assert addresses(sample_url, "login") == [CLIENT]


def test_behind_one_proxy_the_forwarded_address_is_throttled(serve, sample_url: str):
    client = serve("1")
    fail_often_from(CLIENT, sample_url)
    assert log_in(client, CLIENT).status_code == 429
    assert log_in(client, "203.0.113.8").status_code == 302  # another user behind the same proxy is not


def test_behind_one_proxy_the_forwarded_scheme_counts(serve):
    client = serve("1")
    response = client.get("/login", headers={"X-Forwarded-For": CLIENT, "X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


@pytest.mark.parametrize("hops", [None, "0"])
def test_without_the_setting_the_header_is_ignored(serve, sample_url: str, hops: str | None):
    client = serve(hops)
    assert log_in(client, CLIENT, "väärin-väärin-123").status_code == 401
    assert addresses(sample_url, "login_failed") == [PROXY]
    fail_often_from(PROXY, sample_url)
    assert log_in(client, "203.0.113.9").status_code == 429, "a made-up X-Forwarded-For must not evade throttling"
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_behind_one_proxy_a_forwarded_host_is_ignored(serve):
    # nginx passes Host itself and never sets X-Forwarded-Host: a client's own header must not become the host
    # (the single sign-on return address is built from it)
    client = serve("1")
    seen = []
    client.application.before_request(lambda: seen.append(request.host))
    client.get("/login", headers={"X-Forwarded-For": CLIENT, "X-Forwarded-Host": "evil.example", "Host": "mittari.fi"})
    assert seen == ["mittari.fi"]
