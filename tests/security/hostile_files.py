"""A corpus of hostile and broken files, made on the fly (no binaries in the repository).

Each entry: (name, content, the catalogue key of the message that must refuse it).
"""

from __future__ import annotations

import io
import struct
import zipfile

from openpyxl import Workbook

TEMPLATE_HEADER = "rivi;ylärivi;luokka;vuosi;skenaario;summa\n"


def workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Budjetti"
    sheet.append(["rivi", "ylärivi", "luokka", "vuosi", "skenaario", "summa"])
    sheet.append(["Toimintakate", None, "toimintakate", 2019, "TA", -900])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(
    content: bytes,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The workbook's archive with members replaced or added."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, data in add.items():
            target.writestr(name, data)
    return buffer.getvalue()


def ratio_bomb() -> bytes:
    """A sheet of 64 MiB of zeros that compresses about 1 000:1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):
                member.write(chunk)
    return buffer.getvalue()


def lying_size_bomb() -> bytes:
    """A small archive whose directory declares a member of 4 GiB (declared total size)."""
    content = bytearray(workbook_bytes())
    directory = content.rfind(b"PK\x01\x02")  # the last central directory entry
    struct.pack_into("<I", content, directory + 24, 0xFFFFFFF0)  # uncompressed size
    return bytes(content)


def many_small_members_bomb() -> bytes:
    """70 sheets just under the per-member ratio check's size, 70 MiB of zeros in all."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for number in range(70):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", b"\0" * ((1 << 20) - 1))
    return buffer.getvalue()


def many_sheets() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for number in range(300):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", b"<worksheet/>")
    return buffer.getvalue()


def many_members() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for number in range(10_050):
            archive.writestr(f"xl/x{number}.xml", b"")
    return buffer.getvalue()


def ole(names: list[str]) -> bytes:
    """The start of an OLE compound file (the container of .xls and of encrypted .xlsx) naming ``names``."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in names)
    return header + directory + b"\0" * 1024


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol3;'
    b"</t></is></c></row></sheetData></worksheet>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst><si><t>&xxe;</t></si></sst>'
)


def corpus() -> list[tuple[str, bytes, str]]:
    good = workbook_bytes()
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", b"<document/>")
    traversal = io.BytesIO()
    with zipfile.ZipFile(traversal, "w") as archive:
        archive.writestr("../../../../tmp/evil.xml", b"<x/>")
    return [
        ("empty.xlsx", b"", "msg.empty_file"),
        ("whitespace.csv", b" \r\n\t \n", "msg.empty_file"),
        ("ratio-bomb.xlsx", ratio_bomb(), "msg.zip_bomb"),
        ("lying-size-bomb.xlsx", lying_size_bomb(), "msg.zip_bomb"),
        ("ten-thousand-members.xlsx", many_members(), "msg.zip_bomb"),
        ("many-small-members-bomb.xlsx", many_small_members_bomb(), "msg.zip_bomb"),
        ("three-hundred-sheets.xlsx", many_sheets(), "msg.zip_bomb"),
        (
            "huge-cube.json",
            b'{"version": "2.0", "class": "dataset", "id": ["Alue", "Kuukausi", "Tiedot"], '
            b'"size": [100000, 100000, 1000], "dimension": {}, "value": []}',
            "msg.statfin_too_large",
        ),
        ("macros.xlsm", rezip(good, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}), "msg.macro_workbook"),
        ("macros-renamed.xlsx", rezip(good, add={"xl/VBAProject.bin": b"macro"}), "msg.macro_workbook"),
        ("encrypted.xlsx", ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]), "msg.encrypted_workbook"),
        ("old-excel.xls", ole(["Root Entry", "Workbook"]), "msg.old_excel"),
        ("truncated.xlsx", good[: len(good) // 2], "msg.truncated_file"),
        ("truncated-header.xlsx", good[:30], "msg.truncated_file"),
        ("word-document.xlsx", docx.getvalue(), "msg.not_a_workbook"),
        ("path-traversal.xlsx", traversal.getvalue(), "msg.not_a_workbook"),
        ("billion-laughs.xlsx", rezip(good, replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS}), "msg.xml_doctype"),
        (
            "late-doctype.xlsx",
            rezip(
                good,
                replace={
                    "xl/worksheets/sheet1.xml": b"<?xml version='1.0'?>"
                    + b"<!-- x -->" * 400
                    + BILLION_LAUGHS.split(b"?>", 1)[1]
                },
            ),
            "msg.xml_doctype",
        ),
        ("external-entity.xlsx", rezip(good, add={"xl/sharedStrings.xml": EXTERNAL_ENTITY}), "msg.xml_doctype"),
        ("picture.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\0" * 64, "msg.not_a_workbook"),
        ("document.pdf.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02", "msg.not_a_workbook"),
        ("utf16-with-nul.csv", TEMPLATE_HEADER.encode("utf-16-le"), "msg.not_a_workbook"),
        ("executable.csv", b"\x7fELF\x02\x01\x01\x00" + b"\0" * 64, "msg.not_a_workbook"),
        ("deep-json.json", b'{"id": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "msg.statfin_not_jsonstat"),
        ("not-json.json", b'{"version": "2.0", "id": ', "msg.statfin_not_jsonstat"),
        ("header-only.csv", TEMPLATE_HEADER.encode(), "msg.no_rows"),
        (
            "formula-amount.csv",
            (TEMPLATE_HEADER + "Toimintakate;;toimintakate;2019;TA;=1+1\n").encode(),
            "msg.not_a_number",
        ),
        (
            "huge-year.csv",
            (TEMPLATE_HEADER + "Toimintakate;;toimintakate;9" + "9" * 400 + ";TA;1\n").encode(),
            "msg.bad_year",
        ),
        ("random-text.csv", b"lorem ipsum dolor sit amet\nconsectetur adipiscing\n", "msg.unknown_budget_kind"),
    ]
