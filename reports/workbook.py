"""The quarterly pack as an Excel workbook: Excel tables with units, frozen headers, print areas, native charts.

Every figure comes from the pack (``reports.quarterly.quarterly_pack``), the
same data the page shows. Amounts are numbers in euros shown whole (the cell
keeps the exact amount; ``with_cents`` shows the cents where an amount has
them), percentages are fractions with a % format, and every numeric column's
header names its unit (a column whose rows differ in unit has a unit column
beside it). Each sheet holds one Excel table (header frozen, print area set).
Every cell goes through ``reports.cells.write_cell``, so text from users
cannot become a formula.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from i18n import t
from models.amounts import CENTS_PER_EURO
from reports.cells import write_cell
from reports.figures import LEVEL_COLOURS
from reports.text import (
    comparison_group_name,
    euros,
    headline_label,
    indicator_detail,
    left_out_text,
    missing_texts,
    signature_rows,
    status_text,
    target_text,
)

EURO_FORMAT = '#,##0 "€";-#,##0 "€"'
EURO_CENTS_FORMAT = '#,##0.00 "€";-#,##0.00 "€"'
PERCENT_FORMAT = "0.00 %"
COUNT_FORMAT = "#,##0"
RATIO_FORMAT = "0.0"
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TABLE_STYLE = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)


def cell_value(value: object, unit: str) -> object:
    """A pack value as the cell holds it: euros for cents, a fraction for a percentage, else as it is.

    >>> cell_value(-1705386750, "cents"), cell_value(3.33, "pct"), cell_value(1.5, "pp"), cell_value(None, "pct")
    (-17053867.5, 0.0333, 1.5, None)
    """
    if value is None:
        return None
    if unit == "cents":
        return euros(value)
    if unit == "pct":
        return round(float(value) / 100, 10)
    return value


def number_format(unit: str, lang: str, value: object = None, with_cents: bool = False) -> str:
    """The cell format of a unit: whole euros (cents when asked and the amount has them), %, pp, count, ratio.

    >>> number_format("cents", "fi", 1250, with_cents=True), number_format("cents", "fi", 1250)
    ('#,##0.00 "€";-#,##0.00 "€"', '#,##0 "€";-#,##0 "€"')
    >>> number_format("pct", "fi"), number_format("pp", "en")
    ('0.00 %', '0.00 "pp"')
    """
    if unit == "cents":
        has_cents = isinstance(value, int) and value % CENTS_PER_EURO != 0
        return EURO_CENTS_FORMAT if with_cents and has_cents else EURO_FORMAT
    if unit == "pp":
        return f'0.00 "{t("unit.pp", lang)}"'
    return {"pct": PERCENT_FORMAT, "ratio": RATIO_FORMAT}.get(unit, COUNT_FORMAT)


def unit_name(unit: str, lang: str) -> str:
    return t(f"pack.unit.{unit}", lang)


def with_unit(column: str, unit: str, lang: str) -> str:
    """A column header naming its unit: ``Kustannuskatto, €``."""
    return t("pack.col.with_unit", lang, column=t(f"pack.col.{column}", lang), unit=unit_name(unit, lang))


def in_row_unit(column: str, lang: str) -> str:
    """The header of a column whose rows differ in unit (the unit column beside it names each row's)."""
    return t("pack.col.in_row_unit", lang, column=t(f"pack.col.{column}", lang))


def _write_row(sheet: Worksheet, row: int, values: list[object], formats: list[str | None]) -> None:
    for column, (value, shown) in enumerate(zip(values, formats, strict=True), start=1):
        cell = write_cell(sheet, row, column, value)
        if shown and isinstance(value, int | float):
            cell.number_format = shown
        elif isinstance(value, str):
            cell.alignment = WRAP


def _table(sheet: Worksheet, name: str, top: int, headers: list[str], rows: int) -> int:
    """The header row at ``top`` and the ``rows`` below it as one Excel table, the header frozen; the last row."""
    for column, header in enumerate(headers, start=1):
        cell = write_cell(sheet, top, column, header)
        cell.font, cell.alignment = BOLD, WRAP
    last = top + max(rows, 1)  # an Excel table has at least one data row
    table = Table(displayName=name, ref=f"A{top}:{get_column_letter(len(headers))}{last}")
    table.tableStyleInfo = TABLE_STYLE
    sheet.add_table(table)
    sheet.freeze_panes = f"A{top + 1}"
    sheet.print_title_rows = f"{top}:{top}"
    return last


def _page(sheet: Worksheet, last_column: int, last_row: int, widths: list[int]) -> None:
    """Column widths, and a print area of the sheet's content on landscape A4 pages, one page wide."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def summary_items(pack: dict, lang: str) -> list[tuple[str, str]]:
    """The summary sheet's rows: the target and its status first, then programme, quarter, sign-off, commentary."""
    items = [
        (t("pack.item.target", lang), target_text(pack, lang)),
        (t("pack.programme", lang), pack["programme_name"]),
        (t("pack.quarter", lang), pack["quarter"]),
        (t("pack.item.status", lang), status_text(pack, lang)),
        *((f"{t('pack.signature', lang)}: {label}", value) for label, value in signature_rows(pack, lang)),
        (t("pack.commentary", lang), pack.get("commentary") or t("pack.no_commentary", lang)),
    ]
    missing = missing_texts(pack, lang)
    if missing:
        items.append((t("pack.item.missing", lang), "\n".join(missing)))
    if pack.get("left_out"):
        items.append((t("pack.item.left_out", lang), left_out_text(pack, lang)))
    return [(label, value) for label, value in items if value is not None]


def summary_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    sheet.title = t("pack.sheet.summary", lang)
    write_cell(sheet, 1, 1, f"{t('pack.title', lang)} {pack['quarter']}").font = TITLE_FONT
    items = summary_items(pack, lang)
    top = 3
    for offset, (label, value) in enumerate(items, start=1):
        _write_row(sheet, top + offset, [label, value], [None, None])
        sheet.cell(top + offset, 1).font = BOLD
    last = _table(sheet, "Summary", top, [t("pack.col.item", lang), t("pack.col.info", lang)], len(items))
    _page(sheet, 2, last, [34, 110])


def figures_sheet(sheet: Worksheet, pack: dict, lang: str, with_cents: bool) -> None:
    """The headline figures: each row's unit beside it; the kuntaosuus chart from the rows."""
    columns = ("quarter", "year_to_date", "previous_quarter", "change")
    headers = [t("pack.col.figure", lang), t("pack.col.unit", lang), *(in_row_unit(c, lang) for c in columns)]
    for offset, row in enumerate(pack["headline"], start=1):
        change_unit = "pp" if row["unit"] == "pct" else row["unit"]
        units = [row["unit"]] * 3 + [change_unit]
        values = [cell_value(row[c], u) for c, u in zip(columns, units, strict=True)]
        formats = [number_format(u, lang, row[c], with_cents) for c, u in zip(columns, units, strict=True)]
        label, unit = headline_label(row, lang), unit_name(row["unit"], lang)
        _write_row(sheet, 1 + offset, [label, unit, *values], [None, None, *formats])
    last = _table(sheet, "Figures", 1, headers, len(pack["headline"]))
    note = left_out_text(pack, lang)
    if note:
        write_cell(sheet, last + 2, 1, note).alignment = WRAP
        sheet.merge_cells(start_row=last + 2, start_column=1, end_row=last + 2, end_column=6)
        sheet.row_dimensions[last + 2].height = 30
    _page(sheet, 6, last + (2 if note else 0), [62, 10, 22, 22, 22, 22])
    _kuntaosuus_chart(sheet, pack, lang)


def _kuntaosuus_chart(sheet: Worksheet, pack: dict, lang: str) -> None:
    """A clustered bar chart of kuntaosuus and its baseline, quarter and year to date, from the figures table."""
    keys = [row["key"] for row in pack["headline"]]
    if not {"kuntaosuus", "kuntaosuus_baseline"} <= set(keys):
        return
    first = 2 + min(keys.index("kuntaosuus"), keys.index("kuntaosuus_baseline"))
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = t("pack.chart.kuntaosuus", lang)
    chart.y_axis.title, chart.y_axis.numFmt = "€", "#,##0"
    chart.add_data(Reference(sheet, min_col=3, max_col=4, min_row=first, max_row=first + 1), from_rows=True)
    for series, row in zip(chart.series, (first, first + 1), strict=True):
        series.tx = SeriesLabel(v=str(sheet.cell(row, 1).value))
    chart.set_categories(Reference(sheet, min_col=3, max_col=4, min_row=1, max_row=1))
    chart.height, chart.width = 8, 16
    sheet.add_chart(chart, "H2")


def risks_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    text_columns = ("code", "title", "owner", "status")
    scored = (("likelihood", "scale5"), ("impact", "scale5"), ("score", "scale25"), ("previous_score", "scale25"))
    headers = [t(f"pack.col.{c}", lang) for c in text_columns]
    headers += [with_unit(c, unit, lang) for c, unit in scored]
    headers += [t("pack.col.movement", lang), t("pack.col.mitigations", lang)]
    for offset, risk in enumerate(pack["risks"], start=1):
        values = [
            risk["code"], risk["title"], risk["owner"], t(f"risk.status.{risk['status']}", lang), risk["likelihood"],
            risk["impact"], risk["score"], risk["previous_score"], t(f"risk.movement.{risk['movement']}", lang),
            risk["mitigations"],
        ]  # fmt: skip
        _write_row(sheet, 1 + offset, values, [None] * 4 + [COUNT_FORMAT] * 4 + [None, None])
    rows = len(pack["risks"])
    last = _table(sheet, "Risks", 1, headers, rows)
    if rows:
        chart = BarChart()
        chart.type, chart.grouping, chart.title = "col", "clustered", t("pack.chart.scores", lang)
        chart.y_axis.title, chart.y_axis.scaling.min, chart.y_axis.scaling.max = t("pack.col.score", lang), 0, 25
        chart.add_data(Reference(sheet, min_col=7, max_col=8, min_row=1, max_row=rows + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
        chart.height, chart.width = 8, 16
        sheet.add_chart(chart, "L2")
    end = heat_map_grid(sheet, pack, last + 2, lang)
    _page(sheet, 10, end, [8, 50, 24, 14, 16, 14, 14, 18, 14, 50])


def heat_map_grid(sheet: Worksheet, pack: dict, top: int, lang: str) -> int:
    """The 5×5 map as cells coloured by level: likelihood 5 at the top, impact 1–5 across; its last row."""
    write_cell(sheet, top, 1, t("pack.sheet.heat_map", lang)).font = BOLD
    write_cell(sheet, top + 1, 1, t("pack.chart.likelihood", lang))
    for impact in range(1, 6):
        write_cell(sheet, top + 7, impact + 1, impact).font = BOLD
    write_cell(sheet, top + 8, 2, t("pack.chart.impact", lang))
    for cell in pack["heat_map"]:
        row, column = top + 1 + (5 - cell["likelihood"]) + 1, cell["impact"] + 1
        write_cell(sheet, row, 1, cell["likelihood"]).font = BOLD
        target = write_cell(sheet, row, column, cell["codes"] or None)
        target.fill = PatternFill("solid", fgColor=LEVEL_COLOURS[cell["level"]].lstrip("#").upper())
        target.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    return top + 8


def indicators_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    headers = [t("pack.col.indicator", lang), t("pack.col.unit", lang)]
    headers += [in_row_unit(c, lang) for c in ("value", "threshold", "previous")]
    headers += [t(f"pack.col.{c}", lang) for c in ("trend", "status", "risk", "detail")]
    for offset, row in enumerate(pack["indicators"], start=1):
        unit = row["unit"]
        numbers = [cell_value(row[c], unit) for c in ("value", "threshold", "previous")]
        values = [
            t(f"pack.indicator.{row['key']}", lang), unit_name(unit, lang), *numbers,
            t(f"pack.trend.{row['trend']}", lang) if row["trend"] else None, t(f"pack.status.{row['status']}", lang),
            row["risk"], indicator_detail(row, lang),
        ]  # fmt: skip
        _write_row(sheet, 1 + offset, values, [None, None, *[number_format(unit, lang)] * 3, None, None, None, None])
    last = _table(sheet, "Indicators", 1, headers, len(pack["indicators"]))
    _page(sheet, 9, last, [52, 10, 18, 18, 18, 16, 14, 10, 30])


def measures_sheet(sheet: Worksheet, pack: dict, lang: str, with_cents: bool) -> None:
    headers = [t("pack.col.measure", lang), t("pack.col.owner", lang)]
    headers += [with_unit("cap", "cents", lang), with_unit("spent", "cents", lang), with_unit("spent_pct", "pct", lang)]
    for offset, m in enumerate(pack["measures"], start=1):
        values = [
            m["name"],
            m["owner"],
            euros(m["cap_cents"]),
            euros(m["spent_cents"]),
            cell_value(m["spent_pct"], "pct"),
        ]
        formats = [
            None, None, number_format("cents", lang, m["cap_cents"], with_cents),
            number_format("cents", lang, m["spent_cents"], with_cents), PERCENT_FORMAT,
        ]  # fmt: skip
        _write_row(sheet, 1 + offset, values, formats)
    rows = len(pack["measures"])
    last = _table(sheet, "Measures", 1, headers, rows)
    _page(sheet, 5, last, [60, 40, 20, 20, 20])
    if rows:
        chart = BarChart()
        chart.type, chart.grouping, chart.title = "bar", "clustered", t("pack.chart.measures", lang)
        chart.x_axis.title, chart.y_axis.numFmt = t("pack.col.measure", lang), "#,##0"
        chart.add_data(Reference(sheet, min_col=3, max_col=4, min_row=1, max_row=rows + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
        chart.height, chart.width = 10, 18
        sheet.add_chart(chart, "G2")


def comparison_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    """The optional comparison: every group's rows (the programme's municipalities), numbers in their unit."""
    from reports.pdf import COMPARISON_COLUMNS

    headers = [t("pack.comparison.col.group", lang), *(t(f"pack.comparison.col.{n}", lang) for n in COMPARISON_COLUMNS)]
    rows = [(group, row) for group in pack["comparison"]["groups"] for row in group["rows"]]
    last = _table(sheet, "Vertailu", 1, headers, len(rows))
    for number, (group, row) in enumerate(rows, start=2):
        _write_row(sheet, number, *_comparison_cells(group, row, lang))
    _page(sheet, len(headers), last, [24, 18, 40, 14, 14, 12, 12, 12, 14])


def _comparison_cells(group: dict, row: dict, lang: str) -> tuple[list[object], list[str | None]]:
    """One comparison row's cells and their formats: euros as euros, percentages as fractions with a % format."""
    indicator = row["indicator"]
    if indicator.startswith("kuntaosuus_per"):
        unit, shown = "eur", EURO_CENTS_FORMAT if indicator == "kuntaosuus_per_resident" else EURO_FORMAT
    else:
        unit, shown = "pct", PERCENT_FORMAT
    values = [
        comparison_group_name(group, lang),
        row["name"],
        f"{t(f'comparison.indicator.{indicator}', lang)} ({t(f'comparison.unit.{indicator}', lang)})",
        *(cell_value(row[name], unit) for name in ("value", "baseline_value")),
        None if row["group_rank"] is None else f"{row['group_rank']}/{row['group_of']}",
        row["group_percentile"],
        None if row["national_rank"] is None else f"{row['national_rank']}/{row['national_of']}",
        cell_value(row["group_median"], unit),
    ]
    return values, [None, None, None, shown, shown, None, RATIO_FORMAT, None, shown]


def pack_workbook(pack: dict, lang: str = "fi", with_cents: bool = False) -> bytes:
    """The pack as ``.xlsx`` bytes: summary, headline figures, risks with the heat map, indicators, measures.

    Euros show whole; ``with_cents`` shows cents where an amount has them.
    """
    workbook = Workbook()
    summary_sheet(workbook.active, pack, lang)
    figures_sheet(workbook.create_sheet(t("pack.sheet.figures", lang)), pack, lang, with_cents)
    risks_sheet(workbook.create_sheet(t("pack.sheet.risks", lang)), pack, lang)
    indicators_sheet(workbook.create_sheet(t("pack.sheet.indicators", lang)), pack, lang)
    measures_sheet(workbook.create_sheet(t("pack.sheet.measures", lang)), pack, lang, with_cents)
    if pack.get("comparison"):
        comparison_sheet(workbook.create_sheet(t("pack.sheet.comparison", lang)), pack, lang)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_workbook(title: str, headers: list[str], rows: list[list[object]]) -> bytes:
    """One table as ``.xlsx`` bytes (a grid's export beside its CSV): an Excel table, frozen header, print area.

    Text is written so it never becomes a formula (``reports.cells.write_cell``); numbers stay numbers,
    with two decimals where a column has fractions.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    last = _table(sheet, "Taulukko", 1, headers, len(rows))
    for column in range(len(headers)):
        numbers = [row[column] for row in rows if isinstance(row[column], int | float)]
        fractions = any(float(value) != int(value) for value in numbers)
        shown = "#,##0.00" if fractions else "#,##0"
        for index, row in enumerate(rows, start=2):
            _write_row_cell(sheet, index, column + 1, row[column], shown)
    _page(sheet, len(headers), last, [min(60, max(12, len(header) + 4)) for header in headers])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_row_cell(sheet: Worksheet, row: int, column: int, value: object, shown: str) -> None:
    cell = write_cell(sheet, row, column, value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell.number_format = shown
    elif isinstance(value, str):
        cell.alignment = WRAP
