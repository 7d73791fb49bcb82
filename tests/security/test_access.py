"""Who may call what, checked over HTTP without the UI (issue 6)."""

from __future__ import annotations

import inspect
import json
import time

import pytest
from dash import _callback

from auth import PERMISSIONS, sees_programme
from auth.guard import GUARD_ATTRIBUTE
from auth.web import InsecureConfiguration, install, secret_key
from bench.harness import callback_request
from db import accounts
from tests.security.conftest import USERS, client_for, log_in, log_out, update

# Dash's own page router: it renders page layouts, which ask for data only through guarded
# callbacks and list programmes through components.visible_programmes; the gate covers it.
DASH_PAGE_ROUTER = ".._pages_content.children..._pages_store.data.."
ANONYMOUS_DATA_ROUTES = ["/_dash-layout", "/_dash-dependencies", "/", "/budget", "/hyodyt", "/_reload-hash"]


def server_callbacks(dash_app) -> list[tuple[dict, str, int | None]]:
    """Every callback that runs on the server: its dependency entry, guard action and programme argument."""
    client = client_for(dash_app, "yllapitaja")
    dependencies = client.get("/_dash-dependencies").get_json()
    registered = {**_callback.GLOBAL_CALLBACK_MAP, **dash_app.callback_map}
    found = []
    for entry in dependencies:
        if entry.get("clientside_function") or entry["output"] == DASH_PAGE_ROUTER:
            continue
        function = registered[entry["output"]]["callback"].__wrapped__
        guard = getattr(function, GUARD_ATTRIBUTE, None)
        found.append((entry, guard and guard.action, _programme_position(function, guard)))
    return found


def _programme_position(function, guard) -> int | None:
    """Where the argument the guard declares as the programme sits in the callback's arguments."""
    if guard is None or guard.programme is None:
        return None
    return list(inspect.signature(function).parameters).index(guard.programme)


def payload(entry: dict, programme: str | None, position: int | None) -> dict:
    """A callback request with every input empty, and the programme where the callback takes one."""
    arguments = [*entry["inputs"], *entry["state"]]
    values = []
    for index, argument in enumerate(arguments):
        identity = _identity(argument["id"])
        value = programme if index == position else None
        if isinstance(identity, dict) and any(v == ["ALL"] or v == "ALL" for v in identity.values()):
            values.append([])
        else:
            values.append({"id": identity, "property": argument["property"], "value": value})
    return callback_request(entry, values, [], identity=_identity)


def _identity(raw: str) -> object:
    return json.loads(raw) if raw.startswith("{") else raw


def test_every_server_callback_is_guarded(secured):
    unguarded = [entry["output"] for entry, action, _ in server_callbacks(secured) if action is None]
    assert unguarded == []


@pytest.mark.parametrize("user", [None, *USERS])
def test_role_matrix_over_http(secured, user: str | None):
    """Each role × each data callback: allowed ones run, others get 403; nobody logged in gets 401."""
    client = client_for(secured, user)
    checked = 0
    for entry, action, position in server_callbacks(secured):
        for programme in ["kuopio", "tampere-seutu"] if position is not None else [None]:
            response = update(client, payload(entry, programme, position))
            if user is None:
                expected = {401}
            else:
                role, programmes = USERS[user]
                allowed = role in PERMISSIONS[action] and sees_programme(
                    {"role": role, "programmes": programmes}, programme
                )
                expected = {200, 204} if allowed else {403}
            assert response.status_code in expected, (user, entry["output"], programme, response.status_code)
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize("route", ANONYMOUS_DATA_ROUTES)
def test_anonymous_gets_401_or_login_never_data(secured, route: str):
    response = client_for(secured, None).get(route)
    assert response.status_code in (401, 302)
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")


def test_pathname_input_does_not_slip_past_the_gate(secured):
    """dash-auth's known bypass: a callback whose input is called ``pathname``."""
    request = {
        "output": "_pages_content.children",
        "outputs": {"id": "_pages_content", "property": "children"},
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": "/budget"},
            {"id": "_pages_location", "property": "search", "value": ""},
        ],
        "state": [],
        "changedPropIds": ["_pages_location.pathname"],
    }
    response = update(client_for(secured, None), request)
    assert response.status_code == 401 and b"Toimintakate" not in response.data


@pytest.mark.parametrize("header", ["Basic", "Basic !!!", "Bearer", "Bearer \x00\x01", "Digest x=" + "a" * 5000, "💥"])
def test_malformed_authorization_headers_get_401_not_500(secured, header: str):
    response = client_for(secured, None).get("/_dash-layout", headers={"Authorization": header})
    assert response.status_code == 401


def test_disabled_user_is_logged_out_at_once(secured, sample_url: str):
    client = client_for(secured, "analyytikko")
    assert client.get("/_dash-layout").status_code == 200
    accounts.update_user("analyytikko", active=False, url=sample_url)
    assert client.get("/_dash-layout").status_code == 401


def test_wrong_password_is_refused_and_audited(secured, sample_url: str):
    client = client_for(secured, None)
    assert log_in(client, "johtaja", "väärä-salasana-123").status_code == 401
    assert log_in(client, "ei-ketään", "väärä-salasana-123").status_code == 401
    events = accounts.audit_events(url=sample_url)
    assert events["action"].tolist()[:2] == ["login_failed", "login_failed"]
    assert set(events["username"].head(2)) == {"johtaja", "ei-ketään"}


def test_login_redirect_stays_on_this_site(secured):
    client = client_for(secured, None)
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf" value="')[1].split('"')[0]
    response = client.post(
        "/login",
        data={"username": "katsoja", "password": "turvatesti-salasana-1", "csrf": token, "next": "//evil.example/x"},
    )
    assert response.headers["Location"] == "/"


def test_session_cookie_flags(secured):
    response = log_in(secured.server.test_client(), "katsoja")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookie_behind_https_and_security_headers(tmp_path, monkeypatch):
    from flask import Flask, session

    import settings

    monkeypatch.setenv("MITTARI_SECURE_COOKIES", "1")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    server = Flask(__name__)
    install(server, settings.load())

    @server.route("/_probe")
    def probe():  # reached only past the gate, so set the cookie on the login page instead
        return ""

    response = server.test_client().get("/login")
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert session is not None


@pytest.mark.parametrize("key", ["", "short-key"])
def test_production_refuses_to_start_without_a_strong_secret_key(monkeypatch, key: str):
    import settings

    monkeypatch.setenv("MITTARI_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(InsecureConfiguration):
        secret_key(settings.load())


def test_mcp_endpoint_stays_off(secured):
    client = client_for(secured, "yllapitaja")
    assert client.post("/_mcp", json={"jsonrpc": "2.0", "method": "tools/list", "id": 1}).status_code in (404, 405)


def test_request_over_the_upload_limit_is_refused_by_the_server(secured):
    """MAX_CONTENT_LENGTH: the limit, grown by 4/3 for base64 inside the callback's JSON."""
    limit = secured.server.config["MAX_CONTENT_LENGTH"]
    client = client_for(secured, "analyytikko")
    response = client.post("/_dash-update-component", data=b"x" * (limit + 1), content_type="application/json")
    assert response.status_code == 413


def test_a_session_ends_at_log_out_even_if_its_cookie_is_replayed(secured):
    client = client_for(secured, "katsoja")
    cookie = client.get_cookie("mittari_session").value
    assert client.get("/_dash-layout").status_code == 200
    assert log_out(client).status_code == 302
    time.sleep(0.01)
    replay = secured.server.test_client()
    replay.set_cookie("mittari_session", cookie)
    assert replay.get("/_dash-layout").status_code == 401


def test_a_password_change_ends_the_sessions_opened_before_it(secured, sample_url: str):
    from auth.passwords import hash_password

    client = client_for(secured, "johtaja")
    assert client.get("/_dash-layout").status_code == 200
    accounts.update_user("johtaja", password_hash=hash_password("uusi-salasana-2026"), url=sample_url)
    assert client.get("/_dash-layout").status_code == 401


@pytest.mark.parametrize("target", ["/\t/evil.example", "//evil.example", "https://evil.example/", "/\\evil", "/\n/x"])
def test_login_never_redirects_off_this_site(secured, target: str):
    client = client_for(secured, None)
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf" value="')[1].split('"')[0]
    response = client.post(
        "/login", data={"username": "katsoja", "password": "turvatesti-salasana-1", "csrf": token, "next": target}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_login_form_without_a_session_is_refused(secured):
    response = secured.server.test_client().post(
        "/login", data={"username": "katsoja", "password": "turvatesti-salasana-1", "csrf": ""}
    )
    assert response.status_code == 400
