"""Refusing hostile or broken files before any parser sees them.

Checked on the raw bytes, cheaply: the archive's declared sizes and
compression ratios (zip bombs), members of the same name (which one a reader
takes is ambiguous), macro and encrypted workbooks, spreadsheets of other
formats (.ods, .xlsb) and archives that are not workbooks, truncated
archives, XML with a document type declaration (entity bombs: Excel never
writes one), sheets that declare or reach more rows, columns or cells than
``data_loaders.limits`` allows (``data_loaders.extent``), and binary data
posing as CSV (UTF-16 text with its byte order mark is text).
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl.xml
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from data_loaders import extent, limits
from data_loaders.messages import ERROR, Message

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SNIFF_BYTES = 8192
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024  # what all members of one workbook may expand to
MAX_MEMBER_RATIO = 200  # a sheet's XML compresses 5–30×; a bomb compresses 1 000× and more
RATIO_APPLIES_ABOVE = 1024 * 1024  # small members may compress well without harm
MAX_MEMBERS = 10_000
MAX_WORKSHEETS = 255
MAX_ARCHIVE_RATIO = 100  # the archive as a whole: many small members that each pass still add up
ARCHIVE_RATIO_APPLIES_ABOVE = 64 * 1024 * 1024
XML_PROLOG_BYTES = 64 * 1024  # a DOCTYPE can only stand before the root element; no real prolog is longer
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")


def assert_defused_xml() -> None:
    """openpyxl parses XML through defusedxml (it does when defusedxml is installed)."""
    if not openpyxl.xml.DEFUSEDXML:
        raise RuntimeError("defusedxml is not in use by openpyxl: install defusedxml")


def refusal(content: bytes) -> Message | None:
    """The reason to refuse ``content`` unread, or None when it may be parsed."""
    if not content.strip():
        return Message(ERROR, "msg.empty_file")
    if content.startswith(OLE_MAGIC):
        return Message(ERROR, "msg.encrypted_workbook" if _is_encrypted(content) else "msg.old_excel")
    if content.startswith(XLSX_MAGIC):
        return _archive_refusal(content)
    if content.startswith(UTF16_BOMS):
        return None  # text: decoded (and checked) by ``workbook.csv_text``
    head = content[:SNIFF_BYTES]
    if b"\x00" in head:
        return Message(ERROR, "msg.utf16_without_bom" if looks_like_utf16(head) else "msg.binary_file")
    return None


def looks_like_utf16(head: bytes) -> bool:
    """True when every other byte is zero and the rest are not: text in UTF-16 (without its byte order mark).

    >>> looks_like_utf16("rivi;summa".encode("utf-16-le")), looks_like_utf16(b"\\x7fELF\\x02\\x01" + bytes(64))
    (True, False)
    """
    even, odd = head[0::2], head[1::2]
    return bool(even and odd) and (
        (odd.count(0) > len(odd) * 0.4 and even.count(0) == 0)
        or (even.count(0) > len(even) * 0.4 and odd.count(0) == 0)
    )


def _is_encrypted(content: bytes) -> bool:
    """An Office file encrypted with a password is an OLE container holding ``EncryptedPackage``."""
    return "EncryptedPackage".encode("utf-16-le") in content


def _archive_refusal(content: bytes) -> Message | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        return Message(ERROR, "msg.truncated_file")
    try:
        for check in (_bomb_refusal, _duplicate_refusal, _kind_refusal, _doctype_refusal, _extent_refusal):
            refused = check(archive, members)
            if refused is not None:
                return refused
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError):
        return Message(ERROR, "msg.truncated_file")
    return None


def _bomb_refusal(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Message | None:
    """Too many members, too large expanded, too well compressed (member or archive), or too many sheets."""
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        return Message(ERROR, "msg.zip_bomb")
    if any(_ratio(m) > MAX_MEMBER_RATIO for m in members if m.file_size > RATIO_APPLIES_ABOVE):
        return Message(ERROR, "msg.zip_bomb")
    expanded, packed = sum(m.file_size for m in members), sum(m.compress_size for m in members)
    if expanded > ARCHIVE_RATIO_APPLIES_ABOVE and expanded / max(packed, 1) > MAX_ARCHIVE_RATIO:
        return Message(ERROR, "msg.zip_bomb")
    if len(_worksheets(members)) > MAX_WORKSHEETS:
        return Message(ERROR, "msg.zip_bomb")
    return None


def _duplicate_refusal(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Message | None:
    """Two members of one name: readers disagree on which counts (Python's zipfile takes the last), so refuse."""
    seen: set[str] = set()
    for member in members:
        if member.filename in seen:
            return Message(ERROR, "msg.duplicate_member", {"member": member.filename})
        seen.add(member.filename)
    return None


def _kind_refusal(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Message | None:
    """Macros, the spreadsheet formats we do not read (named), and archives that are no workbook."""
    names = {member.filename for member in members}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return Message(ERROR, "msg.macro_workbook")
    if "xl/workbook.bin" in names:
        return Message(ERROR, "msg.xlsb_workbook")
    if _is_ods(archive, names):
        return Message(ERROR, "msg.ods_workbook")
    if "xl/workbook.xml" not in names:
        return Message(ERROR, "msg.zip_not_workbook")
    return None


def _is_ods(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """An OpenDocument spreadsheet names itself in its ``mimetype`` member."""
    if "mimetype" not in names or archive.getinfo("mimetype").file_size > 256:
        return False
    return archive.read("mimetype").strip() == ODS_MIMETYPE


def _doctype_refusal(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Message | None:
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, member):
            return Message(ERROR, "msg.xml_doctype")
    return None


def _extent_refusal(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Message | None:
    """A sheet whose declared dimension or furthest cell is past the limits, named with the limits."""
    allowed = limits.current()
    names = _sheet_names(archive)
    for member in _worksheets(members):
        beyond = extent.sheet_reach_beyond(archive, member, allowed)
        if beyond is not None:
            key = "msg.sheet_declared_too_large" if beyond.declared else "msg.sheet_too_large"
            sheet = names.get(member.filename, member.filename.rsplit("/", 1)[-1])
            fields = {"sheet": sheet, "cell": beyond.cell, "rows": beyond.rows, "columns": beyond.columns}
            return Message(ERROR, key, {**fields, **allowed.fields()})
    return None


def _worksheets(members: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    return [m for m in members if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")]


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet member's sheet name as Excel shows it (empty when the workbook does not say)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
    names = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        names[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = sheet.get("name", "")
    return names


def _ratio(member: zipfile.ZipInfo) -> float:
    return member.file_size / max(member.compress_size, 1)


def _declares_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """True when the XML's prolog (all before the root element) declares a document type or entity."""
    with archive.open(member) as stream:
        head = stream.read(XML_PROLOG_BYTES)
    root = _ROOT_ELEMENT.search(head)
    if root is None:
        return len(head) == XML_PROLOG_BYTES  # a prolog this long is no workbook's
    prolog = head[: root.start()].upper()
    return b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog
