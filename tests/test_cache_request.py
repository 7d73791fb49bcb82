"""With the cache off, one request still reads each value once; the next request reads it afresh."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from dashboards import cache


def counting():
    calls = []

    @cache.cached
    def totals(code: str) -> list[str]:
        calls.append(code)
        return [code]

    return totals, calls


def test_a_request_with_the_cache_off_computes_a_value_once(tmp_path: Path):
    server = Flask(__name__)
    cache.install(server, tmp_path, enabled=False)
    totals, calls = counting()
    with server.test_request_context("/"):
        assert totals("837") == totals("837") == ["837"]
        totals("091")
    with server.test_request_context("/"):
        totals("837")
    assert calls == ["837", "091", "837"]  # once per request and arguments, never carried to the next request


def test_outside_a_request_every_call_computes():
    totals, calls = counting()
    totals("837")
    totals("837")
    assert calls == ["837", "837"]
