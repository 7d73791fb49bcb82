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
    r"/\* plotly\.js v(?P<version>[\d.]+), Copyright 2012-\d{4}, Plotly, Inc\., MIT licence; "
    r"partial bundle: traces=(?P<traces>[\w,]+); licences of all it contains: (?P<licences>[\w.-]+) \*/"
)


def banner() -> re.Match:
    with BUNDLE.open(encoding="utf-8") as bundle:
        match = BANNER.match(bundle.readline())
    assert match, "assets/plotly-partial.min.js has no banner: rebuild it with `make plotly-bundle`"
    return match


def test_bundle_is_the_plotly_js_the_python_package_writes_figures_for() -> None:
    # the same major and minor version: a patch release of either draws the same figures
    assert banner()["version"].split(".")[:2] == get_plotlyjs_version().split(".")[:2]


def test_bundle_carries_the_licences_of_what_it_contains() -> None:
    licences = (BUNDLE.parent / banner()["licences"]).read_text(encoding="utf-8")
    for package in ("plotly.js", "@plotly/d3", "d3-format", "native-promise-only"):  # MIT and BSD-3-Clause
        assert re.search(rf"^{re.escape(package)} [\d.]+ \(", licences, re.MULTILINE), package
    assert "Copyright (c) 2010-2016, Michael Bostock" in licences  # d3's BSD-3-Clause notice, reproduced


def test_bundle_was_rebuilt_after_its_recipe_changed() -> None:
    registered = re.findall(r"require\('plotly\.js/lib/(\w+)'\)", RECIPE.read_text(encoding="utf-8"))
    assert banner()["traces"].split(",") == ["scatter"] + [name for name in registered if name != "core"]


def test_pdf_draws_with_the_same_bundle_as_the_screen() -> None:
    assert pdf.PLOTLY_JS == BUNDLE
    assert BUNDLE.stat().st_size < 2_000_000  # a partial bundle, not the 4.8 MB full plotly.js
