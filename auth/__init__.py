"""Who may do what: roles, permissions, passwords, and the guard every data callback calls.

Roles (README, "Who may see and change what"): ``viewer`` (steering group) reads; ``director``
also edits risks, commentary and signs off; ``analyst`` also imports and edits
risks; ``admin`` may do everything and sees every programme.

>>> can("viewer", "read"), can("viewer", "import"), can("analyst", "import")
(True, False, True)
>>> can("director", "sign_off"), can("analyst", "sign_off"), can("admin", "admin")
(True, False, True)
"""

from __future__ import annotations

ROLES = ("viewer", "director", "analyst", "admin")
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset(ROLES),
    "export": frozenset(ROLES),
    "import": frozenset({"analyst", "admin"}),
    "rollback": frozenset({"analyst", "admin"}),
    "edit_risk": frozenset({"director", "analyst", "admin"}),
    "comment": frozenset({"director", "admin"}),
    "sign_off": frozenset({"director", "admin"}),
    "admin": frozenset({"admin"}),
}


def can(role: str | None, action: str) -> bool:
    """True when ``role`` may perform ``action``; unknown actions are refused."""
    return role in PERMISSIONS.get(action, frozenset())


def sees_programme(user: dict, programme: str | None) -> bool:
    """Admins see every programme; others only those they belong to.

    >>> sees_programme({"role": "viewer", "programmes": ["kuopio"]}, "kuopio")
    True
    >>> sees_programme({"role": "viewer", "programmes": ["kuopio"]}, "tampere-seutu")
    False
    """
    if user["role"] == "admin" or programme is None:
        return True
    return programme in user["programmes"]
