"""The accessibility statement (saavutettavuusseloste), required by the law 306/2019 on digital services.

One text, two ways to read it: a page in the app (linked from every page's footer)
and, for someone not logged in, the same text as a plain HTML page at the same
address (linked from the login page; ``dashboards/shell.py`` serves it).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import dash
from dash import html
from flask import current_app
from markupsafe import escape

from auth.web import LOGIN_PATH, STATEMENT_PATH
from dashboards import ids
from i18n import LANGUAGE_NAMES, LANGUAGES, format_date, language, t

# The day the service was last assessed (axe-core on every page in fi, sv and en, and the
# keyboard tests of tests/browser/test_accessibility.py). Update it with each assessment.
LAST_ASSESSED = dt.date(2026, 12, 7)
FEEDBACK_CONFIG = "MITTARI_ACCESSIBILITY_FEEDBACK"  # settings.accessibility_feedback, put there by shell.install

# What is known not to meet WCAG 2.1 AA yet (catalogue keys statement.limit.<name>); honest, and kept up to date.
KNOWN_LIMITATIONS = ("assessment", "downloads", "user_content")

dash.register_page(
    __name__,
    path=STATEMENT_PATH,
    name="accessibility",
    title=f"{t('a11y.statement')} – {t('app.title')}",
    title_key="a11y.statement",
    order=100,
)


class Section(NamedTuple):
    """One part of the statement: a heading, its paragraphs, a list, and a link at the end.

    (Not a dataclass: Dash runs a page's module before it is in ``sys.modules``.)
    """

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    link: tuple[str, str] | None = None  # (text, href)
    link_id: str | None = None


def feedback_link(channel: str) -> tuple[str, str] | None:
    """The administrator's feedback channel as a link: an e-mail address or a web address.

    >>> feedback_link("saavutettavuus@kunta.fi")
    ('saavutettavuus@kunta.fi', 'mailto:saavutettavuus@kunta.fi')
    >>> feedback_link("https://kunta.fi/palaute")
    ('https://kunta.fi/palaute', 'https://kunta.fi/palaute')
    >>> feedback_link(""), feedback_link("soita 09 123")
    (None, None)
    """
    channel = channel.strip()
    if channel.startswith(("https://", "http://")):
        return channel, channel
    if "@" in channel and " " not in channel and "/" not in channel:
        return channel, f"mailto:{channel}"
    return None


def feedback_channel() -> str:
    """Where users report accessibility problems, as the administrator set it (empty when not set)."""
    return str(current_app.config.get(FEEDBACK_CONFIG) or "")


def sections(lang: str, feedback: str) -> list[Section]:
    """The statement's parts in ``lang``: status, limitations, feedback, enforcement, assessment date."""
    link = feedback_link(feedback)
    if link:
        told = Section(
            t("statement.feedback_heading", lang),
            (t("statement.feedback", lang),),
            link=link,
            link_id=ids.STATEMENT_FEEDBACK,
        )
    elif feedback:
        told = Section(t("statement.feedback_heading", lang), (t("statement.feedback", lang), feedback))
    else:
        told = Section(t("statement.feedback_heading", lang), (t("statement.feedback_unset", lang),))
    return [
        Section(t("statement.status_heading", lang), (t("statement.scope", lang), t("statement.status", lang))),
        Section(
            t("statement.limits_heading", lang),
            (t("statement.limits_intro", lang),),
            tuple(t(f"statement.limit.{name}", lang) for name in KNOWN_LIMITATIONS),
        ),
        told,
        Section(
            t("statement.enforcement_heading", lang),
            (t("statement.enforcement", lang),),
            link=(t("statement.enforcement_site", lang), "https://www.saavutettavuusvaatimukset.fi"),
        ),
        Section(
            t("statement.assessed_heading", lang),
            (t("statement.assessed", lang, date=format_date(LAST_ASSESSED, lang)),),
        ),
    ]


# --- in the app ------------------------------------------------------------------


def layout(lang: str = "fi", **_query: str) -> html.Div:
    lang = language(lang)
    parts = [html.H1(t("a11y.statement", lang), className="h3 mb-3")]
    for section in sections(lang, feedback_channel()):
        parts.append(html.Section(section_children(section), className="mb-3", style={"maxWidth": "50rem"}))
    return html.Div(parts)


def section_children(section: Section) -> list:
    children: list = [html.H2(section.heading, className="h5"), *(html.P(text) for text in section.paragraphs)]
    if section.items:
        children.append(html.Ul([html.Li(item) for item in section.items]))
    if section.link:
        text, href = section.link
        children.append(html.P(html.A(text, href=href, **({"id": section.link_id} if section.link_id else {}))))
    return children


# --- for someone not logged in --------------------------------------------------------


def public_statement(lang: str) -> str:
    """The statement as a page of its own (no login needed), in ``lang``, with links to its other languages."""
    lang = language(lang)
    body = "".join(section_html(section) for section in sections(lang, feedback_channel()))
    others = " · ".join(
        f'<a href="{STATEMENT_PATH}?lang={other}" lang="{other}" hreflang="{other}">{escape(LANGUAGE_NAMES[other])}</a>'
        for other in LANGUAGES
        if other != lang
    )
    title = escape(t("a11y.statement", lang))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – {escape(t("app.title", lang))}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; color: #212529; line-height: 1.5; }}
header {{ background: #0a58ca; color: #fff; padding: .8rem 1.2rem; font-size: 1.25rem; }}
header a {{ color: #fff; }}
main {{ max-width: 50rem; margin: 1.5rem auto; padding: 0 1.2rem; }}
a:focus-visible {{ outline: 3px solid #212529; outline-offset: 2px; }}
header a:focus-visible {{ outline-color: #fff; }}
</style></head>
<body><header>{escape(t("app.title", lang))}</header>
<main><h1>{title}</h1>{body}
<p><a href="{LOGIN_PATH}?lang={lang}">{escape(t("login.title", lang))}</a></p>
<nav aria-label="{escape(t("statement.languages", lang))}"><p>{others}</p></nav></main>
</body></html>"""


def section_html(section: Section) -> str:
    parts = [f"<h2>{escape(section.heading)}</h2>", *(f"<p>{escape(text)}</p>" for text in section.paragraphs)]
    if section.items:
        parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in section.items) + "</ul>")
    if section.link:
        text, href = section.link
        parts.append(f'<p><a href="{escape(href)}">{escape(text)}</a></p>')
    return "<section>" + "".join(parts) + "</section>"
