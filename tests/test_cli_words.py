"""The command line speaks the chosen language, and an unknown programme names the valid ones."""

from __future__ import annotations

import pytest

from tests.test_cli import mittari


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "Tuntematon ohjelma 'tampere'. Ohjelmat: tampere-seutu, kuopio."),
        ("sv", "Okänt program 'tampere'. Program: tampere-seutu, kuopio."),
        ("en", "Unknown programme 'tampere'. Programmes: tampere-seutu, kuopio."),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ["figures", "--programme", "tampere"],
        ["report", "--programme", "tampere", "--quarter", "2018Q4", "--format", "xlsx", "--output", "x.xlsx"],
        ["user", "add", "uusi", "--role", "viewer", "--programme", "tampere", "--generate-password"],
    ],
)
def test_an_unknown_programme_is_named_with_the_valid_ones_in_the_chosen_language(sample_url, lang, expected, command):
    done = mittari(sample_url, "--lang", lang, *command)
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Error: 'tampere'" not in done.stderr


def test_a_missing_file_is_told_in_finnish(sample_url, tmp_path):
    done = mittari(sample_url, "--lang", "fi", "import", str(tmp_path / "puuttuu.xlsx"))
    assert done.returncode == 2 and "tiedostoa ei ole" in done.stderr


def test_a_rejected_file_is_told_in_swedish_when_asked(db_url, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("rivi;luokka;vuosi;skenaario;summa\nToimintakate;toimintakate;2019;toive;-1\n", encoding="utf-8")
    done = mittari(db_url, "--lang", "sv", "import", str(bad))
    assert done.returncode == 1
    assert "Bladet 'bad.csv', rad 2, kolumn D: Okänt scenario 'toive' i kolumnen 'skenaario'" in done.stdout
    assert "Filen importerades inte" in done.stdout
