"""The chosen language stays: in the session and the user's profile, over login and typed addresses.

The app runs in-process behind Flask's test client (as in ``tests/security``); the
raw HTML the server sends must already carry ``<html lang>`` and the page's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from auth.passwords import hash_password
from db import accounts

PASSWORD = "kielitesti-salasana-1"
SV_TITLE = "Budget – Työllisyysmittari (sysselsättningsmätare)"


@pytest.fixture
def dash_app(sample_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv("MITTARI_INSTANCE_DIR", str(tmp_path))
    import app as composition

    accounts.add_user("kielinen", "analyst", hash_password(PASSWORD), programmes=["kuopio"], url=sample_url)
    yield composition.app


def log_in(client: FlaskClient, login_page: str = "/login"):
    page = client.get(login_page).get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    lang = re.search(r'name="lang" value="([a-z]+)"', page).group(1)
    form = {"username": "kielinen", "password": PASSWORD, "csrf": token, "next": "/budget", "lang": lang}
    return client.post("/login", data=form)


def html_lang(html: str) -> str:
    return re.search(r"<html lang=\"([a-z]+)\"", html).group(1)


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_the_login_page_offers_the_other_languages_each_marked_with_its_language(dash_app) -> None:
    html = dash_app.server.test_client().get("/login?lang=sv").get_data(as_text=True)
    assert html_lang(html) == "sv"
    assert "Logga in" in title(html)
    assert 'lang="fi" hreflang="fi">Suomi</a>' in html
    assert 'lang="en" hreflang="en">English</a>' in html
    assert ">Svenska</a>" not in html  # the page's own language is not offered


def test_swedish_chosen_on_the_login_page_survives_login_and_a_typed_address(dash_app, sample_url) -> None:
    client = dash_app.server.test_client()
    answer = log_in(client, "/login?lang=sv")
    assert answer.status_code == 302
    assert accounts.user_language("kielinen", url=sample_url) == "sv"
    typed = client.get("/budget")  # typed without ?lang=
    assert typed.status_code == 302
    assert typed.headers["Location"].endswith("/budget?lang=sv")
    html = client.get("/budget?lang=sv").get_data(as_text=True)
    assert html_lang(html) == "sv"
    assert title(html) == SV_TITLE


def test_a_new_login_without_a_choice_takes_the_profiles_language(dash_app, sample_url) -> None:
    accounts.set_user_language("kielinen", "en", url=sample_url)
    client = dash_app.server.test_client()
    log_in(client)
    html = client.get("/hyodyt", follow_redirects=True).get_data(as_text=True)
    assert html_lang(html) == "en"
    assert title(html) == "Benefits – Työllisyysmittari (employment gauge)"


def test_the_navbar_switch_keeps_the_choice_in_the_profile_and_returns_to_the_page(dash_app, sample_url) -> None:
    client = dash_app.server.test_client()
    log_in(client)
    answer = client.get("/kieli?lang=sv&next=%2Fbudget%3Fx%3D1")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/budget?x=1&lang=sv")
    assert accounts.user_language("kielinen", url=sample_url) == "sv"
    assert client.get("/riskit").headers["Location"].endswith("/riskit?lang=sv")


def test_lang_in_the_address_still_works_and_changes_the_session(dash_app, sample_url) -> None:
    client = dash_app.server.test_client()
    log_in(client, "/login?lang=sv")
    html = client.get("/?lang=fi").get_data(as_text=True)
    assert html_lang(html) == "fi"
    assert title(html) == "Yleiskatsaus – Työllisyysmittari"
    assert client.get("/budget").status_code == 200  # Finnish now: no redirect
    assert accounts.user_language("kielinen", url=sample_url) == "sv"  # only the switch and login change the profile


def test_an_address_outside_the_site_cannot_follow_the_switch(dash_app) -> None:
    client = dash_app.server.test_client()
    log_in(client)
    answer = client.get("/kieli?lang=sv&next=//evil.example/")
    assert answer.headers["Location"].endswith("/?lang=sv")
    assert "evil.example" not in answer.headers["Location"]


def test_a_page_served_by_a_new_thread_has_its_title(dash_app) -> None:
    """A threaded server answers from threads where no callback ever ran (Dash's context is unset there)."""
    import threading

    client = dash_app.server.test_client()
    log_in(client, "/login?lang=sv")
    answers = []
    worker = threading.Thread(target=lambda: answers.append(client.get("/budget?lang=sv")))
    worker.start()
    worker.join()
    assert answers[0].status_code == 200
    assert title(answers[0].get_data(as_text=True)) == SV_TITLE
