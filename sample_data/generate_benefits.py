"""Generate the synthetic benefit statistics of the sample: Kela kuntaosuus and StatFin 12r5/12u4.

Synthetic, deterministic and consistent with the seeds: Tampere's 2016
kuntaosuus is exactly 32 219 400 € (seed 000: 3 % = 966 582 €), Kuopio's 2019
exactly 10 250 000 € (seed 004, Table 2). Juankoski (174) appears on its own
in 2016 and merges into Kuopio (297) from 2017. Monthly January 2016 –
September 2020 (the latest month "published"). Run from the project root::

    python sample_data/generate_benefits.py

Only the standard library; the same output every run (string seeds).
"""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path

HERE = Path(__file__).parent
KELA_FILE = HERE / "kela_kuntaosuus_synteettinen_2016_2020.csv"
R5_FILE = HERE / "statfin_12r5_synteettinen_2016_2020.json"
U4_FILE = HERE / "statfin_12u4_synteettinen_2016_2020.json"
YEARS = range(2016, 2021)
LAST_MONTH = (2020, 9)
TOTAL = "Yhteensä"

# code: (name, kuntaosuus 2016 in euros, ratio of each year 2017–2020 to 2016)
MUNICIPALITIES = {
    "837": ("Tampere", 32_219_400, (0.982, 0.966, 0.935, 0.958)),
    "211": ("Kangasala", 2_400_000, (0.978, 0.955, 0.930, 0.950)),
    "418": ("Lempäälä", 1_650_000, (0.975, 0.950, 0.921, 0.947)),
    "536": ("Nokia", 3_100_000, (0.990, 0.972, 0.951, 0.975)),
    "562": ("Orivesi", 820_000, (1.010, 1.015, 0.990, 1.020)),
    "604": ("Pirkkala", 1_500_000, (0.970, 0.948, 0.925, 0.940)),
    "922": ("Vesilahti", 260_000, (0.985, 0.968, 0.950, 0.962)),
    "980": ("Ylöjärvi", 2_700_000, (0.976, 0.962, 0.939, 0.955)),
    "108": ("Hämeenkyrö", 760_000, (0.992, 0.980, 0.962, 0.985)),
    "790": ("Sastamala", 2_300_000, (1.004, 0.990, 0.975, 0.992)),
    "297": ("Kuopio", 10_350_000, None),  # by euros below: 2016 without Juankoski
}
KUOPIO_EUROS = {2016: 10_350_000, 2017: 10_880_000, 2018: 10_640_000, 2019: 10_250_000, 2020: 10_560_000}
JUANKOSKI = ("174", "Juankoski", 300_000)  # 2016 only; part of Kuopio from 1.1.2017
SEASON = (1.06, 1.03, 1.04, 1.00, 0.98, 0.97, 0.99, 0.98, 0.96, 0.98, 0.99, 1.02)
DAY_CLASSES = (("300-499", 50), ("500-999", 50), ("1000", 70))
DAILY_RATE_CENTS = {2016: 3268, 2017: 3240, 2018: 3240, 2019: 3378, 2020: 3378}
WOMEN = 0.43
REFUND = ("922", 2017, 7, -124_000)  # Vesilahti July 2017: a refund month, negative

# StatFin: code: (unemployed jobseekers 2016, labour force)
AREAS = {
    "837": (20_400, 118_000),
    "211": (1_900, 16_000),
    "418": (1_400, 12_000),
    "536": (2_500, 16_500),
    "562": (700, 4_200),
    "604": (1_250, 9_800),
    "922": (230, 2_200),
    "980": (2_200, 16_400),
    "108": (700, 5_000),
    "790": (2_000, 11_300),
    "297": (8_300, 58_000),
}
COUNTRY = (330_000, 2_650_000)
UNEMPLOYED_TREND = {2016: 1.0, 2017: 0.88, 2018: 0.77, 2019: 0.73, 2020: 0.90}
SHARES_2016 = {"PITKAAIKAISTYOTTOMAT": 0.36, "TYOTTOMAT25": 0.11, "TYOTTOMAT50": 0.39}
LONG_TERM_TREND = {2016: 1.0, 2017: 0.97, 2018: 0.88, 2019: 0.80, 2020: 0.76}
UNEMPLOYED_SEASON = (1.05, 1.02, 0.99, 0.97, 0.99, 1.08, 1.10, 0.99, 0.95, 0.95, 0.97, 1.04)
ACTIVATION = {2016: 26.0, 2017: 28.5, 2018: 30.5, 2019: 31.0, 2020: 27.0}


def months() -> list[tuple[int, int]]:
    return [(y, m) for y in YEARS for m in range(1, 13) if (y, m) <= LAST_MONTH]


def annual_euros(code: str) -> dict[int, int]:
    if code == "297":
        return dict(KUOPIO_EUROS)
    _, base, ratios = MUNICIPALITIES[code]
    return {2016: base, **{year: round(base * ratio) for year, ratio in zip(range(2017, 2021), ratios, strict=True)}}


def spread(total_cents: int, weights: list[float]) -> list[int]:
    """Cents by weight adding up to ``total_cents`` exactly (the remainder goes to the last month)."""
    scale = sum(weights)
    parts = [round(total_cents * w / scale) for w in weights]
    parts[-1] += total_cents - sum(parts)
    return parts


def monthly_cents(code: str, year: int, total_euros: int, previous: float, ratio: float) -> list[int]:
    """Twelve months of a year: season × a level moving smoothly from last year's ratio × noise."""
    rng = random.Random(f"kela-{code}-{year}")
    weights = [
        SEASON[m] * (previous + (ratio - previous) * (m + 0.5) / 12) * (1 + rng.gauss(0, 0.012)) for m in range(12)
    ]
    cents = spread(total_euros * 100, weights)
    if (code, year) == REFUND[:2]:
        refund_month = REFUND[2] - 1
        moved = cents[refund_month] - REFUND[3]
        cents[refund_month] = REFUND[3]
        others = [i for i in range(12) if i != refund_month]
        for i, extra in zip(others, spread(moved, [1.0] * len(others)), strict=True):
            cents[i] += extra
    return cents


def class_rows(total: int, year: int, month: int) -> list[tuple[str, int, int, int, int]]:
    """(class, recipients, days, paid cents, kuntaosuus cents) of each day class; the classes add up to ``total``."""
    long_share = 0.40 + 0.01 * (year - 2016) + 0.002 * month / 12
    shares = (0.27, 0.33 - 0.01 * (year - 2016), long_share)
    kuntaosuus = [round(total * s / sum(shares)) for s in shares]
    kuntaosuus[-1] = total - sum(kuntaosuus[:-1])
    rows = []
    for (label, share_pct), part in zip(DAY_CLASSES, kuntaosuus, strict=True):
        paid = round(part * 100 / share_pct)
        days = max(0, round(paid / DAILY_RATE_CENTS[year]))  # a refund month pays back: no days, no people
        recipients = round(days / 17.6)
        rows.append((label, recipients, days, paid, part))
    return rows


def kela_lines() -> list[list[object]]:
    header = [
        "aikatyyppi",
        "kuukausi_nro",
        "vuosikuukausi",
        "vuosi",
        "kunta_nro",
        "kunta_nimi",
        "ikaryhma",
        "sukupuoli",
        "tyomarkkinatukipaiva_luokka",
        "saaja_lkm",
        "korvattu_paiva_lkm",
        "maksettu_eur",
        "kunta_osuus_eur",
    ]
    lines: list[list[object]] = [header]
    series: dict[str, dict[tuple[int, int], int]] = {}
    for code in MUNICIPALITIES:
        series[code] = {}
        annual, previous = annual_euros(code), 1.0
        for year in YEARS:
            ratio = annual[year] / annual[2016]
            for month, cents in enumerate(monthly_cents(code, year, annual[year], previous, ratio), start=1):
                series[code][(year, month)] = cents
            previous = ratio
    juankoski_code, juankoski_name, juankoski_euros = JUANKOSKI
    series[juankoski_code] = dict(
        zip(
            [(2016, m) for m in range(1, 13)],
            monthly_cents(juankoski_code, 2016, juankoski_euros, 1.0, 1.0),
            strict=True,
        )
    )
    names = {code: name for code, (name, *_rest) in MUNICIPALITIES.items()} | {juankoski_code: juankoski_name}
    for year, month in months():
        for code in series:
            if (year, month) not in series[code]:
                continue
            lines += month_lines(code, names[code], year, month, series[code][(year, month)])
        lines.append(
            ["Kuukausi", month, f"{year}{month:02d}", year, "199", "Muut kunnat", TOTAL, TOTAL, TOTAL, "", "", "", ""]
        )
    for code in series:
        for year in YEARS:
            year_months = [series[code].get((year, m)) for m in range(1, 13)]
            if None in year_months:
                continue  # a year row only for whole years
            rows = [class_rows(cents, year, m) for m, cents in enumerate(year_months, start=1)]
            # people over the year: more than in any one month, fewer than the months added up
            recipients = round(max(sum(r[1] for r in month_rows) for month_rows in rows) * 1.6)
            days = sum(r[2] for month_rows in rows for r in month_rows)
            paid = sum(r[3] for month_rows in rows for r in month_rows)
            lines.append(
                [
                    "Vuosi",
                    "",
                    "",
                    year,
                    code,
                    names[code],
                    TOTAL,
                    TOTAL,
                    TOTAL,
                    recipients,
                    days,
                    euros(paid),
                    euros(sum(year_months)),
                ]
            )
    return lines


def euros(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def month_lines(code: str, name: str, year: int, month: int, total: int) -> list[list[object]]:
    """The month's total row, its day-class rows and its gender rows, as Kela lays them side by side."""
    start = ["Kuukausi", month, f"{year}{month:02d}", year, code, name]
    classes = class_rows(total, year, month)
    recipients = round(sum(row[1] for row in classes) * 0.99)  # a person can be in two classes in a month
    days, paid = sum(row[2] for row in classes), sum(row[3] for row in classes)
    lines = [start + [TOTAL, TOTAL, TOTAL, recipients, days, euros(paid), euros(total)]]
    lines += [start + [TOTAL, TOTAL, label, r, d, euros(p), euros(k)] for label, r, d, p, k in classes]
    women = [round(recipients * WOMEN), round(days * WOMEN), round(paid * WOMEN), round(total * WOMEN)]
    men = [recipients - women[0], days - women[1], paid - women[2], total - women[3]]
    for gender, (r, d, p, k) in (("Naiset", women), ("Miehet", men)):
        lines.append(start + [TOTAL, gender, TOTAL, r, d, euros(p), euros(k)])
    return lines


def statfin_values(code: str, base: int, labour_force: int, months_list: list[tuple[int, int]]) -> dict[str, list]:
    """Monthly values of the 12r5 indicators of one area (``None`` where the cell is suppressed)."""
    rng = random.Random(f"statfin-{code}")
    values: dict[str, list] = {key: [] for key in ("TYOTTOMATLOPUSSA", *SHARES_2016, "TYOTOSUUS", "AKTASTE")}
    for year, month in months_list:
        level = UNEMPLOYED_TREND[year]
        if year == 2020 and month >= 4:
            level *= 1.25 - 0.03 * (month - 4)  # the spring 2020 layoffs, easing
        unemployed = round(base * level * UNEMPLOYED_SEASON[month - 1] * (1 + rng.gauss(0, 0.01)))
        values["TYOTTOMATLOPUSSA"].append(unemployed)
        for key, share in SHARES_2016.items():
            trend = LONG_TERM_TREND[year] / level if key == "PITKAAIKAISTYOTTOMAT" else 1.0
            summer = 1.3 if key == "TYOTTOMAT25" and month in (6, 7) else 1.0
            count = round(unemployed * share * trend * summer * (1 + rng.gauss(0, 0.02)))
            values[key].append(None if key == "TYOTTOMAT25" and count < 20 else count)
        values["TYOTOSUUS"].append(round(unemployed / labour_force * 100, 1))
        values["AKTASTE"].append(round(ACTIVATION[year] + rng.gauss(0, 0.6) + (code == "837") * 1.5, 1))
    return values


def json_stat(table: str, label: str, areas: dict[str, str], indicators: dict[str, str], data: dict) -> dict:
    """A json-stat2 dataset like PxWeb's: dimensions Alue × Kuukausi × Tiedot, row-major values."""
    months_list = [f"{y}M{m:02d}" for y, m in months()]
    values, status = [], {}
    for area in areas:
        for position in range(len(months_list)):
            for indicator in indicators:
                value = data[area][indicator][position]
                if value is None:
                    status[str(len(values))] = "."
                values.append(value)
    return {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "Tilastokeskus, työnvälitystilasto (SYNTEETTINEN esimerkkiaineisto, ei oikeita lukuja)",
        "updated": "2020-10-27T06:00:00Z",
        "id": ["Alue", "Kuukausi", "Tiedot"],
        "size": [len(areas), len(months_list), len(indicators)],
        "dimension": {
            "Alue": {"label": "Alue", "category": {"index": {a: i for i, a in enumerate(areas)}, "label": areas}},
            "Kuukausi": {
                "label": "Kuukausi",
                "category": {"index": {m: i for i, m in enumerate(months_list)}, "label": {m: m for m in months_list}},
            },
            "Tiedot": {
                "label": "Tiedot",
                "category": {"index": {k: i for i, k in enumerate(indicators)}, "label": indicators},
            },
        },
        "value": values,
        "status": status,
        "role": {"time": ["Kuukausi"], "geo": ["Alue"], "metric": ["Tiedot"]},
        "extension": {"px": {"tableid": table}},
    }


def statfin_files() -> tuple[dict, dict]:
    areas = {f"KU{code}": MUNICIPALITIES[code][0] for code in AREAS} | {"SSS": "KOKO MAA"}
    data = {f"KU{code}": statfin_values(code, *AREAS[code], months()) for code in AREAS}
    data["SSS"] = statfin_values("SSS", *COUNTRY, months())
    r5 = {
        "TYOTTOMATLOPUSSA": "Työttömät työnhakijat kuukauden lopussa (lkm.)",
        "PITKAAIKAISTYOTTOMAT": "Pitkäaikaistyöttömät (lkm.)",
        "TYOTTOMAT25": "Alle 25-vuotiaat työttömät (lkm.)",
        "TYOTTOMAT50": "Yli 50-vuotiaat työttömät (lkm.)",
        "TYOTOSUUS": "Työttömien osuus työvoimasta (%)",
    }
    u4 = {"AKTASTE": "Aktivointiaste (%)"}
    return (
        json_stat(
            "12r5", "Työnhakijat kuukauden viimeisenä päivänä muuttujina Alue, Kuukausi ja Tiedot", areas, r5, data
        ),
        json_stat("12u4", "Aktivointiaste muuttujina Alue, Kuukausi ja Tiedot", areas, u4, data),
    )


def check(lines: list[list[object]]) -> None:
    """The seeds' figures hold: Tampere 2016 and Kuopio 2019 to the cent."""
    totals: dict[tuple[str, int], int] = {}
    for line in lines[1:]:
        if line[0] == "Kuukausi" and line[6:9] == [TOTAL, TOTAL, TOTAL] and line[4] != "199":
            cents = round(float(line[12]) * 100)
            totals[(line[4], line[3])] = totals.get((line[4], line[3]), 0) + cents
    assert totals[("837", 2016)] == 32_219_400_00, totals[("837", 2016)]
    assert totals[("297", 2019)] == 10_250_000_00, totals[("297", 2019)]
    assert math.isclose(totals[("837", 2016)] * 0.03 / 100, 966_582)


def main() -> None:
    lines = kela_lines()
    check(lines)
    with KELA_FILE.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(lines)
    r5, u4 = statfin_files()
    for path, data in ((R5_FILE, r5), (U4_FILE, u4)):
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{KELA_FILE.name}: {len(lines) - 1} rows; {R5_FILE.name}, {U4_FILE.name}")


if __name__ == "__main__":
    main()
