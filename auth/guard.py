"""The check every data callback makes on the server before it reads or writes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from werkzeug.exceptions import Forbidden, Unauthorized

from auth import can, sees_programme
from auth.web import current_user

GUARD_ATTRIBUTE = "_mittari_guard"


def require(action: str, programme: str | None = None) -> dict:
    """The current user, if they may ``action`` (on ``programme``); else 401 or 403.

    Raising an HTTP exception inside a Dash callback makes the callback request
    answer with that status: the browser gets no data.
    """
    user = current_user()
    if user is None:
        raise Unauthorized("login required")
    if not can(user["role"], action) or not sees_programme(user, programme):
        raise Forbidden(f"{user['role']} may not {action}")
    return user


def guarded(action: str, programme_arg: int | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a Dash callback: ``require(action, args[programme_arg])`` before it runs.

    ``programme_arg`` is the position of the callback argument that holds the
    programme slug, when the callback works on one programme.
    """

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            programme = args[programme_arg] if programme_arg is not None and len(args) > programme_arg else None
            if programme is not None and not isinstance(programme, str):
                require(action)
                raise Forbidden("a programme is named by its slug")
            require(action, programme or None)
            return function(*args, **kwargs)

        setattr(checked, GUARD_ATTRIBUTE, action)
        return checked

    return decorate


def visible_programmes(user: dict, slugs: list[str]) -> list[str]:
    """The programmes of ``slugs`` that ``user`` may see, in the same order."""
    return [slug for slug in slugs if sees_programme(user, slug)]
