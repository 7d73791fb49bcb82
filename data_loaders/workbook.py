"""Reading files into grids of cell values: xlsx through python-calamine, CSV as text.

A grid is a list of rows of raw values with its sheet name; row 0 is Excel's row 1,
column 0 is column A, so every value can be named by its cell.

Text is UTF-8, UTF-16 with its byte order mark, or Windows-1252 when the
whole file is: a file that mixes encodings is refused with its first bad
line named, never read as mojibake.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property

import python_calamine

from data_loaders import safety, sheet_visibility
from data_loaders.messages import ERROR, Message

XLSX_MAGIC = safety.XLSX_MAGIC


@dataclass(frozen=True)
class Grid:
    """One sheet's cell values; ``book`` reaches the xlsx behind it (formatting, formulas), if any."""

    sheet: str
    rows: list[list[object]]
    book: XlsxBook | None = field(default=None, compare=False, repr=False)

    def value(self, row: int, column: int) -> object:
        """The value at zero-based ``row``, ``column``; ``''`` outside the rows read."""
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return ""


class UnreadableFile(Exception):
    """The file is not something we can read; carries the message to show."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def read_grids(content: bytes, file_name: str) -> list[Grid]:
    """Every sheet of a workbook, or the one table of a CSV file; hostile files are refused unread."""
    refused = safety.refusal(content)
    if refused is not None:
        raise UnreadableFile(refused)
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    return [_read_csv(content, file_name)]


def _read_xlsx(content: bytes) -> list[Grid]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        book = XlsxBook(content)
        shown, hidden = sheet_visibility.visible_sheets(workbook)  # hidden and veryHidden sheets are not read
        grids = [Grid(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False), book) for name in shown]
        return sheet_visibility.Sheets(grids, hidden)
    except (python_calamine.CalamineError, zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile(Message(ERROR, "msg.unreadable_workbook")) from error


def _read_csv(content: bytes, file_name: str) -> Grid:
    text, delimiter = csv_text(content, checked=True)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [list(row) for row in reader]
    except csv.Error as error:  # a field past the field limit, or a carriage return alone ending a line
        fields = {"line": reader.line_num, "limit": csv.field_size_limit()}
        key = "msg.csv_field_too_long" if "field limit" in str(error) else "msg.csv_bad_line"
        raise UnreadableFile(Message(ERROR, key, fields)) from error
    return Grid(file_name.rsplit("/", 1)[-1], rows)


def csv_text(content: bytes, checked: bool = False) -> tuple[str, str]:
    """A CSV file's text (``decoded``) and its delimiter (``;``, ``,`` or tab, whichever its start has most).

    Hostile or binary content is refused (``UnreadableFile``); ``checked`` when
    ``safety.refusal`` has already looked at it.
    """
    refused = None if checked else safety.refusal(content)
    if refused is not None:
        raise UnreadableFile(refused)
    text = decoded(content)
    if "\x00" in text:
        raise UnreadableFile(Message(ERROR, "msg.binary_file"))
    sample = text[:4096]
    return text, max([";", ",", "\t"], key=sample.count)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decoded(content: bytes) -> str:
    """The characters of a text file: UTF-16 after its byte order mark, UTF-8, or else Windows-1252.

    Windows-1252 only when the file holds no UTF-8 sequence at all (a file
    with both is two encodings mixed: refused, naming the first line that is
    not UTF-8) and every byte is defined in it (the strict codec refuses the
    five bytes that would become C1 control characters). A refusal names the line.

    >>> decoded("Työ".encode()), decoded("Työ".encode("cp1252")), decoded("Työ".encode("utf-16"))
    ('Työ', 'Työ', 'Työ')
    >>> decoded("Työ\\n".encode() + "Työ".encode("cp1252"))
    Traceback (most recent call last):
    data_loaders.workbook.UnreadableFile: msg.mixed_encoding
    """
    if content.startswith(safety.UTF16_BOMS):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            line = content[: error.start].decode("utf-16", "replace").count("\n") + 1
            raise UnreadableFile(Message(ERROR, "msg.bad_utf16", {"line": line})) from None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        first_bad = _line_at(content, error.start)
    if _UTF8_SEQUENCE.search(content):
        raise UnreadableFile(Message(ERROR, "msg.mixed_encoding", {"line": first_bad}))
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(Message(ERROR, "msg.bad_encoding", {"line": _line_at(content, error.start)})) from None


def _line_at(content: bytes, index: int) -> int:
    return content.count(b"\n", 0, index) + 1


def utf8_of(content: bytes) -> bytes:
    """UTF-16 text (with its byte order mark) as UTF-8, so every sniffer reads it; other content as it is."""
    if not content.startswith(safety.UTF16_BOMS):
        return content
    try:
        return content.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        return content  # ``decoded`` refuses it, naming the line


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


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def cell_position(reference: str) -> tuple[int, int]:
    """Zero-based (row, column) of an Excel reference.

    >>> cell_position("B7"), cell_position("AA1")
    ((6, 1), (0, 26))
    """
    letters, digits = _CELL_REF.fullmatch(reference).groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(digits) - 1, column - 1


@dataclass(frozen=True)
class SheetFormats:
    """What openpyxl tells of one sheet's layout: label indentation and row outline levels (zero-based rows)."""

    indent: dict[tuple[int, int], int]
    outline: dict[int, int]
    summary_below: bool


class XlsxBook:
    """The xlsx archive behind the grids, opened only when a loader asks for more than values.

    Cell values come from python-calamine. Two things it does not give are read
    here, each only when needed: formula cells without a cached value (calamine
    returns ``''`` for them) and formatting (indentation, outline levels), for
    which openpyxl loads the workbook once.
    """

    def __init__(self, content: bytes) -> None:
        self.content = content
        self._openpyxl = None

    @cached_property
    def _sheet_paths(self) -> dict[str, str]:
        from defusedxml import ElementTree

        with zipfile.ZipFile(io.BytesIO(self.content)) as archive:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
        paths = {}
        for sheet in workbook.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"), "")
            paths[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        return paths

    def sheet_xml(self, sheet: str) -> bytes:
        path = self._sheet_paths.get(sheet)
        if path is None:
            return b""
        with zipfile.ZipFile(io.BytesIO(self.content)) as archive:
            return archive.read(path)

    def formulas_without_values(self, sheet: str, cells: set[str] | None = None) -> list[str]:
        """Cells holding a formula whose value Excel never calculated and stored (of ``cells`` if given).

        A workbook written by a program rather than saved by Excel can carry
        formulas without their results; calamine reads those cells as blank.
        The sheet's XML is searched only for the element ``<f``: most sheets
        have none and cost one substring search.
        """
        if not self._has_formulas(sheet):
            return []
        xml = self.sheet_xml(sheet)
        found = []
        for match in _FORMULA_CELL.finditer(xml):
            reference, body = match.group("ref").decode(), match.group("body") or b""
            if cells is not None and reference not in cells:
                continue
            value = _VALUE.search(body)
            if _FORMULA.search(body) and (value is None or not value.group("value").strip()):
                found.append(reference)
        return found

    def _has_formulas(self, sheet: str) -> bool:
        """Whether the sheet's XML holds a formula element, read in chunks (a large sheet is never held whole)."""
        path = self._sheet_paths.get(sheet)
        if path is None:
            return False
        marker, tail = None, b""
        with zipfile.ZipFile(io.BytesIO(self.content)) as archive, archive.open(path) as stream:
            while chunk := stream.read(1 << 22):
                block = tail + chunk
                if marker is None:
                    prefixed = re.search(rb"<(\w+):worksheet\b", block[:4096])
                    marker = b"<" + prefixed.group(1) + b":f" if prefixed else b"<f"
                if marker in block:
                    return True
                tail = block[-32:]
        return False

    def has_layout_hierarchy(self, sheet: str) -> bool:
        """True when the sheet may show a hierarchy by formatting: indented cells or outlined rows.

        A cheap sniff of the XML so openpyxl is loaded only for workbooks that use them.
        """
        if b' outlineLevel="' in self.sheet_xml(sheet):
            return True
        with zipfile.ZipFile(io.BytesIO(self.content)) as archive:
            try:
                styles = archive.read("xl/styles.xml")
            except KeyError:
                return False
        return re.search(rb'indent="[1-9]', styles) is not None

    def formats(self, sheet: str) -> SheetFormats:
        """Indentation of every cell that has one, and row outline levels, through openpyxl.

        Outline levels live in row dimensions, which openpyxl's read-only mode
        does not offer, so the workbook is loaded whole (once per import).
        """
        if self._openpyxl is None:
            from openpyxl import load_workbook

            self._openpyxl = load_workbook(io.BytesIO(self.content), data_only=True)
        worksheet = self._openpyxl[sheet]
        indent = {
            (cell.row - 1, cell.column - 1): int(cell.alignment.indent)
            for row in worksheet.iter_rows()
            for cell in row
            if cell.has_style and cell.alignment is not None and cell.alignment.indent
        }
        outline = {
            number - 1: int(dimension.outline_level)
            for number, dimension in worksheet.row_dimensions.items()
            if dimension.outline_level
        }
        properties = worksheet.sheet_properties.outlinePr
        summary_below = True if properties is None or properties.summaryBelow is None else bool(properties.summaryBelow)
        return SheetFormats(indent, outline, summary_below)


_FORMULA_CELL = re.compile(
    # the body may not run past the next cell's opening: an unclosed <c> costs one cell, not the rest of the sheet
    rb'<(?:\w+:)?c\b[^>]*?\br="(?P<ref>[A-Z]+\d+)"[^>]*?(?:/>|>(?P<body>(?:(?!<(?:\w+:)?c\b).)*?)</(?:\w+:)?c>)',
    re.DOTALL,
)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>(?P<value>[^<]*)</(?:\w+:)?v>")
