"""Reading files into grids of cell values: xlsx through python-calamine, CSV as text.

A grid is a list of rows of raw values with its sheet name; row 0 is Excel's row 1,
column 0 is column A, so every value can be named by its cell.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

import python_calamine

from data_loaders.messages import ERROR, Message

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Grid:
    sheet: str
    rows: list[list[object]]


class UnreadableFile(Exception):
    """The file is not something we can read; carries the message to show."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def read_grids(content: bytes, file_name: str) -> list[Grid]:
    """Every sheet of a workbook, or the one table of a CSV file."""
    if not content.strip():
        raise UnreadableFile(Message(ERROR, "msg.empty_file"))
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    if content.startswith(OLE_MAGIC):
        raise UnreadableFile(Message(ERROR, "msg.old_excel"))
    return [_read_csv(content, file_name)]


def _read_xlsx(content: bytes) -> list[Grid]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        return [
            Grid(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except (python_calamine.CalamineError, zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile(Message(ERROR, "msg.not_a_workbook", {"detail": str(error)[:200]})) from error


def _read_csv(content: bytes, file_name: str) -> Grid:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        if b"\x00" in content:
            raise UnreadableFile(Message(ERROR, "msg.not_a_workbook", {"detail": "binary"})) from None
        text = content.decode("cp1252")
    if "\x00" in text:
        raise UnreadableFile(Message(ERROR, "msg.not_a_workbook", {"detail": "binary"}))
    sample = text[:4096]
    delimiter = max([";", ",", "\t"], key=sample.count)
    rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return Grid(file_name.rsplit("/", 1)[-1], rows)


def workbook_title(content: bytes) -> str | None:
    """The title in a workbook's document properties, if it has one."""
    if not content.startswith(XLSX_MAGIC):
        return None
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            core = archive.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile):
        return None
    title = ElementTree.fromstring(core).find("{http://purl.org/dc/elements/1.1/}title")
    return title.text.strip() if title is not None and title.text and title.text.strip() else None
