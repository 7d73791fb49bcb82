"""A corpus of hostile and broken files, made on the fly (no binaries in the repository).

Each entry: (name, content, the catalogue key of the message that must refuse it).
"""

from __future__ import annotations

import io
import itertools
import struct
import warnings
import zipfile
from collections.abc import Iterable

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


def numbered_members(count: int, name: str, content: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A workbook's skeleton (``xl/workbook.xml``), then ``count`` members named ``name`` with their number."""
    members = ((name.format(number), content) for number in range(count))
    return zipped(itertools.chain([("xl/workbook.xml", b"<workbook/>")], members), compression)


def many_small_members_bomb() -> bytes:
    """70 sheets just under the per-member ratio check's size, 70 MiB of zeros in all."""
    return numbered_members(70, "xl/worksheets/sheet{}.xml", b"\0" * ((1 << 20) - 1))


def many_sheets() -> bytes:
    return numbered_members(300, "xl/worksheets/sheet{}.xml", b"<worksheet/>")


def many_members() -> bytes:
    return numbered_members(10_050, "xl/x{}.xml", b"", zipfile.ZIP_STORED)


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


SHEET_XML = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s<sheetData>%s</sheetData></worksheet>'
KELA_HEADER = (
    "aikatyyppi,kuukausi_nro,vuosikuukausi,vuosi,kunta_nro,kunta_nimi,ikaryhma,sukupuoli,"
    "tyomarkkinatukipaiva_luokka,saaja_lkm,korvattu_paiva_lkm,maksettu_eur,kunta_osuus_eur\n"
)


def with_sheet(rows: bytes, dimension: bytes = b"") -> bytes:
    """The template workbook with its sheet's XML replaced: ``rows`` inside ``<sheetData>``, ``dimension`` before."""
    return rezip(workbook_bytes(), replace={"xl/worksheets/sheet1.xml": SHEET_XML % (dimension, rows)})


def far_apart_cells() -> bytes:
    """Issue 15's worst file: cells in A1 and XFD1048576, as openpyxl writes them (1.6 KB zipped).

    The reader would allocate a grid of 17 billion cells; the sheet declares it (``<dimension>``).
    """
    book = Workbook()
    sheet = book.active
    sheet.title = "Budjetti"
    sheet["A1"] = "rivi"
    sheet["XFD1048576"] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def far_apart_cells_declaring_a1() -> bytes:
    """The far-apart cells under a lying ``<dimension ref="A1"/>``: found by scanning the cell references."""
    rows = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return with_sheet(rows, b'<dimension ref="A1"/>')


def far_apart_cells_spelled_oddly() -> bytes:
    """The far-apart cells with blanks around ``=`` (the reader takes them, the scan does not look for them):
    the reader's allocation fails in the child process, which dies alone."""
    return with_sheet(
        b'<row r = "1"><c r = "A1"><v>1</v></c></row><row r = "1048576"><c r = "XFD1048576"><v>1</v></c></row>'
    )


def duplicate_member() -> bytes:
    """A workbook whose sheet appears twice in the archive: Python's zipfile reads the second, others the first."""
    content = workbook_bytes()
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate it is asked to write
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/worksheets/sheet1.xml", source.read("xl/worksheets/sheet1.xml").replace(b"-900", b"-9"))
    return buffer.getvalue()


def zipped(members: dict[str, bytes] | Iterable[tuple[str, bytes]], compression: int = zipfile.ZIP_STORED) -> bytes:
    """A zip archive of ``members`` (name and content), in their order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items() if isinstance(members, dict) else members:
            archive.writestr(name, data)
    return buffer.getvalue()


def opendocument_spreadsheet() -> bytes:
    return zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<document/>"})


def binary_workbook() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})


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
        ("word-document.xlsx", docx.getvalue(), "msg.zip_not_workbook"),
        ("path-traversal.xlsx", traversal.getvalue(), "msg.zip_not_workbook"),
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
        ("picture.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\0" * 64, "msg.binary_file"),
        ("document.pdf.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02", "msg.binary_file"),
        ("utf16-without-bom.csv", TEMPLATE_HEADER.encode("utf-16-le"), "msg.utf16_without_bom"),
        ("executable.csv", b"\x7fELF\x02\x01\x01\x00" + b"\0" * 64, "msg.binary_file"),
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
        *issue_15_corpus(),
    ]


def issue_15_corpus() -> list[tuple[str, bytes, str]]:
    """Issue 15's kinds: sheets past the size limits, the reader's crash, a CSV field past the field limit,
    ambiguous archives, spreadsheets of other formats, mixed encodings, statistics without rows."""
    row = "Toimintakate;;toimintakate;2019;TA;-900\n"
    return [
        ("far-apart-cells.xlsx", far_apart_cells(), "msg.sheet_declared_too_large"),
        (
            "huge-declared-dimension.xlsx",
            with_sheet(b"", b'<dimension ref="A1:XFD1048576"/>'),
            "msg.sheet_declared_too_large",
        ),
        ("far-apart-cells-declaring-a1.xlsx", far_apart_cells_declaring_a1(), "msg.sheet_too_large"),
        (
            "far-apart-cells-single-quoted.xlsx",
            with_sheet(b"<row r='1'><c r='a1'><v>1</v></c></row><row r='1048576'><c r='xfd1048576'><v>1</v></c></row>"),
            "msg.sheet_too_large",
        ),
        (
            "row-past-excel.xlsx",
            with_sheet(b'<row r="99999999"><c r="A99999999"><v>1</v></c></row>'),
            "msg.sheet_too_large",
        ),
        (
            "too-many-cells.xlsx",  # 1 000 columns × 30 000 rows: each within its limit, 30 million cells are not
            with_sheet(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="30000"><c r="ALL30000"><v>1</v></c></row>'),
            "msg.sheet_too_large",
        ),
        ("far-apart-cells-spelled-oddly.xlsx", far_apart_cells_spelled_oddly(), "msg.reader_stopped"),
        (
            "field-over-the-csv-limit.csv",
            (TEMPLATE_HEADER + row.replace("-900", "1" * 200_000)).encode(),
            "msg.csv_field_too_long",
        ),
        ("bare-carriage-returns.csv", (TEMPLATE_HEADER + row).replace("\n", "\r").encode(), "msg.csv_bad_line"),
        ("duplicate-member.xlsx", duplicate_member(), "msg.duplicate_member"),
        ("spreadsheet.ods", opendocument_spreadsheet(), "msg.ods_workbook"),
        ("binary.xlsb", binary_workbook(), "msg.xlsb_workbook"),
        (
            "mixed-encodings.csv",
            (TEMPLATE_HEADER + row).encode() + "Käyttötalous;Toimintakate;toimintakulut;2019;TA;-1\n".encode("cp1252"),
            "msg.mixed_encoding",
        ),
        (
            "undefined-cp1252-byte.csv",
            TEMPLATE_HEADER.encode("cp1252") + b"Toimintakate\x81;;toimintakate;2019;TA;-900\n",
            "msg.bad_encoding",
        ),
        ("kela-header-only.csv", KELA_HEADER.encode(), "msg.statistics_no_rows"),
    ]
