"""The Budget page's grid, reconciliation findings and waterfall: plain functions from budget lines to views."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboards import components
from i18n import catalogue, money_text, plotly_separators, t
from models.amounts import cents_to_euros
from models.budget import SCENARIOS, line_tree, waterfall_steps

SEVERITY = {"rounding": "info", "remainder": "info", "mismatch": "warning"}
WATERFALL_SCENARIO = "budget"  # the chart shows the plan; other scenarios if there is none
LABEL_LENGTH = 45
COLOURS = {"increasing": "#2e7d32", "decreasing": "#c62828", "totals": "#1f4e79"}


# --- grid -----------------------------------------------------------------


def scenarios_present(lines: pd.DataFrame) -> list[str]:
    """The scenarios among ``lines``, in the order plan → revised → actual → forecast."""
    found = set(lines["scenario"])
    return [name for name in SCENARIOS if name in found]


def scenarios_note(scenarios: list[str], year: int | None, lang: str) -> str:
    if not scenarios:
        return t("budget.no_lines", lang)
    names = ", ".join(t(f"scenario.{name}", lang) for name in scenarios)
    return t("budget.scenarios", lang, year=year, scenarios=names)


def grid_columns(scenarios: list[str], lang: str) -> list[dict]:
    """Line name (indented by depth), JHS 192 line, and one money column per scenario."""
    name_style = f"({{paddingLeft: {components.INDENT_BY_DEPTH}, fontWeight: params.data.depth === 0 ? 600 : 400}})"
    money = [money_column(scenario, lang) for scenario in scenarios]
    return [*components.line_name_columns(lang, name_style, 180), *money]


def money_column(scenario: str, lang: str) -> dict:
    return {
        "field": scenario,
        "colId": scenario,
        "headerName": f"{t(f'scenario.{scenario}', lang)}, €",
        "type": "rightAligned",
        "flex": 1,
        "minWidth": 150,
        "valueFormatter": {"function": f"params.data ? params.data['{scenario}_text'] : ''"},
        "tooltipField": f"{scenario}_source",
        "cellStyle": {"fontVariantNumeric": "tabular-nums"},
    }


def grid_rows(lines: pd.DataFrame, scenarios: list[str], lang: str) -> list[dict]:
    """One row per line in reading order, each scenario's amount, text and source."""
    if lines.empty:
        return []
    rank = {name: i for i, name in enumerate(SCENARIOS)}
    ordered = lines.assign(rank=lines["scenario"].map(rank)).sort_values(["rank", "position"])
    tree = line_tree(ordered.drop_duplicates("code"))
    by_key = ordered.set_index(["scenario", "code"])
    return [line_row(line, by_key, scenarios, lang) for line in tree.to_dict("records")]


def line_row(line: dict, by_key: pd.DataFrame, scenarios: list[str], lang: str) -> dict:
    row = {
        "code": line["code"],
        "name": line["name"],
        "depth": int(line["depth"]),
        "category": category_label(line["category"], lang),
    }
    for scenario in scenarios:
        if (scenario, line["code"]) not in by_key.index:
            continue
        figure = by_key.loc[(scenario, line["code"])]
        cents = int(figure["amount_cents"])
        row[scenario] = cents_to_euros(cents)
        row[f"{scenario}_text"] = money_text(cents, lang)
        row[f"{scenario}_source"] = source_text(figure, lang)
    return row


def category_label(category: object, lang: str) -> str:
    """The JHS 192 line's name; blank when the line has none."""
    if not isinstance(category, str) or not category:
        return ""
    key = f"jhs.{category}"
    return t(key, lang) if key in catalogue() else category


def source_text(figure: pd.Series, lang: str) -> str:
    """``Lähde: file, sheet 'S', cell F3`` (the sheet is left out for CSV files)."""
    file, sheet, cell = (figure.get(name) for name in ("source_file", "source_sheet", "source_cell"))
    has_sheet = isinstance(sheet, str) and sheet and sheet != file
    has_cell = isinstance(cell, str) and cell
    if has_sheet and has_cell:
        return t("source.file_sheet_cell", lang, file=file, sheet=sheet, cell=cell)
    if has_cell:
        return t("source.file_cell", lang, file=file, cell=cell)
    return t("source.file", lang, file=file)


def source_detail(clicked: dict | None, rows: list[dict], year: int | None, lang: str) -> str:
    scenario = (clicked or {}).get("colId")
    row = next((r for r in rows or [] if r.get("code") == (clicked or {}).get("rowId")), None)
    if row is None or scenario not in SCENARIOS:
        return t("budget.source_hint", lang)
    if f"{scenario}_source" not in row:
        return t("budget.source_none", lang, line=row["name"])
    return t(
        "budget.source_detail",
        lang,
        line=row["name"],
        scenario=t(f"scenario.{scenario}", lang),
        year=year,
        amount=row[f"{scenario}_text"],
        source=row[f"{scenario}_source"],
    )


# --- reconciliation -------------------------------------------------------


def findings(reconciled: pd.DataFrame, lang: str) -> dbc.Card:
    """The reconciliation findings in words: rounding and remainders inform, mismatches warn."""
    if reconciled.empty:
        items = [html.Li(t("budget.findings_none", lang))]
    else:
        items = [finding_item(row, lang) for row in reconciled.to_dict("records")]
    return dbc.Card(
        [
            dbc.CardHeader(t("budget.findings_title", lang)),
            dbc.CardBody(html.Ul(items, className="list-unstyled mb-0")),
        ]
    )


def finding_item(row: dict, lang: str) -> html.Li:
    severity = SEVERITY[row["finding"]]
    text = t(
        f"msg.{row['finding']}",
        lang,
        line=row["name"],
        year=int(row["year"]),
        scenario=t(f"scenario.{row['scenario']}", lang),
        amount=money_text(row["amount_cents"], lang),
        children=money_text(row["children_cents"], lang),
        difference=money_text(row["difference"], lang),
        tolerance=money_text(row["tolerance"], lang),
    )
    return html.Li([components.severity_badge(severity, lang), text], className="mb-1")


# --- waterfall ------------------------------------------------------------


def waterfall_scenario(lines: pd.DataFrame) -> str | None:
    """The plan ("budget") where the year has one, else the first scenario present."""
    present = scenarios_present(lines)
    return WATERFALL_SCENARIO if WATERFALL_SCENARIO in present else next(iter(present), None)


def waterfall_figure(lines: pd.DataFrame, budget: str, year: int | None, lang: str) -> go.Figure:
    """From toimintatuotot through the cost lines to toimintakate, one scenario, in euros."""
    scenario = waterfall_scenario(lines)
    if scenario is None:
        return components.empty_figure(t("budget.no_lines", lang))
    steps = waterfall_steps(lines[lines["scenario"] == scenario])
    steps = steps[(steps["measure"] != "relative") | (steps["amount_cents"] != 0)]
    figure = go.Figure(waterfall_bars(steps, lang))
    title = t("budget.waterfall_title", lang)
    subtitle = f"{budget} · {t(f'scenario.{scenario}', lang)} {year}"
    figure.update_layout(
        title={"text": f"{title}<br><sup>{subtitle}</sup>", "x": 0, "xanchor": "left"},
        separators=plotly_separators(lang),
        height=160 + 34 * len(steps),
        margin={"l": 10, "r": 40, "t": 70, "b": 40},
        xaxis={"title": {"text": "€"}, "tickformat": ",.0f", "range": axis_range(steps)},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="white",
        font={"size": 13},
        showlegend=False,
    )
    figure.update_xaxes(gridcolor="#e0e0e0")
    return figure


def waterfall_bars(steps: pd.DataFrame, lang: str) -> go.Waterfall:
    """The waterfall's bars, across: incomes up, costs down, totals in their own colour; labels in words."""
    labels = [step_label(label, lang) for label in steps["label"]]
    return go.Waterfall(
        orientation="h",
        measure=list(steps["measure"]),
        y=_distinct([_shorten(label) for label in labels]),
        x=[cents_to_euros(cents) for cents in steps["amount_cents"]],
        text=[money_text(cents, lang) for cents in steps["amount_cents"]],
        textposition="outside",
        customdata=labels,
        hovertemplate="%{customdata}<br>%{text}<extra></extra>",
        increasing={"marker": {"color": COLOURS["increasing"]}},
        decreasing={"marker": {"color": COLOURS["decreasing"]}},
        totals={"marker": {"color": COLOURS["totals"]}},
        connector={"line": {"color": "#9e9e9e", "width": 1}},
    )


def axis_range(steps: pd.DataFrame, margin: float = 0.25) -> list[float]:
    """The x range of a waterfall with room beside its bars for their labels, in euros.

    The bars' running ends (an absolute or total step starts afresh) padded by ``margin`` of their span:

    >>> steps = pd.DataFrame({"amount_cents": [100_000, -300_000, -200_000]})
    >>> axis_range(steps.assign(measure=["absolute", "relative", "total"]))
    [-2750.0, 1750.0]
    """
    running, ends = 0, [0]
    for cents, measure in zip(steps["amount_cents"], steps["measure"]):
        running = int(cents) if measure in ("absolute", "total") else running + int(cents)
        ends.append(running)
    low, high = cents_to_euros(min(ends)), cents_to_euros(max(ends))
    pad = (high - low) * margin or 1
    return [low - pad, high + pad]


def step_label(label: str, lang: str) -> str:
    """A category code (toimintatuotot, toimintakate, unexplained) in words; a line's own name as is."""
    key = f"jhs.{label}"
    return t(key, lang) if key in catalogue() else label


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1].rstrip() + "…"


def _distinct(labels: list[str]) -> list[str]:
    """Plotly merges equal category labels: repeats get invisible zero-width spaces.

    >>> _distinct(["Muut", "Palkat", "Muut"])
    ['Muut', 'Palkat', 'Muut\u200b']
    """
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        seen[label] = seen.get(label, -1) + 1
        result.append(label + "\u200b" * seen[label])
    return result
