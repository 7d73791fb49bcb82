"""Password hashing with scrypt (Werkzeug), compared in constant time."""

from __future__ import annotations

import secrets

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
# Compared against when the user does not exist, so that a wrong user name
# takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    """The scrypt hash of ``password`` with a random salt.

    >>> hash_password("pitkä salasana 123").startswith("scrypt:")
    True
    """
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password needs at least {MIN_LENGTH} characters")
    return generate_password_hash(password, method="scrypt")


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; always does the work of one comparison.

    >>> verify_password(hash_password("pitkä salasana 123"), "pitkä salasana 123")
    True
    >>> verify_password(None, "mitä tahansa")
    False
    """
    if not stored_hash:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(stored_hash, password)


def new_password() -> str:
    """A random password for a first admin (printed once, never stored in clear)."""
    return secrets.token_urlsafe(15)
