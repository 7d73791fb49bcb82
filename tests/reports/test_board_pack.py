"""The quarterly pack as a board document: target line, variances, left-out budgets, whole euros, charts,
signature in Finnish time, the PDF's footer and page numbers, and the workbook's formats."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import BytesIO

import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from plotly.io.json import to_json_plotly
from pypdf import PdfReader

from i18n import format_date, t
from models.quarters import parse_quarter
from reports.figures import PALETTE, distance_to_segment, heat_map_figure, kuntaosuus_figure, measures_figure
from reports.pdf import pack_pdf
from reports.quarterly import Sources, live_pack, quarterly_pack, savings_outlook, sign_off
from reports.text import (
    HELSINKI,
    headline_rows,
    left_out_text,
    outlook_fields,
    signature_rows,
    target_reason,
    target_text,
    timestamp_text,
)
from reports.workbook import PERCENT_FORMAT, pack_workbook
from tests.reports.conftest import THRESHOLDS

KUOPIO_BUDGET = "Käytettävissä olevat resurssit 2019"
TAMPERE_DEVELOPMENT = "Kehitysohjelman budjetti"


def _row(pack: dict, key: str, detail: str | None = None) -> dict:
    return next(r for r in pack["headline"] if r["key"] == key and (detail is None or r["detail"] == detail))


def _plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).replace("\u2212", "-")


# --- the first line ----------------------------------------------------------------


def test_first_line_states_the_target_its_status_and_the_reason(sample_url: str):
    # Tampere 2018: kuntaosuus 46 121 820 € against 47 709 400 € in 2016, a saving of 3,3 %: the −3 % target met
    pack = live_pack("tampere-seutu", "2018Q4", sample_url, thresholds=THRESHOLDS)
    assert _row(pack, "kuntaosuus")["year_to_date"] == 4612182000
    assert _row(pack, "kuntaosuus_baseline")["year_to_date"] == 4770940000
    assert pack["target"]["outlook"]["status"] == "met"
    line = _plain(target_text(pack, "fi"))
    assert line.startswith("Tavoite: työmarkkinatuen kuntaosuus -3 % perusvuodesta 2016 31.12.2018 mennessä.")
    assert "Tila: Saavutettu." in line
    assert "saavutti tavoitteen" in line and "(3,3 %)" in line  # the reason, in the Benefits page's words
    assert _plain(target_text(pack, "en")).startswith("Target: the municipal share of labour market subsidy -3%")


def test_pack_reason_is_the_benefits_pages_sentence(sample_url: str):
    from dashboards.target import status_reason  # the Benefits page's wording of the reason

    sources = Sources("kuopio", sample_url)
    for quarter in ("2019Q4", "2020Q3"):  # on track (whole euros); at risk (forecast amounts with cents)
        seen = savings_outlook(sources, parse_quarter(quarter))
        name = sources.programme["name"]
        for lang in ("fi", "en"):
            assert target_reason(outlook_fields(seen, 2016), name, lang) == status_reason(seen, 2016, name, lang)


def test_first_line_says_when_the_status_cannot_be_assessed(db_url: str):
    from data_loaders.sample import load_municipalities, load_programmes
    from tests.conftest import SAMPLE

    load_municipalities(SAMPLE, db_url)
    load_programmes(SAMPLE, db_url)  # no Kela file: no outlook
    pack = quarterly_pack("kuopio", "2019Q4", db_url, thresholds=THRESHOLDS)
    line = target_text(pack, "fi")
    assert "Tila: Ei arvioitu." in line and "Tilaa ei voi arvioida" in line


# --- variances, left-out budgets, whole euros ----------------------------------------


def test_variance_row_is_computed_for_the_quarter_the_year_and_the_previous_quarter(sample_url: str):
    # seed 004: plan −17 053 867 € for 2019 (a quarter: −4 263 466,75 €); invented actuals −17 330 000 € to 2019Q4
    pack = live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)
    plan, actual = _row(pack, "plan_to_date", KUOPIO_BUDGET), _row(pack, "actual_to_date", KUOPIO_BUDGET)
    variance = _row(pack, "deviation_to_date", KUOPIO_BUDGET)
    for column in ("quarter", "year_to_date", "previous_quarter"):
        assert variance[column] == actual[column] - plan[column], column
    assert variance["year_to_date"] == -1733000000 - -1705386700  # −276 133 €
    assert _row(pack, "overrun_pct", KUOPIO_BUDGET)["year_to_date"] == 1.62  # 276 133 / 17 053 867
    shown = next(r for r in headline_rows(pack, "fi") if r[0].startswith(t("pack.figure.deviation_to_date")))
    assert "–" not in shown[1:]
    assert shown[2] == "−276\xa0133\xa0€"


def test_budgets_without_data_in_the_quarter_are_left_out_with_a_line_saying_so(sample_url: str):
    # Tampere's VUSU 2017 operating budget has no plan for 2018 and no interim actuals: not a row of dashes
    pack = live_pack("tampere-seutu", "2018Q4", sample_url, thresholds=THRESHOLDS)
    assert pack["left_out"] == ["Työllisyydenhoito"]
    assert {r["detail"] for r in pack["headline"] if r["detail"]} == {TAMPERE_DEVELOPMENT}
    assert "Työllisyydenhoito" in left_out_text(pack, "fi") and "2018Q4" in left_out_text(pack, "fi")
    # Kuopio has no budget for 2020 in the sample: its 2019 budget is left out of 2020Q3
    later = live_pack("kuopio", "2020Q3", sample_url, thresholds=THRESHOLDS)
    assert later["left_out"] == [KUOPIO_BUDGET] and not [r for r in later["headline"] if r["detail"]]
    assert left_out_text(live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS), "fi") == ""


def test_euros_are_whole_in_tables_and_cents_only_when_asked(sample_url: str):
    pack = live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)
    assert _row(pack, "plan_to_date", KUOPIO_BUDGET)["quarter"] == -426346675  # the source has cents here
    whole = headline_rows(pack, "fi")
    assert not [cell for row in whole for cell in row[1:] if "€" in cell and "," in cell]
    plan = next(r for r in whole if r[0] == f"{t('pack.figure.plan_to_date')}: {KUOPIO_BUDGET}")
    assert plan[1] == "−4\xa0263\xa0467\xa0€"
    with_cents = next(r for r in headline_rows(pack, "fi", with_cents=True) if r[0] == plan[0])
    assert with_cents[1] == "−4\xa0263\xa0466,75\xa0€" and with_cents[2] == "−17\xa0053\xa0867\xa0€"


# --- charts ---------------------------------------------------------------------------


def test_charts_share_the_theme_and_colour_good_and_bad_consistently(sample_url: str):
    from dashboards.statistics import common_layout

    # a saving beyond the target: the good colour
    met = live_pack("tampere-seutu", "2018Q4", sample_url, thresholds=THRESHOLDS)
    figure = kuntaosuus_figure(met["headline"], "fi", met["target_pct"])
    baseline, actual = figure["data"]
    assert list(baseline["marker"]["color"]) == [PALETTE["baseline"]] * 2
    assert list(actual["marker"]["color"]) == [PALETTE["good"]] * 2
    # a saving short of the target: not the good colour
    short = live_pack("kuopio", "2020Q3", sample_url, thresholds=THRESHOLDS)
    assert PALETTE["good"] not in kuntaosuus_figure(short["headline"], "fi", 3.0)["data"][1]["marker"]["color"]
    spent = measures_figure(met["measures"], "fi")["data"][1]  # Mamu-Koto spent 212 400 € of a 210 000 € cap
    over = [m["spent_cents"] > m["cap_cents"] for m in met["measures"] if m["cap_cents"] is not None]
    assert [colour == PALETTE["bad"] for colour in spent["marker"]["color"]] == over and any(over)
    theme = figure["layout"]["template"]["layout"]["colorway"]
    assert list(theme) == common_layout("x", "€", "fi")["template"]["layout"]["colorway"]


def test_risk_map_title_is_short_and_its_arrows_pass_beside_the_labels(sample_url: str):
    pack = live_pack("kuopio", "2020Q3", sample_url, thresholds=THRESHOLDS)  # K2 moved from 4 × 4 to 4 × 5
    layout = heat_map_figure(pack["heat_map"], pack["risks"], "fi")["layout"]
    assert len(layout["title"]["text"]) <= 40  # fits a half-width card; the arrows are explained below the map
    assert any(a["text"] == t("pack.chart.heat_map_note") for a in layout["annotations"])
    labelled = [(c["impact"], c["likelihood"]) for c in pack["heat_map"] if c["codes"]]
    arrows = [a for a in layout["annotations"] if a["showarrow"]]
    assert arrows
    for arrow in arrows:
        start, end = (arrow["ax"], arrow["ay"]), (arrow["x"], arrow["y"])
        clearance = min(distance_to_segment(p, start, end) for p in labelled)
        assert clearance >= 0.3 - 1e-9, (start, end)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_pack_charts_are_what_plotly_itself_would_send(sample_url: str, lang: str):
    """The pack's charts are plain dicts: each is already in plotly's own form (plotly's objects, given it, send
    the same JSON), the map with its arrows and note, the bars with their colours, text and euros."""
    pack = live_pack("kuopio", "2020Q3", sample_url, thresholds=THRESHOLDS)  # K2 moved: an arrow
    for figure in (
        heat_map_figure(pack["heat_map"], pack["risks"], lang),
        heat_map_figure(pack["heat_map"], [], lang, "Riskikartta"),
        kuntaosuus_figure(pack["headline"], lang, pack["target_pct"]),
        measures_figure(pack["measures"], lang),
    ):
        assert json.loads(to_json_plotly(go.Figure(figure).to_plotly_json())) == json.loads(to_json_plotly(figure))


# --- signature -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2026-12-07T06:51:00+00:00", "7.12.2026 klo 8.51"),  # winter: UTC+2
        ("2026-06-30T21:30:00", "1.7.2026 klo 0.30"),  # summer, a time without zone is UTC: UTC+3, the next day
    ],
)
def test_signature_time_is_finnish_local_time(iso: str, expected: str):
    assert timestamp_text(iso, "fi") == expected


def test_signature_block_has_name_role_and_helsinki_date(sample_url: str):
    assert [
        value for _, value in signature_rows(live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS), "fi")
    ] == ["", "", ""]
    signed = sign_off("kuopio", "2019Q4", "Maija Meikäläinen", sample_url, role="director", thresholds=THRESHOLDS)
    moment = dt.datetime.fromisoformat(signed["signed_at"])
    local = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(HELSINKI)
    rows = dict(signature_rows(quarterly_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS), "fi"))
    assert rows == {
        "Nimi": "Maija Meikäläinen",
        "Rooli": t("role.director"),
        "Päivämäärä": f"{format_date(local.date())} klo {local.hour}.{local.minute:02d}",
    }


# --- the PDF ---------------------------------------------------------------------------


def test_pdf_has_the_target_line_page_numbers_footer_and_signature_block(sample_url: str):
    sign_off("tampere-seutu", "2018Q4", "Matti Virtanen", sample_url, role="director", thresholds=THRESHOLDS)
    pack = quarterly_pack("tampere-seutu", "2018Q4", sample_url, thresholds=THRESHOLDS)
    pages = PdfReader(BytesIO(pack_pdf(pack))).pages
    texts = [_plain(page.extract_text()) for page in pages]
    assert len(texts) >= 2
    assert (
        "Tavoite: työmarkkinatuen kuntaosuus -3 % perusvuodesta 2016 31.12.2018 mennessä. Tila: Saavutettu."
        in (texts[0])
    )
    today = format_date(dt.datetime.now(HELSINKI).date())
    for number, text in enumerate(texts, start=1):
        assert f"Sivu {number} / {len(texts)}" in text, number
        assert f"{pack['programme_name']} · 2018Q4 · tulostettu {today}" in text, number
    signature = _plain(" ".join(dict(signature_rows(pack, "fi")).values()))
    assert "Matti Virtanen" in texts[-1] and t("role.director") in texts[-1] and signature.split()[-1] in texts[-1]
    assert all(label in texts[-1] for label in ("Allekirjoitus", "Nimi", "Rooli", "Päivämäärä"))
    assert "Jätetty pois" in texts[0] and "Työllisyydenhoito" in texts[0]


# --- the workbook -----------------------------------------------------------------------


def test_workbook_sheets_are_tables_with_units_percent_formats_frozen_headers_and_print_areas(sample_url: str):
    pack = live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)
    workbook = load_workbook(BytesIO(pack_workbook(pack)))
    for sheet in workbook.worksheets:
        assert len(sheet.tables) == 1, sheet.title
        table = next(iter(sheet.tables.values()))
        header_row = int(re.match(r"[A-Z]+(\d+)", table.ref).group(1))
        assert sheet.freeze_panes == f"A{header_row + 1}", sheet.title
        assert sheet.print_area, sheet.title
    figures = workbook[t("pack.sheet.figures")]
    headers = [cell.value for cell in figures[1]]
    assert headers[1] == t("pack.col.unit") and all("(rivin yksikkö)" in h for h in headers[2:6])
    rows = {figures.cell(r, 1).value: r for r in range(2, figures.max_row + 1)}
    saving = rows[t("pack.figure.kuntaosuus_savings_pct")]
    assert figures.cell(saving, 2).value == "%"
    assert figures.cell(saving, 4).number_format == PERCENT_FORMAT
    assert figures.cell(saving, 4).value == pytest.approx(_row(pack, "kuntaosuus_savings_pct")["year_to_date"] / 100)
    overrun = rows[f"{t('pack.figure.overrun_pct')}: {KUOPIO_BUDGET}"]
    assert (
        figures.cell(overrun, 4).value == pytest.approx(0.0162) and figures.cell(overrun, 4).number_format == "0.00 %"
    )
    plan = rows[f"{t('pack.figure.plan_to_date')}: {KUOPIO_BUDGET}"]
    assert figures.cell(plan, 3).value == -4263466.75  # the exact amount, shown in whole euros
    assert figures.cell(plan, 3).number_format == '#,##0 "€";-#,##0 "€"'
    measures = workbook[t("pack.sheet.measures")]
    assert [c.value for c in measures[1]][2:] == ["Kustannuskatto, €", "Käytetty, €", "Käytetty katosta, %"]
    capped = next(r for r in range(2, measures.max_row + 1) if measures.cell(r, 5).value is not None)
    assert measures.cell(capped, 5).number_format == PERCENT_FORMAT and measures.cell(capped, 5).value < 1.5
    risk_headers = [c.value for c in workbook[t("pack.sheet.risks")][1]]
    assert "Todennäköisyys, 1–5" in risk_headers and "Pisteet, 1–25" in risk_headers
    indicators = workbook[t("pack.sheet.indicators")]
    assert [c.value for c in indicators[1]][1] == t("pack.col.unit")
    summary = workbook[t("pack.sheet.summary")]
    items = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(4, summary.max_row + 1)}
    assert items[t("pack.item.target")].startswith("Tavoite: työmarkkinatuen kuntaosuus")
    cents = load_workbook(BytesIO(pack_workbook(pack, with_cents=True)))[t("pack.sheet.figures")]
    assert cents.cell(plan, 3).number_format == '#,##0.00 "€";-#,##0.00 "€"'
