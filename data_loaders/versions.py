"""Versions of a budget: what changed between two of them, and rollback to an earlier one.

Every import is a version; a rollback is one more version whose lines copy
those of an earlier state, so the history only grows and nothing is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data_loaders.messages import INFO, Message
from db import accounts, queries, store
from db.engine import transaction
from models.budget import version_diff

ROLLED_BACK, UNCHANGED = "rolled_back", "unchanged"


def budget_versions(programme: str, budget: str, url: str | None = None) -> pd.DataFrame:
    """The versions of one budget, newest first: who, when, file, hash, counts, kind, what a rollback restored."""
    versions = queries.import_versions(programme, url=url, budget=budget)
    return versions.sort_values("version", ascending=False).reset_index(drop=True)


def lines_as_of(programme: str, budget: str, version: int | None, url: str | None = None) -> pd.DataFrame:
    """The budget's lines as they stood right after ``version`` (``None``: now)."""
    return queries.current_budget_lines(programme=programme, budget=budget, url=url, as_of=version)


def budget_diff(programme: str, budget: str, old: int, new: int, url: str | None = None) -> pd.DataFrame:
    """Lines added, removed and changed from the state after version ``old`` to the state after ``new``."""
    return version_diff(lines_as_of(programme, budget, old, url), lines_as_of(programme, budget, new, url))


@dataclass
class RollbackResult:
    status: str
    to_version: int
    version: int | None = None
    rows: int = 0
    messages: list[Message] = field(default_factory=list)


def rollback(programme: str, budget: str, to_version: int, user: str, url: str | None = None) -> RollbackResult:
    """Make the lines current right after ``to_version`` current again, as a new version.

    Nothing is written when they already are. Years and scenarios imported
    only after ``to_version`` stay as they are (a rollback adds, it never
    deletes), and the result says which. The audit event "rollback" by
    ``user`` is written in the rollback's own transaction.
    """
    restored = lines_as_of(programme, budget, to_version, url)
    current = lines_as_of(programme, budget, None, url)
    slices = set(zip(restored["year"], restored["scenario"]))
    diff = version_diff(restored, current)
    in_restored = [(y, s) in slices for y, s in zip(diff["year"], diff["scenario"])]
    result = RollbackResult(UNCHANGED, to_version)
    if not diff[in_restored].shape[0]:
        result.messages.append(Message(INFO, "msg.rollback_unchanged", {"version": to_version}))
        return result
    with transaction(url) as session:
        chosen = store.existing_budget(session, programme, budget)
        if chosen is None:
            raise ValueError(f"no budget {budget!r} in programme {programme!r}")
        version = store.rollback_budget(session, chosen, to_version, user)
        details = {"budget": budget, "to": to_version, "version": version.id}
        accounts.record_audit("rollback", user, details, session=session)
        result.status, result.version, result.rows = ROLLED_BACK, version.id, version.rows_imported
    result.messages.append(
        Message(INFO, "msg.rolled_back", {"version": result.version, "to": to_version, "rows": result.rows})
    )
    kept = sorted({(int(y), s) for y, s in zip(current["year"], current["scenario"])} - slices)
    if kept:
        text = ", ".join(f"{year} {scenario}" for year, scenario in kept)
        result.messages.append(Message(INFO, "msg.rollback_kept", {"slices": text}))
    return result
