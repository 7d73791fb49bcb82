"""Budget workbooks in the layouts municipalities really use, built with openpyxl for the tests.

Each builder returns xlsx bytes. The seed tables (seeds 000 and 004) come in
wide form with title rows; the others show one layout feature each. The
figures each test expects are given beside the test, with their source.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment

MINUS, NBSP = "\u2212", "\u00a0"


def workbook(
    sheets: dict[str, list[list[object]]],
    *,
    indent: dict[str, dict[int, int]] | None = None,
    outline: dict[str, dict[int, int]] | None = None,
    title: str | None = None,
) -> bytes:
    """Sheets of rows; ``indent`` and ``outline`` give, per sheet, Excel row number → level."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for number, level in (indent or {}).get(name, {}).items():
            sheet.cell(number, 1).alignment = Alignment(indent=level)
        for number, level in (outline or {}).get(name, {}).items():
            sheet.row_dimensions[number].outlineLevel = level
    if title:
        book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def vusu_2017() -> bytes:
    """Seed 000 p. 2, "TYÖLLISYYDENHOITO VUSU 2017 1.000": flat JHS 192 names, the margin at the bottom."""
    rows = [
        ["TYÖLLISYYDENHOITO VUSU 2017 1.000"],
        ["Kaupunkiseudun työllisyyspalvelut"],
        [],
        ["", "VUSU 2017"],
        ["Toimintatuotot", 4932],
        ["Myyntituotot", 13],
        ["Maksutuotot", None],
        ["Tuet ja avustukset", 4218],
        ["Vuokratuotot", 66],
        ["Muut toimintatuotot", 635],
        ["Toimintakulut", -48664],
        ["Henkilöstökulut", -9576],
        ["Palkat ja palkkiot", -7834],
        ["Henkilösivukulut", -1742],
        ["Eläkekulut", -1336],
        ["Muut henkilösivukulut", -406],
        ["Palvelujen ostot", -5805],
        ["Aineet, tarvikkeet ja tavarat", -68],
        ["Avustukset", -32593],
        ["Vuokrakulut", -560],
        ["Muut toimintakulut", -63],
        ["TOIMINTAKATE", -43732],
    ]
    return workbook({"VUSU 2017": rows}, title="Työllisyydenhoito")


DEVELOPMENT_ROWS = [
    ["KEHITYSOHJELMAN BUDJETTI"],
    [],
    ["1 000 €", 2017, 2018],
    ["Toimipistekulut", -320, -250],
    ["Tilavuokrat", -110, -250],
    ["Kalustus", -80, None],
    ["ICT-infra ja laitehankinnat", -50, None],
    ["Muutostyö- ja muuttokustannukset", -80, None],
    ["Yhteisesti jaettavia kuluja", -325, -350],
    ["ICT+tietosuoja+muut osuus yhteisistä", -120, -40],
    ["Koulutus", -50, -50],
    ["Mamu-Koto-osuus yhteisistä + Horisontti", -70, -140],
    ["Työ- ja toimintakyvyn arviointipalvelu", -85, -120],
    ["Varautuminen toiminnan kehittämiseen", -155, -400],
    ["Nuortentalo koordinaattori -rekry", -30, -50],
    ["Ratikka + Kunkun parkki -agenttirekry", -25, -50],
    ["Rekryvaraus", -50, -100],
    ["Digi- ja muut palvelut -varaus", -50, -200],
    ["VAIKUTUS TOIMINTAKATTEESEEN", -800, -1000],
]
DEVELOPMENT_ITEMS = (5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18)  # Excel rows of the lines under the three groups


def development_programme() -> bytes:
    """Seed 000 p. 2, "KEHITYSOHJELMAN BUDJETTI 2017 1.000 2018 1.000": items indented by cell format."""
    indent = {"Kehitysohjelma": {number: 1 for number in DEVELOPMENT_ITEMS}}
    return workbook({"Kehitysohjelma": DEVELOPMENT_ROWS}, indent=indent, title="Kehitysohjelman budjetti")


KUOPIO_ROWS = [
    ["Taulukko 2. Alustava hahmotelma vuoden 2019 käytössä olevista resursseista."],
    ["euroa", 2019],
    ["Toimintatuotot, joista", 1456694],
    ["palkkatuki", 603600],
    ["hankerahoitus", 703094],
    ["kuntouttavan työtoiminnan valtionkorvaus", 150000],
    ["Toimintakulut, joista", -18510561],
    ["työmarkkinatuen kuntaosuus", -10250000],
    [
        "työllistäminen (palkkatuettu työ, opiskelijoiden ja koululaisten kesätyö ja kesätyösetelit, "
        "työllistämisen tuki yrityksille ja järjestöille)",
        -3480000,
    ],
    ["asiakaspalvelujen ostot", -1800000],
    ["työllisyyspalvelun oma toiminta", -1790000],
    ["työllisyyshankkeet", -1030000],
    ["avustukset yksityisille henkilöille (mm. bussikortit) ja järjestöille kuntouttavasta työtoiminnasta", -160000],
    ["Toimintakate", -17053867],
]


def kuopio_2019() -> bytes:
    """Seed 004, Taulukko 2: "joista" lines, euros, a bare year heading."""
    return workbook({"Resurssit 2019": KUOPIO_ROWS}, title="Käytettävissä olevat resurssit 2019")


def spaces_and_totals() -> bytes:
    """Hierarchy by leading spaces, Yhteensä rows under headings, units in the headings (t€), two scenarios.

    A Yhteensä row under a heading without amounts is that heading's amount;
    one after lines without a heading becomes their parent.
    """
    rows = [
        ["Talousarvio 2019 – työllisyyspalvelut"],
        [],
        ["Tuloslaskelma", "TP 2018 t€", "TA 2019 t€"],
        ["Toimintatuotot", None, None],
        ["  Myyntituotot", 120, 130],
        ["  Tuet ja avustukset", 2000, 2100],
        ["  Yhteensä", 2120, 2230],
        ["Toimintakulut", None, None],
        ["  Henkilöstökulut", -3000, -3200],
        ["    Palkat ja palkkiot", -2400, -2550],
        ["    Henkilösivukulut", -600, -650],
        ["  Palvelujen ostot", -1500, -1600],
        ["  Vuokrakulut", -100, -100],
        ["  Muut toimintakulut", -50, -60],
        ["  Yhteensä", -4650, -4960],
        ["Toimintakate", -2530, -2730],
    ]
    return workbook({"Tuloslaskelma": rows})


def yhteensa_without_heading() -> bytes:
    """A flat sheet whose Yhteensä rows total the lines above them, back to a blank row."""
    rows = [
        ["Talousarvio 2020 (euroa)"],
        ["", "TA 2020"],
        ["Myyntituotot", 1000],
        ["Maksutuotot", 500],
        ["Yhteensä", 1500],
        [],
        ["Palvelujen ostot", -4000],
        ["Vuokrakulut", -1000],
        ["Yhteensä", -5000],
        [],
        ["Toimintakate", -3500],
    ]
    return workbook({"TA 2020": rows})


def outline_levels() -> bytes:
    """Excel outline levels (grouped rows) with the summary rows below their details, English headings."""
    rows = [
        ["Employment services, 1000 EUR"],
        ["Line", "Actual 2018", "Budget 2019"],
        ["Sales", 50, 60],
        ["Fees", 10, 10],
        ["Operating income", 60, 70],
        ["Wages and salaries", -700, -720],
        ["Purchases of services", -300, -310],
        ["Operating expenses", -1000, -1030],
        ["Operating margin", -940, -960],
    ]
    outline = {"Budget": {3: 2, 4: 2, 5: 1, 6: 2, 7: 2, 8: 1}}
    return workbook({"Budget": rows}, outline=outline)


def text_numbers() -> bytes:
    """Amounts as Finnish text (U+2212, non-breaking spaces, decimal comma), costs written positive, k€."""
    rows = [
        ["Työllisyyspalvelut, ennuste"],
        ["k€", "Ennuste 2020", "muutettu TA 2020"],
        ["Toimintatuotot", f"1{NBSP}234,5", "1 200"],
        ["Toimintakulut", f"5{NBSP}000,25", "4 900"],
        ["Palvelujen ostot", "3 000,25", "2 900"],
        ["Muut toimintakulut", "2 000", "2 000"],
        ["Toimintakate", f"{MINUS}3{NBSP}765,75", f"{MINUS}3 700"],
    ]
    return workbook({"Ennuste": rows})


def several_sheets() -> bytes:
    """One budget over several sheets (actual 2018; budget and forecast 2019) and an instructions sheet."""
    return workbook(
        {
            "Ohjeet": [["Täytä summat euroina."], ["Kulut negatiivisina."]],
            "Toteuma": [
                ["Toteuma 2018, euroa"],
                ["", "Toteuma 2018"],
                ["Toimintatuotot", 100],
                ["Toimintakulut", -900],
                ["Toimintakate", -800],
            ],
            "Talousarvio": [
                ["Talousarvio ja ennuste 2019, euroa"],
                ["", "TA 2019", "Ennuste 2019"],
                ["Toimintatuotot", 110, 120],
                ["Toimintakulut", -1000, -980],
                ["Toimintakate", -890, -860],
            ],
        }
    )


LEDGER_HEADER = [
    "Vuosi",
    "Tulosyksikkö",
    "Tulosyksikön nimi",
    "TY hierarkia taso 1",
    "TY hierarkia taso 2",
    "TY hierarkia taso 3",
    "Pääkirjatiliryhmä",
    "Pääkirjatili",
    "Pääkirjatilin nimi",
    "TA 2019",
    "TP 2018",
]
LEDGER_UNITS = {1101: "Työllisyyspalvelut", 1102: "Nuorten palvelut"}


def ledger_row(
    unit: int, group: str, account: int | str, account_name: str | None, ta_2019: object, tp_2018: object
) -> list:
    """A row of the ledger extract: 2019, the unit and its name, Tampere › Elinvoima › Työllisyys, the account."""
    return [
        2019,
        unit,
        LEDGER_UNITS[unit],
        "Tampere",
        "Elinvoima",
        "Työllisyys",
        group,
        account,
        account_name,
        ta_2019,
        tp_2018,
    ]


LEDGER_ROWS = [
    # costs written positive and income negative, as a ledger books them (debit +, credit −)
    ledger_row(1101, "Myyntituotot", 300100, "Myyntituotot kunnille", -1000, -900),
    ledger_row(1102, "Myyntituotot", 300100, "Myyntituotot kunnille", -500, -400),
    ledger_row(1101, "Tuet ja avustukset", "330000 Valtionavustukset", None, f"{MINUS}2 000,50", -1800),
    ledger_row(1101, "Palkat ja palkkiot", 400000, "Vakinaisten palkat", 5000.25, 4800),
    ledger_row(1101, "Henkilösivukulut", 410000, "KuEL-eläkemaksut", 1200, 1150),
    ledger_row(1102, "Palvelujen ostot", 434000, "Asiakaspalvelujen ostot", 3000, 2500),
    ledger_row(1102, "Palvelujen ostot", 434000, "Asiakaspalvelujen ostot", 100, 0),
    ledger_row(1102, "Vuokrakulut", 480000, "Tilavuokrat", 1200, None),
    ledger_row(1102, "Poistot ja arvonalentumiset", 690000, "Suunnitelmapoistot", 700, 700),
    ledger_row(1101, "Rahoitustuotot", 510000, "Korkotuotot", -30, -20),
    [None, None, "Yhteensä", None, None, None, None, None, None, 9870.25, 7930],
]


def ledger_extract() -> bytes:
    """A general-ledger extract shaped like Tampere's open budget data, with a title and a total row."""
    rows = [["Tampereen kaupunki, talousarvio 2019 ja tilinpäätös 2018, euroa"], LEDGER_HEADER, *LEDGER_ROWS]
    return workbook({"Talousarvio": rows})


# ------------------------------------------------------------------ broken ones


def formula_without_value() -> bytes:
    """A total written as a formula by a program: no cached value, so the amount is unknown."""
    rows = [
        ["Talousarvio 2019 (euroa)"],
        ["", "TA 2019"],
        ["Toimintatuotot", 100],
        ["Toimintakulut", -900],
        ["Toimintakate", "=B3+B4"],
    ]
    return workbook({"TA": rows})


def text_in_amount() -> bytes:
    rows = [
        ["Talousarvio 2019 (euroa)"],
        ["", "TA 2019"],
        ["Toimintatuotot", 100],
        ["Toimintakulut", "paljon"],
        ["Toimintakate", -800],
    ]
    return workbook({"TA": rows})


def duplicate_columns() -> bytes:
    rows = [
        ["Talousarvio (euroa)"],
        ["", "TA 2019", "Talousarvio 2019"],
        ["Toimintatuotot", 100, 100],
        ["Toimintakate", 100, 100],
    ]
    return workbook({"TA": rows})


def no_budget_table() -> bytes:
    return workbook({"Muistio": [["Kokousmuistio"], ["Päätettiin jatkaa."]]})
