"""Heavy reads cached across workers (flask-caching), stale the moment the data changes.

The cache lives under the instance folder (``FileSystemCache``: every gunicorn
worker on the host shares it) or, with ``REDIS_URL``, in Redis (every host).
Each entry's key holds the database's *data version* (``db.freshness``): a
token every import, rollback, sign-off or edit replaces in the same
transaction. So nothing needs clearing: the first request after a commit reads
the new token and computes afresh; entries of old tokens are never asked for
again and age out (``TIMEOUT_S``, or the file cache's ``THRESHOLD``). The key
holds the code's version too (``db.freshness.CODE_VERSION``), so an upgraded app never
serves what the code before it computed.

Only data is cached, never a user's view of it: the guards and the list of
programmes a user may see run on every request, outside the cache.
Outside the app (the command line, tests calling a helper) nothing is cached.

With the cache off (``MITTARI_CACHE=off``) a request still reads each value
once: a ``@cached`` function asked twice in one request with the same
arguments answers the second time from the request's own memory (``flask.g``),
as the shared cache would with its first entry. Nothing outlives the request.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import plotly.graph_objects as go
from flask import Flask, current_app, g, has_app_context, has_request_context
from flask_caching import Cache

from db import queries
from db.engine import database_url
from db.freshness import CODE_VERSION

cache = Cache()
TIMEOUT_S = 24 * 3600
THRESHOLD = 2000  # entries the file cache keeps before it prunes
EXTENSION = "mittari_cache"
Result = TypeVar("Result")


def install(server: Flask, folder: Path, redis_url: str = "", enabled: bool = True) -> None:
    """Put the cache on the Flask server: Redis at ``redis_url`` if given, else files in ``folder``."""
    if not enabled:
        server.extensions[EXTENSION] = None
        return
    if redis_url:
        options = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url, "CACHE_KEY_PREFIX": "mittari:"}
    else:
        options = {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(folder), "CACHE_THRESHOLD": THRESHOLD}
    cache.init_app(server, config={**options, "CACHE_DEFAULT_TIMEOUT": TIMEOUT_S})
    server.extensions[EXTENSION] = cache


def cache_key(name: str, url: str, version: str, arguments: tuple, keywords: dict[str, Any]) -> str:
    """A key naming the code's version, the function, the database, its data version and the arguments.

    >>> cache_key("f", "sqlite://", "v1", ("kuopio",), {}) == cache_key("f", "sqlite://", "v2", ("kuopio",), {})
    False
    """
    text = repr((CODE_VERSION, name, url, version, arguments, sorted(keywords.items())))
    return f"{name}:{hashlib.sha256(text.encode()).hexdigest()[:40]}"


def cached(function: Callable[..., Result]) -> Callable[..., Result]:
    """Keep ``function``'s results (arguments: plain values, ``repr``-able) until the data changes."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def remembered(*arguments: Any, **keywords: Any) -> Result:
        store = current_app.extensions.get(EXTENSION) if has_app_context() else None
        if store is None:
            return _once_per_request(name, function, arguments, keywords)
        url = database_url()
        key = cache_key(name, url, queries.data_version(url), arguments, keywords)  # read each time: one row
        found = store.get(key)
        if found is not None:
            return found
        value = function(*arguments, **keywords)
        store.set(key, value)
        return value

    return remembered


def _once_per_request(name: str, function: Callable[..., Result], arguments: tuple, keywords: dict) -> Result:
    """``function``'s result, computed once in the current request (every time outside a request)."""
    if not has_request_context():
        return function(*arguments, **keywords)
    memory = g.setdefault("mittari_request_reads", {})
    key = repr((name, arguments, sorted(keywords.items())))
    if key not in memory:
        memory[key] = function(*arguments, **keywords)
    return memory[key]


def plain(figure: go.Figure | dict) -> dict:
    """A figure as the plain dict Dash sends: cheap to keep in the cache and to read back (no re-validation)."""
    return figure if isinstance(figure, dict) else figure.to_plotly_json()
