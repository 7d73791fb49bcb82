"""The Benefits page's parts: the status card, the two savings charts, the what-if, the estimate and the register.

Plain functions from a programme's kuntaosuus, its outlook (``models.forecast``)
and its benefit targets to what the page shows; the page's callbacks call them.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboards import components, ids, target
from dashboards.statistics import (
    STATUS_COLOURS,
    current_totals,
    euro_array,
    euro_chart,
    kela_missing,
    kela_rows_on_todays_boundaries,
    line_trace,
    merger_note,
    missing_alert,
    month_text,
    programme_frame,
    status_badge,
)
from db import queries
from i18n import format_date, format_number, money_text, place_name, t
from models.amounts import CENTS_PER_EURO
from models.benefits import KUNTAOSUUS, measured_after_baseline, measured_months, register_status
from models.forecast import Outlook, cumulative_forecast_path, savings_status
from models.kuntaosuus import (
    bands_verified,
    class_share_pct,
    classes_in_order,
    day_class_month,
    kuntaosuus_estimate,
    people_to_close_gap,
    what_if_saving,
)
from models.savings import BASELINE_REGIME, target_trajectory
from models.unemployment import area_code, own_table

COLOURS = {"actual": "#1f4e79", "baseline": "#9e9e9e", "target": "#2e7d32", "forecast": "#e65100"}
COLOURS_ACTUAL_LINE = {"color": COLOURS["actual"], "width": 2.5}  # the actual figure: the strongest line
WHOLE_PROGRAMME = ""
WHOLE_PROGRAMME_CHOICE = "whole"  # its value in the area <select>, where "" would be the empty placeholder
SLIDER_STEPS = 4  # marks on each what-if slider


class SavingsView(NamedTuple):
    """What the savings callback shows, by the names of its outputs."""

    status: object
    monthly: dict
    cumulative: dict
    sliders: list
    whatif: dict | None
    estimate: object
    register: object


# --- choices ----------------------------------------------------------------


def choices_row(chooser: object, areas: list, area: str, months: list, as_of: str | None, lang: str) -> dbc.Row:
    """The programme, area and month choosers side by side."""
    return dbc.Row(
        [
            dbc.Col(chooser, md=5),
            dbc.Col(components.selector(t("benefits.area", lang), ids.BENEFITS_AREA, areas, area), md=4),
            dbc.Col(components.selector(t("benefits.as_of", lang), ids.BENEFITS_AS_OF, months, as_of), md=3),
        ],
        className="g-3 mb-3",
    )


def area_and_month_choices(programme: str | None, lang: str) -> tuple[list, str, list, str | None]:
    """Area options (the whole programme, then each member), the whole chosen; month options and the default."""
    if not programme:
        return [], WHOLE_PROGRAMME_CHOICE, [], None
    setting = programme_frame(programme)
    members = queries.programme_members(programme)
    whole = "benefits.whole_programme_one" if len(members) == 1 else "benefits.whole_programme"
    areas = [{"label": t(whole, lang, count=len(members)), "value": WHOLE_PROGRAMME_CHOICE}]
    areas += [
        {"label": f"{place_name(row['name_fi'], row['name_sv'], lang)} ({row['code']})", "value": row["code"]}
        for row in members.to_dict("records")
    ]
    series = target.kuntaosuus_series(list(members["code"]))
    months = target.months_shown(series, setting)
    options = [{"label": month_text(month, lang), "value": month.date().isoformat()} for month in months]
    default = target.default_month(series, setting)
    return areas, WHOLE_PROGRAMME_CHOICE, options, (default.date().isoformat() if default is not None else None)


# --- the savings view -------------------------------------------------------


def missing_view(programme: str | None, area: str | None, lang: str) -> SavingsView:
    """No months to show: which Kela data is missing, and the file that would bring it, instead of the charts."""
    codes = [area] if area else list(queries.programme_members(programme)["code"]) if programme else []
    texts = kela_missing(programme, codes, lang) if programme else []
    alert = missing_alert(texts or [t("benefits.no_data", lang)], ids.BENEFITS_MISSING)
    empty = components.empty_figure(t("benefits.chart_missing", lang))
    return SavingsView(alert, empty, empty, [], None, None, None)


def no_outlook_view(programme: str, codes: list[str], setting: dict, register: object, lang: str) -> SavingsView:
    """Months but no outlook (no full baseline year): what is missing, and the register all the same."""
    texts = kela_missing(programme, codes, lang) or [t("benefits.no_baseline", lang, year=setting["baseline_year"])]
    empty = components.empty_figure(t("benefits.chart_missing", lang))
    alert = missing_alert(texts, ids.BENEFITS_MISSING)
    return SavingsView(alert, empty, empty, [], None, None, register)


def outlook_view(
    series: pd.Series, seen: Outlook, setting: dict, codes: list[str], name: str, register: object, lang: str
) -> SavingsView:
    """The status, the two charts, the what-if and the estimate of the chosen area at its month."""
    classes = whatif_classes(codes, seen.as_of).to_dict("records")  # read once by the what-if and the estimate
    whatif = whatif_data(seen, classes)
    base = baseline_by_month(series, setting["baseline_year"])
    trajectory = target_trajectory(base, setting["start"], seen.target_month, setting["target_pct"])
    return SavingsView(
        status=status_card(seen, setting, name, codes, lang),
        monthly=monthly_figure(series, seen, setting, trajectory, name, lang),
        cumulative=cumulative_figure(series, seen, setting, trajectory, name, lang),
        sliders=whatif_sliders(whatif, lang),
        whatif=whatif,
        estimate=estimate_card(classes, seen.as_of, lang),
        register=register,
    )


# --- status ---------------------------------------------------------------


def status_card(seen: Outlook, setting: dict, name: str, codes: list[str], lang: str) -> dbc.Card:
    """The status with its reason in words, the key figures and the rule."""
    window = target.target_window(seen, lang)
    texts = target.target_texts(seen, lang)
    reason = target.status_reason(seen, setting["baseline_year"], name, lang)
    figures = [
        (t("benefits.figure.baseline", lang, year=setting["baseline_year"], window=window), texts["baseline"]),
        (t("benefits.figure.target", lang, pct=texts["target_pct"]), texts["target"]),
        (t("benefits.figure.expected", lang), f"{texts['saving']} ({texts['saving_pct']})"),
        (t("benefits.figure.interval", lang), f"{texts['low']} … {texts['high']}"),
        (t("benefits.figure.months", lang), f"{seen.months_known} / {seen.months_left}"),
    ]
    return dbc.Card(
        [
            dbc.CardHeader([status_badge(seen.status, lang), html.Span(name, className="fw-semibold")]),
            dbc.CardBody(
                [
                    html.P(reason, id=ids.BENEFITS_REASON),
                    components.simple_table([t("benefits.figure", lang), ""], figures, numeric_from=1),
                    html.P(t("benefits.rule", lang), className="small text-muted mb-1"),
                    html.P(merger_note(codes, lang), className="small text-muted mb-0"),
                ]
            ),
        ],
        color=STATUS_COLOURS.get(seen.status),
        outline=True,
    )


# --- charts -----------------------------------------------------------------


def baseline_by_month(series: pd.Series, baseline_year: int) -> pd.Series:
    """The baseline year's kuntaosuus by calendar month (cents)."""
    base = series[series.index.year == baseline_year]
    return pd.Series(base.to_numpy(), index=base.index.month)


def monthly_figure(
    series: pd.Series, seen: Outlook, setting: dict, trajectory: pd.DataFrame, name: str, lang: str
) -> dict:
    """Kuntaosuus month by month: actual, the baseline's same month, the target level and the forecast fan.

    ``trajectory``: the target's months (``models.savings.target_trajectory``).
    """
    shown = series[(series.index >= pd.Timestamp(setting["baseline_year"], 1, 1)) & (series.index <= seen.as_of)]
    traces = [] if seen.forecast.empty else forecast_fan(seen.forecast, lang)
    traces += target_levels(trajectory, setting["baseline_year"], lang)
    actual = euro_array(shown.to_numpy())
    traces.append(line_trace(shown.index, actual, t("benefits.trace.actual", lang), COLOURS_ACTUAL_LINE))
    return euro_chart(traces, t("benefits.monthly_title", lang, name=name), lang)


def forecast_fan(forecast: pd.DataFrame, lang: str) -> list[dict]:
    """The forecast months' interval as a shaded band, and the forecast through it (euros)."""
    fan_x = list(forecast["month"]) + list(forecast["month"])[::-1]
    fan_y = [v / CENTS_PER_EURO for v in forecast["upper"]] + [v / CENTS_PER_EURO for v in forecast["lower"]][::-1]
    band = {
        "fill": "toself",
        "fillcolor": "rgba(230,81,0,0.18)",
        "hoverinfo": "skip",
        "line": {"width": 0},
        "name": t("benefits.trace.interval", lang),
        "x": fan_x,
        "y": fan_y,
        "type": "scatter",
    }
    style = {"color": COLOURS["forecast"], "dash": "dash"}
    line = line_trace(forecast["month"], euro_array(forecast["forecast"]), t("benefits.trace.forecast", lang), style)
    return [band, line]


def target_levels(trajectory: pd.DataFrame, baseline_year: int, lang: str) -> list[dict]:
    """The baseline year's same months and the level the target asks for, month by month (euros)."""
    baseline = line_trace(
        trajectory["month"],
        euro_array(trajectory["baseline_cents"]),
        t("benefits.trace.baseline", lang, year=baseline_year),
        {"color": COLOURS["baseline"], "dash": "dot"},
    )
    level = line_trace(
        trajectory["month"],
        euro_array(trajectory["baseline_cents"] - trajectory["target_cents"]),
        t("benefits.trace.target_level", lang),
        {"color": COLOURS["target"], "dash": "dashdot"},
    )
    return [baseline, level]


def cumulative_figure(
    series: pd.Series, seen: Outlook, setting: dict, trajectory: pd.DataFrame, name: str, lang: str
) -> dict:
    """The saving accumulated since the programme start against the target path, and where the forecast leads."""
    monthly = target.cumulative_savings(series, setting, seen.as_of)
    actual = monthly["cumulative_cents"] / CENTS_PER_EURO
    style = {"color": COLOURS["target"], "dash": "dashdot"}
    path = trajectory["cumulative_target_cents"]
    traces = [line_trace(trajectory["month"], euro_array(path), t("benefits.trace.target_path", lang), style)]
    if not seen.forecast.empty and not monthly.empty:
        base = baseline_by_month(series, setting["baseline_year"])
        traces += forecast_paths(seen.forecast, base, monthly["month"].iloc[-1], float(actual.iloc[-1]), lang)
    saved = euro_array(monthly["cumulative_cents"])
    traces.append(line_trace(monthly["month"], saved, t("benefits.trace.saving", lang), COLOURS_ACTUAL_LINE))
    return euro_chart(traces, t("benefits.cumulative_title", lang, name=name), lang)


def forecast_paths(
    forecast: pd.DataFrame, base: pd.Series, last_month: pd.Timestamp, saved: float, lang: str
) -> list[dict]:
    """Where the saving leads from ``saved`` (euros at ``last_month``): by the forecast, and by its favourable end."""
    months = list(forecast["month"])
    baseline = [base.get(month.month, 0) for month in months]
    return [
        line_trace(
            [last_month, *months],
            cumulative_forecast_path(saved, baseline, forecast[column]),
            t(label, lang),
            {"color": COLOURS["forecast"], "dash": dash_style},
        )
        for column, label, dash_style in (
            ("forecast", "benefits.trace.forecast", "dash"),
            ("lower", "benefits.trace.favourable", "dot"),
        )
    ]


# --- what-if --------------------------------------------------------------


def whatif_card(lang: str) -> dbc.Card:
    """The what-if's frame: its introduction, the sliders' place and the answer's."""
    return dbc.Card(
        [
            dbc.CardHeader(t("benefits.whatif_card", lang)),
            dbc.CardBody(
                [
                    html.P(t("benefits.whatif_intro", lang), className="small text-muted"),
                    html.Div(id=ids.BENEFITS_WHATIF_SLIDERS),
                    dbc.Alert(id=ids.BENEFITS_WHATIF_RESULT, color="light", className="mt-3 mb-0"),
                ]
            ),
        ],
        className="mb-3",
    )


def whatif_classes(codes: list[str], month: pd.Timestamp) -> pd.DataFrame:
    """The as-of month's day classes of the chosen area with the share-band estimate per class."""
    rows = kela_rows_on_todays_boundaries(tuple(sorted(codes)), month)
    classes = day_class_month(rows, codes, month, BASELINE_REGIME)
    if classes.empty:
        return classes
    labels = list(classes["day_class"])  # one row each
    order = classes_in_order(labels, BASELINE_REGIME)
    classes = classes.iloc[[labels.index(label) for label in order]].reset_index(drop=True)
    return kuntaosuus_estimate(classes, BASELINE_REGIME)


def whatif_data(seen: Outlook, classes: list[dict]) -> dict:
    """What the what-if callback needs, as JSON: the outlook's figures and each class's saving per person.

    ``classes``: the rows of ``whatif_classes``.
    """
    per_person = {}
    for row in classes:
        if not pd.isna(row["per_person_cents"]) and int(row["per_person_cents"]) > 0:
            per_person[row["day_class"]] = int(row["per_person_cents"])
    return {
        "target": seen.target,
        "saving": seen.saving,
        "saving_high": seen.saving_high,
        "gap": seen.gap,
        "months_left": seen.months_left,
        "status": seen.status,
        "per_person": per_person,
        "as_of": seen.as_of.date().isoformat(),
    }


def slider_max(needed: int | None, recipients_hint: int) -> int:
    """A slider's range: enough to close the gap from that class alone, at least a round hundred.

    >>> slider_max(67, 0), slider_max(None, 0), slider_max(1234, 0)
    (100, 100, 1300)
    """
    top = max(needed or 0, recipients_hint, 1)
    return max(100, -(-top // 100) * 100)


def whatif_sliders(data: dict, lang: str) -> list:
    """One slider per day class: how many people leave it for work in the month after the data."""
    if not data["per_person"] or data["months_left"] == 0:
        return [html.P(t("benefits.whatif_closed", lang), className="mb-0")]
    return [
        whatif_slider(number, label, per_person, data, lang)
        for number, (label, per_person) in enumerate(data["per_person"].items())
    ]


def whatif_slider(number: int, label: str, per_person: int, data: dict, lang: str) -> html.Div:
    """A day class's slider, labelled with its saving per person and the people that would close the gap."""
    needed = people_to_close_gap(data["gap"], per_person, data["months_left"])
    top = slider_max(needed, 0)
    marks = {value: format_number(value, lang) for value in range(0, top + 1, top // SLIDER_STEPS)}
    help_text = t(
        "benefits.whatif_class" if needed else "benefits.whatif_class_reached",
        lang,
        label=day_class_text(label, lang),
        per_person=money_text(per_person, lang),
        needed=format_number(needed, lang) if needed is not None else "–",
    )
    label_id = f"{ids.BENEFITS_WHATIF_SLIDER}-label-{number}"
    slider = dcc.Slider(
        id={"type": ids.BENEFITS_WHATIF_SLIDER, "index": label},
        min=0,
        max=top,
        step=1,
        value=0,
        marks=marks,
        updatemode="drag",
        tooltip={"placement": "bottom", "always_visible": False},
    )
    return html.Div(
        [dbc.Label(help_text, id=label_id, className="small mb-1"), slider],
        className="mb-3 benefits-whatif-class",
        # the slider's handle and number box are named by the label (assets/accessibility.js)
        **{"data-class": label, "data-labelled-by": label_id},
    )


def whatif_text(data: dict | None, leavers: dict[str, int], lang: str) -> list:
    """The what-if's answer: the extra saving, the new expected saving against the target, and its status."""
    if not data:
        return [t("benefits.no_data", lang)]
    if data["months_left"] == 0:
        return [t("benefits.whatif_closed", lang)]
    extra = what_if_saving(leavers, data["per_person"], data["months_left"])
    saving, saving_high = data["saving"] + extra, data["saving_high"] + extra
    status = savings_status(data["target"], saving, saving_high, data["months_left"])
    people = sum(leavers.values())
    text = t(
        "benefits.whatif_result",
        lang,
        people=format_number(people, lang),
        months=data["months_left"],
        extra=money_text(extra, lang, whole=True),  # forecasts: whole euros
        saving=money_text(saving, lang, whole=True),
        target=money_text(data["target"], lang, whole=True),
        gap=money_text(max(0, data["target"] - saving), lang, whole=True),
    )
    return [status_badge(status, lang), html.Span(text, id=ids.BENEFITS_WHATIF_ANSWER)]


def day_class_text(label: str, lang: str) -> str:
    """``300-499`` → ``300–499 päivää``; ``1000`` → ``1000 päivää tai yli``."""
    if "-" in label:
        first, last = label.split("-", 1)
        return t("benefits.days_range", lang, first=first, last=last) if last else label
    return t("benefits.days_from", lang, first=label.split()[0])


# --- the estimate per day class ----------------------------------------------


def estimate_card(classes: list[dict], month: pd.Timestamp, lang: str) -> dbc.Card | None:
    """Kela's kuntaosuus per day class beside the estimate from days, € per day and the share band.

    ``classes``: the rows of ``whatif_classes``.
    """
    if not classes:
        return None
    rows = [estimate_row(row, lang) for row in classes]
    headers = [t(f"benefits.estimate.{name}", lang) for name in ("class", "recipients", "days", "share", "estimate")]
    headers.append(t("benefits.estimate.kela", lang))
    verified = "" if bands_verified(BASELINE_REGIME) else " " + t("benefits.bands_unverified", lang)
    return dbc.Card(
        [
            dbc.CardHeader(t("benefits.estimate_card", lang, month=month_text(month, lang))),
            dbc.CardBody(
                [
                    components.simple_table(headers, rows, numeric_from=1),
                    html.P(t("benefits.estimate_note", lang) + verified, className="small text-muted mb-0"),
                ]
            ),
        ]
    )


def estimate_row(row: dict, lang: str) -> tuple[str, ...]:
    """A day class: its recipients, compensated days, share band, the estimate and Kela's figure."""
    share = class_share_pct(row["day_class"], BASELINE_REGIME)
    return (
        day_class_text(row["day_class"], lang),
        format_number(int(row["recipients"]), lang) if not pd.isna(row["recipients"]) else "",
        format_number(int(row["compensated_days"]), lang) if not pd.isna(row["compensated_days"]) else "",
        components.percent_text(share, lang, 0) if share is not None else "–",
        _money_or_blank(row["estimate_cents"], lang),
        _money_or_blank(row["kuntaosuus_cents"], lang),
    )


def _money_or_blank(cents: object, lang: str) -> str:
    return "" if cents is None or pd.isna(cents) else money_text(int(cents), lang)


# --- benefit register -------------------------------------------------------


def register_card(programme: str, members: list[str], as_of: pd.Timestamp, lang: str) -> dbc.Card:
    """The programme's benefit targets with their status: computed where data measures them, manual otherwise.

    Reads only what the targets measure: the members' (and targets' own areas') kuntaosuus and StatFin cells.
    """
    targets = queries.benefit_targets(programme)
    if targets.empty:
        return dbc.Alert(t("benefits.register_empty", lang), color="light")
    codes = tuple(sorted({*members, *(str(area) for area in targets["area"] if isinstance(area, str) and area)}))
    register = measured_register(targets, codes, members, as_of)
    return dbc.Card(
        [
            dbc.CardHeader(t("benefits.register_card", lang)),
            dbc.CardBody(
                [
                    components.scroll_box(register_table(register, lang)),
                    html.P(t("benefits.register_rule", lang), className="small text-muted mb-0"),
                ]
            ),
        ]
    )


def measured_register(
    targets: pd.DataFrame, codes: tuple[str, ...], members: list[str], as_of: pd.Timestamp
) -> pd.DataFrame:
    """The targets' status (``register_status``) from the StatFin months that measure them (``measured_months``).

    Every month is read only when those leave a target unmeasured (it may then be measured before its baseline year).
    """
    totals = current_totals(codes)
    indicators = [str(code) for code in targets["indicator"] if isinstance(code, str) and code != KUNTAOSUUS]
    months = measured_months(targets, as_of)
    register = register_status(targets, totals, statfin_cells(codes, indicators, months), members, as_of)
    if months is None or measured_after_baseline(register):
        return register
    return register_status(targets, totals, statfin_cells(codes, indicators), members, as_of)


def statfin_cells(codes: tuple[str, ...], indicators: list[str], months: list | None = None) -> pd.DataFrame:
    """The municipalities' StatFin cells of these indicators (of ``months``, or every month), each from its table."""
    areas = [area_code(code) for code in codes]
    return own_table(queries.statfin_observations(areas=areas, indicators=indicators, months=months))


def register_table(register: pd.DataFrame, lang: str) -> dbc.Table:
    """One row per benefit target: the target, its status and basis, what is measured, owner and date."""
    items = [register_row(row, lang) for row in register.to_dict("records")]
    headers = [t(f"benefits.register.{name}", lang) for name in ("target", "status", "measured", "owner", "date")]
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(h) for h in headers])), html.Tbody(items)],
        size="sm",
        striped=True,
        className="mb-2",
        id=ids.BENEFITS_REGISTER_TABLE,
    )


def register_row(row: dict, lang: str) -> html.Tr:
    """A benefit target's row (its name in English where it has one)."""
    name = row["name_en"] if lang == "en" and isinstance(row.get("name_en"), str) else row["name"]
    details = [html.Div(name)]
    for key in ("target", "status_note", "source"):
        if isinstance(row.get(key), str) and row[key]:
            details.append(html.Div(row[key], className="small text-muted"))
    basis = t(f"benefits.basis.{row['basis']}", lang)
    date = row.get("target_date")
    date_text = format_date(date, lang) if isinstance(date, dt.date) else ""
    return html.Tr(
        [
            html.Td(details),
            html.Td([status_badge(row["status"], lang), html.Div(basis, className="small text-muted")]),
            html.Td(measured_text(row, lang), className="text-nowrap"),
            html.Td(row.get("owner") or ""),
            html.Td(date_text, className="text-nowrap"),
        ]
    )


def measured_text(row: dict, lang: str) -> str:
    """The change measured for a target and its month, or nothing where the data measure none."""
    if pd.isna(row["measured_pct"]):
        return ""
    label = "benefits.measured_saving" if row["indicator"] == "kuntaosuus" else "benefits.measured_change"
    month = row["measured_month"]
    return t(
        label,
        lang,
        pct=components.percent_text(row["measured_pct"], lang),
        month=month_text(pd.Timestamp(month), lang) if month is not None and not pd.isna(month) else "",
    )
