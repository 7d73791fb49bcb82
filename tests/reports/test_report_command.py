"""``mittari report``: the pack as a file, exit 2 for a bad quarter or an unknown programme."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.test_cli import mittari


@pytest.mark.parametrize(("kind", "magic"), [("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_report_writes_the_pack(sample_url: str, tmp_path: Path, kind: str, magic: bytes):
    output = tmp_path / f"pack.{kind}"
    done = mittari(sample_url, "report", "--programme", "kuopio", "--quarter", "2019Q4", "--format", kind,
                   "--output", str(output))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output.read_bytes().startswith(magic)
    if kind == "xlsx":
        assert "xl/charts/chart1.xml" in zipfile.ZipFile(output).namelist()


@pytest.mark.parametrize(
    ("programme", "quarter", "message"),
    [("kuopio", "2019Q5", "2018Q4"), ("ei-ole", "2019Q4", "ei-ole")],
)
def test_report_refuses_a_bad_quarter_or_programme(sample_url: str, tmp_path: Path, programme, quarter, message):
    output = tmp_path / "pack.xlsx"
    done = mittari(sample_url, "report", "--programme", programme, "--quarter", quarter, "--format", "xlsx",
                   "--output", str(output))  # fmt: skip
    assert done.returncode == 2 and message in done.stderr
    assert not output.exists()
