"""Composition root: the Dash app, its shell, and ``serve``.

``python app.py`` (or ``mittari serve``) migrates the database, loads the
sample data into an empty one and serves the dashboard.
"""

from __future__ import annotations

import json
import os
import sys

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, clientside_callback, dcc, html, page_container, page_registry
from flask import Response, redirect, request
from markupsafe import escape

import settings
from auth import web
from auth.accounts import ensure_first_admin
from auth.guard import guarded
from auth.web import STATEMENT_PATH
from dashboards import cache, components, ids
from data_loaders import limits, sample
from data_loaders.safety import assert_defused_xml
from db import engine as db_engine
from i18n import DEFAULT_LANGUAGE, LANGUAGES, t

SAMPLE_FOLDER = settings.PROJECT_ROOT / "sample_data"


class Mittari(Dash):
    """Dash whose index page is served in the request's language: ``<html lang>`` and ``<title>`` in the first byte."""

    def interpolate_index(self, **kwargs: str) -> str:
        lang = web.request_language()
        page = components.page_at(request.path)
        if page:
            kwargs["title"] = str(escape(components.page_title(page, lang)))
        index = super().interpolate_index(**kwargs)
        return index.replace("<html>", f'<html lang="{lang}">', 1)


def create_app() -> Dash:
    """The Dash app with its pages (``dashboards/``) inside the shell."""
    assert_defused_xml()  # refuse to start if workbooks' XML would be parsed without defusedxml
    app = Mittari(
        __name__,
        use_pages=True,
        pages_folder="dashboards/pages",
        enable_mcp=False,
        title=t("app.title", DEFAULT_LANGUAGE),
        update_title=None,
        suppress_callback_exceptions=True,  # page components exist only on their page
    )
    app.layout = shell()
    register_shell_callbacks(app)
    translate_page_titles()
    web.install(app.server)
    app.server.before_request(open_in_chosen_language)
    config = settings.load()
    cache.install(app.server, config.instance_dir / "cache", config.redis_url, enabled=config.cache)
    app.server.config["MITTARI_UPLOAD_LIMIT_BYTES"] = config.upload_limit_bytes  # the upload page's limit
    serve_accessibility_statement(app, config.accessibility_feedback)
    limits.configure(limits.of(config.import_limits))  # memory, time and sheet size of parsing one upload
    return app


def shell() -> html.Div:
    """Navbar above the current page; the page's language comes from ``?lang=``."""
    return html.Div(
        [
            components.skip_link(DEFAULT_LANGUAGE),
            components.navbar(),
            components.refusal_banner(),
            html.Main(dbc.Container(page_container, fluid=True, className="pb-4"), id=ids.SHELL_MAIN, tabIndex="-1"),
            components.footer(DEFAULT_LANGUAGE),
            dcc.Store(id=ids.SHELL_HTML_LANG),
        ]
    )


def serve_accessibility_statement(app: Dash, feedback: str) -> None:
    """The accessibility statement at its address: the app's page when logged in, else the same text on its own."""
    from dashboards.pages import accessibility  # a page: importable only once the app exists (Dash imported it)

    app.server.config[accessibility.FEEDBACK_CONFIG] = feedback

    def statement() -> str:
        if web.current_user() is None:
            return accessibility.public_statement(web.request_language())
        return app.index()

    app.server.add_url_rule(STATEMENT_PATH, "accessibility_statement", statement)


def translate_page_titles() -> None:
    """Every page's title in the language it is shown in (Dash calls a callable title when it routes)."""
    for page in page_registry.values():
        page["title"] = components.page_title_function(page)


def open_in_chosen_language() -> Response | None:
    """A page's address typed without ``?lang=`` opens in the session's language (chosen, or the profile's)."""
    if request.method != "GET" or "lang" in request.args or components.page_at(request.path) is None:
        return None
    lang = web.request_language()
    if lang == DEFAULT_LANGUAGE:
        return None
    return redirect(web.with_language(request.full_path, lang))


def register_shell_callbacks(app: Dash) -> None:
    app.callback(
        Output(ids.SHELL_NAVBAR, "children"),
        Input(ids.PAGES_LOCATION, "pathname"),
        Input(ids.PAGES_LOCATION, "search"),
    )(guarded("read")(components.navbar_items))
    app.callback(
        Output(ids.SHELL_SKIP, "children"),
        Output(ids.SHELL_FOOTER, "children"),
        Input(ids.PAGES_LOCATION, "search"),
    )(guarded("read")(components.shell_texts))
    clientside_callback(
        """function (search) {
            const asked = new URLSearchParams(search || "").get("lang");
            const lang = LANGUAGES.includes(asked) ? asked : DEFAULT;
            document.documentElement.lang = lang;
            return lang;
        }""".replace("LANGUAGES", json.dumps(list(LANGUAGES))).replace("DEFAULT", json.dumps(DEFAULT_LANGUAGE)),
        Output(ids.SHELL_HTML_LANG, "data"),
        Input(ids.PAGES_LOCATION, "search"),
    )


def prepare_database() -> None:
    """Migrate the schema; load the sample data when there is no programme yet."""
    db_engine.migrate()
    if not sample.is_loaded():
        sample.load_sample(SAMPLE_FOLDER)


def serve(host: str | None = None, port: int | None = None, workers: int = 1) -> None:
    """Serve the dashboard at ``host:port`` (defaults from ``settings``).

    One worker: Flask's own server, threaded (development). More: gunicorn
    with that many worker processes, each with its own connection pool; this
    process prepares the database, then becomes gunicorn (``os.execv``).
    """
    config = settings.load()
    host = host or config.host
    port = port or config.port
    prepare_database()
    first_admin = ensure_first_admin(config.admin_password)
    print(f"{t('app.title')}: http://{host}:{port}/", flush=True)
    if first_admin:
        print(first_admin, flush=True)
    if workers > 1:
        command = gunicorn_command(host, port, workers)
        db_engine.dispose_engines()  # no pooled connection crosses into the workers
        os.execv(command[0], command)  # does not return: this process becomes gunicorn
    else:
        app.run(host=host, port=port, debug=False)


GUNICORN_THREADS = 4  # per worker: a request waiting on the database lets another one run
GUNICORN_TIMEOUT_S = 120  # a large import or a PDF may take this long
GUNICORN_MAX_REQUESTS = 2000  # a worker is replaced after this many requests (bounds slow leaks)


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """The gunicorn command line that serves ``app:server`` with ``workers`` processes.

    >>> gunicorn_command("127.0.0.1", 8050, 4)[3:7]
    ['--workers', '4', '--bind', '127.0.0.1:8050']
    """
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"{host}:{port}",
        "--worker-class",
        "gthread",
        "--threads",
        str(GUNICORN_THREADS),
        "--timeout",
        str(GUNICORN_TIMEOUT_S),
        "--max-requests",
        str(GUNICORN_MAX_REQUESTS),
        "--max-requests-jitter",
        str(GUNICORN_MAX_REQUESTS // 10),
        "--no-control-socket",  # not used; its default path under $HOME would clash between instances
        "--chdir",
        str(settings.PROJECT_ROOT),
        "app:server",
    ]


app = create_app()
server = app.server

if __name__ == "__main__":
    serve()
