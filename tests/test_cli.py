"""The ``mittari`` command line: the JSON contract and exit codes 0/1/2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE


def mittari(db_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_import_json_then_unchanged(db_url: str):
    path = str(SAMPLE / "kuopio_resurssit_2019.csv")
    first = mittari(db_url, "import", path, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["status"] == "imported" and report["kind"] == "budget_template"
    assert report["totals"] == [
        {
            "year": 2019,
            "scenario": "budget",
            "toimintatuotot": 1456694.0,
            "toimintakulut": -18510561.0,
            "toimintakate": -17053867.0,
        }
    ]
    assert report["rows_read"] == report["rows_imported"] + report["rows_rejected"] == 12
    assert {"severity", "sheet", "cell", "text"} <= set(report["messages"][0])
    again = mittari(db_url, "import", path, "--json")
    assert (again.returncode, json.loads(again.stdout)["status"]) == (0, "unchanged")


def test_rejected_file_exits_1_with_the_message_in_english_when_asked(db_url: str, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("rivi;luokka;vuosi;skenaario;summa\nToimintakate;toimintakate;2019;toive;-1\n", encoding="utf-8")
    result = mittari(db_url, "--lang", "en", "import", str(bad), "--json")
    assert result.returncode == 1
    texts = [m["text"] for m in json.loads(result.stdout)["messages"]]
    assert "Sheet 'bad.csv', row 2, column D: Unknown scenario 'toive'" in texts[0]


def test_usage_errors_exit_2(sample_url: str, tmp_path: Path):
    assert mittari(sample_url, "import", str(tmp_path / "missing.xlsx")).returncode == 2
    several = mittari(sample_url, "import", str(SAMPLE / "kuopio_resurssit_2019.csv"))
    assert several.returncode == 2 and "--programme" in several.stderr
    assert mittari(sample_url, "figures", "--programme", "nope").returncode == 2


def test_figures_json_names_programme_and_budget(sample_url: str):
    result = mittari(sample_url, "figures", "--json", "--programme", "tampere-seutu")
    assert result.returncode == 0, result.stderr
    budget = json.loads(result.stdout)["budget"]
    assert {(b["programme"], b["budget"], b["year"], b["toimintakate"]) for b in budget} == {
        ("tampere-seutu", "Työllisyydenhoito", 2017, -43_732_000.0),  # seed 000
        ("tampere-seutu", "Kehitysohjelman budjetti", 2017, -800_000.0),
        ("tampere-seutu", "Kehitysohjelman budjetti", 2018, -1_000_000.0),
    }
