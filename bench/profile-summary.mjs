// Summarises a .cpuprofile (node --cpu-prof): self time by area and the top functions.
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [topN] [skipMs]
// skipMs leaves out the first milliseconds of the profile (boot), so only the load is summed.
import { readFile } from 'node:fs/promises';

const [file, top = '25', skipMs = '0'] = process.argv.slice(2);
const profile = JSON.parse(await readFile(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = profile.timeDeltas;
let at = 0;
for (let i = 0; i < profile.samples.length; i += 1) {
  at += dt[i] ?? 0;
  if (at < Number(skipMs) * 1000) continue;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** An area: a package under node_modules, Flowhub's own dist folder, node internals, or (kind). */
function area(url, name) {
  if (!url) return `(${name || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/(src\/[^/]+|plugins\/[^/]+)/.exec(url);
  if (own) return `flowhub ${own[1]}`;
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  return url;
}

const areas = new Map();
const functions = new Map();
for (const [id, time] of self) {
  const { callFrame } = byId.get(id);
  const a = area(callFrame.url, callFrame.functionName);
  areas.set(a, (areas.get(a) ?? 0) + time);
  const fn = `${callFrame.functionName || '(anonymous)'} ${a}:${callFrame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + time);
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log('\nself time by area');
for (const [name, t] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(`${pct(t)}  ${name}`);
console.log('\ntop functions (self)');
for (const [name, t] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(`${pct(t)}  ${name}`);
