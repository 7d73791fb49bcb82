"""The cache in Redis (``REDIS_URL``), as several hosts would share it: Debian's redis-server on loopback.

The same ``dashboards.cache`` code as the file cache the other tests use:
a view computed once is served from Redis until the data changes.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask

from dashboards import cache
from data_loaders.imports import import_file
from db import queries
from tests.browser.conftest import free_port

STATFIN_JSON = Path(__file__).resolve().parent / "data" / "statfin_12r5_example.json"
START_TIMEOUT_S = 20


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway Redis server on loopback (no persistence), stopped after the module."""
    program = shutil.which("redis-server")
    assert program, "redis-server is missing: `make test` installs Debian's redis-server"
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    command = [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen([*command, "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def test_views_are_kept_in_redis_until_the_data_changes(redis_url: str, sample_url: str, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sample_url)
    server = Flask(__name__)
    cache.install(server, tmp_path / "files", redis_url)
    computed = []

    @cache.cached
    def programme_slugs() -> list[str]:
        computed.append(queries.data_version(sample_url))
        return sorted(queries.programmes()["slug"])

    with server.app_context():
        assert programme_slugs() == programme_slugs() == ["kuopio", "tampere-seutu"]  # sample_data/programmes.json
    assert len(computed) == 1  # the second from Redis
    assert redis.Redis.from_url(redis_url).keys("mittari:*")
    assert not (tmp_path / "files").exists()  # nothing in the file cache
    assert import_file(STATFIN_JSON.read_bytes(), STATFIN_JSON.name, url=sample_url).status == "imported"
    with server.app_context():
        assert programme_slugs() == ["kuopio", "tampere-seutu"]
    assert len(computed) == 2 and computed[0] != computed[1]  # computed afresh under the new data version
