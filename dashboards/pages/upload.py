"""Upload (analysts): a budget workbook previewed as a dry run, then imported on confirm; versions and rollback.

Nothing is written before the user confirms: the preview is
``import_file(..., dry_run=True)``, the bytes wait on the server
(``data_loaders.uploads``, named by their SHA-256) and the browser keeps only
that hash. A file over the size limit is stopped in the browser, before it is
sent.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import flask
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from auth import can
from auth.guard import guarded, require, visible_programmes
from auth.web import current_user
from dashboards import components, ids
from dashboards.upload_parts import (
    diff_table,
    line_columns,
    line_rows,
    preview_summary,
    row_view,
    version_choices,
    version_columns,
    version_options,
    version_rows,
    with_lines,
)
from data_loaders import boundary, parsing, sandbox, uploads
from data_loaders.imports import IMPORTED, REJECTED, ImportResult, ProgrammeNotChosen, import_file
from data_loaders.messages import ERROR, Message
from data_loaders.template import template_workbook
from data_loaders.versions import budget_diff, rollback
from db import queries
from i18n import decimal_comma, format_number, language, t

dash.register_page(__name__, **components.nav_page("/lataus", "upload", 50, permission="import"))

AUTO = "__auto__"  # budget named by the workbook's title or the file name
LIMIT_CONFIG = "MITTARI_UPLOAD_LIMIT_BYTES"  # set by app.py from settings.upload_limit_bytes
FOLDER_CONFIG = "MITTARI_UPLOAD_FOLDER"  # optional; default data_loaders.uploads.DEFAULT_FOLDER
DEFAULT_LIMIT = 20 * 1024 * 1024
ROW_CELLS = 12  # how many cells of a sheet row a message shows
MIB = 1024 * 1024
HIDDEN, SHOWN = {"display": "none"}, {}


def upload_limit() -> int:
    """The largest file the page takes, in bytes (``settings.upload_limit_bytes``, handed over by app.py)."""
    config = flask.current_app.config if flask.has_app_context() else {}
    return int(config.get(LIMIT_CONFIG, DEFAULT_LIMIT))


def upload_folder() -> Path:
    config = flask.current_app.config if flask.has_app_context() else {}
    return Path(config.get(FOLDER_CONFIG, uploads.DEFAULT_FOLDER))


def layout(lang: str = "fi", **_query: str) -> html.Div:
    lang = language(lang)
    heading = components.page_heading(t("upload.title", lang), t("upload.intro", lang))
    user = current_user() if flask.has_request_context() else None
    if user is None or not can(user["role"], "import"):
        return html.Div([heading, dbc.Alert(t("upload.not_allowed", lang), color="warning")])
    sandbox.warm_up()  # the child process that parses uploads starts while the user picks a file
    limit = upload_limit()
    return html.Div(
        [
            *stores(limit, lang),
            heading,
            choices(lang),
            drop_zone(limit, lang),
            html.Div(id=ids.UPLOAD_SIZE_MESSAGE, role="alert", tabIndex="-1", className="text-danger fw-semibold"),
            dcc.Store(id=ids.UPLOAD_FOCUSED),
            dcc.Loading(
                html.Div(id=ids.UPLOAD_PREVIEW, tabIndex="-1"),
                type="default",
                overlay_style={"visibility": "visible", "opacity": 0.5},
            ),
            preview_card(lang),
            html.Div(id=ids.UPLOAD_RESULT, className="mb-3", tabIndex="-1"),
            versions_card(lang),
        ]
    )


def stores(limit: int, lang: str) -> list[dcc.Store]:
    """What the page keeps in the browser: its language, the size limit, the file on its way and the one waiting."""
    return [
        components.lang_store(ids.UPLOAD_LANG, lang),
        dcc.Store(id=ids.UPLOAD_LIMIT, data=limit_data(limit, lang)),
        dcc.Store(id=ids.UPLOAD_INCOMING),
        dcc.Store(id=ids.UPLOAD_PENDING),
        dcc.Store(id=ids.UPLOAD_MESSAGES, data=[]),
        dcc.Store(id=ids.UPLOAD_VERSIONS_REFRESH, data=0),
    ]


def limit_data(limit: int, lang: str) -> dict:
    """What the browser needs to stop a file that is too large: the limit and the message to show."""
    text = t("upload.too_large", lang, name="{name}", size="{size}", limit=format_number(limit / MIB, lang, 1))
    return {"bytes": limit, "text": text, "decimal": "," if decimal_comma(lang) else "."}


def choices(lang: str) -> dbc.Row:
    new_budget = html.Div(
        [
            dbc.Label(t("upload.new_budget", lang), html_for=ids.UPLOAD_NEW_BUDGET, className="fw-semibold mb-1"),
            dbc.Input(
                id=ids.UPLOAD_NEW_BUDGET, type="text", debounce=True, placeholder=t("upload.new_budget_hint", lang)
            ),
        ]
    )
    template = html.Div(
        [
            dbc.Button(t("upload.template", lang), id=ids.UPLOAD_TEMPLATE, color="secondary", outline=True),
            dcc.Download(id=ids.UPLOAD_TEMPLATE_DOWNLOAD),
        ],
        className="d-flex align-items-end h-100",
    )
    return dbc.Row(
        [
            dbc.Col(components.selector(t("col.programme", lang), ids.UPLOAD_PROGRAMME, [], None), md=4),
            dbc.Col(components.selector(t("col.budget", lang), ids.UPLOAD_BUDGET, [], AUTO), md=3),
            dbc.Col(new_budget, md=3),
            dbc.Col(template, md=2),
        ],
        className="g-3 mb-3",
    )


DROP_TEXT = f"{ids.UPLOAD_FILE}-text"  # the drop zone's text, which names its file input


def drop_zone(limit: int, lang: str) -> html.Div:
    """Where a file is dropped or chosen; its file input is named by the zone's text (assets/accessibility.js)."""
    upload = dcc.Upload(
        id=ids.UPLOAD_FILE,
        children=html.Div(
            [
                html.Span(t("upload.drop", lang) + " "),
                html.A(t("upload.choose", lang), href="#", className="fw-semibold"),
                html.Div(
                    t("upload.limit", lang, limit=format_number(limit / MIB, lang, 1)), className="small text-muted"
                ),
            ],
            id=DROP_TEXT,
        ),
        multiple=False,
        accept=".xlsx,.csv,.json",
        className="border border-2 rounded p-4 mb-3 text-center bg-light",
        style={"borderStyle": "dashed", "cursor": "pointer"},
    )
    return html.Div(upload, **{"data-labelled-by": DROP_TEXT})


def preview_card(lang: str) -> html.Div:
    """The lines the file would import, and the buttons to import or drop it."""
    grid = components.data_grid(ids.UPLOAD_LINES, "esikatselu.csv", lang=lang)
    grid.getRowId = "params.data.code"  # a message's line is brought into view by its code
    grid.dashGridOptions = {**grid.dashGridOptions, "domLayout": "normal", "tooltipShowDelay": 200}
    grid.style = {"height": "420px"}
    buttons = html.Div(
        [
            dbc.Button(
                t("upload.confirm", lang), id=ids.UPLOAD_CONFIRM, color="primary", disabled=True, className="me-2"
            ),
            dbc.Button(t("upload.cancel", lang), id=ids.UPLOAD_CANCEL, color="secondary", outline=True, disabled=True),
        ],
        className="mt-3",
    )
    return html.Div(
        [
            dbc.Alert(t("upload.row_hint", lang), id=ids.UPLOAD_ROW, color="light", className="small mb-2"),
            grid,
            buttons,
        ],
        id=ids.UPLOAD_PREVIEW_AREA,
        className="mb-4",
        style=HIDDEN,
    )


def versions_card(lang: str) -> dbc.Card:
    grid = components.data_grid(ids.UPLOAD_VERSIONS, "versiot.csv", lang=lang)
    compare = dbc.Row(
        [
            dbc.Col(components.selector(t("upload.diff_from", lang), ids.UPLOAD_DIFF_FROM, [], None), md=3),
            dbc.Col(components.selector(t("upload.diff_to", lang), ids.UPLOAD_DIFF_TO, [], None), md=3),
            dbc.Col(components.selector(t("upload.rollback_to", lang), ids.UPLOAD_ROLLBACK_VERSION, [], None), md=3),
            dbc.Col(
                dbc.Button(t("upload.rollback", lang), id=ids.UPLOAD_ROLLBACK, color="warning", outline=True),
                md=3,
                className="d-flex align-items-end",
            ),
        ],
        className="g-3 my-2",
    )
    return dbc.Card(
        [
            dbc.CardHeader(t("upload.versions", lang)),
            dbc.CardBody(
                [
                    grid,
                    compare,
                    html.Div(id=ids.UPLOAD_ROLLBACK_RESULT),
                    html.Div(id=ids.UPLOAD_DIFF, className="mt-2"),
                ]
            ),
        ],
        className="mb-3",
    )


# --- callbacks: inputs → data_loaders / db.queries → models → view -------------


@callback(
    Output(ids.UPLOAD_PROGRAMME, "options"),
    Output(ids.UPLOAD_PROGRAMME, "value"),
    Input(ids.UPLOAD_LANG, "data"),
)
@guarded("import")
def choose_programme(lang: str) -> tuple[list, str | None]:
    user = require("import")
    programmes = queries.programmes()
    visible = set(visible_programmes(user, list(programmes["slug"])))
    programmes = programmes[programmes["slug"].isin(visible)]
    options = components.programme_options(dict(zip(programmes["slug"], programmes["name"])))
    return options, options[0]["value"] if options else None


def budget_options(programme: str | None, lang: str) -> list[dict]:
    budgets = queries.budgets(programme)["name"] if programme else []
    return [{"label": t("upload.budget_auto", lang), "value": AUTO}, *components.name_options(budgets)]


@callback(
    Output(ids.UPLOAD_BUDGET, "options"),
    Output(ids.UPLOAD_BUDGET, "value"),
    Input(ids.UPLOAD_PROGRAMME, "value"),
    State(ids.UPLOAD_LANG, "data"),
)
@guarded("import", programme="programme")
def choose_budget(programme: str | None, lang: str) -> tuple[list, str]:
    return budget_options(programme, lang), AUTO


# A file over the limit never leaves the browser: only a file within it goes on to the server.
dash.clientside_callback(
    """function (contents, filename, limit) {
        if (!contents) { return [dash_clientside.no_update, dash_clientside.no_update]; }
        const size = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
        if (size > limit.bytes) {
            const mib = (size / 1048576).toFixed(1).replace(".", limit.decimal);
            return [limit.text.replace("{name}", filename).replace("{size}", mib), null];
        }
        return ["", {contents: contents, filename: filename}];
    }""",
    Output(ids.UPLOAD_SIZE_MESSAGE, "children"),
    Output(ids.UPLOAD_INCOMING, "data"),
    Input(ids.UPLOAD_FILE, "contents"),
    State(ids.UPLOAD_FILE, "filename"),
    State(ids.UPLOAD_LIMIT, "data"),
    prevent_initial_call=True,
)

# A refusal or a warning is where the keyboard goes next: focus moves to it (a screen reader reads it out),
# whether the browser stopped the file (too large) or the server's preview or result refused it.
dash.clientside_callback(
    """function () {
        const where = dash_clientside.callback_context.triggered_id;
        const box = where && document.getElementById(where);
        if (!box) { return dash_clientside.no_update; }
        window.setTimeout(function () {
            const refused = box.querySelector(".alert-danger, .alert-warning");
            const sizeTold = box.getAttribute("role") === "alert" && box.textContent.trim();  // too large
            const told = refused || (sizeTold ? box : null);
            if (!told) { return; }
            if (!told.hasAttribute("tabindex")) { told.setAttribute("tabindex", "-1"); }
            told.focus();
        }, 50);
        return where;
    }""",
    Output(ids.UPLOAD_FOCUSED, "data"),
    Input(ids.UPLOAD_SIZE_MESSAGE, "children"),
    Input(ids.UPLOAD_PREVIEW, "children"),
    Input(ids.UPLOAD_RESULT, "children"),
    prevent_initial_call=True,
)

# What one file's way sets on the page, by meaning: the upload flow and a re-preview both answer with all of it.
FLOW = dict(
    pending=Output(ids.UPLOAD_PENDING, "data"),
    preview=Output(ids.UPLOAD_PREVIEW, "children"),
    messages=Output(ids.UPLOAD_MESSAGES, "data"),
    columns=Output(ids.UPLOAD_LINES, "columnDefs"),
    rows=Output(ids.UPLOAD_LINES, "rowData"),
    confirm_off=Output(ids.UPLOAD_CONFIRM, "disabled"),
    cancel_off=Output(ids.UPLOAD_CANCEL, "disabled"),
    result=Output(ids.UPLOAD_RESULT, "children"),
    row=Output(ids.UPLOAD_ROW, "children"),
    incoming=Output(ids.UPLOAD_INCOMING, "data", allow_duplicate=True),
    file=Output(ids.UPLOAD_FILE, "contents"),
    refresh=Output(ids.UPLOAD_VERSIONS_REFRESH, "data"),
    budgets=Output(ids.UPLOAD_BUDGET, "options", allow_duplicate=True),
    budget=Output(ids.UPLOAD_BUDGET, "value", allow_duplicate=True),
    area=Output(ids.UPLOAD_PREVIEW_AREA, "style"),
)
REFLOW = {key: Output(out.component_id, out.component_property, allow_duplicate=True) for key, out in FLOW.items()}
UNCHANGED = dict.fromkeys(FLOW, no_update)


def budget_name(budget: str | None, new_budget: str | None) -> str | None:
    """The budget a file goes to: a new name typed, else the one chosen; ``None`` lets the file name it.

    >>> budget_name(AUTO, " Uusi 2020 "), budget_name("TA 2019", ""), budget_name(AUTO, None)
    ('Uusi 2020', 'TA 2019', None)
    """
    return (new_budget or "").strip() or (None if budget in (None, AUTO) else budget)


@callback(
    output=FLOW,
    inputs=dict(
        incoming=Input(ids.UPLOAD_INCOMING, "data"),
        _confirm=Input(ids.UPLOAD_CONFIRM, "n_clicks"),
        _cancel=Input(ids.UPLOAD_CANCEL, "n_clicks"),
        programme=State(ids.UPLOAD_PROGRAMME, "value"),
        budget=State(ids.UPLOAD_BUDGET, "value"),
        new_budget=State(ids.UPLOAD_NEW_BUDGET, "value"),
        pending=State(ids.UPLOAD_PENDING, "data"),
        refreshed=State(ids.UPLOAD_VERSIONS_REFRESH, "data"),
        lang=State(ids.UPLOAD_LANG, "data"),
    ),
    prevent_initial_call=True,
)
@guarded("import", programme="programme")
def upload_flow(
    incoming: dict | None,
    _confirm: int | None,
    _cancel: int | None,
    programme: str | None,
    budget: str | None,
    new_budget: str | None,
    pending: dict | None,
    refreshed: int,
    lang: str,
) -> dict:
    """One file's way: arrive (preview as a dry run), confirm (import) or cancel (drop); choices re-preview."""
    user = require("import", programme)
    trigger = ctx.triggered_id
    if not programme and trigger in (ids.UPLOAD_INCOMING, ids.UPLOAD_CONFIRM):
        return cleared(dbc.Alert(t("upload.choose_programme", lang), color="warning"), lang)
    if trigger == ids.UPLOAD_INCOMING and incoming:
        return arrive(incoming, pending, programme, budget_name(budget, new_budget), lang)
    if trigger == ids.UPLOAD_CONFIRM and pending:
        return confirm(pending, programme, budget_name(budget, new_budget), user["username"], refreshed, lang)
    if trigger == ids.UPLOAD_CANCEL and pending:
        uploads.discard(pending.get("sha256"), upload_folder())
        return cleared(dbc.Alert(t("upload.cancelled", lang), color="secondary"), lang)
    return dict(UNCHANGED)


@callback(
    output=REFLOW,
    inputs=dict(
        programme=Input(ids.UPLOAD_PROGRAMME, "value"),
        budget=Input(ids.UPLOAD_BUDGET, "value"),
        new_budget=Input(ids.UPLOAD_NEW_BUDGET, "value"),
        pending=State(ids.UPLOAD_PENDING, "data"),
        _refreshed=State(ids.UPLOAD_VERSIONS_REFRESH, "data"),
        lang=State(ids.UPLOAD_LANG, "data"),
    ),
    prevent_initial_call=True,
)
@guarded("import", programme="programme")
def rechoose(
    programme: str | None, budget: str | None, new_budget: str | None, pending: dict | None, _refreshed: int, lang: str
) -> dict:
    """Another programme or budget chosen: the file waiting, if any, previewed again against it.

    A callback of its own, apart from ``upload_flow``: Dash drops the answer of a callback still on its way when the
    same callback is called again, so a budget list arriving just after a file was dropped would otherwise leave that
    file's preview empty.
    """
    require("import", programme)
    content = uploads.kept(pending.get("sha256"), upload_folder()) if pending else None
    if content is None:
        return dict(UNCHANGED)
    result = dry_run(content, pending["file_name"], programme, budget_name(budget, new_budget))
    return previewed(pending, result, lang)


def arrive(incoming: dict, pending: dict | None, programme: str | None, name: str | None, lang: str) -> dict:
    """A new file: keep its bytes on the server, forget any earlier one, preview it."""
    try:
        content = base64.b64decode(incoming["contents"].split(",", 1)[1], validate=True)
    except (KeyError, IndexError, ValueError, binascii.Error):
        return cleared(dbc.Alert(t("upload.unreadable", lang), color="danger"), lang)
    if pending and pending.get("sha256"):
        uploads.discard(pending["sha256"], upload_folder())
    file_name = str(incoming.get("filename") or "tiedosto")
    kept = {"sha256": uploads.keep(content, upload_folder()), "file_name": file_name}
    return previewed(kept, dry_run(content, file_name, programme, name), lang)


def dry_run(content: bytes, file_name: str, programme: str | None, budget: str | None) -> ImportResult:
    """What importing the file would do; writes nothing."""
    try:
        return import_file(
            content, file_name, programme=programme, budget=budget, dry_run=True, max_bytes=upload_limit()
        )
    except ProgrammeNotChosen:
        result = ImportResult(REJECTED, None, "", file_name)
        result.messages.append(Message(ERROR, "upload.choose_programme"))
        return result


def previewed(pending: dict, result: ImportResult, lang: str) -> dict:
    """The preview of a dry run: summary, totals, messages, lines; confirm only when it would import."""
    lines = result.lines if result.lines is not None else pd.DataFrame()
    messages = with_lines([message.as_dict(lang) for message in result.messages], lines)
    return {
        **UNCHANGED,
        "pending": pending,
        "preview": preview_summary(result, messages, lang),
        "messages": messages,
        "columns": line_columns(lines, lang),
        "rows": line_rows(lines, lang),
        "confirm_off": result.status != IMPORTED,
        "cancel_off": False,
        "result": None,
        "row": t("upload.row_hint", lang),
        "incoming": None,
        "file": None,
        "area": SHOWN,
    }


def confirm(pending: dict, programme: str | None, name: str | None, username: str, refreshed: int, lang: str) -> dict:
    """Import the kept bytes for real, as the user; the preview goes, the result and the versions come.

    The import records its own audit event, in the transaction that writes the lines.
    """
    content = uploads.kept(pending.get("sha256"), upload_folder())
    if content is None:
        return cleared(dbc.Alert(t("upload.expired", lang), color="warning"), lang)
    result = import_file(
        content, pending["file_name"], programme=programme, budget=name, user=username, max_bytes=upload_limit()
    )
    if result.status == REJECTED:
        return previewed(pending, result, lang)
    uploads.discard(pending["sha256"], upload_folder())
    link = dcc.Link(t("upload.see_budget", lang), href=components.page_href("/budget", lang))
    text = t(f"upload.done_{result.status}", lang, budget=result.budget, version=result.version)
    return {
        **cleared(dbc.Alert([html.Div(text), link], color="success"), lang),
        "refresh": (refreshed or 0) + 1,
        "budgets": budget_options(result.programme, lang),
        "budget": result.budget,
    }


def cleared(result: object, lang: str) -> dict:
    """No file waiting: preview gone, buttons off, ``result`` shown."""
    return {
        **UNCHANGED,
        "pending": None,
        "preview": None,
        "messages": [],
        "columns": [],
        "rows": [],
        "confirm_off": True,
        "cancel_off": True,
        "result": result,
        "row": t("upload.row_hint", lang),
        "incoming": None,
        "file": None,
        "area": HIDDEN,
    }


@callback(
    Output(ids.UPLOAD_TEMPLATE_DOWNLOAD, "data"),
    Input(ids.UPLOAD_TEMPLATE, "n_clicks"),
    State(ids.UPLOAD_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("read")
def send_template(clicks: int | None, lang: str) -> dict:
    return dcc.send_bytes(template_workbook(lang), t("upload.template_file", lang))


@callback(
    Output(ids.UPLOAD_ROW, "children", allow_duplicate=True),
    Output(ids.UPLOAD_LINES, "scrollTo"),
    Input({"type": ids.UPLOAD_MESSAGE, "index": ALL}, "n_clicks"),
    State(ids.UPLOAD_MESSAGES, "data"),
    State(ids.UPLOAD_PENDING, "data"),
    State(ids.UPLOAD_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("import")
def show_row(clicks: list, messages: list[dict], pending: dict | None, lang: str) -> tuple:
    """The sheet row a clicked message is about, its cell marked, and the line it made brought into view."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(clicks):
        return no_update, no_update
    message = messages[trigger["index"]] if trigger["index"] < len(messages) else {}
    if not message.get("sheet") or not message.get("row"):
        return t("upload.row_none", lang), no_update
    content = uploads.kept((pending or {}).get("sha256"), upload_folder())
    cells = sheet_row(content, pending.get("file_name", ""), message["sheet"], int(message["row"])) if content else []
    code = message.get("line_code")
    return row_view(message, cells, lang), {"rowId": code, "rowPosition": "middle"} if code else no_update


def sheet_row(content: bytes, file_name: str, sheet: str, row: int) -> list[tuple[str, object]]:
    """The first non-empty cells of a sheet row, each with its column letter, read in the child process."""
    try:
        return sandbox.run(parsing.sheet_row, content, file_name, sheet, row, ROW_CELLS)
    except (sandbox.ParseFailed, sandbox.ChildError) as failed:
        boundary.log_incident(f"reading row {row} of {file_name}", failed)
        return []


@callback(
    output=dict(
        columns=Output(ids.UPLOAD_VERSIONS, "columnDefs"),
        rows=Output(ids.UPLOAD_VERSIONS, "rowData"),
        from_options=Output(ids.UPLOAD_DIFF_FROM, "options"),
        to_options=Output(ids.UPLOAD_DIFF_TO, "options"),
        from_version=Output(ids.UPLOAD_DIFF_FROM, "value"),
        to_version=Output(ids.UPLOAD_DIFF_TO, "value"),
        rollback_options=Output(ids.UPLOAD_ROLLBACK_VERSION, "options"),
    ),
    inputs=dict(
        programme=Input(ids.UPLOAD_PROGRAMME, "value"),
        budget=Input(ids.UPLOAD_BUDGET, "value"),
        _refresh=Input(ids.UPLOAD_VERSIONS_REFRESH, "data"),
        lang=State(ids.UPLOAD_LANG, "data"),
    ),
)
@guarded("import", programme="programme")
def show_versions(programme: str | None, budget: str | None, _refresh: int, lang: str) -> dict:
    """The programme's imports (of the chosen budget), and the versions to compare or restore."""
    if not programme:
        return {"columns": [], "rows": [], **version_choices([])}
    chosen = None if budget in (None, AUTO) else budget
    versions = queries.import_versions(programme, budget=chosen)
    versions = versions[versions["budget"].notna()].sort_values("version", ascending=False)
    options = version_options(versions, lang) if chosen is not None else []
    return {"columns": version_columns(lang), "rows": version_rows(versions, lang), **version_choices(options)}


@callback(
    Output(ids.UPLOAD_DIFF, "children"),
    Input(ids.UPLOAD_PROGRAMME, "value"),
    Input(ids.UPLOAD_BUDGET, "value"),
    Input(ids.UPLOAD_DIFF_FROM, "value"),
    Input(ids.UPLOAD_DIFF_TO, "value"),
    State(ids.UPLOAD_LANG, "data"),
)
@guarded("import", programme="programme")
def show_diff(programme: str | None, budget: str | None, old: int | None, new: int | None, lang: str) -> object:
    """Lines added, removed and changed from one version to another, with amounts."""
    if not programme or budget in (None, AUTO) or old is None or new is None:
        return None
    diff = budget_diff(programme, budget, int(old), int(new))
    if diff.empty:
        return dbc.Alert(t("upload.diff_none", lang, old=old, new=new), color="light")
    return diff_table(diff, old, new, lang)


@callback(
    Output(ids.UPLOAD_ROLLBACK_RESULT, "children"),
    Output(ids.UPLOAD_VERSIONS_REFRESH, "data", allow_duplicate=True),
    Input(ids.UPLOAD_ROLLBACK, "n_clicks"),
    State(ids.UPLOAD_ROLLBACK_VERSION, "value"),
    State(ids.UPLOAD_PROGRAMME, "value"),
    State(ids.UPLOAD_BUDGET, "value"),
    State(ids.UPLOAD_VERSIONS_REFRESH, "data"),
    State(ids.UPLOAD_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("rollback", programme="programme")
def roll_back(
    clicks: int | None, version: int | None, programme: str | None, budget: str | None, refreshed: int, lang: str
) -> tuple:
    """Restore the chosen version's lines as a new version (nothing is deleted); the rollback audits itself."""
    user = require("rollback", programme)
    if not clicks or version is None or not programme or budget in (None, AUTO):
        return dbc.Alert(t("upload.rollback_choose", lang), color="light"), no_update
    result = rollback(programme, budget, int(version), user["username"])
    colour = "success" if result.version is not None else "secondary"
    return dbc.Alert([html.Div(m.text(lang)) for m in result.messages], color=colour), (refreshed or 0) + 1
