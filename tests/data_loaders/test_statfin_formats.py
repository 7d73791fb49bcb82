"""StatFin answers as the PxWeb API really gives them since 8 June 2026: every shape gives the same cells.

The fixtures (tests/data/statfin_12r5_*, statfin_12u4_gender_age.json) hold one invented data set
(not real figures) for 12r5: areas SSS, KU035, KU837, SK064, MK06, ELY04; months 2026M05 and 2026M06;
TYOTTOMATLOPUSSA, TYOTTOMAT25 and TYOTOSUUS; KU035's TYOTTOMAT25 is confidential ('...') in both months.
Their shapes follow answers checked against public copies of StatFin's answers (see the issue note):

- statfin_12r5_today_jsonstat2_old_names.json: json-stat2 as this reader already read it (Kuukausi, Tiedot,
  a geo role, the earlier labels): the baseline;
- statfin_12r5_jsonstat2_timeperiod.json: json-stat2 with the June 2026 codes (timeperiod_m, contentscode,
  table id 12r5, today's labels) and, as PxWeb gives it, no geo role (the area is found by its codes);
- statfin_12r5_jsonstat1.json: the same as json-stat version 1 (wrapped under "dataset");
- statfin_12r5_pxweb.json: the same as PxWeb "json" (columns, data rows of strings, metadata);
- statfin_12r5_labels_2026.csv: the same as a CSV export whose columns carry today's labels.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from data_loaders.imports import import_file
from data_loaders.statfin import area_kind
from db import queries

DATA = Path(__file__).resolve().parents[1] / "data"
BASELINE = DATA / "statfin_12r5_today_jsonstat2_old_names.json"
TIMEPERIOD = DATA / "statfin_12r5_jsonstat2_timeperiod.json"
PXWEB = DATA / "statfin_12r5_pxweb.json"
JSONSTAT1 = DATA / "statfin_12r5_jsonstat1.json"
LABELS_CSV = DATA / "statfin_12r5_labels_2026.csv"
U4 = DATA / "statfin_12u4_gender_age.json"
CELLS = ["area_code", "indicator", "month", "value", "status"]
AREAS = {"SSS", "KU035", "KU837", "SK064", "MK06", "ELY04"}


def load(url: str, path: Path, content: bytes | None = None, name: str | None = None):
    return import_file(path.read_bytes() if content is None else content, name or path.name, url=url)


def current(url: str) -> pd.DataFrame:
    return queries.statfin_observations(url=url)


def test_baseline_holds_the_invented_data_set(db_url: str):
    result = load(db_url, BASELINE)
    assert (result.status, result.kind, result.rows_read, result.rows_imported) == ("imported", "statfin_12r5", 36, 36)
    cells = current(db_url).set_index(["area_code", "indicator", "month"])
    # 6 areas × 2 months × 3 indicators = 36 cells; Tampere's TYOTTOMATLOPUSSA in 2026M06 is 22810 in the data set
    assert len(cells) == 36
    assert cells.loc[("KU837", "TYOTTOMATLOPUSSA", pd.Timestamp("2026-06-01")), "value"] == 22810
    assert cells.loc[("SSS", "TYOTOSUUS", pd.Timestamp("2026-05-01")), "value"] == pytest.approx(10.9)


@pytest.mark.parametrize("path", [TIMEPERIOD, PXWEB, JSONSTAT1, LABELS_CSV], ids=lambda path: path.name)
def test_every_shape_stores_the_same_cells_as_the_baseline(db_url: str, path: Path):
    load(db_url, BASELINE)
    baseline = current(db_url)
    result = load(db_url, path)
    assert (result.status, result.kind, result.rows_read, result.rows_rejected) == ("imported", "statfin_12r5", 36, 0)
    stored = current(db_url)
    assert set(stored["version_id"]) == {result.version}  # the newer file replaced every cell ...
    pd.testing.assert_frame_equal(baseline[CELLS], stored[CELLS])  # ... with the same values and symbols
    assert not [message for message in result.messages if message.severity == "warning"]


def test_prefixed_indicator_codes_are_matched_by_code(db_url: str):
    load(db_url, BASELINE)
    baseline = current(db_url)
    # Since June 2026 some value codes carry their statistic's prefix (e.g. 115q's tyokay-tyolliset2).
    prefixed = TIMEPERIOD.read_text(encoding="utf-8").replace('"TYOTTOMAT25"', '"tyonv-TYOTTOMAT25"')
    assert "tyonv-TYOTTOMAT25" in prefixed
    result = load(db_url, TIMEPERIOD, prefixed.encode(), "prefixed.json")
    assert result.status == "imported"
    pd.testing.assert_frame_equal(baseline[CELLS], current(db_url)[CELLS])


@pytest.mark.parametrize("path", [PXWEB, TIMEPERIOD], ids=lambda path: path.name)
def test_confidential_cell_stays_missing_with_its_symbol(db_url: str, path: Path):
    result = load(db_url, path)
    cells = current(db_url).set_index(["area_code", "indicator", "month"])
    # KU035 (Brändö) TYOTTOMAT25 is '...' in both months of the data set: never zero.
    confidential = cells.loc[("KU035", "TYOTTOMAT25")]
    assert confidential["value"].isna().all() and set(confidential["status"]) == {"..."}
    assert cells["value"].isna().sum() == 2
    said = [message for message in result.messages if message.key == "msg.statfin_cells_confidential"]
    assert [message.fields["count"] for message in said] == [2]
    assert "salassapidettäviä" in said[0].text("fi") and "confidential" in said[0].text("en")


def test_areas_of_every_kind_are_imported_and_counted(db_url: str):
    result = load(db_url, PXWEB)
    areas = set(current(db_url)["area_code"])
    assert areas == AREAS
    assert {code: area_kind(code) for code in areas} == {
        "SSS": "country",
        "KU035": "municipality",
        "KU837": "municipality",
        "SK064": "sub_region",
        "MK06": "region",
        "ELY04": "ely_centre",
    }
    counted = next(message for message in result.messages if message.key == "msg.statfin_areas")
    assert counted.severity == "info" and counted.fields == {"count": 6, "kinds": "SSS 1, KU 2, SK 1, MK 1, ELY 1"}


def test_12u4_with_gender_and_age_takes_their_totals(db_url: str):
    result = load(db_url, U4)
    # 2 areas × 3 sexes × 3 age groups × 2 months × AKTASTE = 36 cells; only sex = SSS and age = SSS are read
    assert (result.status, result.kind, result.rows_read, result.rows_imported) == ("imported", "statfin_12u4", 4, 4)
    cells = current(db_url).set_index(["area_code", "month"])
    assert set(cells["indicator"]) == {"AKTASTE"} and set(cells["table_id"]) == {"12u4"}
    # value[0], value[1]: Alue SSS, both totals, 2026M05 and M06; value[18], value[19]: KU837 (18 = 3 × 3 × 2)
    assert cells["value"].to_dict() == {
        ("KU837", pd.Timestamp("2026-05-01")): 27.5,
        ("KU837", pd.Timestamp("2026-06-01")): 26.9,
        ("SSS", pd.Timestamp("2026-05-01")): 26.0,
        ("SSS", pd.Timestamp("2026-06-01")): 25.4,
    }
    assert cells["status"].isna().all()  # value[33] is '...' but it is women 15-24 in Tampere: not read
    taken = next(message for message in result.messages if message.key == "msg.statfin_totals_taken")
    assert taken.fields["skipped"] == 32
    assert "sukupuoli_9_20180101 (Sukupuoli) = SSS" in taken.text("fi")


def test_extra_dimension_without_a_total_is_refused_with_its_name(db_url: str):
    data = json.loads(U4.read_text(encoding="utf-8"))
    ages = data["dimension"]["Ikäryhmä"]["category"]
    ages["index"] = {"18-64": 0, "15-24": 1, "25-": 2}  # the total SSS replaced by a group
    ages["label"] = {"18-64": "18-64-vuotiaat", "15-24": "15-24-vuotiaat", "25-": "25 vuotta täyttäneet"}
    before = queries.table_counts(db_url)
    result = load(db_url, U4, json.dumps(data).encode(), "ikaryhmat.json")
    assert result.status == "rejected"
    errors = [message for message in result.messages if message.severity == "error"]
    assert errors[0].key == "msg.statfin_no_total" and errors[0].fields["dimension"] == "Ikäryhmä"
    assert "Ikäryhmä" in errors[0].text("fi") and "Ikäryhmä" in errors[0].text("en")
    assert queries.table_counts(db_url) == before


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b'{"columns": [{"code": "Alue", "type": "d"}], "data": [{"key": [], "values": []}]}', "data[0]"),
        (b'{"a": {"dimension": {"id": [], "size": []}}, "b": {"dimension": {}}}', "2 json-stat datasets"),
        (
            b'{"dataset": {"dimension": {"id": ["Alue"], "size": [2], "Alue": {"category": {"index": ["SSS"]}}}}}',
            "size",
        ),
    ],
)
def test_broken_pxweb_and_jsonstat1_answers_are_refused(db_url: str, content: bytes, detail: str):
    result = import_file(content, "vastaus.json", url=db_url)
    assert result.status == "rejected" and result.messages[0].key == "msg.statfin_not_jsonstat"
    assert detail in result.messages[0].text("en")


def test_every_symbol_message_is_in_the_catalogue():
    from data_loaders.statistics import data_table
    from i18n import catalogue

    keys = {row["message"] for row in data_table("statfin_symbols.csv") if row["message"]}
    assert keys and keys <= set(catalogue())
