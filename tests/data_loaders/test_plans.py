"""The sample's risk registers and programme plans: what the seeds give arrives whole, and stays put."""

from __future__ import annotations

import datetime as dt

from data_loaders.plans import load_plans
from db import plans
from db.engine import transaction
from tests.conftest import SAMPLE


def test_kuopio_staffing_plan_is_the_seeds_27_people(sample_url: str):
    posts = plans.staff_posts("kuopio", sample_url)
    # seed 004 Table 3: 22 in client service, 2 in support, 3 in management
    assert int(posts["count"].sum()) == 27
    assert posts.groupby("staff_group")["count"].sum().to_dict() == {
        "client_service": 22,
        "management": 3,
        "support": 2,
    }
    fixed = posts[posts["fixed_term_end"].notna()]
    assert set(fixed["fixed_term_end"]) == {dt.date(2020, 12, 31)}
    assert int(fixed["count"].sum()) == 22  # 15 + 1 + 2 + 2 coordinators, one nurse, the planner


def test_kuopio_measures_keep_the_seeds_cap_and_owners(sample_url: str):
    measures = plans.measures("kuopio", sample_url)
    assert len(measures) == 12  # seed 004 Table 1: twelve measure groups
    capped = measures[measures["cap_cents"].notna()]
    assert capped["cap_cents"].tolist() == [800_000_00]  # "Kuntouttava työtoiminta enintään 800 000 €"
    assert "kuntouttavan työtoiminnan" in capped["name"].iloc[0]
    assert measures["owner"].notna().all()


def test_tampere_register_holds_the_seeds_six_risks(sample_url: str):
    register = plans.risks("tampere-seutu", sample_url)
    assert register["code"].tolist() == ["R1", "R2", "R3", "R4", "R5", "R6"]  # seed 000 p. 5
    assert "22 000" in register["title"].iloc[0]
    assert register["source"].str.contains("seed 000").all() and register["source"].str.contains("invented").all()
    links = plans.indicator_links("tampere-seutu", sample_url)
    assert links["clients_per_staff"] == "R1" and links["savings_forecast"] == "R2"


def test_every_sample_record_says_where_it_comes_from(sample_url: str):
    for slug in ("tampere-seutu", "kuopio"):
        readers = (plans.risks, plans.measures, plans.staff_posts, plans.strategy_metrics, plans.client_counts)
        for frame in (read(slug, sample_url) for read in readers):
            assert frame["source"].notna().all()
            assert frame["source"].str.contains("seed|invented").all()


def test_loading_again_keeps_a_users_edits(sample_url: str):
    with transaction(sample_url) as session:
        plans.save_risk(session, "kuopio", "K1", {"title": "Muokattu", "residual_likelihood": 1}, "2020Q4", "analyst")
    assert load_plans(SAMPLE, sample_url) == []
    register = plans.risks("kuopio", sample_url).set_index("code")
    assert register.loc["K1", "title"] == "Muokattu"
    assert len(register) == 7
