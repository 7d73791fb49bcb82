"""Programme plan: measures against their caps, the staffing plan, strategy metrics in four perspectives, scenarios.

The sections are built in ``dashboards.figures.plan``; a strategy metric the
data measure (the kuntaosuus saving) is computed there by the same function as
the Benefits page's status, never typed.
"""

from __future__ import annotations

import dash
from dash import Input, Output, callback, html

from auth.guard import guarded
from dashboards import components, ids
from dashboards.figures.plan import plan_sections

dash.register_page(__name__, **components.nav_page("/suunnitelma", "plan", 35))


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    chooser, slug = components.programme_choice(ids.PLAN_PROGRAMME, lang, programme)
    return html.Div(
        [
            *components.page_top(ids.PLAN_LANG, "plan", lang),
            components.chooser_row(chooser),
            html.Div(id=ids.PLAN_CONTENT),
        ]
    )


@callback(Output(ids.PLAN_CONTENT, "children"), Input(ids.PLAN_PROGRAMME, "value"), Input(ids.PLAN_LANG, "data"))
@guarded("read", programme="slug")
def show_plan(slug: str | None, lang: str) -> list:
    """The programme's measures, staffing, strategy metrics and scenarios."""
    return plan_sections(slug, lang) if slug else []
