"""``mittari group add|list|remove`` and the ``comparison`` part of ``mittari figures --json``."""

from __future__ import annotations

import json

import pytest

from db import accounts, queries
from models.savings import MONTH_TOTAL, kuntaosuus_totals
from tests.test_cli import mittari


def test_register_groups_are_listed_for_every_programme(sample_url: str):
    result = mittari(sample_url, "group", "list", "--programme", "kuopio", "--json")
    assert result.returncode == 0, result.stderr
    groups = {row["name"]: row for row in json.loads(result.stdout)}
    # reference_data/comparison_groups.csv: the six largest (end of 2020) and the 20 regional centres
    assert groups["Kuusi suurinta kaupunkia"]["members"] == ["049", "091", "092", "564", "837", "853"]
    assert len(groups["Maakuntakeskukset"]["members"]) == 20 and "297" in groups["Maakuntakeskukset"]["members"]
    assert all(row["register"] for row in groups.values())


def test_add_list_and_remove_a_programme_group_with_audit(sample_url: str):
    added = mittari(sample_url, "group", "add", "Savon kaupungit", "297", "Mikkeli", "Varkaus", "--programme", "kuopio")
    assert added.returncode == 0, added.stderr
    assert "Savon kaupungit" in added.stdout and "3 kuntaa" in added.stdout
    listed = json.loads(mittari(sample_url, "group", "list", "--programme", "kuopio", "--json").stdout)
    own = [row for row in listed if row["name"] == "Savon kaupungit"]
    assert own == [{"name": "Savon kaupungit", "register": False, "members": ["297", "491", "915"]}]
    # a group belongs to its programme: Tampere's list does not show it
    tampere = json.loads(mittari(sample_url, "group", "list", "--programme", "tampere-seutu", "--json").stdout)
    assert "Savon kaupungit" not in {row["name"] for row in tampere}
    removed = mittari(sample_url, "group", "remove", "Savon kaupungit", "--programme", "kuopio")
    assert removed.returncode == 0, removed.stderr
    listed = json.loads(mittari(sample_url, "group", "list", "--programme", "kuopio", "--json").stdout)
    assert "Savon kaupungit" not in {row["name"] for row in listed}
    actions = list(accounts.audit_events(url=sample_url)["action"])
    assert "group_add" in actions and "group_remove" in actions


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("group", "add", "X", "999", "--programme", "kuopio"), "Tuntematon kuntakoodi: 999"),
        (("group", "remove", "Maakuntakeskukset", "--programme", "kuopio"), "rekisterin ryhmä"),
        (("group", "remove", "Ei ole", "--programme", "kuopio"), "Ohjelmalla ei ole ryhmää 'Ei ole'"),
        (("group", "list", "--programme", "nope"), "Tuntematon ohjelma 'nope'"),
    ],
)
def test_group_usage_errors_exit_2_in_words(sample_url: str, args: tuple[str, ...], said: str):
    result = mittari(sample_url, *args)
    assert result.returncode == 2 and said in result.stderr, result.stderr


def test_figures_json_has_the_comparison_of_the_programme_and_its_groups(sample_url: str):
    result = mittari(sample_url, "figures", "--json", "--programme", "kuopio")
    assert result.returncode == 0, result.stderr
    [part] = json.loads(result.stdout)["comparison"]
    assert part["programme"] == "kuopio" and len(part["groups"]) == 2
    six = next(group for group in part["groups"] if group["register_key"] == "six_largest")
    kuopio = next(r for r in six["rows"] if r["municipality"] == "297" and r["indicator"] == "kuntaosuus_per_resident")
    # expected from the database itself: the year's Kela month totals of Kuopio and Juankoski (merged 2017)
    # over the register's population (end of 2020), since no 11ra is imported in the sample
    totals = kuntaosuus_totals(
        queries.kela_area_totals(url=sample_url, **MONTH_TOTAL), queries.municipality_mergers(sample_url)
    )
    year = totals[(totals["municipality"] == "297") & (totals["month"].dt.year == part["year"])]
    assert len(year) == 12
    register = queries.municipality_register(sample_url).set_index("code")
    assert kuopio["value"] == pytest.approx(year["kuntaosuus_cents"].sum() / 100 / register.loc["297", "population"])
    assert (kuopio["population_source"], kuopio["population_year"], kuopio["ours"]) == ("register", 2020, True)
    # the sample has Kela data for Tampere only of the six: Kuopio and Tampere are ranked, 2 compared
    assert kuopio["group_of"] == 2


def test_a_group_of_codes_the_register_lacks_is_refused_where_it_is_written(sample_url: str):
    """The page's member choices come from the browser: the write itself refuses what the register lacks."""
    from db import store
    from db.engine import transaction

    before = json.loads(mittari(sample_url, "group", "list", "--programme", "kuopio", "--json").stdout)
    with pytest.raises(store.GroupError) as refused, transaction(sample_url) as session:
        store.save_comparison_group(session, store.programme_by_slug(session, "kuopio"), "X", ["297", "9999"], "t")
    assert refused.value.reason == "unknown_municipality" and refused.value.fields == {"name": "9999"}
    assert json.loads(mittari(sample_url, "group", "list", "--programme", "kuopio", "--json").stdout) == before
