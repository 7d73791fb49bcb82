"""The partial plotly.js bundle (``frontend/plotly``, built into ``assets/``) matches what draws with it.

The browser side — every chart on every page uses a trace type the bundle
registers — is ``tests/browser/test_charts.py``.
"""

from __future__ import annotations

import re

from plotly.offline import get_plotlyjs_version

import settings
from reports import pdf

BUNDLE = settings.PROJECT_ROOT / "assets" / "plotly-partial.min.js"
RECIPE = settings.PROJECT_ROOT / "frontend" / "plotly" / "index.js"
BANNER = re.compile(
    r"/\* plotly\.js v(?P<version>[\d.]+) \(MIT, Plotly, Inc\.\), partial bundle: traces=(?P<traces>[\w,]+) \*/"
)


def banner() -> re.Match:
    with BUNDLE.open(encoding="utf-8") as bundle:
        match = BANNER.match(bundle.readline())
    assert match, "assets/plotly-partial.min.js has no banner: rebuild it with `make plotly-bundle`"
    return match


def test_bundle_is_the_plotly_js_the_python_package_writes_figures_for() -> None:
    assert banner()["version"] == get_plotlyjs_version()


def test_bundle_was_rebuilt_after_its_recipe_changed() -> None:
    registered = re.findall(r"require\('plotly\.js/lib/(\w+)'\)", RECIPE.read_text(encoding="utf-8"))
    assert banner()["traces"].split(",") == ["scatter"] + [name for name in registered if name != "core"]


def test_pdf_draws_with_the_same_bundle_as_the_screen() -> None:
    assert pdf.PLOTLY_JS == BUNDLE
    assert BUNDLE.stat().st_size < 2_000_000  # a partial bundle, not the 4.8 MB full plotly.js
