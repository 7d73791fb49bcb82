"""A chart in words (dashboards.chart_text): the summary that names it and the table beside it, from small figures."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import html

from dashboards.chart_text import chart, chart_summary, chart_table, chart_words, plain_figure
from dashboards.copies import copies
from reports.figures import heat_map_figure, kuntaosuus_figure

NBSP = "\xa0"
MONTHS = pd.date_range("2020-01-01", periods=3, freq="MS")


def monthly_figure() -> go.Figure:
    """Two series over three months and a decorative band (no hover), titled with its unit as the pages do."""
    figure = go.Figure()
    figure.add_scatter(x=[*MONTHS, *MONTHS[::-1]], y=[9, 9, 9, 1, 1, 1], fill="toself", hoverinfo="skip", name="väli")
    figure.add_scatter(x=MONTHS, y=[1000.0, 1100.0, 1200.0], name="Perusvuosi 2016")
    figure.add_scatter(x=MONTHS[:2], y=[900.0, 1234567.0], name="Toteutunut")
    figure.update_layout(title={"text": "Kuopio: kuntaosuus kuukausittain, €"}, yaxis={"title": {"text": "€"}})
    return figure


def test_table_has_a_row_per_month_and_a_column_per_series_leaving_decoration_out() -> None:
    table = chart_table(monthly_figure(), "fi")
    assert table.headers == ["Kuukausi", "Perusvuosi 2016", "Toteutunut"]  # the band (hoverinfo skip) is left out
    assert table.rows == [
        ["1/2020", f"1{NBSP}000{NBSP}€", f"900{NBSP}€"],
        ["2/2020", f"1{NBSP}100{NBSP}€", f"1{NBSP}234{NBSP}567{NBSP}€"],
        ["3/2020", f"1{NBSP}200{NBSP}€", ""],  # no actual yet: an empty cell, never zero
    ]
    assert table.caption == "Kuopio: kuntaosuus kuukausittain, €"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fi", f"Kuopio: kuntaosuus kuukausittain, €. Toteutunut, viimeisin 2/2020: 1{NBSP}234{NBSP}567{NBSP}€"),
        ("en", "Kuopio: kuntaosuus kuukausittain, €. Toteutunut, latest Feb 2020: €1,234,567"),
    ],
)
def test_summary_says_what_unit_and_the_latest_value_of_the_last_series(lang: str, expected: str) -> None:
    assert chart_summary(monthly_figure(), lang) == expected


def test_summary_adds_the_unit_when_the_title_lacks_it() -> None:
    figure = go.Figure(go.Scatter(x=MONTHS, y=[1.25, 2.5, -3.0], name="Muutos"))
    figure.update_layout(title="Työttömät<br><sup>Kuopio</sup>", yaxis_title="%")
    assert chart_summary(figure, "fi") == f"Työttömät – Kuopio, %. viimeisin 3/2020: −3,0{NBSP}%"


def test_horizontal_waterfall_reads_its_categories_from_y() -> None:
    figure = go.Figure(
        go.Waterfall(orientation="h", y=["Tuotot", "Kulut", "Toimintakate"], x=[100, -350, -250],
                     measure=["relative", "relative", "total"])
    )  # fmt: skip
    figure.update_layout(title="Toimintatuotoista toimintakatteeseen, €", xaxis_title="€")
    table = chart_table(figure, "fi")
    assert [row[0] for row in table.rows] == ["Tuotot", "Kulut", "Toimintakate"]
    assert table.rows[-1][1] == f"−250{NBSP}€"
    assert chart_summary(figure, "fi").endswith(f"€. Toimintakate: −250{NBSP}€")


def test_pack_bars_give_both_series_for_each_period() -> None:
    headline = [
        {"key": "kuntaosuus_baseline", "quarter": 100_000_00, "year_to_date": 400_000_00},
        {"key": "kuntaosuus", "quarter": 95_000_00, "year_to_date": 390_000_00},
    ]
    table = chart_table(kuntaosuus_figure(headline, "fi"), "fi")
    assert len(table.rows) == 2 and len(table.headers) == 3
    assert table.rows[1][1:] == [f"400{NBSP}000{NBSP}€", f"390{NBSP}000{NBSP}€"]


def test_heat_map_table_keeps_the_grid_top_row_first_and_lists_the_codes() -> None:
    cells = [{"likelihood": 4, "impact": 2, "level": "high", "codes": "R1, R3"}]
    figure = heat_map_figure(cells, [], "fi", "Riskikartta")
    table = chart_table(figure, "fi")
    assert len(table.rows) == 5 and len(table.headers) == 6
    assert table.rows[0][0] == "5" and table.rows[1][:3] == ["4", "", "R1, R3"]
    assert table.caption == "Riskikartta"  # its axes are dimensions, not a unit
    assert chart_summary(figure, "fi") == "Riskikartta. Todennäköisyys × Vaikutus: 4 × 2: R1, R3"


def test_a_trace_that_names_its_columns_gives_its_records() -> None:
    figure = {
        "data": [
            {"type": "scatter", "x": [1, 2], "y": [3, 4], "hoverinfo": "skip", "fill": "toself"},
            {"type": "scatter", "x": [25.1, 27.3], "y": [61.0, 62.9], "hoverinfo": "text",
             "customdata": [["Tampere", "12 000", "−3,0 %"], ["Kuopio", "5 000", "+1,0 %"]],
             "meta": {"columns": ["Kunta", "Arvo", "Muutos"]}},
        ],
        "layout": {"title": {"text": "Työttömät: muutos, %"}, "xaxis": {"visible": False}},
    }  # fmt: skip
    table = chart_table(figure, "fi")
    assert table.headers == ["Kunta", "Arvo", "Muutos"]
    assert table.rows[1] == ["Kuopio", "5 000", "+1,0 %"]
    assert chart_summary(figure, "fi") == "Työttömät: muutos, %. Taulukossa 2 riviä."


def test_small_multiples_name_each_series_by_its_small_chart() -> None:
    layout = {
        "title": {"text": "Työttömät"},
        "xaxis": {"domain": [0, 0.45]}, "yaxis": {"domain": [0, 1]},
        "xaxis2": {"domain": [0.55, 1]}, "yaxis2": {"domain": [0, 1]},
        "annotations": [{"text": "Kuopio", "x": 0.225, "y": 1, "xref": "paper"},
                        {"text": "Siilinjärvi", "x": 0.775, "y": 1, "xref": "paper"}],
    }  # fmt: skip
    data = [
        {"type": "scatter", "x": ["2020-01-01"], "y": [10], "name": "Arvo", "xaxis": "x", "yaxis": "y"},
        {"type": "scatter", "x": ["2020-01-01"], "y": [20], "name": "Arvo", "xaxis": "x2", "yaxis": "y2"},
    ]
    headers = chart_table({"data": data, "layout": layout}, "fi").headers
    assert headers == ["Kuukausi", "Kuopio: Arvo", "Siilinjärvi: Arvo"]


def test_typed_arrays_as_the_browser_sends_them_are_read() -> None:
    sent = plain_figure(monthly_figure())  # numbers as plotly's base64 typed arrays, as Dash sends them
    assert chart_table(sent, "fi") == chart_table(monthly_figure(), "fi")


def test_an_empty_chart_says_it_has_no_data() -> None:
    assert chart_summary(go.Figure(), "sv") == "Diagram. Inga uppgifter."
    assert chart_table(go.Figure(), "sv").rows == []


def test_component_is_a_named_figure_with_a_real_table_folded_under_it() -> None:
    from dash import dcc

    component = chart(dcc.Graph(id="g", figure=monthly_figure()), "fi", monthly_figure())
    caption, graph, details, _digest = component.children
    assert component.to_plotly_json()["props"]["aria-labelledby"] == "g-summary" == caption.id
    assert caption.children.startswith("Kuopio: kuntaosuus kuukausittain, €.")
    summary, box = details.children
    assert summary.children == "Näytä taulukkona"
    table = box.children
    caption_element, head, body = table.children
    assert caption_element.children == "Kuopio: kuntaosuus kuukausittain, €"
    assert [cell.scope for cell in head.children.children] == ["col", "col", "col"]
    assert len(body.children) == 3 and body.children[0].children[0].scope == "row"


def test_words_are_in_the_pages_language() -> None:
    summary, table = chart_words(monthly_figure(), "sv")
    assert "senaste" in summary and table.children[1].children.children[0].children == "Månad"


def test_a_blank_chart_is_named_by_its_message() -> None:
    from dashboards.components import empty_figure

    assert chart_summary(empty_figure("Valitulla kuukaudella ei ole tietoja"), "fi") == (
        "Valitulla kuukaudella ei ole tietoja. Ei tietoja."
    )


def test_traces_that_name_their_columns_are_tabled_together() -> None:
    columns = ["Kunta", "Indikaattori", "Arvo"]
    strip = lambda rows: {"type": "scatter", "x": [1.0] * len(rows), "y": [0.0] * len(rows),  # noqa: E731
                          "customdata": [["code"]] * len(rows), "meta": {"columns": columns, "rows": rows}}  # fmt: skip
    figure = {"data": [strip([["Oulu", "Työttömyysaste", "9,1 %"]]), strip([["Kuopio", "Työttömyysaste", "8,0 %"],
              ["Turku", "Aktivointiaste", "30,7 %"]])], "layout": {"title": "Vertailu"}}  # fmt: skip
    table = chart_table(figure, "fi")
    assert table.headers == columns
    assert [row[0] for row in table.rows] == ["Oulu", "Kuopio", "Turku"]  # meta.rows, not the click's customdata


@pytest.mark.parametrize(
    ("kind", "props"),
    [
        (html.Td, {"className": "text-end text-nowrap"}),
        (html.Th, {"className": None}),  # a prop given as None is sent as null, as Dash does
        (html.Tr, {}),
        (html.Div, {"className": "scroll-box mb-2", "tabIndex": "0"}),
        (dbc.Table, {"size": "sm", "striped": True, "hover": True, "className": "mb-0"}),
    ],
)
def test_copies_are_the_components_dash_builds(kind: type, props: dict) -> None:
    make = copies(kind, **props)
    for children in ["1 000 €", None, [html.Span("a")]]:
        assert make(children).to_plotly_json() == kind(children, **props).to_plotly_json()
    first, second = make("a"), make("b")
    assert (first.children, second.children) == ("a", "b")  # each copy holds its own children
