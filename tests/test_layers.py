"""The code's shape holds: imports go one way (README, "Layout"), pages apart from their parts, small callbacks."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

OURS = {"settings", "i18n", "db", "models", "data_loaders", "dashboards", "auth", "reports", "app", "cli", "serving"}
# app.py, serving.py and cli.py compose the layers: they may import any of them, and none of the layers imports them.
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


PAGES = ROOT / "dashboards" / "pages"
FRONT_ENDS = [ROOT / "app.py", ROOT / "serving.py", ROOT / "cli.py", *sorted((ROOT / "dashboards").rglob("*.py"))]
CALLBACK_DECORATORS = {"callback"}  # dash.callback, app.callback or the imported callback; not clientside_callback
LONGEST_CALLBACK = 30  # lines, from ``def`` to its last line
LONGEST_APP = 40  # lines of app.py, the composition root


def calls_named(tree: ast.AST, name: str) -> list[ast.Call]:
    """The calls in ``tree`` of a function called ``name`` (``name(...)`` or ``something.name(...)``)."""
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and called_name(node.func) == name]


def called_name(function: ast.expr) -> str | None:
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else None


def is_callback_decorator(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return called_name(target) in CALLBACK_DECORATORS


def server_callbacks(path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    return [function for function in functions if any(map(is_callback_decorator, function.decorator_list))]


def python_files() -> list:
    return sorted(path for path in ROOT.rglob("*.py") if not {".venv", "tests", "migrations"} & set(path.parts))


def test_the_pages_folder_holds_only_pages():
    """Dash's pages folder: every module registers a page; widgets, figures and the shell live beside it."""
    modules = sorted(path for path in PAGES.rglob("*.py") if path.name != "__init__.py")
    assert modules
    not_pages = [path.name for path in modules if not calls_named(ast.parse(path.read_text("utf-8")), "register_page")]
    assert not_pages == []
    assert sorted(path.name for path in PAGES.iterdir() if path.is_dir() and path.name != "__pycache__") == []


def test_no_page_is_registered_outside_the_pages_folder():
    registering = [path for path in python_files() if calls_named(ast.parse(path.read_text("utf-8")), "register_page")]
    assert [path.relative_to(ROOT) for path in registering if PAGES not in path.parents] == []


def test_no_callback_over_30_lines():
    too_long = [
        f"{path.relative_to(ROOT)}:{function.name} ({function.end_lineno - function.lineno + 1} lines)"
        for path in python_files()
        for function in server_callbacks(path)
        if function.end_lineno - function.lineno + 1 > LONGEST_CALLBACK
    ]
    assert too_long == []


def test_callbacks_are_registered_one_way():
    """Decorators only: no ``callback(...)(function)`` written after a function."""
    called_after = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in python_files()
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Call) and is_callback_decorator(node.func)
    ]
    assert called_after == []


def test_app_py_only_composes():
    lines = (ROOT / "app.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < LONGEST_APP


def test_front_ends_leave_the_audit_log_to_the_actions():
    """Imports, rollbacks, groups, sign-offs, risk edits and exports record their own event (``db/``, the actions)."""
    recording = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in FRONT_ENDS
        for call in calls_named(ast.parse(path.read_text(encoding="utf-8")), "record_audit")
    ]
    assert recording == []
