"""Formats we do not read are named in the user's language; text is read in its one encoding or refused by line."""

from __future__ import annotations

import pytest

from data_loaders import parsing, sandbox
from data_loaders.imports import import_file
from tests.conftest import SAMPLE
from tests.security.hostile_files import (
    KELA_HEADER,
    TEMPLATE_HEADER,
    binary_workbook,
    corpus,
    opendocument_spreadsheet,
    with_sheet,
)

LINE = "Työllisyyspalvelut;;toimintakate;2019;TA;-900\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "cp1252", "utf-8-sig"])
def test_a_budget_csv_is_read_in_its_encoding_without_mojibake(db_url: str, encoding: str):
    content = (TEMPLATE_HEADER + LINE).encode(encoding)
    if encoding == "utf-16-be":
        content = b"\xfe\xff" + content  # the byte order mark Python writes only for "utf-16"
    result = import_file(content, "budjetti.csv", url=db_url, dry_run=True)
    assert result.status == "imported", [m.text("fi") for m in result.messages]
    assert list(result.lines["name"]) == ["Työllisyyspalvelut"]
    assert result.totals[0]["toimintakate"] == -900.0


def test_a_kela_file_saved_as_utf16_is_read_as_kela(db_url: str):
    content = (SAMPLE / "kela_kuntaosuus_synteettinen_2016_2020.csv").read_text(encoding="utf-8").encode("utf-16")
    result = import_file(content, "kela_utf16.csv", url=db_url, dry_run=True)
    assert (result.status, result.kind) == ("imported", "kela_kuntaosuus")


def test_mixed_encodings_are_refused_naming_the_first_line_that_is_not_utf8(db_url: str):
    content = (TEMPLATE_HEADER + LINE + LINE).encode() + LINE.encode("cp1252") + LINE.encode()
    result = import_file(content, "sekaisin.csv", url=db_url)
    assert [m.key for m in result.messages] == ["msg.mixed_encoding"]
    assert "rivi 4 ei ole UTF-8:aa" in result.messages[0].text("fi")
    assert "line 4 is not UTF-8" in result.messages[0].text("en")


FORMATS = [  # (file, content, Finnish, English): each names the format and what to do
    (
        "laskelma.ods",
        opendocument_spreadsheet(),
        ".ods (OpenDocument-laskentataulukko): tallenna Excel-työkirjana (.xlsx)",
        ".ods (OpenDocument spreadsheet): save it as an Excel workbook (.xlsx)",
    ),
    (
        "laskelma.xlsb",
        binary_workbook(),
        ".xlsb (Excelin binäärityökirja): tallenna Excel-työkirjana (.xlsx)",
        ".xlsb (Excel binary workbook): save it as an Excel workbook (.xlsx)",
    ),
    (
        "laskelma.csv",
        TEMPLATE_HEADER.encode("utf-16-le"),
        "UTF-16-tekstiä ilman tavujärjestysmerkkiä (BOM): tallenna se UTF-8-muodossa",
        "UTF-16 text without a byte order mark (BOM): save it as UTF-8",
    ),
    ("laskelma.csv", b"\x7fELF\x02\x01\x01\x00" + bytes(64), "binääridataa", "binary data"),
    (
        "asiakirja.xlsx",
        with_sheet(b"").replace(b"xl/workbook.xml", b"xl/document.xml"),
        "Tiedosto ei ole Excel-työkirja (.xlsx): se on zip-arkisto",
        "The file is not an Excel workbook (.xlsx): it is a zip archive",
    ),
]


@pytest.mark.parametrize(("name", "content", "finnish", "english"), FORMATS, ids=[f[0][-4:] for f in FORMATS])
def test_a_format_we_do_not_read_is_named_in_the_users_language(
    db_url: str, name: str, content: bytes, finnish: str, english: str
):
    result = import_file(content, name, url=db_url)
    [message] = result.messages
    assert finnish in message.text("fi") and english in message.text("en")


def test_an_unreadable_workbook_is_told_without_the_readers_english(db_url: str):
    broken = with_sheet(b'<row r="1"><c r="C"><v>1</v></c></row>')  # python-calamine: "Range is missing ..."
    result = import_file(broken, "rikki.xlsx", url=db_url)
    assert [m.key for m in result.messages] == ["msg.unreadable_workbook"]
    assert result.messages[0].text("fi") == (
        "Työkirjaa ei voi lukea: sen rakenne on rikki tai se ei ole Excelin .xlsx-muotoa. "
        "Tallenna se Excelissä uudelleen muotoon .xlsx."
    )


def test_no_refusal_in_the_corpus_quotes_the_readers_detail():
    """``msg.not_a_workbook`` carried English words ("binary", "zip") and the reader's own error text."""
    for name, content, _ in corpus():
        try:
            parsed = sandbox.run(parsing.parse_file, content, name, parsing.Register({}, None))  # crashes: not here
        except sandbox.ParseFailed:
            continue
        messages = parsed.statistics.messages if parsed.statistics else parsed.messages
        assert "msg.not_a_workbook" not in [m.key for m in messages], name


def test_a_statistics_file_without_rows_is_refused_not_an_empty_version(sample_url: str):
    from db import queries

    before = queries.table_counts(sample_url)
    result = import_file(KELA_HEADER.encode(), "kela_tyhja.csv", url=sample_url)
    assert result.status == "rejected" and result.version is None
    [empty] = [m for m in result.messages if m.key == "msg.statistics_no_rows"]
    assert empty.text("fi") == "Tiedostossa kela_tyhja.csv ei ole yhtään tietoriviä: tyhjää versiota ei tallenneta."
    assert queries.table_counts(sample_url) == before
