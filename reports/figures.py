"""The pack's charts (Plotly), the same on the quarterly page and in the PDF.

Each says what it shows and in which unit in its title.
"""

from __future__ import annotations

import plotly.graph_objects as go

from i18n import format_number, t
from reports.text import CENTS_PER_EURO

LEVEL_COLOURS = {"low": "#d4edda", "moderate": "#fff3cd", "high": "#fdc68a", "very_high": "#f5a3a3"}
LEVEL_VALUES = {"low": 0, "moderate": 1, "high": 2, "very_high": 3}
MOVEMENT_COLOUR = "#495057"


def heat_map_figure(cells: list[dict], risks: list[dict], lang: str, title: str | None = None) -> go.Figure:
    """The 5×5 map: impact across, likelihood up; each cell coloured by its level and listing its risks.

    Risks that moved since the previous quarter get an arrow from their earlier cell.
    """
    grid = [[None] * 5 for _ in range(5)]
    labels = [[""] * 5 for _ in range(5)]
    for cell in cells:
        row, column = cell["likelihood"] - 1, cell["impact"] - 1
        grid[row][column] = LEVEL_VALUES[cell["level"]]
        labels[row][column] = cell["codes"].replace(", ", "<br>")
    levels = list(LEVEL_COLOURS.values())
    scale = [[i / 3, colour] for i, colour in enumerate(levels)]
    figure = go.Figure(
        go.Heatmap(
            z=grid,
            x=[1, 2, 3, 4, 5],
            y=[1, 2, 3, 4, 5],
            text=labels,
            texttemplate="%{text}",
            textfont={"size": 13},
            colorscale=scale,
            zmin=0,
            zmax=3,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate=t("pack.chart.heat_hover", lang) + "<extra></extra>",
        )
    )
    for risk in risks:
        if risk.get("previous_likelihood") is None:
            continue
        before = (risk["previous_impact"], risk["previous_likelihood"])
        now = (risk["impact"], risk["likelihood"])
        if before == now:
            continue
        figure.add_annotation(
            x=now[0], y=now[1], ax=before[0], ay=before[1], xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=3, arrowwidth=1.5, arrowcolor=MOVEMENT_COLOUR, text="", standoff=12,
        )  # fmt: skip
    figure.update_layout(
        title=title or t("pack.chart.heat_map", lang),
        xaxis={"title": t("pack.chart.impact", lang), "dtick": 1, "range": [0.5, 5.5]},
        yaxis={"title": t("pack.chart.likelihood", lang), "dtick": 1, "range": [0.5, 5.5]},
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        height=420,
        plot_bgcolor="white",
    )
    return figure


def kuntaosuus_figure(headline: list[dict], lang: str) -> go.Figure:
    """Kuntaosuus in the quarter and the year to date against the same months of the baseline year (euros)."""
    rows = {row["key"]: row for row in headline}
    periods = [t("pack.col.quarter", lang), t("pack.col.year_to_date", lang)]
    figure = go.Figure()
    for key in ("kuntaosuus_baseline", "kuntaosuus"):
        row = rows.get(key, {})
        values = [row.get("quarter"), row.get("year_to_date")]
        euros = [None if v is None else v / CENTS_PER_EURO for v in values]
        figure.add_bar(
            name=t(f"pack.figure.{key}", lang),
            x=periods,
            y=euros,
            text=[None if e is None else format_number(e, lang) for e in euros],
            textposition="outside",
        )
    figure.update_layout(
        title=t("pack.chart.kuntaosuus", lang),
        yaxis={"title": "€", "tickformat": ",.0f"},  # whole euros with the language's separators, not "10M"
        barmode="group",
        separators=", " if lang == "fi" else ".,",
        height=360,
        margin={"l": 70, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.15},
    )
    return figure


def measures_figure(measures: list[dict], lang: str) -> go.Figure:
    """Each capped measure's spending to date against its cap (euros)."""
    capped = [m for m in measures if m.get("cap_cents") is not None]
    names = [m["name"] if len(m["name"]) <= 40 else m["name"][:38] + "…" for m in capped]
    figure = go.Figure()
    for key, field in (("cap", "cap_cents"), ("spent", "spent_cents")):
        values = [None if m.get(field) is None else m[field] / CENTS_PER_EURO for m in capped]
        figure.add_bar(name=t(f"pack.col.{key}", lang), y=names, x=values, orientation="h")
    figure.update_layout(
        title=t("pack.chart.measures", lang),
        xaxis={"title": "€", "tickformat": ",.0f"},
        barmode="group",
        separators=", " if lang == "fi" else ".,",
        height=max(260, 60 + 45 * len(capped)),
        margin={"l": 260, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.2},
        yaxis={"autorange": "reversed"},
    )
    return figure
