"""Overview: the director's cockpit, one card per programme, readable in one screen.

Each card (``dashboards.figures.overview``) shows the savings target's status
with its reason, the saving to date against the target, toimintakate to date
against the plan and the interim actuals, the very high risks and their
movement, the next deadline and the saving's trend. Every number links to the
page it comes from and, where the cell is known, names its source.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from auth.guard import guarded
from dashboards import components, ids
from dashboards.cache import cached
from dashboards.figures.overview import cockpit_figures, programme_card
from i18n import t

dash.register_page(__name__, **components.nav_page("/", "overview", 0))


def layout(lang: str = "fi", **_query: str) -> html.Div:
    return html.Div(
        [
            *components.page_top(ids.OVERVIEW_LANG, "overview", lang),
            html.Div(id=ids.OVERVIEW_PROGRAMMES),
        ]
    )


@callback(Output(ids.OVERVIEW_PROGRAMMES, "children"), Input(ids.OVERVIEW_LANG, "data"))
@guarded("read")
def show_programmes(lang: str) -> list:
    """One card per programme the user may see, side by side."""
    programmes = components.visible_programmes()
    if programmes.empty:
        return [dbc.Alert(t("overview.no_programmes", lang), color="info")]
    cards = [dbc.Col(programme_view(slug, lang), lg=6, className="mb-3") for slug in programmes["slug"]]
    return [dbc.Row(cards, className="g-3")]


@cached
def programme_view(slug: str, lang: str) -> html.Div:
    """One programme's card, the same for everyone who may see the programme until the data changes."""
    return programme_card(cockpit_figures(slug), lang)
