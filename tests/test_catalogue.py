"""The one catalogue: every row in Finnish, Swedish and English with the same fields; every key used in code exists."""

from __future__ import annotations

import csv
import re
import string

import pytest

from tests.conftest import ROOT

CODE_DIRS = ("app.py", "serving.py", "cli.py", "auth", "dashboards", "data_loaders", "models", "reports")


def rows() -> list[dict[str, str]]:
    with (ROOT / "i18n" / "catalogue.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


LANGUAGES = ("fi", "sv", "en")


def test_every_entry_has_finnish_swedish_and_english_and_no_stray_columns():
    lacking = []
    for row in rows():
        assert set(row) == {"key", "fi", "sv", "en"}, row
        lacking += [f"{row['key']} ({lang})" for lang in LANGUAGES if not (row[lang] or "").strip()]
    assert not lacking, lacking


def fields(text: str) -> set[str]:
    """The ``{field}`` names ``str.format`` fills in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_language_fills_the_same_fields():
    differing = {}
    for row in rows():
        found = {lang: fields(row[lang]) for lang in LANGUAGES}
        if len({frozenset(names) for names in found.values()}) > 1:
            differing[row["key"]] = found
    assert not differing, differing


@pytest.mark.parametrize(
    ("text", "names"),
    [("Bladet '{sheet}', rad {row}", {"sheet", "row"}), ("%{y}<br>%{text}", {"y", "text"}), ("Ingen", set())],
)
def test_fields_are_the_format_fields(text, names):
    assert fields(text) == names


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
