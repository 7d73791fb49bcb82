"""Quarterly report: the steering group's pack for a programme and quarter, its commentary, sign-off and downloads.

Every figure comes from ``reports.quarterly.quarterly_pack``, the same
function the workbook and the PDF use. The pack opens with the target, its
status and the reason; euros are whole unless the user asks for cents.
Signing off asks for confirmation first (a ``dcc.ConfirmDialog``). Callbacks
are thin functions registered below the layout, so a role check can wrap each one.
"""

from __future__ import annotations

from collections.abc import Callable

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from auth.guard import guarded, require
from dashboards import chart_text, components, ids
from dashboards.cache import cached
from dashboards.statistics import missing_alert
from db import accounts, plans
from i18n import t
from reports.figures import heat_map_figure, kuntaosuus_figure, measures_figure
from reports.pdf import pack_pdf
from reports.quarterly import programme_quarters, quarterly_pack, save_commentary, sign_off
from reports.text import (
    TARGET_COLOURS,
    headline_rows,
    indicator_rows,
    left_out_text,
    measure_rows,
    missing_texts,
    risk_rows,
    signature_rows,
    status_text,
    target_status,
    target_text,
)
from reports.workbook import pack_workbook

dash.register_page(
    __name__,
    path="/neljannes",
    name="quarterly",
    title=f"{t('nav.quarterly')} – {t('app.title')}",
    nav_key="nav.quarterly",
    order=40,
)

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIGN_CONFIRM = "quarterly-sign-confirm"  # the dialog that asks before a sign-off
TARGET = "quarterly-target"  # the pack's first line: the target, its status and the reason
CENTS = "quarterly-cents"  # show cents where an amount has them (tables and downloads)
LEFT_OUT = "quarterly-left-out"
SIGNATURE = "quarterly-signature"


def layout(lang: str = "fi", programme: str | None = None, quarter: str | None = None, **_query: str) -> html.Div:
    chooser, slug = components.programme_choice(ids.QUARTERLY_PROGRAMME, lang, programme)
    quarters = programme_quarters(slug) if slug else []
    chosen = quarter if quarter in quarters else (quarters[-1] if quarters else None)
    return html.Div(
        [
            components.lang_store(ids.QUARTERLY_LANG, lang),
            dcc.Store(id=ids.QUARTERLY_REFRESH, data=0),
            dcc.Download(id=ids.QUARTERLY_DOWNLOAD),
            dcc.ConfirmDialog(id=SIGN_CONFIRM),
            components.page_heading(t("quarterly.title", lang), t("quarterly.intro", lang)),
            dbc.Row(
                [
                    dbc.Col(
                        chooser,
                        md=5,
                    ),
                    dbc.Col(
                        components.selector(
                            t("pack.quarter", lang), ids.QUARTERLY_QUARTER, components.name_options(quarters), chosen
                        ),
                        md=2,
                    ),
                    dbc.Col(
                        html.Div(
                            [
                                dbc.Button(
                                    t("quarterly.download_xlsx", lang),
                                    id=ids.QUARTERLY_DOWNLOAD_XLSX,
                                    color="secondary",
                                    className="me-2",
                                ),
                                dbc.Button(
                                    t("quarterly.download_pdf", lang),
                                    id=ids.QUARTERLY_DOWNLOAD_PDF,
                                    color="secondary",
                                    className="me-3",
                                ),
                                dbc.Checkbox(id=CENTS, label=t("quarterly.show_cents", lang), value=False),
                            ],  # fmt: skip
                            className="d-flex align-items-end h-100",
                        ),
                        md=5,
                    ),
                ],
                className="mb-3 g-3",
            ),
            dbc.Alert(id=ids.QUARTERLY_STATUS, color="info", className="py-2"),
            dcc.Loading(html.Div(id=ids.QUARTERLY_CONTENT)),
            *director_controls(lang),
            html.Div(id=ids.QUARTERLY_MESSAGE, role="status"),
        ]
    )


def director_controls(lang: str) -> list:
    """Commentary and sign-off: disabled, with the reason, for a role that may not use them."""
    comment, sign = components.may("comment"), components.may("sign_off")
    return [
        html.H2(html.Label(t("pack.commentary", lang), htmlFor=ids.QUARTERLY_COMMENTARY), className="h5 mt-4"),
        None if comment else components.role_reason("comment", lang),
        None if sign else components.role_reason("sign_off", lang),
        dbc.Textarea(id=ids.QUARTERLY_COMMENTARY, rows=5, className="mb-2", disabled=not comment),
        dbc.Row(
            [
                dbc.Col(
                    dbc.Button(
                        t("quarterly.save_commentary", lang), id=ids.QUARTERLY_SAVE_COMMENTARY, disabled=not comment
                    ),
                    md="auto",
                ),
                dbc.Col(
                    dbc.Button(t("quarterly.sign", lang), id=ids.QUARTERLY_SIGN, color="success", disabled=not sign),
                    md="auto",
                ),
            ],
            className="g-2 mb-2",
        ),
    ]


# --- callbacks: thin functions, registered below -----------------------------------------

current_pack = cached(quarterly_pack)  # the same pack for everyone until the data changes (a sign-off does)


def quarter_choices(slug: str | None) -> tuple[list[dict], str | None]:
    """The quarters of the chosen programme, the latest chosen."""
    quarters = programme_quarters(slug) if slug else []
    return components.name_options(quarters), (quarters[-1] if quarters else None)


def show_pack(slug: str | None, quarter: str | None, _refresh: int, with_cents: bool | None, lang: str) -> tuple:
    """The pack on screen; commentary and sign-off lock once the quarter is signed, and for a role without them."""
    if not slug or not quarter:
        return [], t("quarterly.choose", lang), "", True, True, True
    pack = current_pack(slug, quarter)
    locked = bool(pack.get("frozen"))
    view = pack_view(pack, lang, bool(with_cents))
    comment = locked or not components.may("comment")
    return (
        view,
        status_text(pack, lang),
        pack.get("commentary") or "",
        comment,
        comment,
        locked or not components.may("sign_off"),
    )


def pack_view(pack: dict, lang: str, with_cents: bool = False) -> list:
    columns = lambda *names: [t(f"pack.col.{name}", lang) for name in names]  # noqa: E731
    graph = lambda figure, name: chart_text.chart(  # noqa: E731  a chart named by its summary, its table under it
        dcc.Graph(figure=figure, config=components.GRAPH_CONFIG), lang, figure, f"quarterly-{name}"
    )
    left_out = left_out_text(pack, lang)
    return [
        target_alert(pack, lang),
        missing_alert(missing_texts(pack, lang), ids.QUARTERLY_MISSING),
        html.H2(t("pack.headline", lang), className="h5"),
        components.simple_table(
            columns("figure", "quarter", "year_to_date", "previous_quarter", "change"),
            headline_rows(pack, lang, with_cents),
            1,
        ),
        html.P(left_out, id=LEFT_OUT, className="small text-muted") if left_out else None,
        dbc.Row(
            [
                dbc.Col(
                    dbc.Card(
                        dbc.CardBody(
                            graph(kuntaosuus_figure(pack["headline"], lang, pack.get("target_pct", 0)), "kuntaosuus")
                        )
                    ),
                    lg=6,
                ),
                dbc.Col(
                    dbc.Card(dbc.CardBody(graph(heat_map_figure(pack["heat_map"], pack["risks"], lang), "heat-map"))),
                    lg=6,
                    id="quarterly-heat-map",
                ),
            ],
            className="g-3 my-2",
        ),
        html.H2(t("pack.indicators", lang), className="h5 mt-3"),
        components.simple_table(
            columns("indicator", "value", "threshold", "previous", "trend", "status", "risk", "detail"),
            indicator_rows(pack, lang),
            1,
        ),
        html.H2(t("pack.risks", lang), className="h5 mt-3"),
        components.simple_table(
            columns("code", "title", "owner", "status", "likelihood", "impact", "score", "previous_score", "movement"),
            risk_rows(pack, lang),
            4,
        ),
        html.H2(t("pack.measures", lang), className="h5 mt-3"),
        components.simple_table(
            columns("measure", "owner", "cap", "spent", "spent_pct"), measure_rows(pack, lang, with_cents), 2
        ),
        graph(measures_figure(pack["measures"], lang), "measures"),
        html.H2(t("pack.signature", lang), className="h5 mt-3"),
        html.Div(components.simple_table(["", ""], signature_rows(pack, lang), 2), id=SIGNATURE),
    ]


def target_alert(pack: dict, lang: str) -> dbc.Alert | None:
    """The target, its status and the reason, coloured by the status (the Benefits page's words)."""
    text = target_text(pack, lang)
    if not text:
        return None
    colour = TARGET_COLOURS.get(target_status(pack), "secondary")
    return dbc.Alert(text, color=colour, id=TARGET, className="fw-semibold")


def store_commentary(clicks: int | None, slug: str, quarter: str, text: str, lang: str) -> tuple:
    """Save the director's commentary (refused once the quarter is signed off)."""

    def save(user: dict) -> tuple:
        save_commentary(slug, quarter, text or "", user["username"])
        return t("quarterly.commentary_saved", lang), clicks

    return change_quarter(clicks, slug, quarter, lang, "comment", "commentary", save)


def ask_sign_off(clicks: int | None, slug: str, quarter: str, lang: str) -> tuple:
    """Ask before signing off: what is signed, and that the figures freeze."""
    if not clicks or not slug or not quarter:
        return no_update, no_update
    pack = current_pack(slug, quarter)
    return True, t("quarterly.sign_confirm", lang, quarter=quarter, programme=pack["programme_name"])


def sign_quarter(clicks: int | None, slug: str, quarter: str, lang: str) -> tuple:
    """Sign the quarter off (once confirmed) in the logged-in user's name and role: its figures freeze as they are."""

    def sign(user: dict) -> tuple:
        sign_off(slug, quarter, user.get("display_name") or user["username"], role=user.get("role"))
        return t("quarterly.signed_now", lang, quarter=quarter), -clicks

    return change_quarter(clicks, slug, quarter, lang, "sign_off", "sign_off", sign)


def change_quarter(
    clicks: int | None, slug: str, quarter: str, lang: str, action: str, event: str, change: Callable[[dict], tuple]
) -> tuple:
    """What the quarter's buttons (save commentary, sign off) share: the role check, the change, its refusal once
    the quarter is signed off, the audit event and the message below the buttons.

    ``change(user)`` makes the change and returns its message and the refresh store's new value (re-draws the pack).
    """
    if not clicks or not slug or not quarter:
        return no_update, no_update
    user = require(action, slug)
    try:
        message, refresh = change(user)
    except plans.QuarterSigned:
        return dbc.Alert(t("quarterly.already_signed", lang), color="warning"), no_update
    accounts.record_audit(event, user["username"], {"programme": slug, "quarter": quarter})
    return dbc.Alert(message, color="success"), refresh


def download_pack(
    xlsx_clicks: int | None, pdf_clicks: int | None, slug: str, quarter: str, with_cents: bool | None, lang: str
) -> dict:
    """The pack as a workbook or a PDF, from the same figures as the page (cents if the user asked for them)."""
    if not slug or not quarter:
        return no_update
    pack = current_pack(slug, quarter)
    name = f"ohjausryhma_{slug}_{quarter}"
    kind = "pdf" if dash.ctx.triggered_id == ids.QUARTERLY_DOWNLOAD_PDF else "xlsx"
    user = require("export", slug)
    accounts.record_audit("export", user["username"], {"programme": slug, "quarter": quarter, "format": kind})
    if kind == "pdf":
        return dcc.send_bytes(pack_pdf(pack, lang, bool(with_cents)), f"{name}.pdf", type="application/pdf")
    return dcc.send_bytes(pack_workbook(pack, lang, bool(with_cents)), f"{name}.xlsx", type=XLSX_MEDIA_TYPE)


def register_quarter_button(
    button: str, function: Callable[..., tuple], action: str, *fields: State, clicks: str = "n_clicks"
) -> None:
    """``function(clicks, programme, quarter, *fields, lang)`` on ``button``'s ``clicks``, guarded by ``action``."""
    callback(
        Output(ids.QUARTERLY_MESSAGE, "children", allow_duplicate=True),
        Output(ids.QUARTERLY_REFRESH, "data", allow_duplicate=True),
        Input(button, clicks),
        State(ids.QUARTERLY_PROGRAMME, "value"),
        State(ids.QUARTERLY_QUARTER, "value"),
        *fields,
        State(ids.QUARTERLY_LANG, "data"),
        prevent_initial_call=True,
    )(guarded(action, programme="slug")(function))


callback(
    Output(ids.QUARTERLY_QUARTER, "options"),
    Output(ids.QUARTERLY_QUARTER, "value"),
    Input(ids.QUARTERLY_PROGRAMME, "value"),
    prevent_initial_call=True,
)(guarded("read", programme="slug")(quarter_choices))
callback(
    Output(ids.QUARTERLY_CONTENT, "children"),
    Output(ids.QUARTERLY_STATUS, "children"),
    Output(ids.QUARTERLY_COMMENTARY, "value"),
    Output(ids.QUARTERLY_COMMENTARY, "disabled"),
    Output(ids.QUARTERLY_SAVE_COMMENTARY, "disabled"),
    Output(ids.QUARTERLY_SIGN, "disabled"),
    Input(ids.QUARTERLY_PROGRAMME, "value"),
    Input(ids.QUARTERLY_QUARTER, "value"),
    Input(ids.QUARTERLY_REFRESH, "data"),
    Input(CENTS, "value"),
    State(ids.QUARTERLY_LANG, "data"),
)(guarded("read", programme="slug")(show_pack))
register_quarter_button(
    ids.QUARTERLY_SAVE_COMMENTARY, store_commentary, "comment", State(ids.QUARTERLY_COMMENTARY, "value")
)
callback(
    Output(SIGN_CONFIRM, "displayed"),
    Output(SIGN_CONFIRM, "message"),
    Input(ids.QUARTERLY_SIGN, "n_clicks"),
    State(ids.QUARTERLY_PROGRAMME, "value"),
    State(ids.QUARTERLY_QUARTER, "value"),
    State(ids.QUARTERLY_LANG, "data"),
    prevent_initial_call=True,
)(guarded("sign_off", programme="slug")(ask_sign_off))
register_quarter_button(SIGN_CONFIRM, sign_quarter, "sign_off", clicks="submit_n_clicks")
callback(
    Output(ids.QUARTERLY_DOWNLOAD, "data"),
    Input(ids.QUARTERLY_DOWNLOAD_XLSX, "n_clicks"),
    Input(ids.QUARTERLY_DOWNLOAD_PDF, "n_clicks"),
    State(ids.QUARTERLY_PROGRAMME, "value"),
    State(ids.QUARTERLY_QUARTER, "value"),
    State(CENTS, "value"),
    State(ids.QUARTERLY_LANG, "data"),
    prevent_initial_call=True,
)(guarded("export", programme="slug")(download_pack))
