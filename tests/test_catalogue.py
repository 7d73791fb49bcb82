"""The one catalogue: every row has Finnish and English, and every key used in code exists."""

from __future__ import annotations

import csv
import re

from tests.conftest import ROOT

CODE_DIRS = ("app.py", "cli.py", "auth", "dashboards", "data_loaders", "models", "reports")


def rows() -> list[dict[str, str]]:
    with (ROOT / "i18n" / "catalogue.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_entry_has_finnish_and_english_and_no_stray_columns():
    for row in rows():
        assert set(row) == {"key", "fi", "sv", "en"}, row
        assert row["fi"].strip() and row["en"].strip(), row["key"]


def test_keys_are_unique():
    keys = [row["key"] for row in rows()]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_literal_keys_used_in_code_exist():
    known = {row["key"] for row in rows()}
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    missing = set()
    for entry in CODE_DIRS:
        paths = [ROOT / entry] if entry.endswith(".py") else (ROOT / entry).rglob("*.py")
        for path in paths:
            missing |= set(pattern.findall(path.read_text(encoding="utf-8"))) - known
    assert not missing, sorted(missing)
