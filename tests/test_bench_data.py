"""bench/generate.py writes files the loaders accept, with every figure adding up."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from data_loaders.imports import import_file
from db import queries


def test_generated_ledger_imports_every_row(generate, db_url: str):
    content = generate.ledger_xlsx(2_000, np.random.default_rng(1))
    result = import_file(content, "paakirja.xlsx", budget="Pääkirja", url=db_url)
    assert result.status == "imported" and result.rows_read == 2_000
    # the bare read of the same bytes sees the same rows: title and header above 2 000 data rows
    assert len(pd.read_excel(io.BytesIO(content), engine="calamine", header=None)) == 2_002


FIGURES = ["saaja_lkm", "korvattu_paiva_lkm", "maksettu_eur", "kunta_osuus_eur"]
CELL = ["kunta_nro", "ikaryhma", "sukupuoli"]


def _read(content: bytes) -> pd.DataFrame:
    rows = pd.read_csv(io.BytesIO(content), dtype={"kunta_nro": str}, keep_default_na=False)
    for name in [column for column in rows if column.endswith("_eur")]:
        rows[name] = (rows[name] * 100).round().astype("int64")  # cents
    return rows


def _overlap(rows: pd.DataFrame, day_class: str, key: list[str], figures: list[str]) -> None:
    """Every cell's class rows add up to at least its Yhteensä row (people cross classes), some to more."""
    totals = rows[rows[day_class].eq("Yhteensä")].set_index(key)[figures]
    classes = rows[~rows[day_class].eq("Yhteensä")].groupby(key)[figures].sum()
    assert classes.index.isin(totals.index).all()
    assert (classes >= totals.loc[classes.index]).all(axis=None)
    assert (classes["saaja_lkm"] > totals.loc[classes.index, "saaja_lkm"]).any()


def test_generated_kela_cells_add_up_to_the_level_and_import(generate, db_url: str):
    places = generate.municipalities().set_index("code").loc[["009", "837", "980"]].reset_index()
    months = generate.month_range("2016-01", "2016-12")
    rng = np.random.default_rng(2)
    cents = generate.kuntaosuus_levels(places, months, rng)
    content = generate.kela_csv(generate.kela_rows(places, months, cents, rng), generate.OLD_HEADER, False).encode()
    rows = _read(content)
    assert list(rows.columns) == generate.OLD_HEADER
    # cells only: no total over age or gender; Tieto puuttuu × Tuntematon for the unknown
    assert "Yhteensä" not in set(rows["ikaryhma"]) | set(rows["sukupuoli"])
    assert set(rows["sukupuoli"]) <= {"Mies", "Nainen", "Tuntematon"}
    assert set(rows["aikatyyppi"]) == {"Kuukausi", "Vuosikertymä", "Vuosi"}
    month_totals = rows[rows["aikatyyppi"].eq("Kuukausi") & rows["tyomarkkinatukipaiva_luokka"].eq("Yhteensä")]
    # per municipality and month: the cells' Yhteensä rows add up to the generated level exactly
    by_place = month_totals[month_totals["kunta_nro"].ne("199")].groupby(["kunta_nro", "vuosikuukausi"])
    expected = pd.Series(
        cents.reshape(-1),
        index=pd.MultiIndex.from_product([places["code"], months.year * 100 + months.month]),
    )
    assert by_place["kunta_osuus_eur"].sum().to_dict() == expected.to_dict()
    # the small municipality lacks cells the large one has; 199 has the smaller cells' money
    cells = month_totals.drop_duplicates(CELL).groupby("kunta_nro").size()
    assert cells["009"] < cells["837"] == 23
    assert month_totals.loc[month_totals["kunta_nro"].eq("199"), "kunta_osuus_eur"].gt(0).any()
    assert month_totals["kunta_osuus_eur"].lt(0).sum() == 1  # a refund cell, no recipients
    assert month_totals.loc[month_totals["kunta_osuus_eur"].lt(0), "saaja_lkm"].eq(0).all()
    months_and_years = rows[rows["aikatyyppi"].isin(["Kuukausi", "Vuosi"])]
    _overlap(months_and_years, "tyomarkkinatukipaiva_luokka", ["aikatyyppi", "vuosikuukausi", *CELL], FIGURES)
    # Vuosikertymä: the months so far; Vuosi (201612): the year's months
    so_far = month_totals.pivot_table("kunta_osuus_eur", CELL, "kuukausi_nro", "sum", fill_value=0).cumsum(axis=1)
    to_date = rows[rows["aikatyyppi"].eq("Vuosikertymä")].set_index([*CELL, "kuukausi_nro"])["kunta_osuus_eur"]
    assert (so_far.stack().loc[to_date.index] == to_date).all()
    year = rows[rows["aikatyyppi"].eq("Vuosi") & rows["tyomarkkinatukipaiva_luokka"].eq("Yhteensä")]
    assert set(year["vuosikuukausi"]) == {201612}
    assert year.set_index(CELL)["kunta_osuus_eur"].to_dict() == so_far[12].loc[year.set_index(CELL).index].to_dict()

    result = import_file(content, "kela.csv", user="bench", url=db_url)
    assert result.status == "imported" and result.rows_imported == len(rows)
    stored = queries.kela_kuntaosuus(url=db_url)
    cells = stored[stored["period_type"].eq("Kuukausi") & stored["day_class"].eq("Yhteensä")]
    cells = cells[cells["area_code"].ne("199")].groupby(["area_code", cells["month"].dt.strftime("%Y%m")])
    assert {(code, int(month)): int(total) for (code, month), total in cells["kuntaosuus_cents"].sum().items()} == (
        expected.to_dict()
    )


def test_generated_kela_2025_cells_have_benefits_and_classes_but_no_totals_over_age_or_gender(generate):
    places = generate.municipalities().set_index("code").loc[["009", "837"]].reset_index()
    months = generate.month_range("2025-01", "2025-03")
    rng = np.random.default_rng(4)
    cents = generate.kuntaosuus_levels(places, months, rng)
    rows = generate.kela_rows(places, months, cents, rng, regime="2025+")
    rows = _read(generate.kela_csv(rows, generate.NEW_HEADER, True).encode())
    assert list(rows.columns) == generate.NEW_HEADER and set(rows["aikatyyppi"]) == {"Kuukausi"}
    assert "Yhteensä" not in set(rows["ikaryhma"]) | set(rows["sukupuoli"])
    money = "kunnan_rahoitusosuus_eur"
    totals = rows[rows["etuus"].eq("Yhteensä") & rows["kertymapaiva_luokka"].eq("Yhteensä")]
    by_place = totals[totals["kunta_nro"].ne("199")].groupby(["kunta_nro", "vuosikuukausi"])[money].sum()
    assert by_place.tolist() == cents.reshape(-1).tolist()
    key = ["vuosikuukausi", *CELL]
    benefits = rows[rows["etuus"].ne("Yhteensä")]
    assert set(benefits["kertymapaiva_luokka"]) == {"Yhteensä"}
    paid = totals[totals["saaja_lkm"].gt(0)].set_index(key)[FIGURES[:3] + [money]]
    assert (benefits.groupby(key)[FIGURES[:3] + [money]].sum().loc[paid.index] == paid).all(axis=None)
    _overlap(rows[rows["etuus"].eq("Yhteensä")], "kertymapaiva_luokka", key, FIGURES[:3] + [money])


def test_generated_statfin_json_imports_with_its_missing_cells(generate, db_url: str, tmp_path):
    places = generate.municipalities().head(4)
    written = generate.write_statfin(tmp_path, places, "2006-06", np.random.default_rng(3))
    for path in written:
        assert import_file(path.read_bytes(), path.name, url=db_url).status == "imported"
    cells = queries.statfin_observations(url=db_url)
    # (4 municipalities + the country) × 6 months × (six 12r5 indicators + AKTASTE)
    assert len(cells) == 5 * 6 * 7
