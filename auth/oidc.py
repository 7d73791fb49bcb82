"""Single sign-on with OpenID Connect, for municipalities that have an identity provider.

Configured by settings only (``OIDC_ISSUER``, ``OIDC_CLIENT_ID``,
``OIDC_CLIENT_SECRET``, ``OIDC_USERNAME_CLAIM``). The provider proves who the
person is; what they may do stays ours: the claim (by default ``email``) must
name an active user created with ``mittari user add``, whose role and
programmes apply. Nobody is created on first sign-on.
"""

from __future__ import annotations

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, Response, url_for

import settings as app_settings

LOGIN_PATH = "/login/oidc"
CALLBACK_PATH = "/login/oidc/callback"
PUBLIC_PATHS = frozenset({LOGIN_PATH, CALLBACK_PATH})
CLIENT = "oidc"


def identity(claims: dict, claim: str) -> str | None:
    """The user name the provider vouches for; an e-mail address only when the provider verified it.

    >>> identity({"email": "a@kunta.fi", "email_verified": True}, "email")
    'a@kunta.fi'
    >>> identity({"email": "a@kunta.fi"}, "email") is None
    True
    >>> identity({"preferred_username": "liisa"}, "preferred_username")
    'liisa'
    """
    if claim == "email" and claims.get("email_verified") is not True:
        return None
    return str(claims.get(claim) or "") or None


def install(server: Flask, config: app_settings.OidcSettings, on_identity) -> None:  # noqa: ANN001 - a callable
    """Register the provider and the two routes; ``on_identity(username)`` finishes the login."""
    oauth = OAuth(server)
    oauth.register(
        CLIENT,
        client_id=config.client_id,
        client_secret=config.client_secret,
        server_metadata_url=f"{config.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile"},
    )

    def start() -> Response:
        return oauth.create_client(CLIENT).authorize_redirect(url_for("oidc_callback", _external=True))

    def callback() -> Response:
        try:
            token = oauth.create_client(CLIENT).authorize_access_token()
        except OAuthError:
            return on_identity(None)
        claims = token.get("userinfo") or {}
        return on_identity(identity(claims, config.username_claim))

    server.add_url_rule(LOGIN_PATH, "oidc_login", start)
    server.add_url_rule(CALLBACK_PATH, "oidc_callback", callback)
