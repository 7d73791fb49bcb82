"""One figure, one computation: the Overview, Benefits, Programme plan, the quarterly pack (and its workbook)
and ``mittari figures --json`` show the same savings, status and toimintakate for the same programme and period.

Each page's figures are read from what it renders (its text), so a page that
computed a figure of its own, or typed one, makes the test fail.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from i18n import money_text, t
from settings import RiskThresholds
from tests.test_cli import mittari

# The sample programmes at the month the Overview shows (the latest month of data, at most the target month):
# golden figures from the seeds and sample_data/README.md
PERIODS = [
    # Tampere's ten pilots, 1–12/2018: saving 1 587 580 € (3.33 %) against a target of 1 431 282 € — met
    ("tampere-seutu", "2018-12-01", "2018Q4", "met", 158_758_000, 3.33),
    # Kuopio at 9/2020 (the last month of the synthetic Kela file): at risk
    ("kuopio", "2020-09-01", "2020Q3", "at_risk", 13_616_991, 1.7),
]


def text_of(component: object) -> str:
    """Every text inside a Dash component tree, with its links' titles (where a figure says its source)."""
    if component is None or isinstance(component, bool):
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(child) for child in component)
    title = getattr(component, "title", None)
    return " ".join([text_of(getattr(component, "children", None)), title if isinstance(title, str) else ""])


@pytest.fixture
def pages(sample_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    """The page modules (and the figure modules the Overview and Programme plan are built by) reading the sample
    database (the app built so the pages are registered)."""
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv("MITTARI_INSTANCE_DIR", str(tmp_path))
    import app  # noqa: F401 - registers the pages
    from dashboards import components
    from dashboards.figures import overview, plan
    from dashboards.pages import benefits

    yield {"benefits": benefits, "components": components, "overview": overview, "plan": plan, "url": sample_url}


def money(cents: int, pages: dict) -> str:
    return money_text(cents, "fi")


def pct(value: float, pages: dict) -> str:
    return pages["components"].percent_text(value, "fi")


@pytest.mark.parametrize(("slug", "as_of", "quarter", "status", "saving_ytd", "saving_pct"), PERIODS)
def test_every_page_the_pack_and_the_cli_show_the_same_figures(
    pages: dict, slug: str, as_of: str, quarter: str, status: str, saving_ytd: int, saving_pct: float
) -> None:
    from reports.quarterly import quarterly_pack

    cockpit = pages["overview"].cockpit_figures(slug)
    card = text_of(pages["overview"].programme_card(cockpit, "fi"))
    pack = quarterly_pack(slug, quarter, thresholds=RiskThresholds())

    # the period: the Overview's month and quarter are the ones compared
    assert cockpit.seen.as_of.date().isoformat() == as_of and str(cockpit.quarter) == quarter
    figures = mittari(pages["url"], "figures", "--programme", slug, "--json")
    assert figures.returncode == 0, figures.stderr
    report = json.loads(figures.stdout)
    cli = assert_savings_agree(pages, cockpit, pack, card, report, quarter, saving_ytd, saving_pct)
    assert_status_agrees(pages, slug, as_of, status, cockpit, card, pack, cli)
    assert_plan_computes(pages, slug, cockpit.seen)
    assert_toimintakate_agrees(pages, slug, quarter, cockpit, pack, card, report)
    assert_workbook_holds(pack, cockpit, quarter, saving_ytd, saving_pct)


def assert_savings_agree(
    pages: dict, cockpit, pack: dict, card: str, report: dict, quarter: str, saving_ytd: int, saving_pct: float
) -> dict:
    """Savings to date (1 January to the quarter's end): Overview = pack = CLI. Returns the CLI's row of the year."""
    headline = {(row["key"], row["detail"]): row for row in pack["headline"]}
    assert cockpit.savings["savings"] == headline[("kuntaosuus_savings", None)]["year_to_date"] == saving_ytd
    assert cockpit.savings["savings_pct"] == headline[("kuntaosuus_savings_pct", None)]["year_to_date"] == saving_pct
    assert f"{money(saving_ytd, pages)} ({pct(saving_pct, pages)})" in card
    year = int(quarter[:4])
    (cli,) = [row for row in report["savings"] if row["municipality"] is None and row["year"] == year]
    assert round(cli["savings_eur"] * 100) == saving_ytd and cli["savings_pct"] == saving_pct
    return cli


def assert_status_agrees(
    pages: dict, slug: str, as_of: str, status: str, cockpit, card: str, pack: dict, cli: dict
) -> None:
    """The status, its reason and the expected saving: Overview = Benefits = pack (= CLI once the window closes)."""
    seen = cockpit.seen
    assert seen.status == status
    shown = pages["benefits"].savings_view(slug, "", as_of, "fi")
    status_card = text_of(shown[0])
    reason = pages["overview"].status_section(cockpit, "fi").children[0].children  # the Overview's sentence
    assert isinstance(reason, str) and reason in card and reason in status_card
    # a forecast is shown in whole euros (i18n.money_text, whole=True), on every page alike
    assert f"{money_text(seen.saving, 'fi', whole=True)} ({pct(seen.saving_pct, pages)})" in status_card
    status_word = t(f"status.{status}", "fi")
    assert status_word in card and status_word in status_card
    if pack.get("target") and pack["target"].get("outlook"):
        assert pack["target"]["outlook"]["status"] == status
        assert pack["target"]["outlook"]["saving"] == seen.saving
    if seen.months_left == 0:
        assert cli["target_met"] == (status == "met") and round(cli["savings_eur"] * 100) == seen.saving


def assert_plan_computes(pages: dict, slug: str, seen) -> None:
    """The Programme plan's kuntaosuus saving is the same computed figure, never a typed one."""
    plan = pages["plan"]
    metrics = plan.with_computed_values(slug, plan.plans.strategy_metrics(slug))
    computed = metrics[[isinstance(figure, str) for figure in metrics["computed"]]]
    for value in computed["value"]:
        assert value == seen.saving_pct
    plan_text = text_of(plan.plan_sections(slug, "fi"))
    for metric in computed.to_dict("records"):
        assert plan.metric_text(metric, "fi") in plan_text


def assert_toimintakate_agrees(
    pages: dict, slug: str, quarter: str, cockpit, pack: dict, card: str, report: dict
) -> None:
    """Toimintakate to date per budget: Overview = pack of the same quarter = CLI's plan for the year (at Q4)."""
    from reports.quarterly import quarterly_pack

    annual = {}
    for entry in report["budget"]:  # the year's plan: the revised budget where there is one, else the budget
        if entry["scenario"] in ("revised_budget", "budget"):
            annual.setdefault((entry["budget"], entry["year"]), {})[entry["scenario"]] = entry["toimintakate"]
    for row in cockpit.budgets:
        if row.quarter is None:
            continue
        same = (
            pack if str(row.quarter) == quarter else quarterly_pack(slug, str(row.quarter), thresholds=RiskThresholds())
        )
        rows = {(r["key"], r["detail"]): r for r in same["headline"]}
        assert row.plan == rows[("plan_to_date", row.budget)]["year_to_date"]
        assert row.actual == rows[("actual_to_date", row.budget)]["year_to_date"]
        assert row.deviation == rows[("deviation_to_date", row.budget)]["year_to_date"]
        for cents in (row.plan, row.actual, row.deviation):
            assert cents is None or money(cents, pages) in card
        if row.quarter.number == 4:  # the plan to the year's end is the year's plan
            plans_of_year = annual[(row.budget, row.quarter.year)]
            euros = plans_of_year.get("revised_budget", plans_of_year.get("budget"))
            assert round(euros * 100) == row.plan


def assert_workbook_holds(pack: dict, cockpit, quarter: str, saving_ytd: int, saving_pct: float) -> None:
    """The workbook of the pack holds the same numbers (euros; percentages as fractions)."""
    from reports.workbook import pack_workbook

    book = load_workbook(io.BytesIO(pack_workbook(pack, "fi")), data_only=True)
    numbers = {
        round(float(cell), 4)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, int | float) and not isinstance(cell, bool)
    }
    assert round(saving_ytd / 100, 4) in numbers
    assert round(saving_pct / 100, 4) in numbers or round(saving_pct, 4) in numbers
    for row in cockpit.budgets:
        if row.quarter is not None and str(row.quarter) == quarter:
            assert round(row.plan / 100, 4) in numbers and round(row.actual / 100, 4) in numbers


def test_the_plans_kuntaosuus_saving_is_computed_not_typed(pages: dict) -> None:
    # sample_data/plans.json: Tampere's finance metric is marked "computed: kuntaosuus_saving_pct", no typed value;
    # Benefits at 12/2018: 3.33 % (the typed sample figure was 1.9 %)
    plan_text = text_of(pages["plan"].plan_sections("tampere-seutu", "fi"))
    assert "Työmarkkinatuen kuntaosuuden säästö vuodesta 2016: 3,3\xa0%" in plan_text
    assert "1,9" not in plan_text
    assert "laskettu tiedoista 12/2018 asti" in plan_text
    assert "syötetty" in plan_text  # the others stay typed, and say so
