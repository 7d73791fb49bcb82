"""Checks every loader shares before anything is written: amounts within the one bound, texts within their columns.

The bound is ``models.amounts.MAX_EUROS``; the text limits are the ``String(n)``
lengths of the tables in ``db.tables``, read from the SQLAlchemy metadata (so
the same file is refused on SQLite, which does not enforce them, as on
PostgreSQL, which does).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

import numpy as np
import pandas as pd
from sqlalchemy import String

from data_loaders.messages import ERROR, Message
from db.tables import Base
from i18n import format_number
from models.amounts import MAX_EUROS, AmountError, AmountOutOfBounds

MAX_TEXT_MESSAGES = 20


def amount_key(error: AmountError) -> str:
    """The message key of an amount refused: beyond the bound, or not a number at all."""
    return "msg.amount_out_of_bounds" if isinstance(error, AmountOutOfBounds) else "msg.not_a_number"


def bound_fields() -> dict[str, object]:
    """The bound as a message field (``msg.amount_out_of_bounds`` names it)."""
    return {"bound": format_number(MAX_EUROS)}


def amount_message(error: AmountError, column: str, value: object, **place: object) -> Message:
    """The error naming a cell whose amount is refused (``place``: sheet, cell, row)."""
    fields = {"column": column, "value": str(value).strip(), **bound_fields()}
    return Message(ERROR, amount_key(error), fields, **place)


@cache
def text_limits(table: str) -> dict[str, int]:
    """Each text column of ``table`` with a length (``String(n)``) and that length, from the metadata."""
    columns = Base.metadata.tables[table].columns
    return {c.name: c.type.length for c in columns if isinstance(c.type, String) and c.type.length}


def too_long(values: pd.Series, limit: int) -> np.ndarray:
    """Where a text is longer than ``limit`` characters (missing values are not).

    >>> too_long(pd.Series(["abc", None, "abcdef"]), 4).tolist()
    [False, False, True]
    """
    return values.map(lambda v: isinstance(v, str) and len(v) > limit).to_numpy(dtype=bool)


def text_messages(
    frame: pd.DataFrame,
    table: str,
    place: Callable[[str, int], dict[str, object]],
    names: Mapping[str, str] | None = None,
) -> list[Message]:
    """An error for each text of ``frame`` longer than its column of ``table`` holds.

    ``frame``'s columns are the table's, or mapped to them by ``names``;
    ``place(column, position)`` gives the message's ``sheet``, ``cell``, ``row``
    and ``column`` (the column's name for the user). Each distinct text is
    named once, at its first place, and at most ``MAX_TEXT_MESSAGES`` per column.
    """
    messages: list[Message] = []
    limits = text_limits(table)
    for column in frame.columns:
        limit = limits.get((names or {}).get(column, column))
        if limit is None:
            continue
        values = frame[column].reset_index(drop=True)
        found = too_long(values, limit) & ~values.duplicated().to_numpy()
        for position in np.flatnonzero(found)[:MAX_TEXT_MESSAGES]:
            where = place(column, int(position))
            fields = {"column": where.pop("column"), "length": len(values.iat[position]), "limit": limit}
            messages.append(Message(ERROR, "msg.text_too_long", fields, **where))
    return messages
