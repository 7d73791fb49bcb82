"""User administration shared by the command line and the app."""

from __future__ import annotations

from auth import ROLES
from auth.passwords import hash_password, new_password
from db import accounts

FIRST_ADMIN = "admin"


def ensure_first_admin(password_setting: str = "", url: str | None = None) -> str | None:
    """Create the first admin when there is no user yet; the text tells how to log in.

    The password is ``MITTARI_ADMIN_PASSWORD`` when set, else a random one
    printed once. There is never a fixed default password.
    """
    if accounts.user_count(url):
        return None
    password = password_setting or new_password()
    details = {"user": FIRST_ADMIN, "role": "admin", "first_admin": True}
    accounts.add_user(
        FIRST_ADMIN,
        "admin",
        hash_password(password),
        display_name="Ylläpitäjä",
        url=url,
        audited=True,
        audit_details=details,
    )
    if password_setting:
        return f"Ensimmäinen ylläpitäjä luotu: käyttäjä '{FIRST_ADMIN}', salasana asetuksesta MITTARI_ADMIN_PASSWORD."
    return (
        f"Ensimmäinen ylläpitäjä luotu: käyttäjä '{FIRST_ADMIN}', salasana '{password}' "
        f"(näytetään vain nyt; vaihda: mittari user passwd {FIRST_ADMIN})."
    )


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role '{role}': one of {', '.join(ROLES)}")
    return role
