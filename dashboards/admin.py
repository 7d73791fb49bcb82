"""Administration (admins only): the users and the append-only audit log, exportable."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from auth.guard import guarded
from dashboards import components, ids
from db import accounts
from i18n import catalogue, t

dash.register_page(
    __name__,
    path="/yllapito",
    name="admin",
    title=f"{t('nav.admin')} – {t('app.title')}",
    nav_key="nav.admin",
    permission="admin",
    order=90,
)

AUDIT_ROWS = 2000


def layout(lang: str = "fi", **_query: str) -> html.Div:
    return html.Div(
        [
            components.lang_store(ids.ADMIN_LANG, lang),
            components.page_heading(t("admin.title", lang), t("admin.intro", lang)),
            dbc.Card(
                [dbc.CardHeader(t("admin.users", lang)), dbc.CardBody(html.Div(id=ids.ADMIN_USERS))], className="mb-4"
            ),
            dbc.Card(
                [
                    dbc.CardHeader(
                        [
                            html.Span(t("admin.audit", lang, rows=AUDIT_ROWS)),
                            dbc.Button(
                                t("admin.audit_export", lang),
                                id=ids.ADMIN_AUDIT_EXPORT,
                                size="sm",
                                color="secondary",
                                outline=True,
                                className="float-end",
                            ),
                        ]
                    ),
                    dbc.CardBody(components.data_grid(ids.ADMIN_AUDIT, "auditointiloki.csv", fit_columns=True)),
                ]
            ),
        ]
    )


def audit_rows(lang: str) -> tuple[list[dict], list[dict]]:
    """The newest audit events as grid rows (UTC times), and the grid's columns."""
    events = accounts.audit_events(limit=AUDIT_ROWS)
    rows = [
        {
            "at": event.at.strftime("%Y-%m-%d %H:%M:%S UTC") if hasattr(event.at, "strftime") else str(event.at),
            "username": event.username or "",
            "action": action_label(event.action, lang),
            "details": event.details or "",
            "remote_addr": event.remote_addr or "",
        }
        for event in events.itertuples()
    ]
    columns = [
        {"field": field, "headerName": t(f"admin.column.{field}", lang)}
        for field in ("at", "username", "action", "details", "remote_addr")
    ]
    return rows, columns


def action_label(action: str, lang: str) -> str:
    """The action in words (``audit.<action>`` in the catalogue), its code in brackets."""
    key = f"audit.{action}"
    return f"{t(key, lang)} ({action})" if key in catalogue() else action


def user_table(lang: str) -> html.Table:
    users = accounts.users()
    header = [t(f"admin.user.{field}", lang) for field in ("username", "role", "active", "programmes", "last_login_at")]
    rows = [
        [
            user.username,
            t(f"role.{user.role}", lang),
            t("admin.yes" if user.active else "admin.no", lang),
            user.programmes or t("admin.all_programmes", lang) if user.role == "admin" else user.programmes or "–",
            str(user.last_login_at or "–")[:19],
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
    from auth.web import current_user

    accounts.record_audit("export", current_user()["username"], {"what": "audit_log"})
    return bool(clicks)
