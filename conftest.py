"""Doctests of the page modules: a page registers itself when imported, so the Dash app is built first."""

from pathlib import Path

PAGES = Path(__file__).resolve().parent / "dashboards" / "pages"


def pytest_collect_file(file_path: Path, parent: object) -> None:
    """Build the app (``app.py``) before pytest imports a page module for its doctests; collect nothing itself."""
    if file_path.suffix == ".py" and PAGES in file_path.resolve().parents:
        import app  # noqa: F401 - use_pages: Dash imports the pages folder, each page registering itself
