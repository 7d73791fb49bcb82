"""One import: detect the kind of file, parse and validate it, write it as one version.

Every import is one transaction: all of the file or none of it. The same file
again changes nothing and says so. Everything before the write (reading,
parsing, checking: ``data_loaders.parsing``) runs in a child process with a
memory and a time limit (``data_loaders.sandbox``), and the whole import
inside the error boundary (``data_loaders.boundary``): whatever goes wrong,
the caller gets a result with a message, never a traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
from sqlalchemy.orm import Session

from data_loaders import boundary, kela, parsing, sandbox
from data_loaders.boundary import UsageError
from data_loaders.comparison import refresh_after_import
from data_loaders.messages import ERROR, INFO, WARNING, Message
from data_loaders.parsing import BUDGET_KINDS, STATISTICS_KINDS  # noqa: F401 - the kinds, where they were before
from data_loaders.statistics import ParsedStatistics
from db import accounts, queries, store
from db.engine import transaction
from db.tables import ImportVersion
from i18n import money_text, t
from models.amounts import CENTS_PER_EURO
from models.coverage import missing_notes
from models.savings import BASELINE_REGIME, MONTH_TOTAL, kuntaosuus_totals, with_predecessors

IMPORTED, UNCHANGED, REJECTED = "imported", "unchanged", boundary.REJECTED
JOBSEEKERS = "TYOTTOMATLOPUSSA"  # the 12r5 indicator whose months a programme's target-group figures need


class ProgrammeNotChosen(UsageError):
    """The import cannot tell which programme it is for (a usage error)."""


JSON_FIELDS = (
    "status",
    "kind",
    "sha256",
    "version",
    "dry_run",
    "programme",
    "budget",
    "rows_read",
    "rows_imported",
    "rows_rejected",
    "totals",
)
"""The result's fields ``mittari import --json`` prints, in its order (then the messages)."""


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
        """The shape ``mittari import --json`` prints (README, "Command line")."""
        fields = {name: getattr(self, name) for name in JSON_FIELDS}
        return {**fields, "messages": [message.as_dict(lang) for message in self.messages]}


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


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
    record_refusal: bool = False,
) -> ImportResult:
    """Import one file; nothing is written unless it passes every check, and no error escapes but a usage error.

    ``max_bytes`` is the upload limit (settings) of the caller; hostile files
    (zip bombs, macros, encryption, XML declarations, binary data, sheets past
    the size limits) are refused before any parser reads them
    (``data_loaders.safety``). A file that makes its reader die or overrun
    the time limit is refused with a message naming the limit
    (``data_loaders.boundary``); ``ProgrammeNotChosen`` is raised to the caller.

    The audit event "import" by ``user`` (not for a dry run) is written in
    the import's own transaction: no version without its event, no event
    without its version. A refused file has no transaction: with
    ``record_refusal`` (the command line) its event comes after, and a
    failure to write it is told as a warning.
    """
    result = ImportResult(REJECTED, None, sha256_of(content), PurePath(file_name).name, dry_run=dry_run)
    with boundary.reported(result):
        _import(result, content, programme, budget, user, url, max_bytes)
    if result.status == REJECTED and record_refusal and not dry_run:
        with boundary.noted(result, "msg.audit_unwritten"):
            accounts.record_audit("import", user, audit_details(result, REJECTED, None), url=url)
    return result


def audit_details(result: ImportResult, status: str, version: int | None) -> dict[str, object]:
    """The audit event's details of an import: the file, its kind, the outcome, the version and the budget.

    >>> audit_details(ImportResult(REJECTED, "template", "0", "a.csv", budget="B"), IMPORTED, 7)
    {'file': 'a.csv', 'kind': 'template', 'status': 'imported', 'version': 7, 'budget': 'B'}
    """
    return {
        "file": result.file_name,
        "kind": result.kind,
        "status": status,
        "version": version,
        "budget": result.budget,
    }


def _import(
    result: ImportResult,
    content: bytes,
    programme: str | None,
    budget: str | None,
    user: str,
    url: str | None,
    max_bytes: int | None,
) -> None:
    """Parse the file in the child process, then write what it holds (budget lines or statistics)."""
    if max_bytes is not None and len(content) > max_bytes:
        size, limit = f"{len(content) / 2**20:.1f}", f"{max_bytes / 2**20:.0f}"
        result.messages.append(Message(ERROR, "msg.too_large", {"size": size, "limit": limit}))
        return
    parsed = parse_isolated(content, result.file_name, url)
    if parsed.statistics is not None:
        import_statistics(result, parsed.statistics, content, user, url)
        return
    result.kind, result.rows_read, result.rows_rejected = parsed.kind, parsed.rows_read, parsed.rows_rejected
    result.messages = parsed.messages
    if parsed.lines is None:
        return
    result.lines, result.totals = parsed.lines, parsed.totals
    result.budget = budget or parsed.title or PurePath(result.file_name).stem
    _write(result, content, programme, user, url)


def parse_isolated(content: bytes, file_name: str, url: str | None) -> parsing.Parsed:
    """``parsing.parse_file`` in the child process, with the register when the file needs it: a Kela file (known by
    its first line: large files cross the pipe once), a StatFin CSV (known once read: parsed a second time)."""
    known = register(url) if parsing.looks_like_kela(content) else None
    parsed = sandbox.run(parsing.parse_file, content, file_name, known)
    if parsed.needs_register:
        parsed = sandbox.run(parsing.parse_file, content, file_name, register(url))
    return parsed


def register(url: str | None) -> parsing.Register:
    """The municipality register as a parse needs it (names to codes; the codes a Kela file may name)."""
    known = kela.known_areas(queries.municipality_register(url), queries.municipality_mergers(url))
    return parsing.Register(queries.municipality_codes_by_name(url), known)


class _DryRunDone(Exception):
    pass


def _write(result: ImportResult, content: bytes, programme: str | None, user: str, url: str | None) -> ImportResult:
    chosen: dict[str, object] = {}

    def existing(session: Session) -> ImportVersion | None:
        programme_row = store.programme_for_import(session, programme)
        if programme_row is None:
            raise ProgrammeNotChosen(programme or "")
        result.programme = programme_row.slug
        result.messages += outside_period(result.lines, programme_row)
        chosen["budget"] = store.budget_named(session, programme_row, result.budget)
        return store.current_version_with_hash(session, chosen["budget"], result.sha256)

    def record(session: Session) -> ImportVersion:
        return store.record_budget_version(
            session, chosen["budget"], result.lines, _imported_file(result, content, user)
        )

    return _write_version(result, url, user, result.rows_read - result.rows_rejected, existing, record)


def outside_period(lines: pd.DataFrame, programme: object) -> list[Message]:
    """A warning when the budget has years outside the programme's period (the preview asks to confirm it)."""
    start, end = getattr(programme, "start_date", None), getattr(programme, "end_date", None)
    years = sorted({int(year) for year in lines["year"]}) if lines is not None else []
    outside = [year for year in years if (start and year < start.year) or (end and year > end.year)]
    if not outside:
        return []
    period = f"{start.year if start else ''}–{end.year if end else ''}"
    fields = {"years": ", ".join(map(str, outside)), "programme": programme.name, "period": period}
    return [Message(WARNING, "msg.years_outside_programme", fields)]


def _imported_file(result: ImportResult, content: bytes, user: str) -> store.ImportedFile:
    """What a new version records about its file: kind, name, hash, size, who, and the row counts."""
    return store.ImportedFile(
        result.kind, result.file_name, result.sha256, len(content), user, result.rows_read, result.rows_rejected
    )


def _write_version(
    result: ImportResult,
    url: str | None,
    user: str,
    rows: int,
    existing: Callable[[Session], ImportVersion | None],
    record: Callable[[Session], ImportVersion],
) -> ImportResult:
    """One transaction: "unchanged" when ``existing`` finds this file still current, else ``record`` a new version;
    either way with the audit event "import" by ``user``.

    A dry run stops before writing and says how many rows would be imported.
    The result changes only once the transaction has ended: a commit that
    fails leaves it rejected.
    """
    written: dict[str, int] = {}
    try:
        with transaction(url) as session:
            found = existing(session)
            if found is not None:
                written["unchanged"] = found.id
            if result.dry_run:
                raise _DryRunDone  # nothing to write: leave the transaction untouched
            if found is None:
                written["version"] = record(session).id
            status, version = (UNCHANGED, found.id) if found is not None else (IMPORTED, written["version"])
            accounts.record_audit("import", user, audit_details(result, status, version), session=session)
    except _DryRunDone:
        pass
    if "unchanged" in written:
        result.status, result.version = UNCHANGED, written["unchanged"]
        result.messages.append(Message(INFO, "msg.unchanged", {"version": result.version}))
    elif result.dry_run:
        result.status, result.rows_imported = IMPORTED, rows
        result.messages.append(Message(INFO, "msg.dry_run", {"rows": rows}))
    else:
        result.status, result.version, result.rows_imported = IMPORTED, written["version"], rows
        result.messages.append(Message(INFO, "msg.imported", {"version": result.version, "rows": rows}))
    return result


def import_statistics(
    result: ImportResult, parsed: ParsedStatistics, content: bytes, user: str, url: str | None
) -> ImportResult:
    """Write a statistics file as one version of no programme and no budget (totals stay empty).

    A file without a single data row is refused: it would be an empty version.
    """
    result.kind = parsed.kind
    result.rows_read, result.rows_rejected, result.messages = parsed.rows_read, parsed.rows_rejected, parsed.messages
    if parsed.ok and len(parsed.records) == 0:
        result.messages.append(Message(ERROR, "msg.statistics_no_rows", {"file": result.file_name}))
    if not parsed.ok or len(parsed.records) == 0:
        result.messages.append(Message(ERROR, "msg.rejected"))
        return result

    def existing(session: Session) -> ImportVersion | None:
        return store.current_statistics_version_with_hash(session, parsed.table, parsed.kind, result.sha256)

    def record(session: Session) -> ImportVersion:
        return store.record_statistics_version(
            session, parsed.table, parsed.records, _imported_file(result, content, user)
        )

    _write_version(result, url, user, len(parsed.records), existing, record)
    if result.status == IMPORTED and not result.dry_run:
        refresh_after_import(url)  # the Comparison page's figures of the data just committed
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
        margin = money_text(round(total["toimintakate"] * CENTS_PER_EURO), lang, whole=True)  # totals are in euros
        lines.append(
            f"  {total['year']} {t('scenario.' + total['scenario'], lang)}: {t('jhs.toimintakate', lang)} {margin}"
        )
    return "\n".join(lines)
