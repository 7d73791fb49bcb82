"""Quarterly report: the steering group's pack for a programme and quarter, its commentary, sign-off and downloads.

Every figure comes from ``reports.quarterly.quarterly_pack``, the same
function the workbook and the PDF use. The pack opens with the target, its
status and the reason; euros are whole unless the user asks for cents.
Signing off asks for confirmation first (a ``dcc.ConfirmDialog``). The
callbacks below the layout are thin and guarded: the actions they call
(``save_commentary``, ``sign_off``, ``reports.export.export_pack``) record
their own audit events.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import dash
import dash_bootstrap_components as dbc
import flask
from dash import Input, Output, State, callback, dcc, html, no_update

from auth.guard import guarded, require
from dashboards import chart_text, components, ids
from dashboards.cache import cached
from dashboards.statistics import missing_alert
from db import plans
from i18n import t
from reports import text as pack_text
from reports.export import export_pack
from reports.figures import heat_map_figure, kuntaosuus_figure, measures_figure
from reports.quarterly import programme_quarters, quarterly_pack, save_commentary, sign_off

dash.register_page(__name__, **components.nav_page("/neljannes", "quarterly", 40))

MEDIA_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}
THRESHOLDS_CONFIG = "MITTARI_RISK_THRESHOLDS"  # settings.risk_thresholds, put in the server's config by app.py
SIGN_CONFIRM = "quarterly-sign-confirm"  # the dialog that asks before a sign-off
TARGET = "quarterly-target"  # the pack's first line: the target, its status and the reason
CENTS = "quarterly-cents"  # show cents where an amount has them (tables and downloads)
LEFT_OUT = "quarterly-left-out"
SIGNATURE = "quarterly-signature"


def layout(lang: str = "fi", programme: str | None = None, quarter: str | None = None, **_query: str) -> html.Div:
    chooser, slug = components.programme_choice(ids.QUARTERLY_PROGRAMME, lang, programme)
    quarters = programme_quarters(slug) if slug else []
    chosen = quarter if quarter in quarters else (quarters[-1] if quarters else None)
    quarter_choice = components.selector(
        t("pack.quarter", lang), ids.QUARTERLY_QUARTER, components.name_options(quarters), chosen
    )
    return html.Div(
        [
            *components.page_top(
                ids.QUARTERLY_LANG,
                "quarterly",
                lang,
                dcc.Store(id=ids.QUARTERLY_REFRESH, data=0),
                dcc.Download(id=ids.QUARTERLY_DOWNLOAD),
                dcc.ConfirmDialog(id=SIGN_CONFIRM),
            ),
            dbc.Row(
                [dbc.Col(chooser, md=5), dbc.Col(quarter_choice, md=2), dbc.Col(download_controls(lang), md=5)],
                className="mb-3 g-3",
            ),
            dbc.Alert(id=ids.QUARTERLY_STATUS, color="info", className="py-2"),
            dcc.Loading(html.Div(id=ids.QUARTERLY_CONTENT)),
            *director_controls(lang),
            html.Div(id=ids.QUARTERLY_MESSAGE, role="status"),
        ]
    )


def download_controls(lang: str) -> html.Div:
    """The pack's downloads (workbook, PDF) and the choice to show cents where an amount has them."""
    return html.Div(
        [
            dbc.Button(
                t("quarterly.download_xlsx", lang), id=ids.QUARTERLY_DOWNLOAD_XLSX, color="secondary", className="me-2"
            ),
            dbc.Button(
                t("quarterly.download_pdf", lang), id=ids.QUARTERLY_DOWNLOAD_PDF, color="secondary", className="me-3"
            ),
            dbc.Checkbox(id=CENTS, label=t("quarterly.show_cents", lang), value=False),
        ],
        className="d-flex align-items-end h-100",
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


# --- the pack on screen -------------------------------------------------------------------------


def pack_view(pack: dict, lang: str, with_cents: bool = False) -> list:
    """The pack on screen: target, missing data, headline, charts, indicators, risks, measures and signature."""
    left_out = pack_text.left_out_text(pack, lang)
    tables = pack_text.pack_tables(pack, lang, with_cents)
    return [
        target_alert(pack, lang),
        missing_alert(pack_text.missing_texts(pack, lang), ids.QUARTERLY_MISSING),
        *pack_table("pack.headline", tables["headline"], lang, "h5"),
        html.P(left_out, id=LEFT_OUT, className="small text-muted") if left_out else None,
        charts_row(pack, lang),
        *pack_table("pack.indicators", tables["indicators"], lang),
        *pack_table("pack.risks", tables["risks"], lang),
        *pack_table("pack.measures", tables["measures"], lang),
        pack_chart(measures_figure(pack["measures"], lang), "measures", lang),
        html.H2(t("pack.signature", lang), className="h5 mt-3"),
        html.Div(components.simple_table(["", ""], pack_text.signature_rows(pack, lang), 2), id=SIGNATURE),
    ]


def pack_table(title_key: str, table: tuple[list[str], list, int], lang: str, heading: str = "h5 mt-3") -> list:
    """A section of the pack: its heading and its table (``reports.text.pack_tables``: headers, rows and the first
    column of amounts)."""
    return [html.H2(t(title_key, lang), className=heading), components.simple_table(*table)]


def pack_chart(figure: dict, name: str, lang: str) -> html.Figure:
    """A chart of the pack, named by its summary, its table under it (``chart_text.chart``)."""
    return chart_text.chart(dcc.Graph(figure=figure, config=components.GRAPH_CONFIG), lang, figure, f"quarterly-{name}")


def charts_row(pack: dict, lang: str) -> dbc.Row:
    """Kuntaosuus against its baseline and the risks' heat map, side by side."""
    kuntaosuus = kuntaosuus_figure(pack["headline"], lang, pack.get("target_pct", 0))
    heat_map = heat_map_figure(pack["heat_map"], pack["risks"], lang)
    return dbc.Row(
        [
            dbc.Col(dbc.Card(dbc.CardBody(pack_chart(kuntaosuus, "kuntaosuus", lang))), lg=6),
            dbc.Col(dbc.Card(dbc.CardBody(pack_chart(heat_map, "heat-map", lang))), lg=6, id="quarterly-heat-map"),
        ],
        className="g-3 my-2",
    )


def target_alert(pack: dict, lang: str) -> dbc.Alert | None:
    """The target, its status and the reason, coloured by the status (the Benefits page's words)."""
    text = pack_text.target_text(pack, lang)
    if not text:
        return None
    return dbc.Alert(text, color=pack_text.target_colour(pack), id=TARGET, className="fw-semibold")


# --- callbacks: inputs → the pack (reports.quarterly) → the view ---------------------------------

current_pack = cached(quarterly_pack)  # the same pack for everyone until the data changes (a sign-off does)


def risk_thresholds() -> object:
    """The thresholds the pack's indicators are judged by: ``settings.risk_thresholds``, handed over by app.py."""
    return flask.current_app.config[THRESHOLDS_CONFIG]


def pack_of(slug: str, quarter: str) -> dict:
    """The pack of the chosen programme and quarter (``reports.quarterly.quarterly_pack``), cached."""
    return current_pack(slug, quarter, thresholds=risk_thresholds())


@callback(
    Output(ids.QUARTERLY_QUARTER, "options"),
    Output(ids.QUARTERLY_QUARTER, "value"),
    Input(ids.QUARTERLY_PROGRAMME, "value"),
    prevent_initial_call=True,
)
@guarded("read", programme="slug")
def quarter_choices(slug: str | None) -> tuple[list[dict], str | None]:
    """The quarters of the chosen programme, the latest chosen."""
    quarters = programme_quarters(slug) if slug else []
    return components.name_options(quarters), (quarters[-1] if quarters else None)


@callback(
    output=dict(
        content=Output(ids.QUARTERLY_CONTENT, "children"),
        status=Output(ids.QUARTERLY_STATUS, "children"),
        commentary=Output(ids.QUARTERLY_COMMENTARY, "value"),
        commentary_locked=Output(ids.QUARTERLY_COMMENTARY, "disabled"),
        save_locked=Output(ids.QUARTERLY_SAVE_COMMENTARY, "disabled"),
        sign_locked=Output(ids.QUARTERLY_SIGN, "disabled"),
    ),
    inputs=dict(
        slug=Input(ids.QUARTERLY_PROGRAMME, "value"),
        quarter=Input(ids.QUARTERLY_QUARTER, "value"),
        refresh=Input(ids.QUARTERLY_REFRESH, "data"),
        with_cents=Input(CENTS, "value"),
        lang=State(ids.QUARTERLY_LANG, "data"),
    ),
)
@guarded("read", programme="slug")
def show_pack(slug: str | None, quarter: str | None, refresh: int, with_cents: bool | None, lang: str) -> dict:
    """The pack on screen; commentary and sign-off lock once the quarter is signed, and for a role without them."""
    if not slug or not quarter:
        locked = dict.fromkeys(("commentary_locked", "save_locked", "sign_locked"), True)
        return {"content": [], "status": t("quarterly.choose", lang), "commentary": "", **locked}
    pack = pack_of(slug, quarter)
    signed = bool(pack.get("frozen"))
    comment_locked = signed or not components.may("comment")
    return {
        "content": pack_view(pack, lang, bool(with_cents)),
        "status": pack_text.status_text(pack, lang),
        "commentary": pack.get("commentary") or "",
        "commentary_locked": comment_locked,
        "save_locked": comment_locked,
        "sign_locked": signed or not components.may("sign_off"),
    }


@callback(
    Output(ids.QUARTERLY_MESSAGE, "children", allow_duplicate=True),
    Output(ids.QUARTERLY_REFRESH, "data", allow_duplicate=True),
    Input(ids.QUARTERLY_SAVE_COMMENTARY, "n_clicks"),
    State(ids.QUARTERLY_PROGRAMME, "value"),
    State(ids.QUARTERLY_QUARTER, "value"),
    State(ids.QUARTERLY_COMMENTARY, "value"),
    State(ids.QUARTERLY_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("comment", programme="slug")
def store_commentary(clicks: int | None, slug: str, quarter: str, text: str, lang: str) -> tuple:
    """Save the director's commentary (refused once the quarter is signed off); the pack re-draws with it."""
    if not clicks or not slug or not quarter:
        return no_update, no_update
    user = require("comment", slug)
    save = functools.partial(save_commentary, slug, quarter, text or "", user["username"])
    return change_quarter(save, t("quarterly.commentary_saved", lang), clicks, lang)


@callback(
    Output(SIGN_CONFIRM, "displayed"),
    Output(SIGN_CONFIRM, "message"),
    Input(ids.QUARTERLY_SIGN, "n_clicks"),
    State(ids.QUARTERLY_PROGRAMME, "value"),
    State(ids.QUARTERLY_QUARTER, "value"),
    State(ids.QUARTERLY_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("sign_off", programme="slug")
def ask_sign_off(clicks: int | None, slug: str, quarter: str, lang: str) -> tuple:
    """Ask before signing off: what is signed, and that the figures freeze."""
    if not clicks or not slug or not quarter:
        return no_update, no_update
    pack = pack_of(slug, quarter)
    return True, t("quarterly.sign_confirm", lang, quarter=quarter, programme=pack["programme_name"])


@callback(
    Output(ids.QUARTERLY_MESSAGE, "children", allow_duplicate=True),
    Output(ids.QUARTERLY_REFRESH, "data", allow_duplicate=True),
    Input(SIGN_CONFIRM, "submit_n_clicks"),
    State(ids.QUARTERLY_PROGRAMME, "value"),
    State(ids.QUARTERLY_QUARTER, "value"),
    State(ids.QUARTERLY_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("sign_off", programme="slug")
def sign_quarter(clicks: int | None, slug: str, quarter: str, lang: str) -> tuple:
    """Sign the quarter off (once confirmed) in the logged-in user's name and role: its figures freeze as they are."""
    if not clicks or not slug or not quarter:
        return no_update, no_update
    user = require("sign_off", slug)
    name, role = user.get("display_name") or user["username"], user.get("role")
    sign = functools.partial(
        sign_off, slug, quarter, name, role=role, thresholds=risk_thresholds(), username=user["username"]
    )
    return change_quarter(sign, t("quarterly.signed_now", lang, quarter=quarter), -clicks, lang)


def change_quarter(change: Callable[[], object], message: str, refresh: int, lang: str) -> tuple:
    """What the quarter's buttons (save commentary, sign off) share: the change (the action records its audit
    event), then ``message`` below the buttons and ``refresh`` for the store that re-draws the pack; the refusal
    once the quarter is signed off."""
    try:
        change()
    except plans.QuarterSigned:
        return dbc.Alert(t("quarterly.already_signed", lang), color="warning"), no_update
    return dbc.Alert(message, color="success"), refresh


@callback(
    Output(ids.QUARTERLY_DOWNLOAD, "data"),
    Input(ids.QUARTERLY_DOWNLOAD_XLSX, "n_clicks"),
    Input(ids.QUARTERLY_DOWNLOAD_PDF, "n_clicks"),
    State(ids.QUARTERLY_PROGRAMME, "value"),
    State(ids.QUARTERLY_QUARTER, "value"),
    State(CENTS, "value"),
    State(ids.QUARTERLY_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("export", programme="slug")
def download_pack(
    xlsx_clicks: int | None, pdf_clicks: int | None, slug: str, quarter: str, with_cents: bool | None, lang: str
) -> dict:
    """The pack as a workbook or a PDF, from the same figures as the page (cents if the user asked for them)."""
    if not slug or not quarter:
        return no_update
    kind = "pdf" if dash.ctx.triggered_id == ids.QUARTERLY_DOWNLOAD_PDF else "xlsx"
    user = require("export", slug)
    content = export_pack(pack_of(slug, quarter), kind, lang, user["username"], with_cents=bool(with_cents))
    return dcc.send_bytes(content, f"ohjausryhma_{slug}_{quarter}.{kind}", type=MEDIA_TYPES[kind])
