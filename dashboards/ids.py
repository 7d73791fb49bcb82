"""Component ids: one constant per component, prefixed by the page that owns it.

Callbacks, tests and the shell refer to these names, never to string literals.
"""

from __future__ import annotations

# The shell around every page (app.py).
SHELL_NAVBAR = "shell-navbar"
SHELL_HTML_LANG = "shell-html-lang"
SHELL_LANGUAGE_SWITCH = "shell-language-switch"
PAGES_LOCATION = "_pages_location"  # Dash's own dcc.Location in page_container

# Overview ("/").
OVERVIEW_LANG = "overview-lang"
OVERVIEW_PROGRAMMES = "overview-programmes"

# Budget ("/budget").
BUDGET_LANG = "budget-lang"
BUDGET_PROGRAMME = "budget-programme"
BUDGET_BUDGET = "budget-budget"
BUDGET_YEAR = "budget-year"
BUDGET_GRID = "budget-grid"
BUDGET_GRID_TITLE = "budget-grid-title"
BUDGET_SCENARIOS = "budget-scenarios"
BUDGET_EXPORT = "budget-export"
BUDGET_SOURCE = "budget-source"
BUDGET_FINDINGS = "budget-findings"
BUDGET_WATERFALL = "budget-waterfall"
