"""Benefits: the kuntaosuus savings tracker, its forecast and status, the what-if and the benefit register.

The parts the page shows are built in ``dashboards.figures.benefits``.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import ALL, Input, Output, State, callback, dcc, html

from auth.guard import guarded
from dashboards import chart_text, components, ids, target
from dashboards.cache import cached
from dashboards.figures.benefits import (
    WHOLE_PROGRAMME,
    WHOLE_PROGRAMME_CHOICE,
    SavingsView,
    area_and_month_choices,
    choices_row,
    missing_view,
    no_outlook_view,
    outlook_view,
    register_card,
    whatif_card,
    whatif_text,
)
from dashboards.statistics import area_label, programme_frame, sources_note
from i18n import language, t

dash.register_page(__name__, **components.nav_page("/hyodyt", "benefits", 20))


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page with its choices already made (the user's first programme, as a whole, at its target month).

    Made here rather than by callbacks one after another, so the savings
    callback fires as soon as the page arrives: two round trips fewer before
    the chart is drawn.
    """
    lang = language(lang)
    chooser, slug = components.programme_choice(ids.BENEFITS_PROGRAMME, lang, programme, t("col.programme", lang))
    return html.Div(
        [
            *components.page_top(ids.BENEFITS_LANG, "benefits", lang, dcc.Store(id=ids.BENEFITS_WHATIF_DATA)),
            html.Div(sources_note(["kela_kuntaosuus"], lang), id=ids.BENEFITS_SOURCES),
            choices_row(chooser, *area_and_month_choices(slug, lang), lang),
            html.Div(id=ids.BENEFITS_STATUS, className="mb-3"),
            components.figure_card(
                t("benefits.monthly_card", lang), ids.BENEFITS_MONTHLY, t("benefits.method", lang), lang
            ),
            components.figure_card(t("benefits.cumulative_card", lang), ids.BENEFITS_CUMULATIVE, lang=lang),
            whatif_card(lang),
            html.Div(id=ids.BENEFITS_ESTIMATE, className="mb-3"),
            html.Div(id=ids.BENEFITS_REGISTER, className="mb-3"),
        ]
    )


# --- callbacks: inputs → db.queries → models → figure ---------------------


@callback(
    output={
        "areas": Output(ids.BENEFITS_AREA, "options"),
        "area": Output(ids.BENEFITS_AREA, "value"),
        "months": Output(ids.BENEFITS_AS_OF, "options"),
        "as_of": Output(ids.BENEFITS_AS_OF, "value"),
    },
    inputs=[Input(ids.BENEFITS_PROGRAMME, "value")],
    state=[State(ids.BENEFITS_LANG, "data")],
    prevent_initial_call=True,  # the layout made the first choice
)
@guarded("read", programme="programme")
def choose_area_and_month(programme: str | None, lang: str) -> dict:
    """The programme as a whole or one member; the months of data, the default one at the target date."""
    areas, area, months, as_of = area_and_month_choices(programme, lang)
    return {"areas": areas, "area": area, "months": months, "as_of": as_of}


@callback(
    output={
        "status": Output(ids.BENEFITS_STATUS, "children"),
        "monthly": Output(ids.BENEFITS_MONTHLY, "figure"),
        "cumulative": Output(ids.BENEFITS_CUMULATIVE, "figure"),
        "sliders": Output(ids.BENEFITS_WHATIF_SLIDERS, "children"),
        "whatif": Output(ids.BENEFITS_WHATIF_DATA, "data"),
        "estimate": Output(ids.BENEFITS_ESTIMATE, "children"),
        "register": Output(ids.BENEFITS_REGISTER, "children"),
    },
    inputs=[
        Input(ids.BENEFITS_PROGRAMME, "value"),
        Input(ids.BENEFITS_AREA, "value"),
        Input(ids.BENEFITS_AS_OF, "value"),
    ],
    state=[State(ids.BENEFITS_LANG, "data")],
)
@guarded("read", programme="programme")
def show_savings(programme: str | None, area: str | None, as_of_text: str | None, lang: str) -> dict:
    """Status and its reason, the two charts, the what-if sliders, the estimate and the register."""
    area = WHOLE_PROGRAMME if area == WHOLE_PROGRAMME_CHOICE else area
    if not programme or not as_of_text:
        return missing_view(programme, area, lang)._asdict()
    return savings_view(programme, area or WHOLE_PROGRAMME, as_of_text, lang)._asdict()


@cached
def savings_view(programme: str, area: str, as_of_text: str, lang: str) -> SavingsView:
    """What ``show_savings`` shows, the same for everyone who may see it until the data changes."""
    setting = programme_frame(programme)
    members = target.member_codes(programme)
    codes = [area] if area else members
    series = target.kuntaosuus_series(codes)
    as_of = pd.Timestamp(as_of_text)
    seen = target.target_outlook(series, setting, as_of)
    name = area_label(area, programme, lang) if area else str(setting["name"])  # the programme's: read above
    register = register_card(programme, members, as_of, lang)
    if seen is None:
        return no_outlook_view(programme, codes, setting, register, lang)
    return outlook_view(series, seen, setting, codes, name, register, lang)


@callback(
    Output(ids.BENEFITS_WHATIF_RESULT, "children"),
    Input({"type": ids.BENEFITS_WHATIF_SLIDER, "index": ALL}, "value"),
    State({"type": ids.BENEFITS_WHATIF_SLIDER, "index": ALL}, "id"),
    Input(ids.BENEFITS_WHATIF_DATA, "data"),
    State(ids.BENEFITS_LANG, "data"),
)
@guarded("read")
def show_whatif(values: list[int | None], slider_ids: list[dict], data: dict | None, lang: str) -> list:
    """The saving if the chosen numbers of people leave each day class for work now."""
    leavers = {slider["index"]: int(value or 0) for slider, value in zip(slider_ids, values, strict=True)}
    return whatif_text(data, leavers, lang)


for chart_id in (ids.BENEFITS_MONTHLY, ids.BENEFITS_CUMULATIVE):
    chart_text.register(chart_id, ids.BENEFITS_LANG)  # each chart's summary and table follow its figure
