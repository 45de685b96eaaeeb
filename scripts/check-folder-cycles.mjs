// Fails when two folders import each other, directly or round a loop (part of `npm run depcheck`).
//
//   node scripts/check-folder-cycles.mjs [--root DIR] [FOLDER...]      (default: src webview)
//   node scripts/check-folder-cycles.mjs --from-json FILE               (a saved `depcruise --output-type json`)
//
// dependency-cruiser's no-cycle rule sees module cycles only; `core/model/hover.ts -> core/cloudkit`
// while `core/cloudkit/derive.ts -> core/model/ir.ts` is no module cycle, yet the two folders can no
// longer be read (or moved) one after the other. This script cruises once with the repository's
// config, folds every module into its folder and reports each loop between folders. A folder and
// the folders inside it may import each other (an entry file beside its feature folders is fine);
// only folders where neither contains the other count.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '..');
const argv = process.argv.slice(2);
let root = process.cwd();
let fromJson;
const folders = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--root') root = path.resolve(argv[++i]);
  else if (argv[i] === '--from-json') fromJson = argv[++i];
  else folders.push(argv[i]);
}
if (folders.length === 0) folders.push('src', 'webview');

function cruise() {
  const bin = path.join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const run = spawnSync(process.execPath,
    [bin, '--config', path.join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json', ...folders],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(2);
  }
  return run.stdout;
}
const { modules } = JSON.parse(fromJson ? fs.readFileSync(fromJson, 'utf8') : cruise());

const inside = (outer, inner) => inner === outer || inner.startsWith(outer + '/');
/** folder -> folder -> one module import that makes the edge (for the message). */
const edges = new Map();
for (const m of modules) {
  const from = path.posix.dirname(m.source);
  for (const d of m.dependencies) {
    if (d.coreModule || d.couldNotResolve || d.resolved.startsWith('node_modules/')) continue;
    const to = path.posix.dirname(d.resolved);
    if (inside(from, to) || inside(to, from)) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} -> ${d.resolved}`);
  }
}

// Tarjan's strongly connected components: every component of two or more folders holds a loop.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let next = 0;
function visit(v) {
  index.set(v, next); low.set(v, next); next++;
  stack.push(v); onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const c = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) components.push(c.sort());
  }
}
for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);

for (const c of components) {
  console.error(`  error no-folder-cycle: ${c.join(' <-> ')}`);
  const members = new Set(c);
  for (const from of c) {
    for (const [to, via] of edges.get(from) ?? []) if (members.has(to)) console.error(`      ${via}`);
  }
}
if (components.length > 0) {
  console.error(`\nx ${components.length} folder cycle(s)`);
  process.exit(1);
}
console.log('folder cycles: none');
