"""The app in-process behind Flask's test client, over the sample database, with one user per role."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from auth.passwords import hash_password
from db import accounts

PASSWORD = "turvatesti-salasana-1"
USERS = {
    # user name: (role, programmes)
    "katsoja": ("viewer", ["kuopio"]),
    "johtaja": ("director", ["tampere-seutu"]),
    "analyytikko": ("analyst", ["kuopio", "tampere-seutu"]),
    "yllapitaja": ("admin", []),
}


@pytest.fixture
def secured(sample_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The Dash app with the sample data and the users of ``USERS``."""
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv("MITTARI_INSTANCE_DIR", str(tmp_path))
    import app as composition

    for name, (role, programmes) in USERS.items():
        accounts.add_user(name, role, hash_password(PASSWORD), programmes=programmes, url=sample_url)
    yield composition.app


def log_in(client: FlaskClient, username: str, password: str = PASSWORD):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"username": username, "password": password, "csrf": token, "next": "/"})


def log_out(client: FlaskClient, token: str | None = None):
    """Post the log-out form with the session's token (or ``token``)."""
    if token is None:
        with client.session_transaction() as session:
            token = session.get("csrf", "")
    return client.post("/logout", data={"csrf": token})


def client_for(dash_app: object, username: str | None) -> FlaskClient:
    client = dash_app.server.test_client()
    if username:
        assert log_in(client, username).status_code == 302
    return client


def update(client: FlaskClient, payload: dict):
    return client.post("/_dash-update-component", data=json.dumps(payload), content_type="application/json")
