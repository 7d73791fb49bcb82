"""Reading and parsing one file into what an import writes: the part of an import that runs in the child process.

``parse_file`` detects the kind of file (StatFin JSON, Kela CSV, StatFin CSV,
then the budget kinds in order), reads it and parses it into budget lines or
statistics records with their messages. It touches no database:
``data_loaders.imports`` runs it through ``data_loaders.sandbox`` and writes
what it returns. A Kela file's municipality codes are checked against the
register, and a StatFin CSV names its areas by municipality name: for those
the first parse asks for the register (``needs_register``) and the caller
parses the file again with it (``Register``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from defusedxml import DefusedXmlException

from data_loaders import kela, ledger, sheet_visibility, statfin, template, wide
from data_loaders.budget_lines import ParsedBudget
from data_loaders.messages import ERROR, INFO, WARNING, Message, column_letter, has_errors
from data_loaders.statistics import ParsedStatistics
from data_loaders.workbook import Grid, UnreadableFile, read_grids, utf8_of, workbook_title
from i18n import format_eur
from models.amounts import cents_to_euros
from models.budget import reconcile
from models.figures import toimintakate_euros


@dataclass(frozen=True)
class BudgetKind:
    """A kind of budget file: how to recognise it among the sheets, and how to parse it into lines."""

    kind: str
    detect: Callable[[list[Grid]], bool]
    parse: Callable[[list[Grid], str], ParsedBudget]


BUDGET_TEMPLATE, BUDGET_LEDGER, BUDGET_WIDE = "budget_template", "budget_ledger", "budget_wide"
# Tried in order; the first whose ``detect`` says yes parses the file. The wide
# table comes last: a template or a ledger also has years beside names.
BUDGET_KINDS: list[BudgetKind] = [
    BudgetKind(BUDGET_TEMPLATE, template.is_template, template.parse),
    BudgetKind(BUDGET_LEDGER, ledger.is_ledger, ledger.parse),
    BudgetKind(BUDGET_WIDE, wide.is_wide, wide.parse),
]


@dataclass(frozen=True)
class StatisticsKind:
    """A kind of statistics file read as sheets (StatFin CSV): how to recognise and parse it.

    ``parse`` takes the municipality register's names to codes (lower-case names).
    """

    name: str
    detect: Callable[[list[Grid]], bool]
    parse: Callable[[list[Grid], str, Mapping[str, str]], ParsedStatistics]


# Tried in order before the budget kinds; StatFin's JSON and Kela's CSV are sniffed before any sheet is read.
STATISTICS_KINDS: list[StatisticsKind] = [
    StatisticsKind("statfin_csv", statfin.is_statfin_csv, statfin.parse_csv),
]


@dataclass(frozen=True)
class Register:
    """What a parse needs of the database: municipality names to codes (lower-case), and the codes a Kela file
    may name (``kela.known_areas``; None when the register is empty: not checked, and said so)."""

    municipalities: Mapping[str, str]
    kela_areas: frozenset[str] | None


@dataclass
class Parsed:
    """One file read, parsed and checked, nothing written: a budget's lines or a statistics file's records.

    ``lines`` are set only when the budget passed every check; ``title`` is
    the workbook's own; ``needs_register`` asks for a second parse with the
    municipality register.
    """

    kind: str | None = None
    messages: list[Message] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    lines: pd.DataFrame | None = None
    totals: list[dict[str, object]] = field(default_factory=list)
    title: str | None = None
    statistics: ParsedStatistics | None = None
    needs_register: bool = False

    @property
    def ok(self) -> bool:
        return not has_errors(self.messages)


def parse_file(content: bytes, file_name: str, register: Register | None = None) -> Parsed:
    """The file's kind, and its budget lines or statistics records with every message (no database)."""
    content = utf8_of(content)
    if statfin.looks_like_json(content):  # before read_grids, which would take it for CSV
        return Parsed(statistics=statfin.parse_json(content, file_name))
    if kela.looks_like_kela(content):  # read whole by pandas: Kela's national file is two million rows
        if register is None:
            return Parsed(kind=kela.KIND, needs_register=True)
        return Parsed(statistics=kela.parse_content(content, file_name, register.kela_areas))
    try:
        grids = read_grids(content, file_name)
    except UnreadableFile as unreadable:
        return Parsed(messages=[unreadable.message])
    left_out = sheet_visibility.left_out_messages(grids)  # hidden sheets: not read, and said so
    if not grids:
        return Parsed(messages=left_out)
    statistics = next((kind for kind in STATISTICS_KINDS if kind.detect(grids)), None)
    if statistics is not None:
        if register is None:
            return Parsed(kind=statistics.name, needs_register=True)
        return Parsed(statistics=statistics.parse(grids, file_name, register.municipalities))
    parsed = _budget(grids, content, file_name)
    parsed.messages[:0] = left_out
    return parsed


def looks_like_kela(content: bytes) -> bool:
    """Whether the file's first line names Kela's columns (64 KiB read, safe in any process): its parse needs the
    register, which the caller can then send with the first call instead of a second."""
    return kela.looks_like_kela(utf8_of(content[: kela.HEADER_BYTES + 2]))


def _budget(grids: list[Grid], content: bytes, file_name: str) -> Parsed:
    """A budget file's lines, reconciled, with their totals; or the reasons it cannot be imported."""
    kind = next((kind for kind in BUDGET_KINDS if kind.detect(grids)), None)
    if kind is None:
        columns = ", ".join(template.HEADERS_FI[c] for c in template.REQUIRED)
        return Parsed(messages=[Message(ERROR, "msg.unknown_budget_kind", {"columns": columns}, sheet=grids[0].sheet)])
    try:
        budget = kind.parse(grids, file_name)
        sheet_title = wide.sheet_title(grids) if kind.kind == BUDGET_WIDE else None
    except DefusedXmlException:  # openpyxl reads formatting through defusedxml: a declaration stops it
        return Parsed(kind=kind.kind, messages=[Message(ERROR, "msg.xml_doctype")])
    del grids  # a large workbook's cells: free them before reconciling
    parsed = Parsed(kind.kind, budget.messages, budget.rows_read, budget.rows_rejected)
    if not budget.ok:
        parsed.messages.append(Message(ERROR, "msg.rejected"))
        return parsed
    parsed.lines = budget.lines
    parsed.messages += reconciliation_messages(budget.lines)
    parsed.totals = toimintakate_euros(budget.lines)
    parsed.title = workbook_title(content) or sheet_title  # the workbook's own title before the file name
    return parsed


def reconciliation_messages(lines: pd.DataFrame) -> list[Message]:
    """Parents whose children do not add up: a mismatch warns; rounding and joista remainders inform."""
    severity = {"mismatch": WARNING, "rounding": INFO, "remainder": INFO}
    places = lines.set_index(["year", "scenario", "code"])[["source_sheet", "source_cell", "position"]]
    messages = []
    for _, finding in reconcile(lines).iterrows():
        sheet, cell, row = places.loc[(finding["year"], finding["scenario"], finding["code"])]
        fields = {
            "line": finding["name"],
            "year": int(finding["year"]),
            "scenario": finding["scenario"],
            "amount": _eur(finding["amount_cents"]),
            "children": _eur(finding["children_cents"]),
            "difference": _eur(finding["difference"]),
            "tolerance": _eur(finding["tolerance"]),
        }
        messages.append(
            Message(
                severity[finding["finding"]],
                f"msg.{finding['finding']}",
                fields,
                sheet=sheet,
                cell=cell,
                row=int(row) if row == row else None,
            )
        )
    return messages


def _eur(cents: int) -> str:
    return format_eur(cents_to_euros(int(cents)))


def sheet_row(content: bytes, file_name: str, sheet: str, row: int, count: int) -> list[tuple[str, object]]:
    """The first ``count`` non-empty cells of a sheet row (1-based), each with its column letter; none if unreadable."""
    try:
        grids = read_grids(utf8_of(content), file_name)
    except UnreadableFile:
        return []
    grid = next((g for g in grids if g.sheet == sheet), None)
    if grid is None or row - 1 >= len(grid.rows):
        return []
    values = grid.rows[row - 1]
    return [(column_letter(i), v) for i, v in enumerate(values) if v not in ("", None)][:count]
