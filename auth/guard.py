"""The check every data callback makes on the server before it reads or writes."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from werkzeug.exceptions import Forbidden, Unauthorized

from auth import can, sees_programme
from auth.web import current_user

GUARD_ATTRIBUTE = "_mittari_guard"


@dataclass(frozen=True)
class Guard:
    """What a guarded callback declares: the action it needs, and the name of its programme argument."""

    action: str
    programme: str | None = None


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


def guarded(action: str, *, programme: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a Dash callback: ``require(action, <its argument named programme>)`` before it runs.

    ``programme`` names the callback's argument that holds the programme slug,
    when the callback works on one programme; the guard finds it by name, so
    Dash may pass it by position or by keyword.

    >>> @guarded("read", programme="slug")
    ... def show(clicks, slug): ...
    >>> getattr(show, GUARD_ATTRIBUTE)
    Guard(action='read', programme='slug')
    """

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(function)
        if programme is not None and programme not in signature.parameters:
            raise TypeError(f"{function.__name__} has no argument {programme!r} to guard")

        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            slug = signature.bind_partial(*args, **kwargs).arguments.get(programme) if programme else None
            if slug is not None and not isinstance(slug, str):
                require(action)
                raise Forbidden("a programme is named by its slug")
            require(action, slug or None)
            return function(*args, **kwargs)

        setattr(checked, GUARD_ATTRIBUTE, Guard(action, programme))
        return checked

    return decorate


def visible_programmes(user: dict, slugs: list[str]) -> list[str]:
    """The programmes of ``slugs`` that ``user`` may see, in the same order."""
    return [slug for slug in slugs if sees_programme(user, slug)]
