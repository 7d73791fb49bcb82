// The licences of everything the built bundle contains, beside it in assets/: for each npm package
// esbuild put into the bundle (build/meta.json), its name, version, licence and licence text.
const fs = require('fs');
const path = require('path');

const meta = JSON.parse(fs.readFileSync(path.join(__dirname, 'build', 'meta.json'), 'utf8'));
const packages = new Map();
for (const input of Object.keys(meta.inputs)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
    if (!match) continue;
    const inner = match[match.length - 1].replace(/^node_modules\//, '').replace(/\/$/, '');
    const folder = input.slice(0, input.lastIndexOf(match[match.length - 1]) + match[match.length - 1].length);
    packages.set(folder, inner);
}
const sections = [];
for (const [folder, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, folder, 'package.json'), 'utf8'));
    const licenceFile = fs.readdirSync(path.join(__dirname, folder)).find((file) => /^(licen[cs]e|copying)/i.test(file));
    const text = licenceFile ? fs.readFileSync(path.join(__dirname, folder, licenceFile), 'utf8').trim() : '(no licence file in the package)';
    sections.push(`${name} ${manifest.version} (${manifest.license || 'see below'})\n\n${text}`);
}
const out = path.join(__dirname, '..', '..', 'assets', 'plotly-partial.min.js.LICENSE.txt');
fs.writeFileSync(out, `Licences of the code in plotly-partial.min.js (built from frontend/plotly by make plotly-bundle)\n\n${sections.join('\n\n' + '-'.repeat(72) + '\n\n')}\n`);
