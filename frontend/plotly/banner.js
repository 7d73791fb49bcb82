// The first line of the built bundle: plotly.js's version and the trace types
// registered in index.js, read by tests/test_plotly_bundle.py.
const fs = require('fs');
const version = require('plotly.js/package.json').version;
const traces = ['scatter'].concat(
    [...fs.readFileSync(__dirname + '/index.js', 'utf8').matchAll(/require\('plotly\.js\/lib\/(\w+)'\)/g)]
        .map((match) => match[1])
        .filter((name) => name !== 'core')
);
process.stdout.write(`/* plotly.js v${version} (MIT, Plotly, Inc.), partial bundle: traces=${traces.join(',')} */`);
