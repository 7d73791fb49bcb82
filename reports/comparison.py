"""The comparison with peer municipalities, computed once for the page, the pack and ``mittari figures``.

``comparison(slug, group_id, year, month)`` reads what the comparison needs
from the database and returns plain JSON-ready data: per municipality shown
(the group's members and the programme's own) and indicator its value, the
baseline year's, the rank and percentile in the group and nationally, the
group median, the months missing and the population used; the yearly trend
since the baseline year; the mergers that put figures on today's boundaries.
The arithmetic, the tie rule and the percentile are ``models.comparison``'s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import pandas as pd

from db import queries
from db.freshness import CODE_VERSION
from i18n import place_names
from models.comparison import (
    INDICATORS,
    REGISTER_POPULATION_YEAR,
    STATFIN_INDICATORS,
    Period,
    comparison_table,
    figures_stamp,
    indicator_trend,
    indicator_values,
    population_for,
    population_on_todays_boundaries,
    statfin_on_todays_boundaries,
    values_from_figures,
)
from models.savings import BASELINE_REGIME, DEFAULT_BASELINE_YEAR, MONTH_TOTAL, kuntaosuus_totals, successors_of
from models.unemployment import own_table


class UnknownGroup(LookupError):
    """No such comparison group for the programme."""


@dataclass
class Comparison:
    """What the page, the pack and the command line show of one programme, group and period."""

    programme: str
    programme_name: str
    group_id: int
    group_name: str
    register_key: str | None
    members: list[str]
    ours: list[str]
    year: int
    month: int | None
    baseline_year: int
    rows: list[dict] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)
    mergers: list[dict] = field(default_factory=list)
    population: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        """The fields as plain JSON values (the rows are plain dicts already: not copied one by one)."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


def groups_of(slug: str, url: str | None = None) -> pd.DataFrame:
    """The groups a programme may compare with: the register's first, then its own."""
    return queries.comparison_groups(slug, url)


def default_period(url: str | None = None) -> tuple[int | None, int | None]:
    """The latest year with all twelve months of Kela's month totals; else the latest month (year, month)."""
    months = queries.kela_total_months(BASELINE_REGIME, url)
    if not months:
        return None, None
    full = [year for year in {m.year for m in months} if sum(1 for m in months if m.year == year) == 12]
    if full:
        return max(full), None
    return months[-1].year, months[-1].month


def comparison(
    slug: str,
    group_id: int,
    year: int,
    month: int | None = None,
    url: str | None = None,
    national: bool | pd.DataFrame = True,
    with_trend: bool = True,
    lang: str = "fi",
) -> Comparison:
    """The comparison of ``slug``'s municipalities with group ``group_id`` in ``year`` (or one ``month`` of it).

    ``national``: ``True`` ranks nationally too (every municipality's figures are computed), ``False`` only
    in the group (reads the shown municipalities only: fast), or ``national_values``' frame computed before.
    ``with_trend=False`` leaves the yearly trend out (the page draws it in a callback of its own).
    Municipalities are named in ``lang`` (Swedish where the register has a Swedish name).
    """
    setting, group = _setting_and_group(slug, group_id, url)
    baseline_year = int(setting["baseline_year"] or DEFAULT_BASELINE_YEAR)
    period = Period(int(year), int(month) if month else None, baseline_year)
    ours = [str(code) for code in queries.programme_members(slug, url)["code"]]
    members = [str(code) for code in group["members"]]
    shown = list(dict.fromkeys([*members, *ours]))
    reference = _reference(url, with_populations=False, lang=lang)
    if isinstance(national, pd.DataFrame):
        everyone = national
    else:
        codes = reference["register"]["municipality"].tolist() if national else shown
        everyone = _kept_values(codes, period, reference, url)
        if everyone is None:  # no figures kept of the current data: computed from the stored rows
            inputs = _inputs(period, url, None if national else shown, lang)
            reference, everyone = inputs, _values(inputs, codes, period)
    values = everyone[everyone["municipality"].isin(shown)]
    table = comparison_table(values, members, ours, everyone if national is not False else None)
    names = reference["names"]
    view = Comparison(
        programme=slug,
        programme_name=str(setting["name"]),
        group_id=int(group["group_id"]),
        group_name=str(group["name"]),
        register_key=group["register_key"] if isinstance(group["register_key"], str) else None,
        members=members,
        ours=ours,
        year=period.year,
        month=period.month,
        baseline_year=baseline_year,
    )
    view.rows = [_row(record, names) for record in table.to_dict("records")]
    if with_trend:
        view.trend = _trend(reference, shown, period, names, url)
    view.mergers = _mergers(reference["mergers"], shown, baseline_year, names)
    view.population = _population_note(table)
    return view


def national_values(year: int, month: int | None, baseline_year: int, url: str | None = None) -> pd.DataFrame:
    """Every municipality's indicators in the period (``models.comparison.indicator_values``): for national ranks.

    The same for every programme and group with this baseline year, so a page may keep it once.
    """
    period = Period(int(year), int(month) if month else None, int(baseline_year))
    places = _reference(url, with_populations=False)
    codes = places["register"]["municipality"].tolist()
    kept = _kept_values(codes, period, places, url)
    if kept is not None:
        return kept
    inputs = _inputs(period, url)
    return _values(inputs, codes, period)


def _kept_values(codes: list[str], period: Period, places: dict, url: str | None) -> pd.DataFrame | None:
    """``codes``' indicators from the figures kept after the last import (``data_loaders.comparison``).

    ``None`` when they are not of the current data or lack a municipality or year: then computed from the rows.
    """
    stamp = figures_stamp(queries.latest_statistics_version(url), places["register"], places["mergers"], CODE_VERSION)
    kept = queries.comparison_figures([period.year, period.baseline_year], period.month or 0, stamp, url)
    return None if kept.empty else values_from_figures(kept, codes, period)


def _setting_and_group(slug: str, group_id: int, url: str | None) -> tuple[pd.Series, pd.Series]:
    """The programme's row and the group's (``UnknownGroup`` when either is not there for it)."""
    programmes = queries.programmes(url)
    found = programmes[programmes["slug"] == slug]
    if found.empty:
        raise UnknownGroup(slug)
    groups = queries.comparison_groups(slug, url)
    chosen = groups[groups["group_id"] == int(group_id)]
    if chosen.empty:
        raise UnknownGroup(str(group_id))
    return found.iloc[0], chosen.iloc[0]


def _reference(url: str | None, with_populations: bool = True, lang: str = "fi") -> dict:
    """The mergers, the populations (11ra and the register's) and the names of today's municipalities in ``lang``.

    ``with_populations=False`` leaves 11ra's populations out (what the kept figures need not read).
    """
    mergers = queries.municipality_mergers(url)
    successors = successors_of(mergers)
    register = queries.municipality_register(url)
    register = register[~register["code"].isin(set(successors))]
    reference = {
        "mergers": mergers,
        "successors": successors,
        "register": pd.DataFrame({"municipality": register["code"], "population": register["population"]}),
        "names": place_names(register["code"], register["name_fi"], register["name_sv"], lang),
    }
    if with_populations:
        reference["populations"] = population_on_todays_boundaries(queries.population_by_year(url), successors)
    return reference


def _inputs(period: Period, url: str | None, codes: list[str] | None = None, lang: str = "fi") -> dict:
    """Kela's month totals and StatFin's cells of the period's and baseline's months, and ``_reference``.

    Of every area, or of ``codes`` and the municipalities merged into them only (read through an index).
    """
    months = period.months() + period.months(period.baseline_year)
    reference = _reference(url, lang=lang)
    if codes is None:
        rows = queries.kela_area_totals(BASELINE_REGIME, url, months=months, **MONTH_TOTAL)
        cells = queries.statfin_values(STATFIN_INDICATORS, months, url)
    else:
        areas = _with_old(codes, reference)
        rows = queries.kela_area_totals(BASELINE_REGIME, url, areas=areas, months=months, **MONTH_TOTAL)
        cells = queries.statfin_observations(
            url=url, areas=[f"KU{area}" for area in areas], indicators=STATFIN_INDICATORS, months=months
        )
    return {
        **reference,
        "kuntaosuus": kuntaosuus_totals(rows, reference["mergers"]),
        "statfin": statfin_on_todays_boundaries(own_table(cells), reference["successors"]),
    }


def _values(inputs: dict, codes: list[str], period: Period) -> pd.DataFrame:
    people = population_for(inputs["populations"], inputs["register"], period.year, REGISTER_POPULATION_YEAR)
    baseline = population_for(inputs["populations"], inputs["register"], period.baseline_year, REGISTER_POPULATION_YEAR)
    return indicator_values(inputs["kuntaosuus"], inputs["statfin"], people, baseline, codes, period)


def _number(value: object) -> float | int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value) if isinstance(value, float) else int(value)


def _row(record: dict, names: dict[str, str]) -> dict:
    """One municipality's indicator as plain JSON (missing figures ``None``, months ``YYYY-MM``)."""
    code = str(record["municipality"])
    return {
        "municipality": code,
        "name": names.get(code, code),
        "indicator": record["indicator"],
        "value": _number(record["value"]),
        "baseline_value": _number(record["baseline_value"]),
        "group_rank": _number(record["group_rank"]),
        "group_of": _number(record["group_of"]),
        "group_percentile": _number(record["group_percentile"]),
        "national_rank": _number(record["national_rank"]),
        "national_of": _number(record["national_of"]),
        "national_percentile": _number(record["national_percentile"]),
        "group_median": _number(record["group_median"]),
        "ours": bool(record["ours"]),
        "missing_months": [month.strftime("%Y-%m") for month in record["missing_months"]],
        "population": _number(record["population"]),
        "population_year": _number(record["population_year"]),
        "population_source": record["population_source"] if isinstance(record["population_source"], str) else None,
    }


def trend(
    slug: str, group_id: int, year: int, month: int | None = None, url: str | None = None, lang: str = "fi"
) -> list[dict]:
    """Every indicator of the group's and the programme's municipalities year by year since the baseline year."""
    setting, group = _setting_and_group(slug, group_id, url)
    baseline_year = int(setting["baseline_year"] or DEFAULT_BASELINE_YEAR)
    period = Period(int(year), int(month) if month else None, baseline_year)
    ours = [str(code) for code in queries.programme_members(slug, url)["code"]]
    shown = list(dict.fromkeys([*map(str, group["members"]), *ours]))
    reference = _reference(url, with_populations=False, lang=lang)
    return _trend(reference, shown, period, reference["names"], url)


def _trend(inputs: dict, codes: list[str], period: Period, names: dict[str, str], url: str | None) -> list[dict]:
    """Every indicator of the shown municipalities, year by year from the baseline year, the period's months."""
    found = _kept_trend(codes, period, inputs, url)
    if found is None:  # no figures kept of the current data: computed from the stored rows
        found = _computed_trend(inputs, codes, period, url)
    return [
        {
            "municipality": str(code),
            "name": names.get(str(code), str(code)),
            "year": int(year),
            "indicator": indicator,
            "value": _number(value),
        }
        for code, year, indicator, value in zip(
            found["municipality"], found["year"], found["indicator"], found["value"], strict=True
        )
    ]


def _kept_trend(codes: list[str], period: Period, places: dict, url: str | None) -> pd.DataFrame | None:
    """``indicator_trend``'s figures from the kept ones (``None`` when a year or municipality is not kept)."""
    years = range(period.baseline_year, period.year + 1)
    stamp = figures_stamp(queries.latest_statistics_version(url), places["register"], places["mergers"], CODE_VERSION)
    kept = queries.comparison_figures(years, period.month or 0, stamp, url)
    if kept.empty:
        return None
    found = []
    for year in years:
        values = values_from_figures(kept, codes, Period(year, period.month, period.baseline_year))
        if values is None:
            return None
        found.append(values.assign(year=year))
    return pd.concat(found, ignore_index=True) if found else None


def _computed_trend(inputs: dict, codes: list[str], period: Period, url: str | None) -> pd.DataFrame:
    """``indicator_trend`` of the stored rows of the shown municipalities (and those merged into them)."""
    years = range(period.baseline_year, period.year + 1)
    months = [month for year in years for month in period.months(year)]
    if "populations" not in inputs:  # read only when computed
        populations = population_on_todays_boundaries(queries.population_by_year(url), inputs["successors"])
        inputs = {**inputs, "populations": populations}
    areas = queries.statfin_observations(
        url=url, areas=[f"KU{code}" for code in _with_old(codes, inputs)], indicators=STATFIN_INDICATORS, months=months
    )
    rows = queries.kela_area_totals(BASELINE_REGIME, url, areas=_with_old(codes, inputs), months=months, **MONTH_TOTAL)
    return indicator_trend(
        kuntaosuus_totals(rows, inputs["mergers"]),
        statfin_on_todays_boundaries(own_table(areas), inputs["successors"]),
        inputs["populations"],
        inputs["register"],
        REGISTER_POPULATION_YEAR,
        codes,
        period,
    )


def _with_old(codes: list[str], inputs: dict) -> list[str]:
    """The codes and those merged into them (what to read to put them on today's boundaries)."""
    wanted = set(codes)
    return sorted(wanted | {old for old, new in inputs["successors"].items() if new in wanted})


def _mergers(mergers: pd.DataFrame, codes: list[str], baseline_year: int, names: dict[str, str]) -> list[dict]:
    """Mergers into the shown municipalities since the start of the baseline year (their figures count for today's)."""
    if mergers.empty:
        return []
    dates = pd.to_datetime(mergers["merged_on"])
    mine = mergers[mergers["new_code"].isin(codes) & (dates.dt.year > baseline_year - 1)]
    return [
        {
            "old_code": str(row["old_code"]),
            "old_name": str(row["old_name"]),
            "new_code": str(row["new_code"]),
            "new_name": names.get(str(row["new_code"]), str(row["new_code"])),
            "merged_on": pd.Timestamp(row["merged_on"]).date().isoformat(),
        }
        for row in mine.to_dict("records")
    ]


def _population_note(table: pd.DataFrame) -> dict:
    """How many shown municipalities have 11ra's population and how many the register's, with its year."""
    shown = table.drop_duplicates("municipality")
    sources = shown["population_source"].value_counts().to_dict()
    years = sorted({int(year) for year in shown["population_year"].dropna()})
    return {
        "statfin": int(sources.get("statfin", 0)),
        "register": int(sources.get("register", 0)),
        "register_year": REGISTER_POPULATION_YEAR,
        "years": years,
    }


def figures_json(slug: str, url: str | None = None) -> dict:
    """``mittari figures --json``'s ``comparison``: the programme's groups in the default period, every indicator."""
    year, month = default_period(url)
    if year is None:
        return {"programme": slug, "groups": [], "note": "no Kela month totals"}
    groups = queries.comparison_groups(slug, url)
    programmes = queries.programmes(url)
    baseline = programmes.loc[programmes["slug"] == slug, "baseline_year"].iloc[0]
    everyone = national_values(year, month, int(baseline or DEFAULT_BASELINE_YEAR), url)  # once for every group
    return {
        "programme": slug,
        "year": year,
        "month": month,
        "indicators": list(INDICATORS),
        "groups": [
            comparison(slug, int(group), year, month, url, national=everyone).as_json() for group in groups["group_id"]
        ],
    }


def pack_section(slug: str, quarter: str, url: str | None = None, lang: str = "fi") -> dict:
    """The pack's optional comparison: the page's figures of the programme's own municipalities in every group.

    The period is the quarter's year when the quarter is its last (Q4), else the quarter's last month.
    Each group lists ours' rows (value, baseline, ranks, percentiles, median) as the page shows them.
    """
    year, number = int(quarter[:4]), int(quarter[-1])
    month = None if number == 4 else number * 3
    groups = queries.comparison_groups(slug, url)
    programmes = queries.programmes(url)
    baseline = programmes.loc[programmes["slug"] == slug, "baseline_year"].iloc[0]
    everyone = national_values(year, month, int(baseline or DEFAULT_BASELINE_YEAR), url)  # once for every group
    section = {"year": year, "month": month, "groups": []}
    for group_id in groups["group_id"]:
        view = comparison(slug, int(group_id), year, month, url, national=everyone, lang=lang)
        section["groups"].append(
            {
                "group_name": view.group_name,
                "register_key": view.register_key,
                "members": len(view.members),
                "baseline_year": view.baseline_year,
                "rows": [row for row in view.rows if row["ours"]],
                "mergers": view.mergers,
                "population": view.population,
            }
        )
    return section
