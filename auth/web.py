"""The web side of accounts: login and logout, a gate before every route, security headers, the proxy's client address.

No route is public but ``/login`` (and ``/logout``, which only ends a session):
pages redirect there, Dash's own endpoints (``/_dash-layout``,
``/_dash-dependencies``, ``/_dash-update-component`` …) answer 401 to anyone not
logged in. Each data callback additionally calls ``auth.guard.require`` on the
server. Both forms, login and log-out, are POSTs carrying the session's CSRF
token (``csrf_token``), so no other site can log a user in or out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import secrets
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from flask import Flask, Response, current_app, g, redirect, request, session
from markupsafe import escape
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.middleware.proxy_fix import ProxyFix

import settings as app_settings
from auth import oidc, throttle
from auth.passwords import verify_password
from db import accounts
from i18n import DEFAULT_LANGUAGE, language, t

LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
MIN_SECRET_LENGTH = 32
CSRF_FIELD = "csrf"  # the forms' field and the session's key
THROTTLE_CONFIG = "MITTARI_LOGIN_THROTTLE"  # the server's settings.LoginThrottle
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)


class InsecureConfiguration(RuntimeError):
    """The app refuses to start like this (e.g. production without a strong secret key)."""


def secret_key(config: app_settings.Settings) -> str:
    """The session signing key: the setting, or in development a random key kept under instance/."""
    if config.secret_key:
        if config.is_production and len(config.secret_key) < MIN_SECRET_LENGTH:
            raise InsecureConfiguration(f"SECRET_KEY must have at least {MIN_SECRET_LENGTH} characters in production")
        return config.secret_key
    if config.is_production:
        raise InsecureConfiguration("SECRET_KEY is required in production (MITTARI_ENV=production)")
    return _development_key(config.instance_dir / "secret_key")


def _development_key(path: Path) -> str:
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def install(server: Flask, config: app_settings.Settings | None = None) -> None:
    """Put login, the gate and the headers on the Flask server under the Dash app."""
    config = config or app_settings.load()
    server.secret_key = secret_key(config)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        SESSION_COOKIE_NAME="mittari_session",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=config.session_hours),
        # an upload travels base64-encoded inside a JSON callback: 4/3 of the file, plus room for the rest
        MAX_CONTENT_LENGTH=config.upload_limit_bytes * 4 // 3 + 64 * 1024,
    )
    server.add_url_rule(LOGIN_PATH, "login", login, methods=["GET", "POST"])
    server.config[THROTTLE_CONFIG] = config.login_throttle
    server.config["MITTARI_OIDC_LABEL"] = config.oidc.label if config.oidc.enabled else None
    if config.oidc.enabled:
        oidc.install(server, config.oidc, single_sign_on)
    server.add_url_rule(LOGOUT_PATH, "logout", logout, methods=["GET", "POST"])  # GET answers 405 (not Dash's page)
    server.before_request(gate)
    server.after_request(security_headers)
    if config.proxy_hops > 0:
        # behind N trusted proxies: the client's address and scheme are the ones they forwarded
        # (X-Forwarded-For/-Proto), so login throttling and the audit log see the user, not the proxy;
        # without the setting those headers are ignored, since anyone can send them. The host is not
        # taken from X-Forwarded-Host (the README's nginx passes Host itself and never sets that header,
        # so a client could choose it, and the sign-on return address is built from the host)
        hops = config.proxy_hops
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=0)


def current_user() -> dict | None:
    """The logged-in, active user of this request, or None (looked up once per request)."""
    if "user" not in g:
        name = session.get("user")
        found = accounts.user_by_name(name) if name else None
        g.user = found if found and found["active"] and _session_holds(found) else None
    return g.user


def _session_holds(user: dict) -> bool:
    """A session ends at its absolute lifetime, at a password change, and at the user's log-out anywhere."""
    login_at = session.get("login_at")
    if not isinstance(login_at, (int, float)):
        return False
    if time.time() - login_at > current_app.permanent_session_lifetime.total_seconds():
        return False
    if not hmac.compare_digest(str(session.get("key", "")), _password_fingerprint(user)):
        return False
    logged_out = accounts.last_event_at(user["username"], "logout")
    return logged_out is None or logged_out.timestamp() < login_at


def _password_fingerprint(user: dict) -> str:
    """Changes when the password does; an HMAC, so the cookie carries nothing of the hash."""
    secret = str(current_app.secret_key).encode()
    return hmac.new(secret, (user.get("password_hash") or "").encode(), hashlib.sha256).hexdigest()[:32]


def gate() -> Response | None:
    """Before every request: only /login (and /logout, which checks its own token) is open to anyone."""
    single_sign_on_open = request.path in oidc.PUBLIC_PATHS and current_app.config.get("MITTARI_OIDC_LABEL") is not None
    if request.path in (LOGIN_PATH, LOGOUT_PATH) or single_sign_on_open or current_user() is not None:
        return None
    if request.path.startswith("/_") or request.method != "GET":
        return Response('{"error": "login required"}', status=401, mimetype="application/json")
    return redirect(f"{LOGIN_PATH}?next={quote(request.full_path.rstrip('?'), safe='')}")


def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host``, a full URL, or anything with control characters) may follow login.

    >>> _safe_next("/budget?lang=en"), _safe_next("//evil.example"), _safe_next("/\t/evil.example")
    ('/budget?lang=en', '/', '/')
    """
    if not target or not target.startswith("/") or any(ch.isspace() or ord(ch) < 32 for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//") or "\\" in target:
        return "/"
    return target


def login() -> Response:
    lang = language(request.values.get("lang"))
    if request.method == "GET":
        return _login_page(lang, request.args.get("next"))
    username = request.form.get("username", "").strip()[:100]
    password = request.form.get("password", "")
    if not _csrf_holds():
        return _login_page(lang, request.form.get("next"), t("login.expired", lang), status=400)
    user = accounts.user_by_name(username) if username else None
    policy = current_app.config[THROTTLE_CONFIG]
    wait = throttle.seconds_to_wait(username, request.remote_addr, user["role"] if user else None, policy)
    if wait > 0:
        return _throttled(lang, wait)
    ok = verify_password(user["password_hash"] if user else None, password) and bool(user and user["active"])
    if not ok:
        accounts.record_audit("login_failed", username or None, remote_addr=request.remote_addr)
        return _login_page(lang, request.form.get("next"), t("login.failed", lang), status=401)
    return _start_session(user["username"], "password", _safe_next(request.form.get("next")))


def single_sign_on(username: str | None) -> Response:
    """Finish an OpenID Connect sign-on: the identity must be an active user of ours."""
    user = accounts.user_by_name(username) if username else None
    if not user or not user["active"]:
        accounts.record_audit("login_failed", username, {"method": "oidc"}, remote_addr=request.remote_addr)
        return _login_page(DEFAULT_LANGUAGE, "/", t("login.sso_unknown", DEFAULT_LANGUAGE), status=403)
    return _start_session(user["username"], "oidc", "/")


def fill_session(user: dict) -> None:
    """A new session for ``user``: who, since when, the fingerprint of the password it was opened with, a new token."""
    session.clear()
    session.permanent = True
    session["user"] = user["username"]
    session["login_at"] = time.time()
    session["key"] = _password_fingerprint(user)
    csrf_token()


def csrf_token() -> str:
    """This session's token for its forms (made when missing); a login replaces it."""
    return session.setdefault(CSRF_FIELD, secrets.token_urlsafe(24))


def _csrf_holds() -> bool:
    """The posted form carries this session's token (compared in constant time, as bytes: any text may come)."""
    expected = session.get(CSRF_FIELD, "")
    posted = request.form.get(CSRF_FIELD, "")
    return bool(expected) and hmac.compare_digest(posted.encode(), str(expected).encode())


def _throttled(lang: str, seconds: float) -> Response:
    """429: this login must wait, said in words and in ``Retry-After``."""
    message = t("login.throttled", lang, wait=throttle.wait_text(seconds))
    response = _login_page(lang, request.form.get("next"), message, status=429)
    response.headers["Retry-After"] = str(math.ceil(seconds))
    return response


def _start_session(username: str, method: str, next_path: str) -> Response:
    """A fresh session for ``username`` (no fixation), recorded in the audit log."""
    fill_session(accounts.user_by_name(username))
    accounts.record_login(username)
    accounts.record_audit("login", username, {"method": method}, remote_addr=request.remote_addr)
    return redirect(next_path)


def logout() -> Response:
    """End the session: a POST with its token only, so no link or image elsewhere can log anyone out."""
    if request.method != "POST":
        raise MethodNotAllowed(valid_methods=["POST"])
    lang = language(request.form.get("lang"))
    if not _csrf_holds():
        return Response(t("logout.refused", lang), status=400, mimetype="text/plain")
    name = session.get("user")
    session.clear()
    if name:
        accounts.record_audit("logout", name, remote_addr=request.remote_addr)
    return redirect(LOGIN_PATH if lang == DEFAULT_LANGUAGE else f"{LOGIN_PATH}?lang={lang}")


def _sso_link(lang: str) -> str:
    label = current_app.config.get("MITTARI_OIDC_LABEL")
    if label is None:
        return ""
    text = t("login.sso", lang, provider=label or "SSO")
    return f'<p class="sso"><a href="{oidc.LOGIN_PATH}">{escape(text)}</a></p>'


def _login_page(lang: str, next_path: str | None, error: str | None = None, status: int = 200) -> Response:
    token = csrf_token()
    other = "en" if lang == "fi" else "fi"
    alert = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    body = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t("login.title", lang))} – Työllisyysmittari</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f4f6f9; margin: 0; }}
header {{ background: #0d6efd; color: #fff; padding: .8rem 1.2rem; font-size: 1.25rem; }}
main {{ max-width: 24rem; margin: 3rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: .5rem;
       box-shadow: 0 1px 4px rgba(0,0,0,.15); }}
label {{ display: block; margin-top: 1rem; font-weight: 600; }}
input[type=text], input[type=password] {{ width: 100%; padding: .5rem; box-sizing: border-box; margin-top: .3rem; }}
button {{ margin-top: 1.4rem; width: 100%; padding: .6rem; background: #0d6efd; color: #fff; border: 0;
         border-radius: .3rem; font-size: 1rem; cursor: pointer; }}
.error {{ color: #b02a37; background: #f8d7da; padding: .5rem; border-radius: .3rem; }}
.lang {{ float: right; color: #fff; }}
</style></head>
<body><header>Työllisyysmittari
<a class="lang" href="{LOGIN_PATH}?lang={other}">{escape(t("login.other_language", lang))}</a></header>
<main><h1>{escape(t("login.title", lang))}</h1>{alert}
<form method="post" action="{LOGIN_PATH}">
<input type="hidden" name="{CSRF_FIELD}" value="{token}"><input type="hidden" name="lang" value="{lang}">
<input type="hidden" name="next" value="{escape(_safe_next(next_path))}">
<label for="username">{escape(t("login.username", lang))}</label>
<input type="text" id="username" name="username" autocomplete="username" required autofocus>
<label for="password">{escape(t("login.password", lang))}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">{escape(t("login.submit", lang))}</button>
</form>{_sso_link(lang)}</main></body></html>"""
    return Response(body, status=status, mimetype="text/html")
