"""The charts' one look (a Plotly template shared with the app's pages) and the pack's charts.

``THEME`` is registered once, as ``plotly.io.templates["mittari"]``, here: the
pack's charts (page and PDF) name it and the app's own (``dashboards.statistics``
``common_layout``, also for figures built as plain dicts) carry it as
``THEME_JSON``, so both draw with the same fonts, grid and palette.
``PALETTE`` gives each meaning one colour everywhere: the actual figure, the
baseline, the target, a forecast, and good and bad (a saving that reaches its
target is good, kuntaosuus above its baseline or spending over a cap is bad).
Each chart says what it shows and in which unit in its title.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import plotly.io as pio

from i18n import format_number, plotly_separators, t
from reports.text import euros

THEME_NAME = "mittari"
PALETTE = {
    "actual": "#1f4e79",
    "baseline": "#9e9e9e",
    "target": "#2e7d32",
    "forecast": "#e65100",
    "good": "#2e7d32",
    "warning": "#b26a00",
    "bad": "#c62828",
    "neutral": "#6c757d",
}
COLOURWAY = [PALETTE["actual"], PALETTE["forecast"], PALETTE["target"], PALETTE["baseline"], "#6a1b9a", "#00838f"]
LEVEL_COLOURS = {"low": "#d4edda", "moderate": "#fff3cd", "high": "#fdc68a", "very_high": "#f5a3a3"}
LEVEL_VALUES = {"low": 0, "moderate": 1, "high": 2, "very_high": 3}
MOVEMENT_COLOUR = "#495057"
KUNTAOSUUS_KEYS = ("kuntaosuus_baseline", "kuntaosuus")
ARROW_OFFSET = (0.3, 0.42)  # cells (across, up): how far an arrow runs beside the line between two cells' centres

THEME = go.layout.Template(
    layout={
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", "size": 13,
                 "color": "#212529"},
        "colorway": COLOURWAY,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "title": {"x": 0, "xanchor": "left", "font": {"size": 15}},
        "xaxis": {"gridcolor": "#f0f0f0", "linecolor": "#adb5bd", "zerolinecolor": "#adb5bd", "automargin": True},
        "yaxis": {"gridcolor": "#e0e0e0", "linecolor": "#adb5bd", "zerolinecolor": "#adb5bd", "automargin": True},
        "legend": {"orientation": "h", "y": -0.15},
        "hoverlabel": {"font": {"size": 13}},
    }
)  # fmt: skip
pio.templates[THEME_NAME] = THEME
THEME_JSON = THEME.to_plotly_json()  # the theme as plain JSON, for figures built as dicts (plotly.js knows no names)


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language (``1 000,5`` in Finnish)."""
    return plotly_separators(lang)


def saving_colour(actual: float | None, baseline: float | None, target_pct: float) -> str:
    """Good when kuntaosuus is at least ``target_pct`` % below its baseline, bad when above it, else a warning.

    >>> saving_colour(96, 100, 3.0) == PALETTE["good"], saving_colour(101, 100, 3.0) == PALETTE["bad"]
    (True, True)
    >>> saving_colour(98, 100, 3.0) == PALETTE["warning"], saving_colour(None, 100, 3.0) == PALETTE["actual"]
    (True, True)
    """
    if actual is None or not baseline:
        return PALETTE["actual"]
    if actual > baseline:
        return PALETTE["bad"]
    return PALETTE["good"] if (baseline - actual) / baseline * 100 >= target_pct - 1e-9 else PALETTE["warning"]


def arrow_ends(
    before: tuple[float, float], now: tuple[float, float], labelled: list[tuple[float, float]]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where a movement arrow from cell ``before`` to cell ``now`` starts and ends (data units).

    The arrow runs parallel to the line between the two centres, beside it by
    ``ARROW_OFFSET`` (more up than across: a cell's codes are written one per
    line, so its label is taller than wide), so it does not cross the labels
    written at the cells' centres; of the two sides, the one farther from every
    labelled centre.

    >>> arrow_ends((2, 2), (2, 4), [(2, 2), (2, 3), (2, 4)])
    ((1.7, 2.0), (1.7, 4.0))
    >>> arrow_ends((4, 4), (5, 4), [(4, 4), (5, 4), (5, 5)])
    ((4.0, 3.58), (5.0, 3.58))
    """
    dx, dy = now[0] - before[0], now[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    normal = (-dy / length * ARROW_OFFSET[0], dx / length * ARROW_OFFSET[1])
    options = []
    for sign in (-1, 1):
        shift = (round(sign * normal[0], 6) + 0.0, round(sign * normal[1], 6) + 0.0)
        start, end = (before[0] + shift[0], before[1] + shift[1]), (now[0] + shift[0], now[1] + shift[1])
        clearance = sorted(round(distance_to_segment(point, start, end), 6) for point in labelled)
        options.append((clearance, sign, start, end))  # the nearest label farthest, then the next nearest …
    _, _, start, end = max(options)
    return start, end


def distance_to_segment(point: tuple[float, float], start: tuple[float, float], end: tuple[float, float]) -> float:
    """The shortest distance from ``point`` to the segment ``start``–``end``.

    >>> distance_to_segment((1, 1), (0, 0), (2, 0))
    1.0
    """
    sx, sy = end[0] - start[0], end[1] - start[1]
    squared = sx * sx + sy * sy
    share = (
        0.0 if not squared else max(0.0, min(1.0, ((point[0] - start[0]) * sx + (point[1] - start[1]) * sy) / squared))
    )
    return math.hypot(point[0] - (start[0] + share * sx), point[1] - (start[1] + share * sy))


def heat_map_grid(cells: list[dict]) -> tuple[list[list[int | None]], list[list[str]]]:
    """The 5×5 grid of levels (``LEVEL_VALUES``) and of the risks' codes, row by likelihood, column by impact.

    >>> grid, labels = heat_map_grid([{"likelihood": 4, "impact": 5, "level": "very_high", "codes": "K1, K2"}])
    >>> grid[3][4], labels[3][4], grid[0][0]
    (3, 'K1<br>K2', None)
    """
    grid: list[list[int | None]] = [[None] * 5 for _ in range(5)]
    labels = [[""] * 5 for _ in range(5)]
    for cell in cells:
        row, column = cell["likelihood"] - 1, cell["impact"] - 1
        grid[row][column] = LEVEL_VALUES[cell["level"]]
        labels[row][column] = cell["codes"].replace(", ", "<br>")
    return grid, labels


def grid_axis(title: str) -> dict:
    """An axis of the heat map: its five cells, 1 to 5, without grid lines."""
    return {"title": {"text": title}, "dtick": 1, "range": [0.5, 5.5], "showgrid": False}


def heat_map_note(lang: str) -> dict:
    """What the pack's map arrows mean, as a layout annotation under the impact axis."""
    return {
        "font": {"color": PALETTE["neutral"], "size": 12}, "showarrow": False,
        "text": t("pack.chart.heat_map_note", lang), "x": 0, "xanchor": "left", "xref": "paper", "y": -0.2,
        "yanchor": "top", "yref": "paper",
    }  # fmt: skip


def movement_arrows(risks: list[dict], labelled: list[tuple[float, float]]) -> list[dict]:
    """An arrow (a layout annotation) for each risk that moved since the previous quarter, from its earlier cell."""
    arrows = []
    for risk in risks:
        if risk.get("previous_likelihood") is None:
            continue
        before = (risk["previous_impact"], risk["previous_likelihood"])
        now = (risk["impact"], risk["likelihood"])
        if before == now:
            continue
        start, end = arrow_ends(before, now, labelled)
        arrows.append(
            {"arrowcolor": MOVEMENT_COLOUR, "arrowhead": 3, "arrowwidth": 1.5, "ax": start[0], "axref": "x",
             "ay": start[1], "ayref": "y", "showarrow": True, "standoff": 4, "startstandoff": 4, "text": "",
             "x": end[0], "xref": "x", "y": end[1], "yref": "y"}
        )  # fmt: skip
    return arrows


def heat_map_figure(cells: list[dict], risks: list[dict], lang: str, title: str | None = None) -> dict:
    """The 5×5 map: impact across, likelihood up; each cell coloured by its level and listing its risks.

    Risks that moved since the previous quarter get an arrow from their earlier
    cell, drawn beside the cells' labels (``arrow_ends``); the title is short
    enough for a half-width card, and what the arrows mean is said below the map.
    A plain figure dict: the JSON plotly's objects would give, without building them (as the other pack charts).
    """
    grid, labels = heat_map_grid(cells)
    scale = [[i / 3, colour] for i, colour in enumerate(LEVEL_COLOURS.values())]
    heat = {
        "colorscale": scale, "hovertemplate": t("pack.chart.heat_hover", lang) + "<extra></extra>",
        "showscale": False, "text": labels, "textfont": {"color": "#212529", "size": 13}, "texttemplate": "%{text}",
        "x": [1, 2, 3, 4, 5], "xgap": 2, "y": [1, 2, 3, 4, 5], "ygap": 2, "z": grid, "zmax": 3, "zmin": 0,
        "type": "heatmap",
    }  # fmt: skip
    labelled = [(c + 1, r + 1) for r in range(5) for c in range(5) if labels[r][c]]
    arrows = movement_arrows(risks, labelled)
    layout = {
        "template": THEME_JSON,
        "title": {"text": title or t("pack.chart.heat_map_title", lang)},
        "xaxis": grid_axis(t("pack.chart.impact", lang)),
        "yaxis": grid_axis(t("pack.chart.likelihood", lang)),
        "margin": {"l": 60, "r": 20, "t": 50, "b": 80 if arrows or not title else 50},
        "height": 440,
    }
    note = [] if title else [heat_map_note(lang)]  # the pack's map: what the arrows mean, under the impact axis
    if arrows or note:
        layout["annotations"] = arrows + note
    return {"data": [heat], "layout": layout}


def kuntaosuus_figure(headline: list[dict], lang: str, target_pct: float = 3.0) -> dict:
    """Kuntaosuus in the quarter and the year to date against the same months of the baseline year (euros).

    The baseline is grey; kuntaosuus is green where it is at least the target below
    the baseline, amber where it is below but short of the target, red where above.
    """
    rows = {row["key"]: row for row in headline}
    periods = [t("pack.col.quarter", lang), t("pack.col.year_to_date", lang)]
    values = {key: [euros(rows.get(key, {}).get(f)) for f in ("quarter", "year_to_date")] for key in KUNTAOSUUS_KEYS}
    baseline, actual = values["kuntaosuus_baseline"], values["kuntaosuus"]
    colours = {
        "kuntaosuus_baseline": [PALETTE["baseline"]] * 2,
        "kuntaosuus": [saving_colour(a, b, target_pct) for a, b in zip(actual, baseline, strict=True)],
    }
    bars = [
        {
            "cliponaxis": False,
            "marker": {"color": colours[key]},
            "name": t(f"pack.figure.{key}", lang),
            "text": [None if e is None else format_number(e, lang) for e in values[key]],
            "textposition": "outside",
            "x": periods,
            "y": values[key],
            "type": "bar",
        }  # fmt: skip
        for key in KUNTAOSUUS_KEYS
    ]
    top = max((v for v in baseline + actual if v is not None), default=0)
    yaxis = {"title": {"text": "€"}, "tickformat": ",.0f", **({"range": [0, top * 1.15]} if top > 0 else {})}
    layout = {
        "template": THEME_JSON, "title": {"text": t("pack.chart.kuntaosuus", lang)}, "yaxis": yaxis, "barmode": "group",
        "separators": separators(lang),  # whole euros with the language's separators, not "10M"
        "height": 380, "margin": {"l": 70, "r": 20, "t": 60, "b": 40}, "legend": {"orientation": "h", "y": -0.12},
    }  # fmt: skip
    return {"data": bars, "layout": layout}


def measures_figure(measures: list[dict], lang: str) -> dict:
    """Each capped measure's spending to date against its cap (euros): the cap grey, spending red above it."""
    capped = [m for m in measures if m.get("cap_cents") is not None]
    names = [m["name"] if len(m["name"]) <= 40 else m["name"][:38] + "…" for m in capped]
    bars = []
    for key, field in (("cap", "cap_cents"), ("spent", "spent_cents")):
        colours = (
            [PALETTE["baseline"]] * len(capped)
            if key == "cap"
            else [PALETTE["bad"] if (m.get("spent_cents") or 0) > m["cap_cents"] else PALETTE["actual"] for m in capped]
        )
        values = [euros(m.get(field)) for m in capped]
        bars.append(
            {"marker": {"color": colours}, "name": t(f"pack.col.{key}", lang), "orientation": "h", "x": values,
             "y": names, "type": "bar"}
        )  # fmt: skip
    layout = {
        "template": THEME_JSON, "title": {"text": t("pack.chart.measures", lang)},
        "xaxis": {"title": {"text": "€"}, "tickformat": ",.0f"}, "barmode": "group", "separators": separators(lang),
        "height": max(260, 60 + 45 * len(capped)), "margin": {"l": 260, "r": 20, "t": 60, "b": 40},
        "legend": {"orientation": "h", "y": -0.2}, "yaxis": {"autorange": "reversed"},
    }  # fmt: skip
    return {"data": bars, "layout": layout}
