"""The Upload page's views: a dry run's preview, its lines as grid rows, a sheet row, the versions and their diff.

Plain functions from an import's result (``data_loaders.imports.ImportResult``) or a query's frame to what the page
shows; the page's callbacks call them.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboards import components, ids
from data_loaders.imports import IMPORTED, ImportResult
from i18n import catalogue, format_date, format_number, money_text, t
from models.amounts import CENTS_PER_EURO, cents_to_euros
from models.budget import SCENARIOS, line_tree


def preview_summary(result: ImportResult, messages: list[dict], lang: str) -> dbc.Card:
    """What the file is, what it would do, its totals per year and scenario, and every message."""
    colour = {"imported": "success", "unchanged": "info", "rejected": "danger"}[result.status]
    kind = t(f"kind.{result.kind}", lang) if result.kind and f"kind.{result.kind}" in catalogue() else "–"
    status = t(f"upload.status_{result.status}", lang, budget=result.budget or "–")
    counts = t(
        "upload.counts",
        lang,
        read=result.rows_read,
        imported=result.rows_imported if result.status == IMPORTED else 0,
        rejected=result.rows_rejected,
    )
    body = [
        dbc.Alert([html.Div(status, className="fw-semibold"), html.Div(counts, className="small")], color=colour),
        html.P(t("upload.file_kind", lang, file=result.file_name, kind=kind), className="small text-muted"),
    ]
    if result.totals:
        body.append(totals_table(result.totals, lang))
    body.append(messages_list(messages, lang))
    return dbc.Card([dbc.CardHeader(t("upload.preview", lang)), dbc.CardBody(body)], className="mb-3")


def totals_table(totals: list[dict], lang: str) -> dbc.Table:
    headers = [t("col.year", lang), t("col.scenario", lang)] + [
        f"{t(f'jhs.{name}', lang)}, €" for name in ("toimintatuotot", "toimintakulut", "toimintakate")
    ]
    rows = [
        [str(total["year"]), t(f"scenario.{total['scenario']}", lang)]
        + [
            components.money_cell(round(total[name] * CENTS_PER_EURO), lang)
            for name in ("toimintatuotot", "toimintakulut", "toimintakate")
        ]
        for total in totals
    ]
    return components.simple_table(headers, rows, 2)


def messages_list(messages: list[dict], lang: str) -> html.Div:
    """Every message, most severe first; one with a place can be clicked to show its row."""
    order = {"error": 0, "warning": 1, "info": 2}
    ranked = sorted(range(len(messages)), key=lambda i: order.get(messages[i]["severity"], 3))
    items = [
        dbc.ListGroupItem(
            [components.severity_badge(messages[i]["severity"], lang), messages[i]["text"]],
            id={"type": ids.UPLOAD_MESSAGE, "index": i},
            action=bool(messages[i].get("row")),
            n_clicks=0,
            className="small",
        )
        for i in ranked
    ]
    return html.Div(
        [html.H2(t("upload.messages", lang, count=len(messages)), className="h6 mt-3"), dbc.ListGroup(items)]
    )


def with_lines(messages: list[dict], lines: pd.DataFrame) -> list[dict]:
    """Each message with the code of the line its sheet row made, if any (to bring that line into view)."""
    if lines.empty:
        return messages
    codes: dict[tuple[str, int], str] = {}
    for sheet, row, code in zip(lines["source_sheet"], lines["row"], lines["code"]):
        codes.setdefault((sheet, int(row)), code)
    return [{**m, "line_code": codes.get((m.get("sheet"), m.get("row")))} for m in messages]


def periods(lines: pd.DataFrame) -> list[tuple[int, str]]:
    rank = {name: i for i, name in enumerate(SCENARIOS)}
    found = {(int(y), s) for y, s in zip(lines["year"], lines["scenario"])}
    return sorted(found, key=lambda p: (p[0], rank.get(p[1], 9)))


def line_columns(lines: pd.DataFrame, lang: str) -> list[dict]:
    """Line (indented by its depth), JHS 192 line, and a money column per year and scenario.

    Without lines (a refused file) the grid keeps its line columns and says it has no rows: a grid
    without any column would be a header row without cells to a screen reader.
    """
    name_style = f"({{paddingLeft: {components.INDENT_BY_DEPTH}}})"
    money = [
        {
            "field": f"{year}_{scenario}",
            "headerName": f"{year} {t(f'scenario.{scenario}', lang)}, €",
            "type": "rightAligned",
            "flex": 1,
            "minWidth": 140,
            "valueFormatter": {"function": f"params.data ? params.data['{year}_{scenario}_text'] : ''"},
            "tooltipField": f"{year}_{scenario}_source",
        }
        for year, scenario in (periods(lines) if not lines.empty else [])
    ]
    return [*components.line_name_columns(lang, name_style, 160), *money]


def line_rows(lines: pd.DataFrame, lang: str) -> list[dict]:
    """One row per line in the order of the file, with its depth and each period's amount and cell."""
    if lines.empty:
        return []
    first = lines.sort_values("position").drop_duplicates("code")
    tree = line_tree(first)
    figures = lines.set_index(["code", "year", "scenario"])
    rows = []
    for line in tree.to_dict("records"):
        row = {
            "code": line["code"],
            "name": line["name"],
            "depth": int(line["depth"]),
            "category": t(f"jhs.{line['category']}", lang) if f"jhs.{line['category']}" in catalogue() else "",
        }
        for year, scenario in periods(lines):
            key = (line["code"], year, scenario)
            if key in figures.index:
                figure = figures.loc[key]
                cents = int(figure["amount_cents"])
                row[f"{year}_{scenario}"] = cents_to_euros(cents)
                row[f"{year}_{scenario}_text"] = money_text(cents, lang)
                row[f"{year}_{scenario}_source"] = f"{figure['source_sheet']}!{figure['source_cell']}"
        rows.append(row)
    return rows


def cell_text(value: object, lang: str) -> str:
    """A cell's value as the sheet shows it: numbers in the language's format.

    >>> cell_text(-18610561.0, "fi"), cell_text(4.5, "fi"), cell_text("Toimintakulut", "fi")
    ('−18\xa0610\xa0561', '4,50', 'Toimintakulut')
    """
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value, lang, 0 if float(value).is_integer() else 2)
    return str(value)


def row_view(message: dict, cells: list[tuple[str, object]], lang: str) -> html.Div:
    marked = "".join(ch for ch in (message.get("cell") or "") if ch.isalpha())
    heading = t("msg.place_row", lang, sheet=message["sheet"], row=message["row"])
    table = html.Table(
        html.Tbody(
            [
                html.Tr([html.Th(letter, className="px-2 text-muted") for letter, _ in cells]),
                html.Tr(
                    [
                        html.Td(
                            cell_text(value, lang),
                            className="px-2" + (" bg-warning fw-semibold" if letter == marked else ""),
                        )
                        for letter, value in cells
                    ]
                ),
            ]
        ),
        className="table table-sm table-bordered mb-0",
    )
    return html.Div([html.Div(heading, className="fw-semibold mb-1"), table if cells else None])


def version_columns(lang: str) -> list[dict]:
    fields = ("version", "imported_at", "imported_by", "budget", "file_name", "kind", "rows", "sha256", "note")
    widths = {"version": 90, "imported_at": 150, "rows": 130, "sha256": 130}
    return [
        {"field": f, "headerName": t(f"upload.vcol.{f}", lang), "minWidth": widths.get(f, 120), "flex": 1}
        for f in fields
    ]


def version_rows(versions: pd.DataFrame, lang: str) -> list[dict]:
    rows = []
    for row in versions.to_dict("records"):
        when = pd.Timestamp(row["imported_at"])
        kind = f"kind.{row['kind']}"
        restored = row.get("rollback_of")
        rows.append(
            {
                "version": int(row["version"]),
                "imported_at": f"{format_date(when.date(), lang)} {when:%H:%M}",
                "imported_by": row["imported_by"],
                "budget": row["budget"],
                "file_name": row["file_name"],
                "kind": t(kind, lang) if kind in catalogue() else row["kind"],
                "rows": f"{row['rows_read']} / {row['rows_imported']} / {row['rows_rejected']}",
                "sha256": str(row["sha256"])[:12],
                "note": t("upload.rollback_of", lang, version=int(restored)) if pd.notna(restored) else "",
            }
        )
    return rows


def version_label(row: dict, lang: str) -> str:
    when = pd.Timestamp(row["imported_at"])
    return f"{int(row['version'])} · {format_date(when.date(), lang)} · {row['file_name']}"


def version_options(versions: pd.DataFrame, lang: str) -> list[dict]:
    """The versions as choices, newest first as ``versions`` is ordered."""
    return [{"label": version_label(row, lang), "value": int(row["version"])} for row in versions.to_dict("records")]


def version_choices(options: list[dict]) -> dict:
    """What the compare and restore choices offer: the version before the newest compared with the newest.

    >>> version_choices([{"label": "3", "value": 3}, {"label": "2", "value": 2}])["from_version"]
    2
    >>> version_choices([])["to_version"] is None
    True
    """
    newest = options[0]["value"] if options else None
    older = options[1]["value"] if len(options) > 1 else newest
    return {
        "from_options": options,
        "to_options": options,
        "from_version": older,
        "to_version": newest,
        "rollback_options": options,
    }


DIFF_COLUMNS = ("line", "year", "scenario", "change", "old", "new", "difference")


def diff_table(diff: pd.DataFrame, old: int, new: int, lang: str) -> html.Div:
    """Lines added, removed and changed from version ``old`` to ``new``, with their amounts."""
    headers = [t(f"upload.col.{column}", lang) for column in DIFF_COLUMNS]
    rows = [
        [
            row["name"],
            str(row["year"]),
            t(f"scenario.{row['scenario']}", lang),
            t(f"upload.change.{row['change']}", lang),
            components.money_cell(None if pd.isna(row["old_cents"]) else int(row["old_cents"]), lang),
            components.money_cell(None if pd.isna(row["new_cents"]) else int(row["new_cents"]), lang),
            components.money_cell(int(row["difference_cents"]), lang),
        ]
        for row in diff.to_dict("records")
    ]
    return html.Div(
        [
            html.H2(t("upload.diff_title", lang, old=old, new=new), className="h6"),
            components.simple_table(headers, rows, 4),
        ]
    )
