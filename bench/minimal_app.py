"""The yardstick of ``bench/pageload.py``: a minimal Dash page with one graph, drawn by a callback.

Served the same way as the dashboard (gunicorn, same workers) so the two load
times differ only by what the dashboard itself adds. As Dash ships it, it
draws with the full plotly.js (4.8 MB); with ``MINIMAL_PLOTLY=partial`` it
draws with the dashboard's partial bundle (``assets/plotly-partial.min.js``),
so the dashboard can be compared with a page carrying the same plotly.js.

    .venv/bin/python -m gunicorn --chdir bench minimal_app:server
"""

from __future__ import annotations

import os
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

PARTIAL_BUNDLE = {  # the project's assets folder, of which only the plotly.js bundle is put on the page
    "assets_folder": str(Path(__file__).resolve().parents[1] / "assets"),
    "assets_ignore": r"^(?!plotly-partial\.min\.js$)",
}

app = Dash(__name__, update_title=None, **(PARTIAL_BUNDLE if os.environ.get("MINIMAL_PLOTLY") == "partial" else {}))
app.layout = html.Div([html.H1("Yksi kuvaaja"), dcc.Graph(id="graph")])
server = app.server


@app.callback(Output("graph", "figure"), Input("graph", "id"))
def draw(_id: str) -> go.Figure:
    """A year of monthly values as one line."""
    months = [f"2018-{month:02d}-01" for month in range(1, 13)]
    return go.Figure(go.Scatter(x=months, y=[100 + (month % 5) * 3 for month in range(12)], mode="lines"))
