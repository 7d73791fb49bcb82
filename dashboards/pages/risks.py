"""Risks: a programme's register, its 5×5 heat map and the form that edits a risk.

Directors and analysts edit (each callback checks the role under its
guard); the steering group reads. Saving records the assessment for the
chosen quarter, so the quarterly pack shows the risk's movement, and the
edit in the audit log (``db.plans.save_risk``).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, callback, dcc, html, no_update

from auth.guard import guarded, require
from dashboards import chart_text, components, ids
from db import plans
from db.engine import transaction
from i18n import t
from models.quarters import parse_quarter, quarter_of
from models.risks import heat_map, risk_level, risk_score
from reports.figures import heat_map_figure
from reports.quarterly import programme_quarters
from reports.text import risk_identity

dash.register_page(__name__, **components.nav_page("/riskit", "risks", 30))

TEXT_FIELDS = ("title", "cause", "consequence", "owner", "mitigations")
SCORE_FIELDS = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")
STATUSES = ("open", "monitored", "closed")
MAX_TEXT = 2000  # characters kept of each text field
FORM_FIELDS = (*TEXT_FIELDS, *SCORE_FIELDS, "status")
NEW = "__new__"


def _field_id(name: str) -> dict[str, str]:
    return {"type": ids.RISKS_FIELD_PREFIX.rstrip("-"), "field": name}


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    chooser, slug = components.programme_choice(ids.RISKS_PROGRAMME, lang, programme)
    quarters = programme_quarters(slug) if slug else []
    return html.Div(
        [
            *components.page_top(ids.RISKS_LANG, "risks", lang, dcc.Store(id=ids.RISKS_SAVED, data=0)),
            components.chooser_row(chooser),
            dbc.Row(
                [
                    dbc.Col(
                        chart_text.chart(dcc.Graph(id=ids.RISKS_HEAT_MAP, config=components.GRAPH_CONFIG), lang), lg=6
                    ),
                    dbc.Col(edit_form(lang, quarters, components.may("edit_risk")), lg=6),
                ],
                className="g-3",
            ),
            html.H2(t("risks.register", lang), className="h5 mt-3"),
            html.Div(id=ids.RISKS_REGISTER),
        ]
    )


def edit_form(lang: str, quarters: list[str], allowed: bool = True) -> dbc.Card:
    """The form that edits a risk; a role that may not edit sees it disabled, with the reason."""
    return dbc.Card(
        [
            dbc.CardHeader(t("risks.edit", lang)),
            dbc.CardBody(
                [
                    risk_and_quarter(lang, quarters, allowed),
                    None if allowed else components.role_reason("edit_risk", lang),
                    html.Fieldset(
                        [
                            *text_inputs(lang),
                            score_selects(lang),
                            status_select(lang),
                            dbc.Button(t("risks.save", lang), id=ids.RISKS_SAVE, color="primary", disabled=not allowed),
                        ],
                        disabled=not allowed,
                    ),
                    html.Div(id=ids.RISKS_MESSAGE, className="mt-2", role="status"),
                    html.Div(id=ids.RISKS_HISTORY),
                ]
            ),
        ]
    )


def risk_and_quarter(lang: str, quarters: list[str], allowed: bool) -> dbc.Row:
    """The risk to edit and the quarter its assessment is for (the latest quarter first chosen)."""
    latest = quarters[-1] if quarters else str(quarter_of(pd.Timestamp.today().date()))
    quarter = dbc.Select(
        id=ids.RISKS_QUARTER,
        options=components.name_options(quarters or [latest]),
        value=latest,
        disabled=not allowed,
    )
    return dbc.Row(
        [
            dbc.Col(_labelled(t("pack.col.code", lang), dbc.Select(id=ids.RISKS_SELECT, options=[])), md=6),
            dbc.Col(_labelled(t("risks.assessed_quarter", lang), quarter), md=6),
        ],
        className="g-2 mb-2",
    )


def _field_label(name: str, lang: str, text_key: str | None = None) -> dbc.Label:
    return dbc.Label(
        t(text_key or f"risks.field.{name}", lang), html_for=components.dom_id(_field_id(name)), className="mb-0 small"
    )


def text_inputs(lang: str) -> list[html.Div]:
    """The risk's text fields: cause, consequence and mitigations as text areas, the others on one line."""
    long_texts = ("cause", "consequence", "mitigations")
    return [
        html.Div(
            [
                _field_label(name, lang),
                (dbc.Textarea if name in long_texts else dbc.Input)(
                    id=_field_id(name), **({"rows": 2} if name in long_texts else {})
                ),
            ],
            className="mb-2",
        )
        for name in TEXT_FIELDS
    ]


def score_selects(lang: str) -> dbc.Row:
    """Inherent and residual likelihood and impact, each 1–5."""
    scale = [{"label": str(i), "value": str(i)} for i in range(1, 6)]
    return dbc.Row(
        [
            dbc.Col([_field_label(name, lang), dbc.Select(id=_field_id(name), options=scale)], md=3)
            for name in SCORE_FIELDS
        ],
        className="g-2 mb-2",
    )


def status_select(lang: str) -> html.Div:
    """The risk's status: open, monitored or closed."""
    options = [{"label": t(f"risk.status.{s}", lang), "value": s} for s in STATUSES]
    return html.Div(
        [_field_label("status", lang, "pack.col.status"), dbc.Select(id=_field_id("status"), options=options)],
        className="mb-2",
    )


def _labelled(label: str, control: dbc.Select) -> html.Div:
    return html.Div([dbc.Label(label, html_for=control.id, className="fw-semibold mb-1"), control])


# --- callbacks ------------------------------------------------------------------------------

chart_text.register(ids.RISKS_HEAT_MAP, ids.RISKS_LANG)  # the heat map's summary and table follow its figure


@callback(
    Output(ids.RISKS_REGISTER, "children"),
    Output(ids.RISKS_HEAT_MAP, "figure"),
    Output(ids.RISKS_SELECT, "options"),
    Input(ids.RISKS_PROGRAMME, "value"),
    Input(ids.RISKS_SAVED, "data"),
    State(ids.RISKS_LANG, "data"),
)
@guarded("read", programme="slug")
def show_register(slug: str | None, _saved: int, lang: str) -> tuple:
    """The register table, the heat map of current residual scores, and the codes to edit."""
    register = plans.risks(slug) if slug else pd.DataFrame()
    if register.empty:
        empty = heat_map_figure(_cells(pd.DataFrame()), [], lang, t("risks.heat_map", lang))
        return dbc.Alert(t("risks.none", lang), color="info"), empty, [{"label": t("risks.new", lang), "value": NEW}]
    rows = register_rows(register, lang)
    headers = [t(f"pack.col.{c}", lang) for c in ("code", "title", "owner", "status", "likelihood", "impact", "score")]
    headers.append(t("risks.level", lang))
    table = components.simple_table(headers, rows, 4)
    placed = register.rename(columns={"residual_likelihood": "likelihood", "residual_impact": "impact"})
    figure = heat_map_figure(_cells(placed), [], lang, t("risks.heat_map", lang))
    options = [
        {"label": f"{code} – {title}", "value": code} for code, title in zip(register["code"], register["title"])
    ]
    return table, figure, options + [{"label": t("risks.new", lang), "value": NEW}]


def register_rows(register: pd.DataFrame, lang: str) -> list[list[str]]:
    rows = []
    for risk in register.to_dict("records"):
        score = risk_score(risk["residual_likelihood"], risk["residual_impact"])
        rows.append(
            [
                *risk_identity(risk, lang),
                str(risk["residual_likelihood"]),
                str(risk["residual_impact"]),
                str(score),
                t(f"risk.level.{risk_level(score)}", lang),
            ]
        )
    return rows


def _cells(placed: pd.DataFrame) -> list[dict]:
    if placed.empty:
        placed = pd.DataFrame({"code": [], "likelihood": [], "impact": []})
    return heat_map(placed[["code", "likelihood", "impact"]]).to_dict("records")


@callback(
    Output({"type": ids.RISKS_FIELD_PREFIX.rstrip("-"), "field": ALL}, "value"),
    Output(ids.RISKS_HISTORY, "children"),
    Input(ids.RISKS_SELECT, "value"),
    Input(ids.RISKS_SAVED, "data"),
    State(ids.RISKS_PROGRAMME, "value"),
    State(ids.RISKS_LANG, "data"),
)
@guarded("read", programme="slug")
def fill_form(code: str | None, _saved: int, slug: str | None, lang: str) -> tuple[list, object]:
    """The chosen risk's fields into the form (empty for a new risk) and its assessments by quarter."""
    register = plans.risks(slug) if slug else pd.DataFrame()
    chosen = register[register["code"] == code].to_dict("records") if code and not register.empty else []
    if not chosen:
        return [None] * len(TEXT_FIELDS) + ["3"] * len(SCORE_FIELDS) + ["open"], None
    risk = chosen[0]
    values = [risk[name] for name in TEXT_FIELDS] + [str(int(risk[name])) for name in SCORE_FIELDS] + [risk["status"]]
    return values, assessment_history(plans.risk_assessments(slug), code, lang)


def assessment_history(assessments: pd.DataFrame, code: str, lang: str) -> html.Div:
    """A risk's assessments by quarter: inherent and residual likelihood × impact and score."""
    mine = assessments[assessments["code"] == code].sort_values("quarter")
    headers = [
        t("pack.quarter", lang),
        t("risks.inherent", lang),
        t("risks.residual", lang),
        t("pack.col.status", lang),
    ]
    rows = [
        [
            row["quarter"],
            f"{row['inherent_likelihood']} × {row['inherent_impact']} = "
            f"{risk_score(row['inherent_likelihood'], row['inherent_impact'])}",
            f"{row['residual_likelihood']} × {row['residual_impact']} = "
            f"{risk_score(row['residual_likelihood'], row['residual_impact'])}",
            t(f"risk.status.{row['status']}", lang),
        ]
        for row in mine.to_dict("records")
    ]
    return html.Div([html.H3(t("risks.history", lang), className="h6 mt-3"), components.simple_table(headers, rows, 1)])


@callback(
    Output(ids.RISKS_MESSAGE, "children"),
    Output(ids.RISKS_SAVED, "data"),
    Input(ids.RISKS_SAVE, "n_clicks"),
    State(ids.RISKS_SELECT, "value"),
    State(ids.RISKS_QUARTER, "value"),
    State({"type": ids.RISKS_FIELD_PREFIX.rstrip("-"), "field": ALL}, "value"),
    State(ids.RISKS_PROGRAMME, "value"),
    State(ids.RISKS_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("edit_risk", programme="slug")
def save_risk(clicks: int | None, code: str | None, quarter: str, values: list, slug: str, lang: str) -> tuple:
    """Save the form as the risk's current assessment and its assessment for ``quarter`` (``db.plans.save_risk``
    records the edit in the audit log)."""
    if not clicks or not slug:
        return no_update, no_update
    fields, problem = checked_fields(values, quarter)
    if problem:
        return dbc.Alert(t(problem, lang), color="danger"), no_update
    user = require("edit_risk", slug)
    register = plans.risks(slug)
    if not code or code == NEW:
        code = _next_code(register["code"].tolist() if not register.empty else [])
    with transaction() as session:
        plans.save_risk(session, slug, code, fields, quarter, user=user["username"])
    return dbc.Alert(t("risks.saved", lang, code=code, quarter=quarter), color="success"), clicks


def checked_fields(values: list, quarter: str) -> tuple[dict[str, object], str | None]:
    """The form's values as a risk's fields (scores as numbers, texts cut to ``MAX_TEXT``), or the catalogue key of
    what is wrong with them.

    >>> checked_fields(["Aikataulu", "", "", "", "", 4, 5, "3", 4, "open"], "2018Q4")[0]["residual_likelihood"]
    3
    >>> checked_fields([""] * 5 + [3] * 4 + ["open"], "2018Q4")[1], checked_fields(["R"] * 9 + ["open"], "2018Q4")[1]
    ('risks.title_missing', 'risks.scores_invalid')
    """
    fields = dict(zip(FORM_FIELDS, values, strict=True))
    if not (fields.get("title") or "").strip():
        return fields, "risks.title_missing"
    try:
        for likelihood, impact in ((SCORE_FIELDS[0], SCORE_FIELDS[1]), (SCORE_FIELDS[2], SCORE_FIELDS[3])):
            risk_score(int(fields[likelihood]), int(fields[impact]))
    except (TypeError, ValueError):
        return fields, "risks.scores_invalid"
    fields.update({name: int(fields[name]) for name in SCORE_FIELDS})
    if fields.get("status") not in STATUSES or not _is_quarter(quarter):
        return fields, "risks.form_invalid"
    fields.update({name: str(fields.get(name) or "")[:MAX_TEXT] for name in TEXT_FIELDS})
    return fields, None


def _is_quarter(text: object) -> bool:
    try:
        parse_quarter(str(text))
    except ValueError:
        return False
    return True


def _next_code(codes: list[str]) -> str:
    """``R`` and the next free number.

    >>> _next_code(["R1", "R6", "K2"]), _next_code([])
    ('R7', 'R1')
    """
    numbers = [int(code[1:]) for code in codes if code[1:].isdigit()]
    return f"R{max(numbers, default=0) + 1}"
