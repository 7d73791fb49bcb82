"""The shell around every page: the navbar, skip link, footer and ``<html lang>``, and the routes beside the pages.

``install`` puts it into a Dash app built with ``use_pages`` (``app.py``); the
callbacks below are Dash's global ones, registered when this module is imported.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, callback, clientside_callback, dcc, html, page_container, page_registry
from flask import Response, redirect, request
from markupsafe import escape

from auth import web
from auth.guard import guarded
from auth.web import STATEMENT_PATH
from dashboards import components, ids
from i18n import DEFAULT_LANGUAGE, LANGUAGES


class Mittari(Dash):
    """Dash whose index page is served in the request's language: ``<html lang>`` and ``<title>`` in the first byte."""

    def interpolate_index(self, **kwargs: str) -> str:
        lang = web.request_language()
        page = components.page_at(request.path)
        if page:
            kwargs["title"] = str(escape(components.page_title(page, lang)))
        index = super().interpolate_index(**kwargs)
        return index.replace("<html>", f'<html lang="{lang}">', 1)


def install(app: Dash, *, accessibility_feedback: str) -> None:
    """The shell as ``app``'s layout, pages titled in their language, and the routes the shell links to.

    Call it after ``auth.web.install``: a typed address is redirected to the
    chosen language only once the login gate has let the request in.
    """
    app.layout = shell()
    translate_page_titles()
    app.server.before_request(open_in_chosen_language)
    serve_accessibility_statement(app, accessibility_feedback)


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


@callback(
    Output(ids.SHELL_NAVBAR, "children"),
    Input(ids.PAGES_LOCATION, "pathname"),
    Input(ids.PAGES_LOCATION, "search"),
)
@guarded("read")
def show_navbar(pathname: str | None, search: str | None) -> list:
    """The navbar's items for the page at ``pathname`` in the language of ``search``."""
    return components.navbar_items(pathname, search)


@callback(
    Output(ids.SHELL_SKIP, "children"),
    Output(ids.SHELL_FOOTER, "children"),
    Input(ids.PAGES_LOCATION, "search"),
)
@guarded("read")
def show_shell_texts(search: str | None) -> tuple[str, list]:
    """The skip link's text and the footer's contents in the language of the page's address."""
    return components.shell_texts(search)


def html_lang_script(languages: tuple[str, ...] | list[str], default: str) -> str:
    """The browser's function setting ``<html lang>`` to the address's ``?lang=`` (``default`` if absent or unknown).

    >>> print(html_lang_script(["fi", "sv"], "fi").splitlines()[2].strip())
    const lang = ["fi", "sv"].includes(asked) ? asked : "fi";
    """
    return """function (search) {
            const asked = new URLSearchParams(search || "").get("lang");
            const lang = LANGUAGES.includes(asked) ? asked : DEFAULT;
            document.documentElement.lang = lang;
            return lang;
        }""".replace("LANGUAGES", json.dumps(list(languages))).replace("DEFAULT", json.dumps(default))


clientside_callback(
    html_lang_script(LANGUAGES, DEFAULT_LANGUAGE),
    Output(ids.SHELL_HTML_LANG, "data"),
    Input(ids.PAGES_LOCATION, "search"),
)
