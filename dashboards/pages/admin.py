"""Administration (admins only): the users and the append-only audit log, exportable."""

from __future__ import annotations

import datetime as dt
import json

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from auth.guard import guarded
from dashboards import components, ids
from db import accounts
from i18n import catalogue, format_clock, format_date, t
from reports.text import helsinki_time

dash.register_page(__name__, **components.nav_page("/yllapito", "admin", 90, permission="admin"))

AUDIT_ROWS = 2000


def layout(lang: str = "fi", **_query: str) -> html.Div:
    refused = components.page_refusal("admin", t("admin.title", lang), lang)
    if refused is not None:
        return refused
    return html.Div(
        [
            *components.page_top(ids.ADMIN_LANG, "admin", lang),
            dbc.Card(
                [dbc.CardHeader(t("admin.users", lang)), dbc.CardBody(html.Div(id=ids.ADMIN_USERS))], className="mb-4"
            ),
            dbc.Card(
                [
                    dbc.CardHeader(
                        [
                            html.Span(t("admin.audit", lang, rows=AUDIT_ROWS)),
                            components.export_buttons(ids.ADMIN_AUDIT_EXPORT, ids.ADMIN_AUDIT_EXPORT_XLSX, lang),
                        ],
                        className="d-flex justify-content-between align-items-center",
                    ),
                    dbc.CardBody(
                        components.data_grid(ids.ADMIN_AUDIT, "auditointiloki.csv", fit_columns=True, lang=lang)
                    ),
                ]
            ),
        ]
    )


def audit_rows(lang: str) -> tuple[list[dict], list[dict]]:
    """The newest audit events as grid rows (Finnish local time, events and details in words), and the columns."""
    events = accounts.audit_events(limit=AUDIT_ROWS)
    rows = [
        {
            "at": local_time_text(event.at, lang),
            "at_utc": str(event.at),  # sorts the time column
            "username": _text(event.username),
            "action": action_label(event.action, lang),
            "details": details_text(event.details, lang),
            "remote_addr": _text(event.remote_addr),
        }
        for event in events.itertuples()
    ]
    columns = [
        {"field": field, "headerName": t(f"admin.column.{field}", lang)}
        for field in ("at", "username", "action", "details", "remote_addr")
    ]
    columns[0]["comparator"] = {
        "function": "(a, b, nodeA, nodeB) => nodeA.data.at_utc.localeCompare(nodeB.data.at_utc)"
    }
    return rows, columns


def local_time_text(at: dt.datetime | str | None, lang: str) -> str:
    """A logged time (UTC) in Finnish local time, to the second: ``7.12.2026 klo 8.51.03``.

    >>> local_time_text(dt.datetime(2026, 12, 7, 6, 51, 3), "fi"), local_time_text("2026-06-30 21:30:00", "en")
    ('7.12.2026 klo 8.51.03', '1 Jul 2026 at 00:30:00 (Finnish time)')
    """
    if at is None or str(at) in ("", "NaT", "None", "nan"):  # never (a user who has not logged in)
        return ""
    moment = helsinki_time(at.isoformat() if isinstance(at, dt.datetime) else str(at))
    return t("pack.time", lang, date=format_date(moment.date(), lang), time=format_clock(moment, lang, seconds=True))


def action_label(action: str, lang: str) -> str:
    """The event in words (``audit.<action>`` in the catalogue); an unknown code as it is."""
    key = f"audit.{action}"
    return t(key, lang) if key in catalogue() else action


def _text(value: object) -> str:
    """A text column's value, or "" where it is missing (``None``, or NaN in a pandas 3 text column).

    >>> _text("127.0.0.1"), _text(None), _text(float("nan"))
    ('127.0.0.1', '', '')
    """
    return value if isinstance(value, str) else ""


def details_text(details: str | None, lang: str) -> str:
    """An event's details in words: ``Ohjelma: kuopio · Neljännes: 2018Q4`` (names from ``audit.detail.<key>``).

    >>> details_text('{"programme": "kuopio", "quarter": "2018Q4", "format": "pdf"}', "fi")
    'Ohjelma: kuopio · Neljännes: 2018Q4 · Muoto: PDF'
    >>> details_text('{"user": "liisa", "role": "viewer", "programmes": ["kuopio"]}', "fi")
    'Käyttäjä: liisa · Rooli: Katselija (ohjausryhmä) · Ohjelmat: kuopio'

    An event without details gives no text, however the log's frame holds the missing value (``None``, or NaN
    in a text column of pandas 3):

    >>> details_text(None, "fi"), details_text(float("nan"), "fi")
    ('', '')
    """
    if not _text(details):
        return ""
    try:
        found = json.loads(details)
    except ValueError:
        return details
    if not isinstance(found, dict):
        return str(found)
    return " · ".join(f"{_detail_name(key, lang)}: {_detail_value(key, value, lang)}" for key, value in found.items())


def _detail_name(key: str, lang: str) -> str:
    name = f"audit.detail.{key}"
    return t(name, lang) if name in catalogue() else key


def _detail_value(key: str, value: object, lang: str) -> str:
    if isinstance(value, bool):
        return t("admin.yes" if value else "admin.no", lang)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "–"
    if key == "role" and f"role.{value}" in catalogue():
        return t(f"role.{value}", lang)
    if key == "format" and isinstance(value, str):
        return value.upper()
    if isinstance(value, str) and f"audit.value.{value}" in catalogue():
        return t(f"audit.value.{value}", lang)
    return "–" if value is None or value == "" else str(value)


def user_table(lang: str) -> html.Table:
    users = accounts.users()
    header = [t(f"admin.user.{field}", lang) for field in ("username", "role", "active", "programmes", "last_login_at")]
    rows = [
        [
            user.username,
            t(f"role.{user.role}", lang),
            t("admin.yes" if user.active else "admin.no", lang),
            user.programmes or t("admin.all_programmes", lang) if user.role == "admin" else user.programmes or "–",
            local_time_text(user.last_login_at, lang) or "–",
        ]
        for user in users.itertuples()
    ]
    return components.simple_table(header, rows, numeric_from=len(header))


@callback(
    Output(ids.ADMIN_USERS, "children"),
    Output(ids.ADMIN_AUDIT, "rowData"),
    Output(ids.ADMIN_AUDIT, "columnDefs"),
    Input(ids.ADMIN_LANG, "data"),
)
@guarded("admin")
def show_administration(lang: str) -> tuple:
    rows, columns = audit_rows(lang)
    return user_table(lang), rows, columns


@callback(
    Output(ids.ADMIN_AUDIT, "exportDataAsCsv"), Input(ids.ADMIN_AUDIT_EXPORT, "n_clicks"), prevent_initial_call=True
)
@guarded("admin")
def export_audit(clicks: int | None) -> bool:
    """Export the audit log as CSV (and record that it was exported)."""
    record_export("csv")
    return bool(clicks)


def record_export(kind: str) -> None:
    """An export of the audit log goes into the log itself (``db.accounts.audit_log_exported``)."""
    from auth.web import current_user

    accounts.audit_log_exported(current_user()["username"], kind)


components.register_xlsx_export(
    ids.ADMIN_AUDIT_EXPORT_XLSX,
    ids.ADMIN_AUDIT,
    ids.ADMIN_LANG,
    "auditointiloki.xlsx",
    "admin.title",
    action="admin",
    after=lambda: record_export("xlsx"),
)
