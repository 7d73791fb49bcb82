"""Log-out is a POST carrying the session's token: no link, image or other site can log a user out (issue 15)."""

from __future__ import annotations

import pytest
from dash import dcc, html
from flask import session

from dashboards.components import navbar_items
from db import accounts
from tests.security.conftest import client_for, log_out
from tests.security.test_audit import as_user


def logouts(url: str) -> int:
    return accounts.audit_events(url=url)["action"].tolist().count("logout")


def test_logout_by_get_is_refused_and_the_session_holds(secured, sample_url: str):
    client = client_for(secured, "katsoja")
    assert client.get("/logout").status_code == 405
    assert client.get("/_dash-layout").status_code == 200
    assert logouts(sample_url) == 0


@pytest.mark.parametrize("token", ["", "arvattu-tunniste", "ä" * 32], ids=["none", "wrong", "not_ascii"])
def test_logout_without_the_session_token_is_refused(secured, sample_url: str, token: str):
    client = client_for(secured, "katsoja")
    refused = log_out(client, token)
    assert refused.status_code == 400 and "Lataa sivu uudelleen" in refused.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 200
    assert logouts(sample_url) == 0


def test_logout_with_the_session_token_ends_the_session(secured, sample_url: str):
    client = client_for(secured, "katsoja")
    response = log_out(client)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/_dash-layout").status_code == 401
    assert logouts(sample_url) == 1


def test_another_sessions_token_does_not_log_out(secured, sample_url: str):
    with client_for(secured, "johtaja").session_transaction() as other:
        foreign = other["csrf"]
    client = client_for(secured, "katsoja")
    assert log_out(client, foreign).status_code == 400
    assert client.get("/_dash-layout").status_code == 200


def test_the_navbar_logs_out_with_a_form_posting_the_session_token(secured):
    context = as_user(secured, "katsoja")
    try:
        items = navbar_items("/", "?lang=en")
        token = session["csrf"]
    finally:
        context.pop()
    forms = [found for found in _walk(items) if isinstance(found, html.Form)]
    assert [(form.method, form.action) for form in forms] == [("post", "/logout")]
    fields = {field.name: field.value for field in _walk(forms[0]) if isinstance(field, dcc.Input)}
    assert fields == {"csrf": token, "lang": "en"}
    assert [button.type for button in _walk(forms[0]) if isinstance(button, html.Button)] == ["submit"]


def _walk(component: object) -> list:
    """``component`` and everything inside it."""
    if isinstance(component, (list, tuple)):
        return [found for child in component for found in _walk(child)]
    children = getattr(component, "children", None)
    return [component, *(_walk(children) if children is not None and not isinstance(children, str) else [])]
