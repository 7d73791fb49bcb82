// The first line of the built bundle: plotly.js's version and copyright, and the trace types registered
// in index.js, read by tests/test_plotly_bundle.py. The other packages' licences are in
// assets/plotly-partial.min.js.LICENSE.txt (licenses.js).
const fs = require('fs');
const version = require('plotly.js/package.json').version;
const traces = ['scatter'].concat(
    [...fs.readFileSync(__dirname + '/index.js', 'utf8').matchAll(/require\('plotly\.js\/lib\/(\w+)'\)/g)]
        .map((match) => match[1])
        .filter((name) => name !== 'core')
);
process.stdout.write(
    `/* plotly.js v${version}, Copyright 2012-2026, Plotly, Inc., MIT licence; partial bundle: ` +
    `traces=${traces.join(',')}; licences of all it contains: plotly-partial.min.js.LICENSE.txt */`
);
