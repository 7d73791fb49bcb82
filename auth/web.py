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
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from flask import Flask, Response, current_app, g, redirect, request, session
from markupsafe import escape
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.middleware.proxy_fix import ProxyFix

import settings as app_settings
from auth import oidc, throttle
from auth.passwords import verify_password
from db import accounts
from i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, chosen_language, language, t

LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
LANGUAGE_PATH = "/kieli"  # the navbar's language switch: keeps the choice in the session and the profile
STATEMENT_PATH = "/saavutettavuus"  # the accessibility statement: readable without logging in (laki 306/2019)
LANGUAGE_KEY = "lang"  # the session's key and the query parameter
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
    server.add_url_rule(LANGUAGE_PATH, "language", choose_language)
    server.before_request(gate)
    server.before_request(remember_language)
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
    if request.path in (LOGIN_PATH, LOGOUT_PATH, STATEMENT_PATH) or single_sign_on_open or current_user() is not None:
        return None
    if request.path.startswith("/_") or request.method != "GET":
        return Response('{"error": "login required"}', status=401, mimetype="application/json")
    return redirect(f"{LOGIN_PATH}?next={quote(request.full_path.rstrip('?'), safe='')}")


def request_language() -> str:
    """The language of this request: its ``?lang=``, else the one kept in the session, else Finnish."""
    return chosen_language(request.args.get(LANGUAGE_KEY)) or language(session.get(LANGUAGE_KEY))


def remember_language() -> None:
    """A page opened with ``?lang=`` keeps that language in the session, for addresses typed without it."""
    chosen = chosen_language(request.args.get(LANGUAGE_KEY)) if request.method == "GET" else None
    if chosen:
        session[LANGUAGE_KEY] = chosen


def keep_language_choice(lang: str, user: dict | None) -> None:
    """``user`` chose ``lang`` (navbar or login page): kept in the session and in their profile."""
    session[LANGUAGE_KEY] = lang
    if user and user.get("language") != lang:
        accounts.set_user_language(user["username"], lang)


def with_language(target: str, lang: str) -> str:
    """``target`` (a path on this site) with ``?lang=`` set to ``lang``, its other query parameters kept.

    >>> with_language("/budget?x=1&lang=en", "sv"), with_language("/", "fi")
    ('/budget?x=1&lang=sv', '/?lang=fi')
    """
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != LANGUAGE_KEY] + [(LANGUAGE_KEY, lang)]
    return f"{parts.path or '/'}?{urlencode(query)}"


def choose_language() -> Response:
    """The language switch: ``/kieli?lang=sv&next=/budget`` keeps Swedish and goes back to the page in it."""
    lang = chosen_language(request.args.get(LANGUAGE_KEY)) or DEFAULT_LANGUAGE
    keep_language_choice(lang, current_user())
    return redirect(with_language(_safe_next(request.args.get("next")), lang))


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
    lang = chosen_language(request.values.get(LANGUAGE_KEY)) or _language_of(request.values.get("next"))
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


def _language_of(next_path: str | None) -> str:
    """The login page's language without ``?lang=``: the session's, else that of the page it leads to."""
    return chosen_language(session.get(LANGUAGE_KEY)) or language(
        dict(parse_qsl(urlsplit(next_path or "").query)).get(LANGUAGE_KEY)
    )


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
    """A fresh session for ``username`` (no fixation), recorded in the audit log.

    The language chosen before logging in (on the login page) becomes the user's;
    without a choice the session takes the one in their profile.
    """
    chosen = chosen_language(session.get(LANGUAGE_KEY))
    user = accounts.user_by_name(username)
    fill_session(user)
    if chosen:
        keep_language_choice(chosen, user)
    elif chosen_language(user.get("language")):
        session[LANGUAGE_KEY] = user["language"]
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


def _language_links(lang: str, next_path: str | None) -> str:
    """The login page's other languages, each named in its own language and marked with ``lang``."""
    links = []
    for other in LANGUAGES:
        if other == lang:
            continue
        query = urlencode({LANGUAGE_KEY: other, **({"next": next_path} if next_path else {})})
        links.append(
            f'<a class="lang" href="{LOGIN_PATH}?{escape(query)}" lang="{other}" hreflang="{other}">'
            f"{escape(LANGUAGE_NAMES[other])}</a>"
        )
    label = escape(t("nav.language", lang))
    return f'<nav class="langs" aria-label="{label}">{"".join(links)}</nav>'


def _login_page(lang: str, next_path: str | None, error: str | None = None, status: int = 200) -> Response:
    token = csrf_token()
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
.langs {{ float: right; }}
.lang {{ color: #fff; margin-left: 1rem; }}
footer {{ text-align: center; padding: 0 1rem 2rem; }}
</style></head>
<body><header>Työllisyysmittari
{_language_links(lang, next_path)}</header>
<main><h1>{escape(t("login.title", lang))}</h1>{alert}
<form method="post" action="{LOGIN_PATH}">
<input type="hidden" name="{CSRF_FIELD}" value="{token}"><input type="hidden" name="lang" value="{lang}">
<input type="hidden" name="next" value="{escape(_safe_next(next_path))}">
<label for="username">{escape(t("login.username", lang))}</label>
<input type="text" id="username" name="username" autocomplete="username" required autofocus>
<label for="password">{escape(t("login.password", lang))}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">{escape(t("login.submit", lang))}</button>
</form>{_sso_link(lang)}</main>
<footer><a href="{STATEMENT_PATH}?lang={lang}">{escape(t("a11y.statement", lang))}</a></footer>
</body></html>"""
    return Response(body, status=status, mimetype="text/html")
