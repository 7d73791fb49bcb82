"""One import: detect the kind of file, parse and validate it, write it as one version.

Every import is one transaction: all of the file or none of it. The same file
again changes nothing and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
from defusedxml import DefusedXmlException
from sqlalchemy.orm import Session

from data_loaders import kela, ledger, statfin, template, wide
from data_loaders.budget_lines import ParsedBudget
from data_loaders.messages import ERROR, INFO, WARNING, Message
from data_loaders.statistics import ParsedStatistics
from data_loaders.workbook import Grid, UnreadableFile, read_grids, workbook_title
from db import queries, store
from db.engine import transaction
from db.tables import ImportVersion
from i18n import format_eur, t
from models.amounts import cents_to_euros
from models.budget import reconcile
from models.coverage import missing_notes
from models.figures import toimintakate_euros
from models.savings import BASELINE_REGIME, MONTH_TOTAL, kuntaosuus_totals, with_predecessors

IMPORTED, UNCHANGED, REJECTED = "imported", "unchanged", "rejected"
JOBSEEKERS = "TYOTTOMATLOPUSSA"  # the 12r5 indicator whose months a programme's target-group figures need


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


class ProgrammeNotChosen(Exception):
    """The import cannot tell which programme it is for (a usage error)."""


@dataclass
class ImportResult:
    status: str
    kind: str | None
    sha256: str
    file_name: str
    version: int | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    totals: list[dict[str, object]] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    dry_run: bool = False
    programme: str | None = None
    budget: str | None = None
    lines: pd.DataFrame | None = None

    def as_json(self, lang: str = "fi") -> dict[str, object]:
        """The shape ``mittari import --json`` prints (DESIGN.md, "Command line")."""
        return {
            "status": self.status,
            "kind": self.kind,
            "sha256": self.sha256,
            "version": self.version,
            "dry_run": self.dry_run,
            "programme": self.programme,
            "budget": self.budget,
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "totals": self.totals,
            "messages": [message.as_dict(lang) for message in self.messages],
        }


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


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


def import_file(
    content: bytes,
    file_name: str,
    *,
    programme: str | None = None,
    budget: str | None = None,
    dry_run: bool = False,
    user: str = "cli",
    url: str | None = None,
    max_bytes: int | None = None,
) -> ImportResult:
    """Import one file; nothing is written unless it passes every check.

    ``max_bytes`` is the upload limit (settings) of the caller; hostile files
    (zip bombs, macros, encryption, XML declarations, binary data) are refused
    before any parser reads them (``data_loaders.safety``).
    """
    result = ImportResult(REJECTED, None, sha256_of(content), PurePath(file_name).name, dry_run=dry_run)
    if max_bytes is not None and len(content) > max_bytes:
        size, limit = f"{len(content) / 2**20:.1f}", f"{max_bytes / 2**20:.0f}"
        result.messages.append(Message(ERROR, "msg.too_large", {"size": size, "limit": limit}))
        return result
    if statfin.looks_like_json(content):  # before read_grids, which would take it for CSV
        return import_statistics(result, statfin.parse_json(content, result.file_name), content, user, url)
    if kela.looks_like_kela(content):  # read whole by pandas: Kela's national file is two million rows
        return import_statistics(result, kela.parse_content(content, result.file_name), content, user, url)
    try:
        grids = read_grids(content, result.file_name)
    except UnreadableFile as unreadable:
        result.messages.append(unreadable.message)
        return result
    statistics = next((kind for kind in STATISTICS_KINDS if kind.detect(grids)), None)
    if statistics is not None:
        return import_statistics(result, statistics.parse(grids, result.file_name, url), content, user, url)
    kind = next((kind for kind in BUDGET_KINDS if kind.detect(grids)), None)
    if kind is None:
        columns = ", ".join(template.HEADERS_FI[c] for c in template.REQUIRED)
        result.messages.append(Message(ERROR, "msg.unknown_budget_kind", {"columns": columns}, sheet=grids[0].sheet))
        return result
    result.kind = kind.kind
    try:
        parsed = kind.parse(grids, result.file_name)
    except DefusedXmlException:  # openpyxl reads formatting through defusedxml: a declaration stops it
        result.messages.append(Message(ERROR, "msg.xml_doctype"))
        return result
    del grids  # a large workbook's cells: free them before writing (and before the collector walks them)
    result.rows_read, result.rows_rejected, result.messages = parsed.rows_read, parsed.rows_rejected, parsed.messages
    if not parsed.ok:
        result.messages.append(Message(ERROR, "msg.rejected"))
        return result
    result.lines = parsed.lines
    result.messages += reconciliation_messages(parsed.lines)
    result.totals = toimintakate_euros(parsed.lines)
    result.budget = budget or workbook_title(content) or PurePath(file_name).stem
    return _write(result, content, programme, user, url)


class _DryRunDone(Exception):
    pass


def _write(result: ImportResult, content: bytes, programme: str | None, user: str, url: str | None) -> ImportResult:
    chosen: dict[str, object] = {}

    def existing(session: Session) -> ImportVersion | None:
        programme_row = store.programme_for_import(session, programme)
        if programme_row is None:
            raise ProgrammeNotChosen(programme or "")
        result.programme = programme_row.slug
        chosen["budget"] = store.budget_named(session, programme_row, result.budget)
        return store.current_version_with_hash(session, chosen["budget"], result.sha256)

    def record(session: Session) -> ImportVersion:
        return store.record_budget_version(
            session, chosen["budget"], result.lines, **_version_fields(result, content, user)
        )

    return _write_version(result, url, result.rows_read - result.rows_rejected, existing, record)


def _version_fields(result: ImportResult, content: bytes, user: str) -> dict[str, object]:
    """What a new version records about its file: kind, name, hash, size, who, and the row counts."""
    return {
        "kind": result.kind,
        "file_name": result.file_name,
        "sha256": result.sha256,
        "size_bytes": len(content),
        "user": user,
        "rows_read": result.rows_read,
        "rows_rejected": result.rows_rejected,
    }


def _write_version(
    result: ImportResult,
    url: str | None,
    rows: int,
    existing: Callable[[Session], ImportVersion | None],
    record: Callable[[Session], ImportVersion],
) -> ImportResult:
    """One transaction: "unchanged" when ``existing`` finds this file still current, else ``record`` a new version.

    A dry run stops before writing and says how many rows would be imported.
    """
    try:
        with transaction(url) as session:
            found = existing(session)
            if found is not None:
                result.status, result.version = UNCHANGED, found.id
                result.messages.append(Message(INFO, "msg.unchanged", {"version": found.id}))
                raise _DryRunDone  # nothing to write: leave the transaction untouched
            if result.dry_run:
                result.status, result.rows_imported = IMPORTED, rows
                result.messages.append(Message(INFO, "msg.dry_run", {"rows": rows}))
                raise _DryRunDone
            version = record(session)
            result.status, result.version, result.rows_imported = IMPORTED, version.id, rows
            result.messages.append(Message(INFO, "msg.imported", {"version": version.id, "rows": rows}))
    except _DryRunDone:
        pass
    return result


@dataclass(frozen=True)
class StatisticsKind:
    """A kind of statistics file read as sheets (Kela CSV, StatFin CSV): how to recognise and parse it."""

    name: str
    detect: Callable[[list[Grid]], bool]
    parse: Callable[[list[Grid], str, str | None], ParsedStatistics]


def _parse_statfin_csv(grids: list[Grid], file_name: str, url: str | None) -> ParsedStatistics:
    return statfin.parse_csv(grids, file_name, queries.municipality_codes_by_name(url))


# Tried in order before the budget kinds; StatFin's json-stat2 is sniffed before any sheet is read.
STATISTICS_KINDS: list[StatisticsKind] = [
    StatisticsKind("statfin_csv", statfin.is_statfin_csv, _parse_statfin_csv),
]


def import_statistics(
    result: ImportResult, parsed: ParsedStatistics, content: bytes, user: str, url: str | None
) -> ImportResult:
    """Write a statistics file as one version of no programme and no budget (totals stay empty)."""
    result.kind = parsed.kind
    result.rows_read, result.rows_rejected, result.messages = parsed.rows_read, parsed.rows_rejected, parsed.messages
    if not parsed.ok:
        result.messages.append(Message(ERROR, "msg.rejected"))
        return result

    def existing(session: Session) -> ImportVersion | None:
        return store.current_statistics_version_with_hash(session, parsed.table, parsed.kind, result.sha256)

    def record(session: Session) -> ImportVersion:
        fields = _version_fields(result, content, user)
        return store.record_statistics_version(session, parsed.table, parsed.records, **fields)

    _write_version(result, url, len(parsed.records), existing, record)
    if result.status == IMPORTED and not result.dry_run:
        result.messages += coverage_messages(parsed.kind, url)
    return result


def coverage_messages(kind: str, url: str | None) -> list[Message]:
    """After a statistics import: each programme whose savings (Kela) or target groups (StatFin 12r5) still lack
    months of their members, before or after the baseline year, named with the file that would bring them."""
    memberships = queries.programme_memberships(url)
    if memberships.empty or kind not in (kela.KIND, "statfin_12r5"):
        return []
    names = dict(zip(*queries.municipality_register(url)[["code", "name_fi"]].T.values, strict=True))
    codes = sorted(set(memberships["code"].astype(str)))
    sources: dict[str, pd.DataFrame] = {}
    if kind == kela.KIND:
        mergers = queries.municipality_mergers(url)
        rows = queries.kela_area_totals(BASELINE_REGIME, url, areas=with_predecessors(codes, mergers), **MONTH_TOTAL)
        sources["kela_totals"] = kuntaosuus_totals(rows, mergers)
    else:
        areas = [f"KU{code}" for code in codes]
        sources["observations"] = queries.statfin_observations("12r5", url, areas=areas, indicators=[JOBSEEKERS])
    messages = []
    for (_, name, baseline_year), members in memberships.groupby(["programme", "programme_name", "baseline_year"]):
        chosen = {str(code): names.get(str(code), str(code)) for code in members["code"]}
        for note in missing_notes(name, chosen, int(baseline_year), **sources):
            messages.append(Message(WARNING, note["key"], note["fields"]))
    return messages


def describe(result: ImportResult, lang: str = "fi") -> str:
    """A short human summary of an import, for the command line."""
    lines = [f"{result.file_name}: {t('status.' + result.status, lang)}"]
    lines += [f"  [{m.severity}] {m.text(lang)}" for m in result.messages]
    for total in result.totals:
        lines.append(
            f"  {total['year']} {t('scenario.' + total['scenario'], lang)}: "
            f"{t('jhs.toimintakate', lang)} {format_eur(total['toimintakate'], lang)}"
        )
    return "\n".join(lines)
