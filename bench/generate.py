"""National-scale synthetic data, written as the files the loaders accept (not loaded by default).

Every current municipality of ``sample_data/municipalities.csv`` (309), monthly
from January 2006 to ``--last-month`` (default 2026-09):

- ``kela_kuntaosuus_2006_2024.csv``: Kela's kuntaosuus CSV of the 2015–2024
  rules (column ``tyomarkkinatukipaiva_luokka``): per municipality and month
  the total row, three day-class rows and five age rows, a suppressed
  ``199 Muut kunnat`` row per month, a ``Vuosi`` row per municipality and
  whole year, and a few refund months (negative);
- ``kela_kuntaosuus_2025_2026.csv``: the 2025+ co-financing dataset (columns
  ``etuus`` and ``kertymapaiva_luokka``): total, five day classes, three benefits;
- ``statfin_12r5_2006_2026.json``, ``statfin_12u4_2006_2026.json``: PxWeb
  json-stat2 responses of tables 12r5 (its six indicators) and 12u4
  (AKTASTE) for the municipalities and the whole country (``SSS``), one cell
  in a thousand missing (``..``);
- ``paakirja_<rows>.xlsx``: a general-ledger extract of ``--ledger-rows``
  rows (default 1 000 000) in the layout of ``bench/ingest.py`` (Tampere's
  open budget data), written as the sheet's XML directly, column by column.

Synthetic and deterministic (``--seed``): levels follow population, a
national cycle, the season and noise; nothing in them is real. Vectorised
with numpy and pandas: about a minute on two cores. ::

    .venv/bin/python bench/generate.py [--out bench/data] [--ledger-rows 1000000]
"""

from __future__ import annotations

import argparse
import io
import json
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
MUNICIPALITIES = ROOT / "sample_data" / "municipalities.csv"
DEFAULT_OUT = Path(__file__).resolve().parent / "data"
FIRST_MONTH = "2006-01"
OLD_REGIME_LAST = "2024-12"
TOTAL = "Yhteensä"
OLD_CLASSES = (("300-499", 50, 0.27), ("500-999", 50, 0.33), ("1000", 70, 0.40))  # label, share %, weight
NEW_CLASSES = (("101-200", 10, 0.22), ("201-300", 20, 0.18), ("301-400", 30, 0.15), ("401-999", 40, 0.25))
NEW_CLASSES += (("1000", 50, 0.20),)
NEW_BENEFITS = (("työmarkkinatuki", 0.55), ("peruspäiväraha", 0.15), ("ansiopäiväraha", 0.30))
AGES = (("15-24", 0.08), ("25-34", 0.21), ("35-44", 0.22), ("45-54", 0.24), ("55-64", 0.25))
SEASON = np.array([1.06, 1.03, 1.04, 1.00, 0.98, 0.97, 0.99, 0.98, 0.96, 0.98, 0.99, 1.02])
UNEMPLOYED_SEASON = np.array([1.05, 1.02, 0.99, 0.97, 0.99, 1.08, 1.10, 0.99, 0.95, 0.95, 0.97, 1.04])
# the national cycle by year (2016 = 1): the 2009 and 2015 troughs, 2020, the 2025 rise
CYCLE = dict(
    zip(
        range(2006, 2027),
        [0.78, 0.72, 0.70, 0.86, 0.90, 0.86, 0.88, 0.95, 1.02, 1.06, 1.00, 0.90, 0.80, 0.76, 0.92, 0.84]
        + [0.78, 0.80, 0.86, 0.98, 1.04],
        strict=True,
    )
)
DAILY_RATE_CENTS = 3378
R5_INDICATORS = ("TYOTTOMATLOPUSSA", "PITKAAIKAISTYOTTOMAT", "TYOTTOMAT25", "TYOTTOMAT50", "TYOTOSUUS")
R5_INDICATORS += ("TYONHAKIJATLOPUSSA",)
R5_LABELS = {
    "TYOTTOMATLOPUSSA": "Työttömät työnhakijat kuukauden lopussa (lkm.)",
    "PITKAAIKAISTYOTTOMAT": "Pitkäaikaistyöttömät (lkm.)",
    "TYOTTOMAT25": "Alle 25-vuotiaat työttömät (lkm.)",
    "TYOTTOMAT50": "Yli 50-vuotiaat työttömät (lkm.)",
    "TYOTOSUUS": "Työttömien osuus työvoimasta (%)",
    "TYONHAKIJATLOPUSSA": "Työnhakijat kuukauden lopussa (lkm.)",
}
MISSING_SHARE = 0.001
SAMPLE_KELA = ROOT / "sample_data" / "kela_kuntaosuus_synteettinen_2016_2020.csv"
OLD_HEADER = SAMPLE_KELA.read_text(encoding="utf-8").splitlines()[0].split(",")  # Kela's columns, as the sample's
NEW_HEADER = [*OLD_HEADER[:6], "etuus", "ikaryhma", "sukupuoli", "kertymapaiva_luokka", *OLD_HEADER[9:12]]
NEW_HEADER.append("kunnan_rahoitusosuus_eur")


def municipalities() -> pd.DataFrame:
    """The 309 municipalities: code, Finnish name, population."""
    return pd.read_csv(MUNICIPALITIES, dtype={"code": str})[["code", "name_fi", "population"]]


def month_range(first: str, last: str) -> pd.DatetimeIndex:
    return pd.date_range(first, last, freq="MS")


def split_cents(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Integer parts of each total by weight, adding up to it exactly (the last part takes the remainder).

    >>> split_cents(np.array([1000, -7]), np.array([1.0, 1.0, 1.0])).tolist()
    [[333, 333, 334], [-2, -2, -3]]
    """
    shares = weights / weights.sum()
    parts = np.trunc(totals[:, None] * shares[None, :]).astype(np.int64)
    parts[:, -1] = totals - parts[:, :-1].sum(axis=1)
    return parts


def euros_text(cents: np.ndarray) -> np.ndarray:
    """Cents as Kela writes euros: ``-1922.00``.

    >>> euros_text(np.array([-192200, 5, 46693812])).tolist()
    ['-1922.00', '0.05', '466938.12']
    """
    magnitude = np.abs(cents)
    whole = (magnitude // 100).astype(str)
    fraction = np.char.zfill((magnitude % 100).astype(str), 2)
    sign = np.where(cents < 0, "-", "")
    return np.char.add(np.char.add(np.char.add(sign, whole), "."), fraction)


def kuntaosuus_levels(places: pd.DataFrame, months: pd.DatetimeIndex, rng: np.random.Generator) -> np.ndarray:
    """Monthly kuntaosuus in cents, municipalities × months: population × a level × cycle × season × noise."""
    per_person_eur = rng.uniform(6.0, 14.0, len(places))
    cycle = np.array([CYCLE[year] for year in months.year])
    season = SEASON[months.month - 1]
    noise = rng.normal(1.0, 0.015, (len(places), len(months)))
    euros = places["population"].to_numpy()[:, None] * per_person_eur[:, None] * (cycle * season)[None, :] * noise
    cents = np.round(euros * 100).astype(np.int64)
    refunds = rng.choice(cents.size, size=min(12, cents.size // 1000), replace=False)  # refund months, negative
    cents.flat[refunds] = -np.abs(cents.flat[refunds]) // 20
    return cents


def people_and_days(kuntaosuus: np.ndarray, share_pct: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Paid euros (cents), compensated days and recipients behind a kuntaosuus at the share; none for refunds."""
    paid = np.round(kuntaosuus * 100 / share_pct).astype(np.int64)
    days = np.maximum(0, np.round(paid / DAILY_RATE_CENTS)).astype(np.int64)
    return paid, days, np.round(days / 17.6).astype(np.int64)


def kela_rows(
    places: pd.DataFrame,
    months: pd.DatetimeIndex,
    cents: np.ndarray,
    classes: tuple,
    benefits: tuple = (),
) -> pd.DataFrame:
    """The month rows of one regime: totals, day classes, ages (and benefits), every dimension's total beside."""
    codes = np.repeat(places["code"].to_numpy(), len(months))
    names = np.repeat(places["name_fi"].to_numpy(), len(months))
    month = np.tile(months.to_numpy(), len(places))
    flat = cents.reshape(-1)
    share = sum(pct * weight for _, pct, weight in classes) / sum(weight for *_, weight in classes)
    frames = [_kela_frame(codes, names, month, flat, share, {})]
    class_parts = split_cents(flat, np.array([weight for *_, weight in classes]))
    for index, (label, pct, _) in enumerate(classes):
        frames.append(_kela_frame(codes, names, month, class_parts[:, index], pct, {"day_class": label}))
    age_parts = split_cents(flat, np.array([weight for _, weight in AGES]))
    for index, (label, _) in enumerate(AGES):
        frames.append(_kela_frame(codes, names, month, age_parts[:, index], share, {"ikaryhma": label}))
    benefit_parts = split_cents(flat, np.array([weight for _, weight in benefits])) if benefits else None
    for index, (label, _) in enumerate(benefits):
        frames.append(_kela_frame(codes, names, month, benefit_parts[:, index], share, {"benefit": label}))
    return pd.concat(frames, ignore_index=True)


def _kela_frame(codes, names, month, cents, share_pct, dimensions: dict[str, str]) -> pd.DataFrame:  # noqa: ANN001
    paid, days, people = people_and_days(cents, share_pct)
    return pd.DataFrame(
        {
            "period": "Kuukausi",
            "code": codes,
            "name": names,
            "month": month,
            "benefit": dimensions.get("benefit", TOTAL),
            "ikaryhma": dimensions.get("ikaryhma", TOTAL),
            "sukupuoli": TOTAL,
            "day_class": dimensions.get("day_class", TOTAL),
            "recipients": people,
            "days": days,
            "paid": paid,
            "kuntaosuus": cents,
        }
    )


def year_rows(months_rows: pd.DataFrame) -> pd.DataFrame:
    """A ``Vuosi`` row per municipality and whole year: the total rows' days, euros; people 1.6 × the busiest month."""
    totals = months_rows[
        (months_rows["day_class"] == TOTAL) & (months_rows["ikaryhma"] == TOTAL) & (months_rows["benefit"] == TOTAL)
    ]
    totals = totals.assign(year=pd.DatetimeIndex(totals["month"]).year)
    years = totals.groupby(["code", "name", "year"], as_index=False).agg(
        months=("month", "size"),
        recipients=("recipients", "max"),
        days=("days", "sum"),
        paid=("paid", "sum"),
        kuntaosuus=("kuntaosuus", "sum"),
    )
    years = years[years["months"] == 12]
    return years.assign(
        period="Vuosi",
        month=pd.to_datetime(years["year"].astype(str) + "-01-01"),
        benefit=TOTAL,
        ikaryhma=TOTAL,
        sukupuoli=TOTAL,
        day_class=TOTAL,
        recipients=np.round(years["recipients"] * 1.6).astype(np.int64),
    ).drop(columns=["months", "year"])


def suppressed_rows(months: pd.DatetimeIndex) -> pd.DataFrame:
    """Kela's ``199 Muut kunnat``: small counts hidden, every figure empty."""
    return pd.DataFrame(
        {
            "period": "Kuukausi",
            "code": "199",
            "name": "Muut kunnat",
            "month": months.to_numpy(),
            "benefit": TOTAL,
            "ikaryhma": TOTAL,
            "sukupuoli": TOTAL,
            "day_class": TOTAL,
        }
    )


def kela_csv(rows: pd.DataFrame, header: list[str], with_benefit: bool) -> str:
    """The rows in Kela's columns; empty numbers stay empty."""
    month = pd.DatetimeIndex(rows["month"])
    is_month = rows["period"].eq("Kuukausi").to_numpy()
    numbers = {}
    for name in ("recipients", "days"):
        values = rows[name]
        numbers[name] = np.where(values.isna(), "", values.fillna(0).astype(np.int64).astype(str))
    for name in ("paid", "kuntaosuus"):
        values = rows[name]
        numbers[name] = np.where(values.isna(), "", euros_text(values.fillna(0).astype(np.int64).to_numpy()))
    columns = [
        rows["period"].to_numpy(),
        np.where(is_month, month.month.astype(str), ""),
        np.where(is_month, month.strftime("%Y%m"), ""),
        month.year.astype(str),
        rows["code"].to_numpy(),
        rows["name"].to_numpy(),
        *([rows["benefit"].to_numpy()] if with_benefit else []),
        rows["ikaryhma"].to_numpy(),
        rows["sukupuoli"].to_numpy(),
        rows["day_class"].to_numpy(),
        numbers["recipients"],
        numbers["days"],
        numbers["paid"],
        numbers["kuntaosuus"],
    ]
    frame = pd.DataFrame(dict(zip(header, columns, strict=True)))
    return frame.to_csv(index=False, lineterminator="\n")


def write_kela(out: Path, places: pd.DataFrame, last_month: str, rng: np.random.Generator) -> list[Path]:
    """Both Kela files: 2006–2024 under the old rules, 2025 on under the co-financing."""
    old_months = month_range(FIRST_MONTH, min(OLD_REGIME_LAST, last_month))
    new_months = month_range("2025-01", last_month) if last_month >= "2025-01" else pd.DatetimeIndex([])
    cents = kuntaosuus_levels(places, old_months.append(new_months), rng)
    old = kela_rows(places, old_months, cents[:, : len(old_months)], OLD_CLASSES)
    old = pd.concat([old, suppressed_rows(old_months), year_rows(old)], ignore_index=True)
    written = [out / "kela_kuntaosuus_2006_2024.csv"]
    written[0].write_text(kela_csv(old, OLD_HEADER, with_benefit=False), encoding="utf-8")
    if len(new_months):
        # the co-financing counts every basic benefit from day 101: larger sums than the old share
        new = kela_rows(places, new_months, cents[:, len(old_months) :] * 3, NEW_CLASSES, NEW_BENEFITS)
        written.append(out / "kela_kuntaosuus_2025_2026.csv")
        written[1].write_text(kela_csv(new, NEW_HEADER, with_benefit=True), encoding="utf-8")
    return written


# --- Statistics Finland ------------------------------------------------------------------


def unemployment_cube(places: pd.DataFrame, months: pd.DatetimeIndex, rng: np.random.Generator) -> dict:
    """Counts and rates by area (municipalities, then ``SSS``) × month for 12r5 and 12u4."""
    labour_force = places["population"].to_numpy()[:, None] * rng.uniform(0.42, 0.52, (len(places), 1))
    rate = rng.uniform(0.06, 0.14, (len(places), 1))
    cycle = np.array([CYCLE[year] for year in months.year])[None, :]
    season = UNEMPLOYED_SEASON[months.month - 1][None, :]
    noise = rng.normal(1.0, 0.02, (len(places), len(months)))
    unemployed = np.round(labour_force * rate * cycle * season * noise)
    long_share = np.clip(0.30 + 0.25 * (cycle - 0.9), 0.15, 0.5) * rng.uniform(0.8, 1.2, (len(places), 1))
    counts = {
        "TYOTTOMATLOPUSSA": unemployed,
        "PITKAAIKAISTYOTTOMAT": np.round(unemployed * long_share),
        "TYOTTOMAT25": np.round(unemployed * rng.uniform(0.08, 0.14, (len(places), 1))),
        "TYOTTOMAT50": np.round(unemployed * rng.uniform(0.33, 0.45, (len(places), 1))),
        "TYONHAKIJATLOPUSSA": np.round(unemployed * rng.uniform(1.6, 2.0, (len(places), 1))),
    }
    labour = np.repeat(labour_force, len(months), axis=1)
    counts = {code: np.vstack([values, values.sum(axis=0)]) for code, values in counts.items()}  # + the country
    labour = np.vstack([labour, labour.sum(axis=0)])
    counts["TYOTOSUUS"] = np.round(counts["TYOTTOMATLOPUSSA"] / labour * 100, 1)
    activation = np.round(np.clip(rng.normal(28.0, 3.0, (len(places) + 1, 1)) / cycle**0.5, 10, 50), 1)
    return {"12r5": {code: counts[code] for code in R5_INDICATORS}, "12u4": {"AKTASTE": activation}}


def jsonstat(
    table: str, label: str, areas: dict[str, str], months: pd.DatetimeIndex, cube: dict[str, np.ndarray], rng
) -> dict:  # noqa: ANN001
    """A PxWeb json-stat2 response: ``value`` row-major over (Alue, Kuukausi, Tiedot); a few cells ``..``."""
    indicators = list(cube)
    stacked = np.stack([np.broadcast_to(cube[code], (len(areas), len(months))) for code in indicators], axis=-1)
    values = stacked.reshape(-1).astype(float)
    missing = rng.random(values.size) < MISSING_SHARE
    numbers = [None if gone else (int(v) if v.is_integer() else round(v, 1)) for v, gone in zip(values, missing)]
    month_codes = [f"{m.year}M{m.month:02d}" for m in months]
    return {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "Tilastokeskus (SYNTEETTINEN suorituskykyaineisto, ei oikeita lukuja)",
        "updated": "2026-10-27T06:00:00Z",
        "id": ["Alue", "Kuukausi", "Tiedot"],
        "size": [len(areas), len(months), len(indicators)],
        "dimension": {
            "Alue": {"label": "Alue", "category": {"index": {c: i for i, c in enumerate(areas)}, "label": areas}},
            "Kuukausi": {
                "label": "Kuukausi",
                "category": {
                    "index": {c: i for i, c in enumerate(month_codes)},
                    "label": dict(zip(month_codes, month_codes)),
                },
            },
            "Tiedot": {
                "label": "Tiedot",
                "category": {
                    "index": {c: i for i, c in enumerate(indicators)},
                    "label": {c: R5_LABELS.get(c, "Aktivointiaste (%)") for c in indicators},
                },
            },
        },
        "value": numbers,
        "status": {str(position): ".." for position in np.flatnonzero(missing)},
        "role": {"time": ["Kuukausi"], "geo": ["Alue"], "metric": ["Tiedot"]},
        "extension": {"px": {"tableid": table}},
    }


def write_statfin(out: Path, places: pd.DataFrame, last_month: str, rng: np.random.Generator) -> list[Path]:
    months = month_range(FIRST_MONTH, last_month)
    cube = unemployment_cube(places, months, rng)
    areas = {f"KU{code}": name for code, name in zip(places["code"], places["name_fi"], strict=True)}
    areas["SSS"] = "KOKO MAA"
    labels = {
        "12r5": "Työnhakijat kuukauden viimeisenä päivänä muuttujina Alue, Kuukausi ja Tiedot",
        "12u4": "Aktivointiaste muuttujina Alue, Kuukausi ja Tiedot",
    }
    written = []
    for table in ("12r5", "12u4"):
        path = out / f"statfin_{table}_2006_2026.json"
        path.write_text(json.dumps(jsonstat(table, labels[table], areas, months, cube[table], rng)), encoding="utf-8")
        written.append(path)
    return written


# --- general ledger (xlsx) -------------------------------------------------------------------

LEDGER_HEADER = [
    "Vuosi",
    "Tulosyksikkö",
    "Tulosyksikön nimi",
    *[f"TY hierarkia taso {level}" for level in range(1, 8)],
    "Pääkirjatiliryhmä",
    "Pääkirjatili",
    "Pääkirjatilin nimi",
    "TA 2019",
    "TP 2018",
]
LEDGER_GROUPS = {
    30: "Myyntituotot",
    31: "Maksutuotot",
    32: "Tuet ja avustukset",
    36: "Vuokratuotot",
    37: "Muut toimintatuotot",
    40: "Palkat ja palkkiot",
    41: "Henkilösivukulut",
    43: "Palvelujen ostot",
    45: "Aineet, tarvikkeet ja tavarat",
    47: "Avustukset",
    48: "Vuokrakulut",
    49: "Muut toimintakulut",
    69: "Poistot ja arvonalentumiset",
}
LETTERS = [chr(ord("A") + i) for i in range(len(LEDGER_HEADER))]
CHUNK_ROWS = 100_000
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Talousarvio" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def ledger_columns(rows: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The ledger's columns: 300 units, 260 accounts, costs positive (debits), one outturn in twenty blank."""
    accounts = np.array([prefix * 10000 + n * 100 for prefix in LEDGER_GROUPS for n in range(20)])
    names = np.array([f"{name} {n}" for name in LEDGER_GROUPS.values() for n in range(20)], dtype=object)
    chosen = rng.integers(0, len(accounts), rows)
    account = accounts[chosen]
    unit = 1000 + np.arange(rows) % 300
    sign = np.where(account < 400000, -1.0, 1.0)
    budget = np.round(sign * rng.uniform(0, 50_000, rows), 2)
    actual = np.round(sign * rng.uniform(0, 50_000, rows), 2)
    actual[np.arange(rows) % 20 == 0] = np.nan
    unit_text = unit.astype(str).astype(object)
    return {
        "Vuosi": np.full(rows, 2019),
        "Tulosyksikkö": unit,
        "Tulosyksikön nimi": "Tulosyksikkö " + unit_text,
        "TY hierarkia taso 1": np.full(rows, "Tampere", dtype=object),
        "TY hierarkia taso 2": "Toimiala " + (unit % 7).astype(str).astype(object),
        "TY hierarkia taso 3": "Palvelualue " + (unit % 19).astype(str).astype(object),
        "TY hierarkia taso 4": "Yksikkö " + unit_text,
        "Pääkirjatiliryhmä": np.array(list(LEDGER_GROUPS.values()), dtype=object)[
            np.searchsorted(np.array(list(LEDGER_GROUPS)), account // 10000)
        ],
        "Pääkirjatili": account,
        "Pääkirjatilin nimi": names[chosen],
        "TA 2019": budget,
        "TP 2018": actual,
    }


def _xml_escape(texts: pd.Series) -> pd.Series:
    return texts.str.replace("&", "&amp;").str.replace("<", "&lt;").str.replace(">", "&gt;")


def ledger_xlsx(rows: int, rng: np.random.Generator) -> bytes:
    """The ledger as an xlsx: shared strings, one sheet whose XML is built column by column, in chunks."""
    columns = ledger_columns(rows, rng)
    texts = [name for name, values in columns.items() if values.dtype == object]
    codes, strings = pd.factorize(pd.Series(np.concatenate([columns[name] for name in texts] + [LEDGER_HEADER])))
    index = {name: codes[i * rows : (i + 1) * rows] for i, name in enumerate(texts)}
    header_index = codes[len(texts) * rows :]
    title = "Tampereen kaupunki, talousarvio ja tilinpäätös, euroa"
    shared = [*strings, title]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        items = "".join(f"<si><t>{text}</t></si>" for text in _xml_escape(pd.Series(shared, dtype=object)))
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" '
            f'uniqueCount="{len(shared)}">{items}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            heading = "".join(f'<c r="{letter}2" t="s"><v>{i}</v></c>' for letter, i in zip(LETTERS, header_index))
            sheet.write(
                f'<row r="1"><c r="A1" t="s"><v>{len(shared) - 1}</v></c></row><row r="2">{heading}</row>'.encode()
            )
            for start in range(0, rows, CHUNK_ROWS):
                stop = min(rows, start + CHUNK_ROWS)
                sheet.write(_sheet_rows(columns, index, start, stop).encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _sheet_rows(columns: dict[str, np.ndarray], index: dict[str, np.ndarray], start: int, stop: int) -> str:
    """Rows ``start``–``stop`` of the data as sheet XML (data starts on sheet row 3); blank cells left out."""
    number = pd.Series(np.arange(start + 3, stop + 3)).astype(str)
    row = '<row r="' + number + '">'
    for letter, name in zip(LETTERS, LEDGER_HEADER):
        if name not in columns:
            continue  # levels 5–7: empty
        reference = f'<c r="{letter}' + number
        if name in index:
            row += reference + '" t="s"><v>' + pd.Series(index[name][start:stop]).astype(str) + "</v></c>"
            continue
        values = pd.Series(columns[name][start:stop])
        cells = reference + '"><v>' + values.astype(str).str.removesuffix(".0") + "</v></c>"
        row += cells.where(values.notna(), "")
    return "".join(row + "</row>")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into (default bench/data)")
    parser.add_argument("--last-month", default="2026-09", help="the latest month published (YYYY-MM)")
    parser.add_argument("--ledger-rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(options.seed)
    places = municipalities()
    began = time.perf_counter()
    written = write_kela(options.out, places, options.last_month, rng)
    written += write_statfin(options.out, places, options.last_month, rng)
    if options.ledger_rows:
        ledger = options.out / f"paakirja_{options.ledger_rows}.xlsx"
        ledger.write_bytes(ledger_xlsx(options.ledger_rows, rng))
        written.append(ledger)
    for path in written:
        print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MiB")
    print(f"municipalities: {len(places)}, months: {FIRST_MONTH}–{options.last_month}, out: {options.out}")
    print(f"seconds: {time.perf_counter() - began:.1f}")


if __name__ == "__main__":
    main()
