"""Serving the dashboard: prepare the database, then Flask's own server or gunicorn.

``python app.py`` and ``mittari serve`` both end here.
"""

from __future__ import annotations

import gc
import os
import sys

from dash import Dash

import settings
from auth.accounts import ensure_first_admin
from data_loaders import sample
from db import engine as db_engine
from i18n import t

SAMPLE_FOLDER = settings.PROJECT_ROOT / "sample_data"
GUNICORN_THREADS = 4  # per worker: a request waiting on the database lets another one run
GUNICORN_TIMEOUT_S = 120  # a large import or a PDF may take this long
GC_THRESHOLDS = (7000, 20, 100)  # allocations before a young collection; young, middle ones before the next
GUNICORN_MAX_REQUESTS = 2000  # a worker is replaced after this many requests (bounds slow leaks)


def settled(dash_app: Dash) -> Dash:
    """The app with everything built so far (modules, the app, its pages) moved out of the garbage collector's view.

    A full collection then walks only what requests make: on national data one
    during a request took about 200 ms with the whole start-up heap, 13–25 ms
    after ``gc.freeze()``. Frozen, the collector would run a full collection
    every tenth middle one (nothing long-lived is left to weigh against), so
    collections are made rarer (``GC_THRESHOLDS``): a page's many short-lived
    pandas objects are freed by their reference counts anyway. A full
    collection still comes every 100 middle ones (about 14 million allocations),
    so cyclic garbage that lived long (an upload's frames, a PDF's) does not
    pile up in a worker. Measured with ``bench/latency.py --no-cache``
    (docs/performance.md). Each gunicorn worker imports ``app`` itself, so each freezes its own.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    return dash_app


def prepare_database() -> None:
    """Migrate the schema; load the sample data when there is no programme yet."""
    db_engine.migrate()
    if not sample.is_loaded():
        sample.load_sample(SAMPLE_FOLDER)


def serve(host: str | None = None, port: int | None = None, workers: int = 1, *, dash_app: Dash | None = None) -> None:
    """Serve the dashboard at ``host:port`` (defaults from ``settings``).

    One worker: Flask's own server, threaded (development), running
    ``dash_app`` (by default the one ``app.py`` builds). More: gunicorn with
    that many worker processes, each with its own connection pool; this
    process prepares the database, then becomes gunicorn (``os.execv``).
    """
    if dash_app is None:
        from app import app as dash_app  # the composition root builds the app when imported
    config = settings.load()
    host = host or config.host
    port = port or config.port
    prepare_database()
    first_admin = ensure_first_admin(config.admin_password)
    print(f"{t('app.title')}: http://{host}:{port}/", flush=True)
    if first_admin:
        print(first_admin, flush=True)
    if workers > 1:
        command = gunicorn_command(host, port, workers)
        db_engine.dispose_engines()  # no pooled connection crosses into the workers
        os.execv(command[0], command)  # does not return: this process becomes gunicorn
    else:
        dash_app.run(host=host, port=port, debug=False)


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """The gunicorn command line that serves ``app:server`` with ``workers`` processes.

    >>> gunicorn_command("127.0.0.1", 8050, 4)[3:7]
    ['--workers', '4', '--bind', '127.0.0.1:8050']
    """
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"{host}:{port}",
        "--worker-class",
        "gthread",
        "--threads",
        str(GUNICORN_THREADS),
        "--timeout",
        str(GUNICORN_TIMEOUT_S),
        "--max-requests",
        str(GUNICORN_MAX_REQUESTS),
        "--max-requests-jitter",
        str(GUNICORN_MAX_REQUESTS // 10),
        "--no-control-socket",  # not used; its default path under $HOME would clash between instances
        "--chdir",
        str(settings.PROJECT_ROOT),
        "app:server",
    ]
