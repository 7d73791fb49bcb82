"""Imports go one way (DESIGN.md, "Style to follow")."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

OURS = {"settings", "i18n", "db", "models", "data_loaders", "dashboards", "auth", "reports", "app", "cli"}
ALLOWED = {
    "models": set(),
    "i18n": {"models"},  # money and numbers are written from the models' exact amounts
    "settings": set(),
    "db": {"settings"},
    "data_loaders": {"db", "models", "i18n"},
    "auth": {"db", "settings", "i18n"},
    "reports": {"settings", "db", "models", "i18n"},
    "dashboards": {"db", "models", "data_loaders", "i18n", "auth", "reports", "dashboards"},
}


def imported_packages(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & OURS


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str):
    files = [ROOT / f"{layer}.py"] if (ROOT / f"{layer}.py").exists() else sorted((ROOT / layer).rglob("*.py"))
    assert files
    for path in files:
        wrong = imported_packages(path) - ALLOWED[layer] - {layer}
        assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"
