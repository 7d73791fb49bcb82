'use strict';
// The plotly.js the dashboard and the PDF export draw with: plotly.js's core
// (which always carries the scatter trace) and only the other trace types the
// product's figures use. `tests/test_plotly_bundle.py` fails when a figure
// uses a trace type that is not registered here, or when plotly.js's version
// differs from the one the Python plotly package writes figures for.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),       // the quarterly pack's kuntaosuus and measures charts (reports/figures.py)
    require('plotly.js/lib/heatmap'),   // the risk heat map (reports/figures.py)
    require('plotly.js/lib/waterfall'), // the budget waterfall (dashboards/budget.py)
]);

module.exports = Plotly;
