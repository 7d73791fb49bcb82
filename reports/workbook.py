"""The quarterly pack as an Excel workbook: formatted tables and native Excel charts (openpyxl.chart).

Every figure comes from the pack (``reports.quarterly.quarterly_pack``), the
same data the page shows; amounts are numbers in euros with a euro format,
never text. Every cell goes through ``reports.cells.write_cell``, so text
from users cannot become a formula.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from i18n import t
from reports.cells import write_cell
from reports.figures import LEVEL_COLOURS
from reports.text import euros, headline_label, indicator_detail, missing_texts, timestamp_text

EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"'
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "0.00"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)


def _number_format(unit: str) -> str:
    return {"cents": EURO_FORMAT, "count": COUNT_FORMAT}.get(unit, DECIMAL_FORMAT)


def _value(value: object, unit: str) -> object:
    return euros(value) if unit == "cents" else value


def _table(sheet: Worksheet, top: int, headers: list[str], rows: list[list[object]], formats: list[str | None]) -> int:
    """A header row and rows from ``top``; returns the row after the table."""
    for column, header in enumerate(headers, start=1):
        cell = write_cell(sheet, top, column, header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = write_cell(sheet, top + offset, column, value)
            if formats[column - 1] and isinstance(value, int | float):
                cell.number_format = formats[column - 1]
            elif isinstance(value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return top + len(rows) + 2


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def summary_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    sheet.title = t("pack.sheet.summary", lang)
    write_cell(sheet, 1, 1, f"{t('pack.title', lang)} {pack['quarter']}").font = TITLE_FONT
    write_cell(sheet, 2, 1, t("pack.programme", lang))
    write_cell(sheet, 2, 2, pack["programme_name"])
    write_cell(sheet, 3, 1, t("pack.quarter", lang))
    write_cell(sheet, 3, 2, pack["quarter"])
    status = (
        t("pack.signed", lang, who=pack["signed_by"], when=timestamp_text(pack["signed_at"], lang))
        if pack.get("frozen")
        else t("pack.not_signed", lang)
    )
    write_cell(sheet, 4, 1, status)
    write_cell(sheet, 5, 1, t("pack.commentary", lang)).font = BOLD
    write_cell(sheet, 6, 1, pack.get("commentary") or t("pack.no_commentary", lang))
    sheet.merge_cells(start_row=6, start_column=1, end_row=6, end_column=6)
    sheet.cell(6, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[6].height = 90
    missing = missing_texts(pack, lang)
    if missing:  # what data the programme lacks, between the commentary and the figures
        write_cell(sheet, 7, 1, "\n".join(missing)).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=7, start_column=1, end_row=7, end_column=6)
        sheet.row_dimensions[7].height = 60 * len(missing)
    write_cell(sheet, 8, 1, t("pack.headline", lang)).font = BOLD
    headers = [t(f"pack.col.{c}", lang) for c in ("figure", "quarter", "year_to_date", "previous_quarter", "change")]
    rows = [
        [headline_label(row, lang)]
        + [_value(row[c], row["unit"]) for c in ("quarter", "year_to_date", "previous_quarter", "change")]
        for row in pack["headline"]
    ]
    top = 9
    _table(sheet, top, headers, rows, [None] * 5)
    for offset, row in enumerate(pack["headline"], start=1):
        for column in range(2, 6):
            sheet.cell(top + offset, column).number_format = _number_format(row["unit"])
    _widths(sheet, [58, 20, 20, 20, 20, 20])
    _kuntaosuus_chart(sheet, pack, top, lang)


def _kuntaosuus_chart(sheet: Worksheet, pack: dict, top: int, lang: str) -> None:
    """A clustered bar chart of kuntaosuus and its baseline, quarter and year to date, from the headline table."""
    keys = [row["key"] for row in pack["headline"]]
    if not {"kuntaosuus", "kuntaosuus_baseline"} <= set(keys):
        return
    first = top + 1 + min(keys.index("kuntaosuus"), keys.index("kuntaosuus_baseline"))
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = t("pack.chart.kuntaosuus", lang)
    chart.y_axis.title, chart.y_axis.numFmt = "€", "#,##0"
    data = Reference(sheet, min_col=2, max_col=3, min_row=first, max_row=first + 1)
    chart.add_data(data, from_rows=True, titles_from_data=False)
    for series, row in zip(chart.series, (first, first + 1), strict=True):
        series.tx = SeriesLabel(v=str(sheet.cell(row, 1).value))
    chart.set_categories(Reference(sheet, min_col=2, max_col=3, min_row=top, max_row=top))
    chart.height, chart.width = 8, 16
    sheet.add_chart(chart, f"H{top}")


def risks_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    columns = (
        "code",
        "title",
        "owner",
        "status",
        "likelihood",
        "impact",
        "score",
        "previous_score",
        "movement",
        "mitigations",
    )
    headers = [t(f"pack.col.{c}", lang) for c in columns]
    rows = [
        [
            risk["code"], risk["title"], risk["owner"], t(f"risk.status.{risk['status']}", lang), risk["likelihood"],
            risk["impact"], risk["score"], risk["previous_score"], t(f"risk.movement.{risk['movement']}", lang),
            risk["mitigations"],
        ]
        for risk in pack["risks"]
    ]  # fmt: skip
    after = _table(sheet, 1, headers, rows, [None] * 4 + [COUNT_FORMAT] * 4 + [None, None])
    _widths(sheet, [8, 50, 24, 14, 14, 12, 10, 14, 14, 50])
    if rows:
        chart = BarChart()
        chart.type, chart.grouping, chart.title = "col", "clustered", t("pack.chart.scores", lang)
        chart.y_axis.title, chart.y_axis.scaling.min, chart.y_axis.scaling.max = t("pack.col.score", lang), 0, 25
        chart.add_data(Reference(sheet, min_col=7, max_col=8, min_row=1, max_row=len(rows) + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1))
        chart.height, chart.width = 8, 16
        sheet.add_chart(chart, "L2")
    heat_map_grid(sheet, pack, after, lang)


def heat_map_grid(sheet: Worksheet, pack: dict, top: int, lang: str) -> None:
    """The 5×5 map as cells coloured by level: likelihood 5 at the top, impact 1–5 across; each cell's risk codes."""
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


def indicators_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    columns = ("indicator", "value", "threshold", "previous", "trend", "status", "risk", "detail")
    headers = [t(f"pack.col.{c}", lang) for c in columns]
    rows = [
        [
            t(f"pack.indicator.{row['key']}", lang), row["value"], row["threshold"], row["previous"],
            t(f"pack.trend.{row['trend']}", lang) if row["trend"] else None, t(f"pack.status.{row['status']}", lang),
            row["risk"], indicator_detail(row, lang),
        ]
        for row in pack["indicators"]
    ]  # fmt: skip
    _table(sheet, 1, headers, rows, [None, DECIMAL_FORMAT, DECIMAL_FORMAT, DECIMAL_FORMAT, None, None, None, None])
    _widths(sheet, [52, 12, 12, 12, 16, 14, 10, 30])


def measures_sheet(sheet: Worksheet, pack: dict, lang: str) -> None:
    headers = [t(f"pack.col.{c}", lang) for c in ("measure", "owner", "cap", "spent", "spent_pct")]
    rows = [
        [m["name"], m["owner"], euros(m["cap_cents"]), euros(m["spent_cents"]), m["spent_pct"]]
        for m in pack["measures"]
    ]
    _table(sheet, 1, headers, rows, [None, None, EURO_FORMAT, EURO_FORMAT, DECIMAL_FORMAT])
    _widths(sheet, [60, 40, 18, 18, 14])
    if rows:
        chart = BarChart()
        chart.type, chart.grouping, chart.title = "bar", "clustered", t("pack.chart.measures", lang)
        chart.x_axis.title, chart.y_axis.numFmt = t("pack.col.measure", lang), "#,##0"
        chart.add_data(Reference(sheet, min_col=3, max_col=4, min_row=1, max_row=len(rows) + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1))
        chart.height, chart.width = 10, 18
        sheet.add_chart(chart, "G2")


def pack_workbook(pack: dict, lang: str = "fi") -> bytes:
    """The pack as ``.xlsx`` bytes: summary with headline figures, risks with the heat map, indicators, measures."""
    workbook = Workbook()
    summary_sheet(workbook.active, pack, lang)
    risks_sheet(workbook.create_sheet(t("pack.sheet.risks", lang)), pack, lang)
    indicators_sheet(workbook.create_sheet(t("pack.sheet.indicators", lang)), pack, lang)
    measures_sheet(workbook.create_sheet(t("pack.sheet.measures", lang)), pack, lang)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
