"""The yardstick of ``bench/pageload.py``: a minimal Dash page with one graph, drawn by a callback.

Served the same way as the dashboard (gunicorn, same workers) so the two load
times differ only by what the dashboard itself adds.

    .venv/bin/python -m gunicorn --chdir bench minimal_app:server
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

app = Dash(__name__, update_title=None)
app.layout = html.Div([html.H1("Yksi kuvaaja"), dcc.Graph(id="graph")])
server = app.server


@app.callback(Output("graph", "figure"), Input("graph", "id"))
def draw(_id: str) -> go.Figure:
    """A year of monthly values as one line."""
    months = [f"2018-{month:02d}-01" for month in range(1, 13)]
    return go.Figure(go.Scatter(x=months, y=[100 + (month % 5) * 3 for month in range(12)], mode="lines"))
