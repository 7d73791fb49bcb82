"""Which sheets of a workbook are read: the visible ones. Hidden and veryHidden sheets are left out, and said so.

A budget in Excel shows only its visible sheets; numbers on a hidden sheet
would be added to totals the user never sees. ``data_loaders.workbook`` reads
the sheets ``visible_sheets`` chooses and hands the names left out on with
the grids (``Sheets.left_out``); ``left_out_messages`` tells the user.
"""

from __future__ import annotations

from collections.abc import Iterable

import python_calamine

from data_loaders.messages import ERROR, WARNING, Message


class Sheets(list):
    """The grids read from one file (a ``list`` of ``workbook.Grid``) and the names of the sheets left out."""

    def __init__(self, grids: Iterable[object] = (), left_out: Iterable[str] = ()) -> None:
        super().__init__(grids)
        self.left_out = tuple(left_out)


def visible_sheets(workbook: python_calamine.CalamineWorkbook) -> tuple[list[str], list[str]]:
    """The names of a workbook's visible sheets, and of its hidden and veryHidden ones, each in workbook order."""
    shown, hidden = [], []
    for sheet in workbook.sheets_metadata:
        (shown if sheet.visible == python_calamine.SheetVisibleEnum.Visible else hidden).append(sheet.name)
    return shown, hidden


def left_out_messages(grids: list[object]) -> list[Message]:
    """What the user is told of the sheets left out: that they exist and were not read; an error when no sheet is left.

    >>> left_out_messages(Sheets(["grid"], ["Piilo"]))[0].fields
    {'sheets': "'Piilo'", 'count': 1}
    >>> [m.key for m in left_out_messages(Sheets([], ["A", "B"]))], left_out_messages([])
    (['msg.hidden_sheets_left_out', 'msg.only_hidden_sheets'], [])
    """
    names = getattr(grids, "left_out", ())
    if not names:
        return []
    fields = {"sheets": ", ".join(f"'{name}'" for name in names), "count": len(names)}
    messages = [Message(WARNING, "msg.hidden_sheets_left_out", fields)]
    if not grids:
        messages.append(Message(ERROR, "msg.only_hidden_sheets", fields))
    return messages
