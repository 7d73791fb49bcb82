"""What every budget loader hands over: lines in one shape, and the rules they share.

Template, wide tables and ledgers all end in ``ParsedBudget.lines`` with the
columns ``LINE_COLUMNS``, so storage, reconciliation and totals are one code
path. The shared rules live here: categories inherited down the hierarchy,
costs made negative whichever sign the file uses, codes unique within a year
and scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from data_loaders.checks import text_limits, text_messages
from data_loaders.messages import INFO, WARNING, Message, has_errors
from db.tables import LINE_FIELDS
from models.budget import TOTAL_GROUPS, category_group, groups, is_cost

LINE_COLUMNS = [*LINE_FIELDS, "row"]  # and the source row, for messages
CODE_LENGTH = text_limits("budget_line")["code"]
TEXT_FIELDS = ("scenario", "code", "name", "parent", "category", "source_file", "source_sheet", "source_cell")


@dataclass
class ParsedBudget:
    """What a budget file holds, before anything is written.

    ``rows_imported`` is the number of source rows the lines carry; ``None``
    means one line per row (the template, wide tables), a ledger sums many
    rows into each line.
    """

    lines: pd.DataFrame
    rows_read: int
    rows_rejected: int
    messages: list[Message] = field(default_factory=list)
    rows_imported: int | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.messages)


def rejected_budget(*messages: Message) -> ParsedBudget:
    return ParsedBudget(pd.DataFrame(columns=LINE_COLUMNS), 0, 0, list(messages))


def inheritable(category: object) -> bool:
    """A parent's category passes to its unclassified lines, except toimintakate's.

    A line under a toimintakate total is income or a cost, never a margin:
    inheriting "toimintakate" would leave it out of every total.

    >>> inheritable("toimintakulut"), inheritable("toimintakate"), inheritable(None)
    (True, False, False)
    """
    return isinstance(category, str) and category_group(category) in TOTAL_GROUPS


def inherit_categories(lines: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each line's category, an unclassified line taking the nearest classified ancestor's.

    Walks up all lines at once, one generation per step (no loop over lines).
    Returns the categories and a mask of lines left without one.
    """
    keys = ["year", "scenario", "code"]
    index = pd.MultiIndex.from_frame(lines[keys])
    own = pd.Series(lines["category"].to_numpy(dtype=object), index=index)
    parent_of = pd.Series(lines["parent"].to_numpy(dtype=object), index=index)
    category = own.copy()
    pointer = parent_of.copy()
    for _ in range(64):  # deeper than any budget; guards against cycles
        waiting = category.isna() & pointer.notna()
        if not waiting.any():
            break
        up = pd.MultiIndex.from_arrays(
            [index.get_level_values(0)[waiting], index.get_level_values(1)[waiting], pointer[waiting].to_numpy()]
        )
        found = own.reindex(up).to_numpy()
        usable = pd.Series(found).map(inheritable).to_numpy(dtype=bool)
        category.loc[waiting] = [f if ok else None for f, ok in zip(found, usable)]
        pointer.loc[waiting] = [None if ok else p for p, ok in zip(parent_of.reindex(up).to_numpy(), usable)]
    resolved = pd.Series(category.to_numpy(dtype=object), index=lines.index)
    return resolved, resolved.isna()


def positive_cost_messages(lines: pd.DataFrame) -> list[Message]:
    """A warning for each cost line whose amount is still positive (after any sign convention)."""
    found = lines[lines["category"].map(is_cost) & (lines["amount_cents"] > 0)]
    return [
        Message(WARNING, "msg.positive_cost", {"line": name}, sheet=sheet, cell=cell, row=int(row))
        for name, sheet, cell, row in zip(found["name"], found["source_sheet"], found["source_cell"], found["row"])
    ]


def sign_flips(categories: pd.Series, cents: pd.Series) -> tuple[bool, bool]:
    """Whether a file writes costs positive and whether it writes income negative.

    Decided from the JHS group of the classified lines: costs written as a
    positive sum, or income as a negative sum, are the file's convention (a
    ledger writes debits positive), not a few refunds. Returns
    ``(flip_costs, flip_income)``.

    >>> sign_flips(pd.Series(["palvelujen_ostot", "myyntituotot"]), pd.Series([500, 100]))
    (True, False)
    >>> sign_flips(pd.Series(["palvelujen_ostot", "palvelujen_ostot"]), pd.Series([-500, 20]))
    (False, False)
    """
    group = categories.map(category_group)
    costs = int(cents[group.isin(groups("cost"))].sum())
    income = int(cents[group.isin(groups("income"))].sum())
    return costs > 0, income < 0


def sign_messages(flip_costs: bool, flip_income: bool, sheet: str | None) -> list[Message]:
    messages = []
    if flip_costs:
        messages.append(Message(INFO, "msg.costs_made_negative", sheet=sheet))
    if flip_income:
        messages.append(Message(INFO, "msg.income_made_positive", sheet=sheet))
    return messages


def unique_codes(frame: pd.DataFrame) -> pd.Series:
    """A code per line unique within its year and scenario: the name, qualified only where names repeat.

    ``frame`` has ``year, scenario, name, parent_name, sheet``. A repeated
    name (two "Muut" under different parents, "Yhteensä" twice) gets its
    parent's name in front, then its sheet, then a running number.

    >>> rows = pd.DataFrame({"year": [2019] * 3, "scenario": ["budget"] * 3, "name": ["Muut", "Muut", "Tulot"],
    ...                      "parent_name": ["Kulut", "Tulot", None], "sheet": ["T"] * 3})
    >>> unique_codes(rows).tolist()
    ['Kulut / Muut', 'Tulot / Muut', 'Tulot']
    """
    keys = [frame["year"], frame["scenario"]]
    code = frame["name"].astype(object)
    candidates = [
        lambda c: frame["parent_name"].where(frame["parent_name"].notna(), "").astype(str).str.cat(c, sep=" / "),
        lambda c: c + " (" + frame["sheet"].astype(str) + ")",
        lambda c: c + " #" + (frame.groupby([*keys, c]).cumcount() + 1).astype(str),
    ]
    for qualify in candidates:
        repeated = pd.DataFrame({"y": keys[0], "s": keys[1], "c": code}).duplicated(keep=False)
        if not repeated.any():
            break
        code = code.where(~repeated, qualify(code).str.removeprefix(" / "))
    return code.map(_shorten)


def _shorten(code: str) -> str:
    return code if len(code) <= CODE_LENGTH else code[: CODE_LENGTH // 2 - 2] + "…" + code[-(CODE_LENGTH // 2 - 1) :]


def text_length_messages(lines: pd.DataFrame, headings: Mapping[str, tuple[str, str]] | None = None) -> list[Message]:
    """An error for each text of the lines longer than ``budget_line`` holds, naming its row (and cell).

    ``headings``: per line field, the column's heading and letter in the sheet
    (the template knows them); otherwise the message names the field and row.
    """

    def place(field: str, position: int) -> dict[str, object]:
        heading, letter = (headings or {}).get(field, (field, ""))
        row = int(lines["row"].iat[position])
        return {"column": heading, "sheet": lines["source_sheet"].iat[position], "row": row,
                "cell": f"{letter}{row}" if letter else None}  # fmt: skip

    return text_messages(lines[[f for f in TEXT_FIELDS if f in lines]], "budget_line", place, {"parent": "parent_code"})
