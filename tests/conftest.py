"""Real databases in tests: a temporary SQLite file per test session (or DATABASE_URL)."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured in bench/, not asserted in tests: no per-example deadline (a loaded machine made
# hypothesis's default 200 ms fail the exact-tree property once, with nothing wrong in the code).
settings.register_profile("mittari", deadline=None)
settings.load_profile("mittari")

SESSION_DIR = Path(tempfile.mkdtemp(prefix="mittari-tests-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SESSION_DIR / 'session.sqlite3'}")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh, migrated database of the session's kind for one test."""
    from db.engine import migrate

    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:  # PostgreSQL: a clean schema per test
        from sqlalchemy import text

        from db.engine import engine

        with engine(url).begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate(url)
    return url


@pytest.fixture
def sample_url(db_url: str) -> str:
    """A database with the sample data loaded."""
    from data_loaders.sample import load_sample

    load_sample(SAMPLE, db_url)
    return db_url


@pytest.fixture(scope="module")
def generate():
    """``bench/generate.py``, the national benchmark data's generator (not a package: loaded from its file)."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
