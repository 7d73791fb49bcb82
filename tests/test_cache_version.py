"""An upgraded app never serves a view its earlier code computed: the cache key holds the code's version."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboards import cache
from db import freshness


def test_a_changed_source_file_changes_the_code_version(tmp_path: Path):
    (tmp_path / "models").mkdir()
    source = tmp_path / "models" / "savings.py"
    source.write_text("TARGET = 0.03\n", encoding="utf-8")
    before = freshness.code_version(tmp_path)
    source.write_text("TARGET = 0.04\n", encoding="utf-8")
    assert freshness.code_version(tmp_path) != before


def test_the_same_data_version_under_other_code_is_another_key(monkeypatch: pytest.MonkeyPatch):
    key = cache.cache_key("benefits.view", "sqlite://", "v1", ("kuopio",), {})
    monkeypatch.setattr(cache, "CODE_VERSION", "upgraded")
    assert cache.cache_key("benefits.view", "sqlite://", "v1", ("kuopio",), {}) != key
