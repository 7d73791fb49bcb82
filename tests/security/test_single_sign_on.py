"""OpenID Connect sign-on against a small identity provider on loopback (made here, RS256 tokens)."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests
from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

from auth.passwords import hash_password
from db import accounts

CLIENT_ID, CLIENT_SECRET = "tyollisyysmittari", "asiakkaan-salaisuus"


class IdentityProvider:
    """Discovery, authorisation, token and key endpoints; ``email`` is who signs in next."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "avain-1"})
        self.codes: dict[str, str] = {}
        self.email = "johtaja@kunta.example"
        self.verified = True
        self.app = Flask("idp")
        self.app.add_url_rule("/.well-known/openid-configuration", "discovery", self.discovery)
        self.app.add_url_rule("/authorize", "authorize", self.authorize)
        self.app.add_url_rule("/token", "token", self.token, methods=["POST"])
        self.app.add_url_rule("/jwks", "jwks", lambda: jsonify({"keys": [self.key.as_dict(private=False)]}))
        self.server = make_server("127.0.0.1", 0, self.app)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"

    def discovery(self):
        return jsonify(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    def authorize(self):
        code = secrets.token_urlsafe(8)
        self.codes[code] = request.args["nonce"]
        query = urlencode({"code": code, "state": request.args["state"]})
        return redirect(f"{request.args['redirect_uri']}?{query}")

    def token(self):
        if request.authorization is None or request.authorization.password != CLIENT_SECRET:
            return jsonify({"error": "invalid_client"}), 401
        nonce = self.codes.pop(request.form["code"])
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": "123",
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": self.email,
            "email_verified": self.verified,
        }
        id_token = jwt.encode({"alg": "RS256", "kid": "avain-1"}, claims, self.key)
        return jsonify({"access_token": "a", "token_type": "Bearer", "expires_in": 300, "id_token": id_token})


@pytest.fixture
def provider() -> Iterator[IdentityProvider]:
    idp = IdentityProvider()
    thread = threading.Thread(target=idp.server.serve_forever, daemon=True)
    thread.start()
    yield idp
    idp.server.shutdown()


@pytest.fixture
def signed_server(provider: IdentityProvider, sample_url: str, tmp_path, monkeypatch) -> Flask:
    import settings
    from auth.web import install

    for name, value in {
        "DATABASE_URL": sample_url,
        "MITTARI_INSTANCE_DIR": str(tmp_path),
        "OIDC_ISSUER": provider.issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_LABEL": "Kunnan tunnistus",
    }.items():
        monkeypatch.setenv(name, value)
    accounts.add_user("johtaja@kunta.example", "director", hash_password("ei-kayteta-1234"), url=sample_url)
    server = Flask("mittari-sso")
    install(server, settings.load())
    server.add_url_rule("/", "home", lambda: "kotisivu")
    return server


def sign_on(server: Flask):
    client = server.test_client()
    start = client.get("/login/oidc")
    assert start.status_code == 302 and start.headers["Location"].startswith("http://127.0.0.1")
    back = requests.get(start.headers["Location"], allow_redirects=False, timeout=10).headers["Location"]
    callback = urlparse(back)
    assert parse_qs(callback.query).keys() == {"code", "state"}
    return client, client.get(f"{callback.path}?{callback.query}")


def test_login_page_offers_single_sign_on(signed_server: Flask):
    assert "Kunnan tunnistus" in signed_server.test_client().get("/login").get_data(as_text=True)


def test_known_identity_signs_on_with_its_own_role(signed_server: Flask, sample_url: str):
    client, finished = sign_on(signed_server)
    assert finished.status_code == 302 and finished.headers["Location"] == "/"
    assert client.get("/").get_data(as_text=True) == "kotisivu"
    event = accounts.audit_events(url=sample_url).iloc[0]
    assert (event["action"], event["username"], '"oidc"' in event["details"]) == (
        "login",
        "johtaja@kunta.example",
        True,
    )


def test_unknown_identity_is_refused_and_recorded(signed_server: Flask, provider: IdentityProvider, sample_url: str):
    provider.email = "vieras@muualla.example"
    client, finished = sign_on(signed_server)
    assert finished.status_code == 403
    assert client.get("/").status_code == 302  # still sent to the login page
    assert accounts.audit_events(url=sample_url).iloc[0]["action"] == "login_failed"


def test_unverified_email_is_not_an_identity(signed_server: Flask, provider: IdentityProvider):
    provider.verified = False
    _, finished = sign_on(signed_server)
    assert finished.status_code == 403


def test_single_sign_on_paths_are_closed_when_it_is_not_configured(secured):
    from tests.security.conftest import client_for

    response = client_for(secured, None).get("/login/oidc")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?")
