"""Versions of a budget: the history, the difference between two versions, rollback that deletes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from data_loaders.imports import import_file
from data_loaders.versions import budget_diff, budget_versions, rollback
from db import queries
from tests.conftest import ROOT
from tests.data_loaders.budget_workbooks import KUOPIO_ROWS, workbook

PROGRAMME = "oletus"  # an empty database's default programme
BUDGET = "Resurssit"


def kuopio(changes: dict[str, int] | None = None, drop: str | None = None, add: list | None = None) -> bytes:
    """Seed 004's table, with amounts changed (line → euros), a line dropped or one added before Toimintakate."""
    rows = [list(row) for row in KUOPIO_ROWS if not (drop and row and row[0] == drop)]
    for row in rows:
        if row and row[0] in (changes or {}):
            row[1] = changes[row[0]]
    if add:
        rows.insert(-1, add)
    return workbook({"Resurssit 2019": rows})


# The first version's file, built once: openpyxl stamps the time into every workbook it saves,
# so two builds a second apart are two different files.
V1 = kuopio()


def two_versions(url: str) -> tuple[int, int]:
    first = import_file(V1, "v1.xlsx", budget=BUDGET, user="analyytikko", url=url)
    second = import_file(
        kuopio(
            changes={
                "työllisyyshankkeet": -1_130_000,
                "Toimintakulut, joista": -18_610_561,
                "Toimintakate": -17_153_867,
            },
            drop="palkkatuki",
            add=["EU-hankkeen omarahoitus", -50_000],
        ),
        "v2.xlsx",
        budget=BUDGET,
        user="controller",
        url=url,
    )
    return first.version, second.version


def test_versions_say_who_when_which_file_and_counts(db_url: str):
    first, second = two_versions(db_url)
    versions = budget_versions(PROGRAMME, BUDGET, url=db_url)
    assert versions["version"].tolist() == [second, first]  # newest first
    assert versions["imported_by"].tolist() == ["controller", "analyytikko"]
    assert versions["file_name"].tolist() == ["v2.xlsx", "v1.xlsx"]
    assert set(versions["kind"]) == {"budget_wide"}
    assert versions["sha256"].str.len().eq(64).all() and versions["imported_at"].notna().all()
    # seed 004's table has 12 lines; v2 drops one and adds one
    assert versions["rows_imported"].tolist() == [12, 12]


def test_diff_lists_lines_added_removed_and_changed_with_amounts(db_url: str):
    first, second = two_versions(db_url)
    diff = budget_diff(PROGRAMME, BUDGET, first, second, url=db_url).set_index("name")
    # v2: hankkeet −1 030 000 → −1 130 000 €, toimintakulut −100 000 € more, palkkatuki removed, one line added
    assert diff.loc["työllisyyshankkeet", ["change", "old_cents", "new_cents", "difference_cents"]].tolist() == [
        "changed",
        -103_000_000,
        -113_000_000,
        -10_000_000,
    ]
    assert diff.loc["palkkatuki", ["change", "difference_cents"]].tolist() == ["removed", -60_360_000]
    assert diff.loc["EU-hankkeen omarahoitus", ["change", "difference_cents"]].tolist() == ["added", -5_000_000]
    assert set(diff["change"]) == {"added", "removed", "changed"}
    assert "hankerahoitus" not in diff.index  # unchanged lines are left out


def test_rollback_is_a_new_version_copying_the_old_lines_and_deletes_nothing(db_url: str):
    first, second = two_versions(db_url)
    lines_before = queries.table_counts(db_url)["budget_line"]
    result = rollback(PROGRAMME, BUDGET, first, "controller", url=db_url)
    assert (result.status, result.rows) == ("rolled_back", 12)
    current = queries.current_budget_lines(budget=BUDGET, url=db_url)
    original = queries.current_budget_lines(budget=BUDGET, url=db_url, as_of=first)
    columns = ["year", "scenario", "code", "name", "parent", "category", "amount_cents", "source_cell"]
    assert current[columns].values.tolist() == original[columns].values.tolist()
    assert set(current["version"]) == {result.version} and result.version > second
    assert queries.table_counts(db_url)["budget_line"] == lines_before + 12  # copies added, none deleted
    versions = budget_versions(PROGRAMME, BUDGET, url=db_url)
    newest = versions.iloc[0]
    assert (newest["rollback_of"], newest["status"], newest["kind"]) == (first, f"rollback:{first}", "budget_wide")


def test_rollback_to_what_is_current_changes_nothing(db_url: str):
    first, _ = two_versions(db_url)
    rollback(PROGRAMME, BUDGET, first, "controller", url=db_url)
    before = queries.table_counts(db_url)
    again = rollback(PROGRAMME, BUDGET, first, "controller", url=db_url)
    assert (again.status, again.version) == ("unchanged", None)
    assert queries.table_counts(db_url) == before
    # the restored file itself is then current again: importing it says "unchanged"
    assert import_file(V1, "v1.xlsx", budget=BUDGET, url=db_url).status == "unchanged"


def test_rollback_keeps_years_imported_later_and_says_so(db_url: str):
    first = import_file(V1, "v1.xlsx", budget=BUDGET, url=db_url).version
    later = [["Talousarvio 2020 (euroa)"], ["", "TA 2020"], ["Toimintakulut", -1000], ["Toimintakate", -1000]]
    import_file(workbook({"TA 2020": later}), "v2020.xlsx", budget=BUDGET, url=db_url)
    import_file(kuopio(changes={"palkkatuki": 1}), "v3.xlsx", budget=BUDGET, url=db_url)
    result = rollback(PROGRAMME, BUDGET, first, "controller", url=db_url)
    assert [m.key for m in result.messages] == ["msg.rolled_back", "msg.rollback_kept"]
    assert "2020 budget" in result.messages[1].text("en")
    assert sorted(queries.current_budget_lines(budget=BUDGET, url=db_url)["year"].unique()) == [2019, 2020]


@pytest.mark.parametrize("command", [["versions", "--json"], ["rollback", "1", "--user", "cli-test"]])
def test_mittari_versions_and_rollback(db_url: str, command: list[str]):
    two_versions(db_url)
    env = {**os.environ, "DATABASE_URL": db_url}
    run = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *command], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stderr
    if command[0] == "versions":
        assert [row["file_name"] for row in json.loads(run.stdout)] == ["v1.xlsx", "v2.xlsx"]
    else:
        assert "Versio 3 palauttaa version 1 rivit (12 riviä)" in run.stdout
        assert queries.import_versions(url=db_url)["status"].tolist() == ["imported", "imported", "rollback:1"]
