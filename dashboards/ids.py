"""Component ids: one constant per component, prefixed by the page that owns it.

Callbacks, tests and the shell refer to these names, never to string literals.
"""

from __future__ import annotations

# The shell around every page (dashboards/shell.py).
SHELL_NAVBAR = "shell-navbar"
SHELL_HTML_LANG = "shell-html-lang"
SHELL_LANGUAGE_SWITCH = "shell-language-switch"
SHELL_MENU = "shell-menu"  # the navbar's links, log-out and language switch, folded on a narrow screen
SHELL_MENU_BUTTON = "shell-menu-button"  # opens and closes SHELL_MENU
SHELL_REFUSED = "shell-refused"  # a refused action told (assets/refusals.js)
SHELL_FORBIDDEN = "shell-forbidden"  # a page the role may not open says so
SHELL_SKIP = "shell-skip"  # the skip link to the page's content
SHELL_MAIN = "main"  # the <main> landmark, the skip link's target (#main)
SHELL_FOOTER = "shell-footer"  # every page's footer (its contents follow the language)
SHELL_STATEMENT_LINK = "shell-statement-link"  # the footer's link to the accessibility statement
STATEMENT_FEEDBACK = "statement-feedback"  # the accessibility statement's feedback channel
PAGES_LOCATION = "_pages_location"  # Dash's own dcc.Location in page_container

# Overview ("/").
OVERVIEW_LANG = "overview-lang"
OVERVIEW_PROGRAMMES = "overview-programmes"
OVERVIEW_MISSING = "overview-missing"  # suffixed with the programme's slug
OVERVIEW_TREND = "overview-trend"  # the type of a pattern id, one per programme

# Budget ("/budget").
BUDGET_LANG = "budget-lang"
BUDGET_PROGRAMME = "budget-programme"
BUDGET_BUDGET = "budget-budget"
BUDGET_YEAR = "budget-year"
BUDGET_GRID = "budget-grid"
BUDGET_GRID_TITLE = "budget-grid-title"
BUDGET_SCENARIOS = "budget-scenarios"
BUDGET_EXPORT = "budget-export"
BUDGET_EXPORT_XLSX = "budget-export-xlsx"
BUDGET_SOURCE = "budget-source"
BUDGET_FINDINGS = "budget-findings"
BUDGET_WATERFALL = "budget-waterfall"

# Risks ("/riskit").
RISKS_LANG = "risks-lang"
RISKS_PROGRAMME = "risks-programme"
RISKS_REGISTER = "risks-register"
RISKS_HEAT_MAP = "risks-heat-map"
RISKS_SAVED = "risks-saved"
RISKS_SELECT = "risks-select"
RISKS_QUARTER = "risks-quarter"
RISKS_SAVE = "risks-save"
RISKS_MESSAGE = "risks-message"
RISKS_HISTORY = "risks-history"
RISKS_FIELD_PREFIX = "risks-field-"  # + a column of db.plans.RISK_FIELDS, or "code"

# Programme plan ("/suunnitelma").
PLAN_LANG = "plan-lang"
PLAN_PROGRAMME = "plan-programme"
PLAN_CONTENT = "plan-content"

# Quarterly report ("/neljannes").
QUARTERLY_LANG = "quarterly-lang"
QUARTERLY_PROGRAMME = "quarterly-programme"
QUARTERLY_QUARTER = "quarterly-quarter"
QUARTERLY_MISSING = "quarterly-missing"
QUARTERLY_CONTENT = "quarterly-content"
QUARTERLY_STATUS = "quarterly-status"
QUARTERLY_COMMENTARY = "quarterly-commentary"
QUARTERLY_SAVE_COMMENTARY = "quarterly-save-commentary"
QUARTERLY_SIGN = "quarterly-sign"
QUARTERLY_MESSAGE = "quarterly-message"
QUARTERLY_REFRESH = "quarterly-refresh"
QUARTERLY_DOWNLOAD_XLSX = "quarterly-download-xlsx"
QUARTERLY_DOWNLOAD_PDF = "quarterly-download-pdf"
QUARTERLY_DOWNLOAD = "quarterly-download"

# Benefits ("/hyodyt").
BENEFITS_LANG = "benefits-lang"
BENEFITS_SOURCES = "benefits-sources"
BENEFITS_PROGRAMME = "benefits-programme"
BENEFITS_AREA = "benefits-area"
BENEFITS_AS_OF = "benefits-as-of"
BENEFITS_STATUS = "benefits-status"
BENEFITS_MISSING = "benefits-missing"
BENEFITS_REASON = "benefits-reason"
BENEFITS_MONTHLY = "benefits-monthly"
BENEFITS_CUMULATIVE = "benefits-cumulative"
BENEFITS_WHATIF_DATA = "benefits-whatif-data"
BENEFITS_WHATIF_SLIDERS = "benefits-whatif-sliders"
BENEFITS_WHATIF_SLIDER = "benefits-whatif-slider"  # pattern-matching type; index = Kela's day class
BENEFITS_WHATIF_RESULT = "benefits-whatif-result"
BENEFITS_WHATIF_ANSWER = "benefits-whatif-answer"
BENEFITS_ESTIMATE = "benefits-estimate"
BENEFITS_REGISTER = "benefits-register"
BENEFITS_REGISTER_TABLE = "benefits-register-table"

# Upload ("/lataus").
UPLOAD_LANG = "upload-lang"
UPLOAD_FOCUSED = "upload-focused"  # where focus went: a refusal or warning just shown
UPLOAD_LIMIT = "upload-limit"
UPLOAD_PROGRAMME = "upload-programme"
UPLOAD_BUDGET = "upload-budget"
UPLOAD_NEW_BUDGET = "upload-new-budget"
UPLOAD_TEMPLATE = "upload-template"
UPLOAD_TEMPLATE_DOWNLOAD = "upload-template-download"
UPLOAD_FILE = "upload-file"
UPLOAD_SIZE_MESSAGE = "upload-size-message"
UPLOAD_INCOMING = "upload-incoming"
UPLOAD_PENDING = "upload-pending"
UPLOAD_PREVIEW = "upload-preview"
UPLOAD_MESSAGES = "upload-messages"
UPLOAD_MESSAGE = "upload-message"  # pattern-matching: {"type": UPLOAD_MESSAGE, "index": n}
UPLOAD_ROW = "upload-row"
UPLOAD_LINES = "upload-lines"
UPLOAD_CONFIRM = "upload-confirm"
UPLOAD_CANCEL = "upload-cancel"
UPLOAD_RESULT = "upload-result"
UPLOAD_VERSIONS = "upload-versions"
UPLOAD_VERSIONS_REFRESH = "upload-versions-refresh"
UPLOAD_DIFF_FROM = "upload-diff-from"
UPLOAD_DIFF_TO = "upload-diff-to"
UPLOAD_DIFF = "upload-diff"
UPLOAD_ROLLBACK_VERSION = "upload-rollback-version"
UPLOAD_ROLLBACK = "upload-rollback"
UPLOAD_ROLLBACK_RESULT = "upload-rollback-result"

# Labour market ("/tyomarkkinat").
LABOUR_LANG = "labour-lang"
LABOUR_SOURCES = "labour-sources"
LABOUR_PROGRAMME = "labour-programme"
LABOUR_GROUP = "labour-group"
LABOUR_MONTH = "labour-month"
LABOUR_MAP = "labour-map"
LABOUR_MAP_SHOWN = "labour-map-shown"
LABOUR_GROUPS = "labour-groups"
LABOUR_MULTIPLES = "labour-multiples"
LABOUR_GRID = "labour-grid"
LABOUR_EXPORT = "labour-export"
LABOUR_EXPORT_XLSX = "labour-export-xlsx"
LABOUR_NOTE = "labour-note"
LABOUR_MISSING_AREA = "labour-missing-area"
LABOUR_MISSING = "labour-missing"
UPLOAD_PREVIEW_AREA = "upload-preview-area"

# admin
ADMIN_LANG = "admin-lang"
ADMIN_USERS = "admin-users"
ADMIN_AUDIT = "admin-audit"
ADMIN_AUDIT_EXPORT = "admin-audit-export"
ADMIN_AUDIT_EXPORT_XLSX = "admin-audit-export-xlsx"

# Comparison ("/vertailu").
COMPARISON_LANG = "comparison-lang"
COMPARISON_PROGRAMME = "comparison-programme"
COMPARISON_GROUP = "comparison-group"
COMPARISON_YEAR = "comparison-year"
COMPARISON_MONTH = "comparison-month"
COMPARISON_TREND_INDICATOR = "comparison-trend-indicator"
COMPARISON_SENTENCE = "comparison-sentence"
COMPARISON_NOTES = "comparison-notes"
COMPARISON_STRIPS = "comparison-strips"
COMPARISON_TREND = "comparison-trend"
COMPARISON_GRID = "comparison-grid"
COMPARISON_EXPORT = "comparison-export"
COMPARISON_EXPORT_XLSX = "comparison-export-xlsx"
COMPARISON_SOURCE = "comparison-source"
COMPARISON_VIEW = "comparison-view"  # the computed comparison's key, which the charts and the table follow
COMPARISON_GROUP_NAME = "comparison-group-name"
COMPARISON_GROUP_MEMBERS = "comparison-group-members"
COMPARISON_GROUP_SAVE = "comparison-group-save"
COMPARISON_GROUP_REMOVE = "comparison-group-remove"
COMPARISON_GROUP_MESSAGE = "comparison-group-message"
