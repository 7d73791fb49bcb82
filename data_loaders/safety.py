"""Refusing hostile or broken files before any parser sees them.

Checked on the raw bytes, cheaply: the archive's declared sizes and
compression ratios (zip bombs), macro and encrypted workbooks, archives that
are not workbooks, truncated archives, XML with a document type declaration
(entity bombs: Excel never writes one), and binary data posing as CSV.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl.xml

from data_loaders.messages import ERROR, Message

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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
    if b"\x00" in content[:8192]:
        return Message(ERROR, "msg.not_a_workbook", {"detail": "binary"})
    return None


def _is_encrypted(content: bytes) -> bool:
    """An Office file encrypted with a password is an OLE container holding ``EncryptedPackage``."""
    return "EncryptedPackage".encode("utf-16-le") in content


def _archive_refusal(content: bytes) -> Message | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        return Message(ERROR, "msg.truncated_file")
    names = {member.filename for member in members}
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        return Message(ERROR, "msg.zip_bomb")
    if any(_ratio(m) > MAX_MEMBER_RATIO for m in members if m.file_size > RATIO_APPLIES_ABOVE):
        return Message(ERROR, "msg.zip_bomb")
    expanded, packed = sum(m.file_size for m in members), sum(m.compress_size for m in members)
    if expanded > ARCHIVE_RATIO_APPLIES_ABOVE and expanded / max(packed, 1) > MAX_ARCHIVE_RATIO:
        return Message(ERROR, "msg.zip_bomb")
    if sum(name.startswith("xl/worksheets/") and name.endswith(".xml") for name in names) > MAX_WORKSHEETS:
        return Message(ERROR, "msg.zip_bomb")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return Message(ERROR, "msg.macro_workbook")
    if "xl/workbook.xml" not in names:
        return Message(ERROR, "msg.not_a_workbook", {"detail": "zip"})
    try:
        for member in members:
            if member.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, member):
                return Message(ERROR, "msg.xml_doctype")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError):
        return Message(ERROR, "msg.truncated_file")
    return None


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
