"""Benefits: the kuntaosuus savings tracker, its forecast and status, the what-if and the benefit register."""

from __future__ import annotations

import datetime as dt

import dash
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import ALL, Input, Output, State, callback, dcc, html

from auth.guard import guarded
from dashboards import chart_text, components, ids, target
from dashboards.cache import cached, plain
from dashboards.statistics import (
    STATUS_COLOURS,
    area_label,
    current_totals,
    figure_layout,
    kela_missing,
    kela_rows_on_todays_boundaries,
    merger_note,
    missing_alert,
    month_text,
    programme_frame,
    sources_note,
    status_badge,
)
from db import queries
from i18n import format_date, format_number, language, place_name, t
from models.benefits import KUNTAOSUUS, register_status
from models.forecast import savings_status
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
from reports.text import money

dash.register_page(
    __name__,
    path="/hyodyt",
    name="benefits",
    title=f"{t('nav.benefits')} – {t('app.title')}",
    nav_key="nav.benefits",
    order=20,
)

COLOURS = {"actual": "#1f4e79", "baseline": "#9e9e9e", "target": "#2e7d32", "forecast": "#e65100"}
WHOLE_PROGRAMME = ""
WHOLE_PROGRAMME_CHOICE = "whole"  # its value in the area <select>, where "" would be the empty placeholder
SLIDER_STEPS = 4  # marks on each what-if slider


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page with its choices already made (the user's first programme, as a whole, at its target month).

    Made here rather than by callbacks one after another, so the savings
    callback fires as soon as the page arrives: two round trips fewer before
    the chart is drawn.
    """
    lang = language(lang)
    chooser, slug = components.programme_choice(ids.BENEFITS_PROGRAMME, lang, programme, t("col.programme", lang))
    areas, area, months, as_of = area_and_month_choices(slug, lang)
    return html.Div(
        [
            components.lang_store(ids.BENEFITS_LANG, lang),
            dcc.Store(id=ids.BENEFITS_WHATIF_DATA),
            components.page_heading(t("benefits.title", lang), t("benefits.intro", lang)),
            html.Div(sources_note(["kela_kuntaosuus"], lang), id=ids.BENEFITS_SOURCES),
            dbc.Row(
                [
                    dbc.Col(chooser, md=5),
                    dbc.Col(components.selector(t("benefits.area", lang), ids.BENEFITS_AREA, areas, area), md=4),
                    dbc.Col(components.selector(t("benefits.as_of", lang), ids.BENEFITS_AS_OF, months, as_of), md=3),
                ],
                className="g-3 mb-3",
            ),
            html.Div(id=ids.BENEFITS_STATUS, className="mb-3"),
            components.figure_card(
                t("benefits.monthly_card", lang), ids.BENEFITS_MONTHLY, t("benefits.method", lang), lang
            ),
            components.figure_card(t("benefits.cumulative_card", lang), ids.BENEFITS_CUMULATIVE, lang=lang),
            dbc.Card(
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
            ),
            html.Div(id=ids.BENEFITS_ESTIMATE, className="mb-3"),
            html.Div(id=ids.BENEFITS_REGISTER, className="mb-3"),
        ]
    )


# --- callbacks: inputs → db.queries → models → figure ---------------------


@callback(
    Output(ids.BENEFITS_AREA, "options"),
    Output(ids.BENEFITS_AREA, "value"),
    Output(ids.BENEFITS_AS_OF, "options"),
    Output(ids.BENEFITS_AS_OF, "value"),
    Input(ids.BENEFITS_PROGRAMME, "value"),
    State(ids.BENEFITS_LANG, "data"),
    prevent_initial_call=True,  # the layout made the first choice
)
@guarded("read", programme="programme")
def choose_area_and_month(programme: str | None, lang: str) -> tuple[list, str, list, str | None]:
    """The programme as a whole or one member; the months of data, the default one at the target date."""
    return area_and_month_choices(programme, lang)


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


@callback(
    Output(ids.BENEFITS_STATUS, "children"),
    Output(ids.BENEFITS_MONTHLY, "figure"),
    Output(ids.BENEFITS_CUMULATIVE, "figure"),
    Output(ids.BENEFITS_WHATIF_SLIDERS, "children"),
    Output(ids.BENEFITS_WHATIF_DATA, "data"),
    Output(ids.BENEFITS_ESTIMATE, "children"),
    Output(ids.BENEFITS_REGISTER, "children"),
    Input(ids.BENEFITS_PROGRAMME, "value"),
    Input(ids.BENEFITS_AREA, "value"),
    Input(ids.BENEFITS_AS_OF, "value"),
    State(ids.BENEFITS_LANG, "data"),
)
@guarded("read", programme="programme")
def show_savings(programme: str | None, area: str | None, as_of_text: str | None, lang: str) -> tuple:
    """Status and its reason, the two charts, the what-if sliders, the estimate and the register."""
    area = WHOLE_PROGRAMME if area == WHOLE_PROGRAMME_CHOICE else area
    if not programme or not as_of_text:
        return missing_view(programme, area, lang)
    return savings_view(programme, area or WHOLE_PROGRAMME, as_of_text, lang)


def missing_view(programme: str | None, area: str | None, lang: str) -> tuple:
    """No months to show: which Kela data is missing, and the file that would bring it, instead of the charts."""
    codes = [area] if area else list(queries.programme_members(programme)["code"]) if programme else []
    texts = kela_missing(programme, codes, lang) if programme else []
    alert = missing_alert(texts or [t("benefits.no_data", lang)], ids.BENEFITS_MISSING)
    empty = components.empty_figure(t("benefits.chart_missing", lang))
    return alert, empty, empty, [], None, None, None


@cached
def savings_view(programme: str, area: str, as_of_text: str, lang: str) -> tuple:
    """What ``show_savings`` shows, the same for everyone who may see it until the data changes."""
    setting = programme_frame(programme)
    members = list(queries.programme_members(programme)["code"])
    codes = [area] if area else members
    series = target.kuntaosuus_series(codes)
    seen = target.target_outlook(series, setting, pd.Timestamp(as_of_text))
    name = area_label(area, programme, lang)
    register = register_card(programme, members, pd.Timestamp(as_of_text), lang)
    if seen is None:
        texts = kela_missing(programme, codes, lang) or [t("benefits.no_baseline", lang, year=setting["baseline_year"])]
        empty = components.empty_figure(t("benefits.chart_missing", lang))
        alert = missing_alert(texts, ids.BENEFITS_MISSING)
        return alert, empty, empty, [], None, None, register
    classes = whatif_classes(codes, seen.as_of)
    whatif = whatif_data(seen, classes)
    return (
        status_card(seen, setting, name, codes, lang),
        plain(monthly_figure(series, seen, setting, name, lang)),
        plain(cumulative_figure(series, seen, setting, name, lang)),
        whatif_sliders(whatif, lang),
        whatif,
        estimate_card(classes, seen.as_of, lang),
        register,
    )


@callback(
    Output(ids.BENEFITS_WHATIF_RESULT, "children"),
    Input({"type": ids.BENEFITS_WHATIF_SLIDER, "index": ALL}, "value"),
    State({"type": ids.BENEFITS_WHATIF_SLIDER, "index": ALL}, "id"),
    Input(ids.BENEFITS_WHATIF_DATA, "data"),
    State(ids.BENEFITS_LANG, "data"),
)
@guarded("read")
def show_whatif(values: list[int | None], slider_ids: list[dict], data: dict | None, lang: str) -> list:
    """The saving if the chosen numbers of people leave each day class for work now."""
    leavers = {slider["index"]: int(value or 0) for slider, value in zip(slider_ids, values, strict=True)}
    return whatif_text(data, leavers, lang)


for chart_id in (ids.BENEFITS_MONTHLY, ids.BENEFITS_CUMULATIVE):
    chart_text.register(chart_id, ids.BENEFITS_LANG)  # each chart's summary and table follow its figure


# --- status ---------------------------------------------------------------


def status_card(seen, setting: dict, name: str, codes: list[str], lang: str) -> dbc.Card:  # noqa: ANN001
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


def monthly_figure(series: pd.Series, seen, setting: dict, name: str, lang: str) -> go.Figure:  # noqa: ANN001
    """Kuntaosuus month by month: actual, the baseline's same month, the target level and the forecast fan."""
    base = baseline_by_month(series, setting["baseline_year"])
    trajectory = target_trajectory(base, setting["start"], seen.target_month, setting["target_pct"])
    shown = series[(series.index >= pd.Timestamp(setting["baseline_year"], 1, 1)) & (series.index <= seen.as_of)]
    figure = go.Figure()
    forecast = seen.forecast
    if not forecast.empty:
        fan_x = list(forecast["month"]) + list(forecast["month"])[::-1]
        fan_y = [v / 100 for v in forecast["upper"]] + [v / 100 for v in forecast["lower"]][::-1]
        figure.add_trace(
            go.Scatter(
                x=fan_x,
                y=fan_y,
                fill="toself",
                fillcolor="rgba(230,81,0,0.18)",
                line={"width": 0},
                name=t("benefits.trace.interval", lang),
                hoverinfo="skip",
            )
        )
        figure.add_trace(
            go.Scatter(
                x=forecast["month"],
                y=forecast["forecast"] / 100,
                name=t("benefits.trace.forecast", lang),
                line={"color": COLOURS["forecast"], "dash": "dash"},
            )
        )
    figure.add_trace(
        go.Scatter(
            x=trajectory["month"],
            y=trajectory["baseline_cents"] / 100,
            name=t("benefits.trace.baseline", lang, year=setting["baseline_year"]),
            line={"color": COLOURS["baseline"], "dash": "dot"},
        )
    )
    figure.add_trace(
        go.Scatter(
            x=trajectory["month"],
            y=(trajectory["baseline_cents"] - trajectory["target_cents"]) / 100,
            name=t("benefits.trace.target_level", lang),
            line={"color": COLOURS["target"], "dash": "dashdot"},
        )
    )
    figure.add_trace(
        go.Scatter(
            x=shown.index,
            y=shown.to_numpy() / 100,
            name=t("benefits.trace.actual", lang),
            line={"color": COLOURS["actual"], "width": 2.5},
        )
    )
    return figure_layout(figure, t("benefits.monthly_title", lang, name=name), "€", lang)


def cumulative_figure(series: pd.Series, seen, setting: dict, name: str, lang: str) -> go.Figure:  # noqa: ANN001
    """The saving accumulated since the programme start against the target path, and where the forecast leads."""
    base = baseline_by_month(series, setting["baseline_year"])
    trajectory = target_trajectory(base, setting["start"], seen.target_month, setting["target_pct"])
    monthly = target.cumulative_savings(series, setting, seen.as_of)
    actual = monthly["cumulative_cents"] / 100
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=trajectory["month"],
            y=trajectory["cumulative_target_cents"] / 100,
            name=t("benefits.trace.target_path", lang),
            line={"color": COLOURS["target"], "dash": "dashdot"},
        )
    )
    if not seen.forecast.empty and not monthly.empty:
        start = float(actual.iloc[-1])
        months = list(seen.forecast["month"])
        baseline = [base.get(month.month, 0) for month in months]
        for column, label, dash_style in (
            ("forecast", "benefits.trace.forecast", "dash"),
            ("lower", "benefits.trace.favourable", "dot"),
        ):
            path = [start]
            for cents, forecast in zip(baseline, seen.forecast[column], strict=True):
                path.append(path[-1] + (cents - forecast) / 100)
            figure.add_trace(
                go.Scatter(
                    x=[monthly["month"].iloc[-1], *months],
                    y=path,
                    name=t(label, lang),
                    line={"color": COLOURS["forecast"], "dash": dash_style},
                )
            )
    figure.add_trace(
        go.Scatter(
            x=monthly["month"],
            y=actual,
            name=t("benefits.trace.saving", lang),
            line={"color": COLOURS["actual"], "width": 2.5},
        )
    )
    return figure_layout(figure, t("benefits.cumulative_title", lang, name=name), "€", lang)


# --- what-if --------------------------------------------------------------


def whatif_classes(codes: list[str], month: pd.Timestamp) -> pd.DataFrame:
    """The as-of month's day classes of the chosen area with the share-band estimate per class."""
    rows = kela_rows_on_todays_boundaries(tuple(sorted(codes)), month)
    classes = day_class_month(rows, codes, month, BASELINE_REGIME)
    if classes.empty:
        return classes
    order = classes_in_order(list(classes["day_class"]), BASELINE_REGIME)
    classes = classes.set_index("day_class").loc[order].reset_index()
    return kuntaosuus_estimate(classes, BASELINE_REGIME)


def whatif_data(seen, classes: pd.DataFrame) -> dict:  # noqa: ANN001
    """What the what-if callback needs, as JSON: the outlook's figures and each class's saving per person."""
    per_person = {}
    for row in classes.to_dict("records") if not classes.empty else []:
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
    sliders = []
    for number, (label, per_person) in enumerate(data["per_person"].items()):
        needed = people_to_close_gap(data["gap"], per_person, data["months_left"])
        top = slider_max(needed, 0)
        marks = {value: format_number(value, lang) for value in range(0, top + 1, top // SLIDER_STEPS)}
        help_text = t(
            "benefits.whatif_class" if needed else "benefits.whatif_class_reached",
            lang,
            label=day_class_text(label, lang),
            per_person=components.money_text(per_person, lang),
            needed=format_number(needed, lang) if needed is not None else "–",
        )
        sliders.append(
            html.Div(
                [
                    dbc.Label(help_text, id=f"{ids.BENEFITS_WHATIF_SLIDER}-label-{number}", className="small mb-1"),
                    dcc.Slider(
                        id={"type": ids.BENEFITS_WHATIF_SLIDER, "index": label},
                        min=0,
                        max=top,
                        step=1,
                        value=0,
                        marks=marks,
                        updatemode="drag",
                        tooltip={"placement": "bottom", "always_visible": False},
                    ),
                ],
                className="mb-3 benefits-whatif-class",
                # the slider's handle and number box are named by the label (assets/accessibility.js)
                **{"data-class": label, "data-labelled-by": f"{ids.BENEFITS_WHATIF_SLIDER}-label-{number}"},
            )
        )
    return sliders


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
        extra=money(extra, lang),  # forecasts: whole euros
        saving=money(saving, lang),
        target=money(data["target"], lang),
        gap=money(max(0, data["target"] - saving), lang),
    )
    return [status_badge(status, lang), html.Span(text, id=ids.BENEFITS_WHATIF_ANSWER)]


def day_class_text(label: str, lang: str) -> str:
    """``300-499`` → ``300–499 päivää``; ``1000`` → ``1000 päivää tai yli``."""
    if "-" in label:
        first, last = label.split("-", 1)
        return t("benefits.days_range", lang, first=first, last=last) if last else label
    return t("benefits.days_from", lang, first=label.split()[0])


def estimate_card(classes: pd.DataFrame, month: pd.Timestamp, lang: str) -> dbc.Card | None:
    """Kela's kuntaosuus per day class beside the estimate from days, € per day and the share band."""
    if classes.empty:
        return None
    rows = []
    for row in classes.to_dict("records"):
        share = class_share_pct(row["day_class"], BASELINE_REGIME)
        rows.append(
            (
                day_class_text(row["day_class"], lang),
                format_number(int(row["recipients"]), lang) if not pd.isna(row["recipients"]) else "",
                format_number(int(row["compensated_days"]), lang) if not pd.isna(row["compensated_days"]) else "",
                components.percent_text(share, lang, 0) if share is not None else "–",
                _money_or_blank(row["estimate_cents"], lang),
                _money_or_blank(row["kuntaosuus_cents"], lang),
            )
        )
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


def _money_or_blank(cents: object, lang: str) -> str:
    return "" if cents is None or pd.isna(cents) else components.money_text(int(cents), lang)


# --- benefit register -------------------------------------------------------


def register_card(programme: str, members: list[str], as_of: pd.Timestamp, lang: str) -> dbc.Card:
    """The programme's benefit targets with their status: computed where data measures them, manual otherwise.

    Reads only what the targets measure: the members' (and targets' own areas') kuntaosuus and StatFin cells.
    """
    targets = queries.benefit_targets(programme)
    if targets.empty:
        return dbc.Alert(t("benefits.register_empty", lang), color="light")
    codes = tuple(sorted({*members, *(str(area) for area in targets["area"] if isinstance(area, str) and area)}))
    indicators = [str(code) for code in targets["indicator"] if isinstance(code, str) and code != KUNTAOSUUS]
    observations = own_table(
        queries.statfin_observations(areas=[area_code(code) for code in codes], indicators=indicators)
    )
    register = register_status(targets, current_totals(codes), observations, members, as_of)
    items = [register_row(row, lang) for row in register.to_dict("records")]
    headers = [t(f"benefits.register.{name}", lang) for name in ("target", "status", "measured", "owner", "date")]
    table = dbc.Table(
        [html.Thead(html.Tr([html.Th(h) for h in headers])), html.Tbody(items)],
        size="sm",
        striped=True,
        className="mb-2",
        id=ids.BENEFITS_REGISTER_TABLE,
    )
    return dbc.Card(
        [
            dbc.CardHeader(t("benefits.register_card", lang)),
            dbc.CardBody(
                [
                    components.scroll_box(table),
                    html.P(t("benefits.register_rule", lang), className="small text-muted mb-0"),
                ]
            ),
        ]
    )


def register_row(row: dict, lang: str) -> html.Tr:
    name = row["name_en"] if lang == "en" and isinstance(row.get("name_en"), str) else row["name"]
    details = [html.Div(name)]
    for key in ("target", "status_note", "source"):
        if isinstance(row.get(key), str) and row[key]:
            details.append(html.Div(row[key], className="small text-muted"))
    measured = ""
    if not pd.isna(row["measured_pct"]):
        label = "benefits.measured_saving" if row["indicator"] == "kuntaosuus" else "benefits.measured_change"
        month = row["measured_month"]
        measured = t(
            label,
            lang,
            pct=components.percent_text(row["measured_pct"], lang),
            month=month_text(pd.Timestamp(month), lang) if month is not None and not pd.isna(month) else "",
        )
    basis = t(f"benefits.basis.{row['basis']}", lang)
    date = row.get("target_date")
    date_text = format_date(date, lang) if isinstance(date, dt.date) else ""
    return html.Tr(
        [
            html.Td(details),
            html.Td([status_badge(row["status"], lang), html.Div(basis, className="small text-muted")]),
            html.Td(measured, className="text-nowrap"),
            html.Td(row.get("owner") or ""),
            html.Td(date_text, className="text-nowrap"),
        ]
    )
