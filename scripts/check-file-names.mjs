// Checks that every file and folder name under src/ and webview/ is kebab-case (part of `npm run lint`).
//
//   node scripts/check-file-names.mjs [--root DIR] [--allow FILE] [FOLDER...]
//
// kebab-case: lower-case words of letters and digits joined by `-`, with dot-separated parts after
// the first (`model-spec.ts`, `lint.test.ts`, `css.d.ts`). One exception, a modelling choice of ours:
// a name may start with a rule code as users see it in diagnostics and docs/rules/ (`CK004-…`, `CKS001-…`, `PC01-…`).
//
// Names that broke the rule before it existed are listed in scripts/file-name-exceptions.txt (one path a
// line, relative to the root, `#` comments); only a name NOT on that list fails. The list only shrinks:
// an entry that no longer names a badly named file is reported so it can be deleted.
import fs from 'node:fs';
import path from 'node:path';

const KEBAB_PART = '[a-z0-9]+(?:-[a-z0-9]+)*';
const NAME = new RegExp(`^(?:[A-Z]{2,4}[0-9]{2,3}-)?${KEBAB_PART}(?:\\.${KEBAB_PART})*$`);

function parseArgs(argv) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const opts = { root: path.resolve(here, '..'), allow: undefined, folders: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') opts.root = path.resolve(argv[++i]);
    else if (argv[i] === '--allow') opts.allow = path.resolve(argv[++i]);
    else opts.folders.push(argv[i]);
  }
  opts.allow ??= path.join(opts.root, 'scripts', 'file-name-exceptions.txt');
  if (opts.folders.length === 0) opts.folders = ['src', 'webview'];
  return opts;
}

function readAllowList(file) {
  if (!fs.existsSync(file)) return new Set();
  return new Set(fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
}

/** Every badly named entry under `folder`, as a root-relative path with `/`; a bad folder's contents are still checked. */
function badNames(root, folder) {
  const bad = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (!NAME.test(entry.name)) bad.push(child);
      if (entry.isDirectory()) walk(child);
    }
  };
  if (fs.existsSync(path.join(root, folder))) walk(folder);
  return bad;
}

const opts = parseArgs(process.argv.slice(2));
const allowed = readAllowList(opts.allow);
const bad = opts.folders.flatMap((f) => badNames(opts.root, f));
const fresh = bad.filter((p) => !allowed.has(p));
const badSet = new Set(bad);
const stale = [...allowed].filter((p) => !badSet.has(p));

for (const p of stale) console.log(`note: ${p} is in ${path.relative(opts.root, opts.allow)} but is no longer a badly named file: delete the line`);
for (const p of fresh) console.error(`${p}: file name is not kebab-case (e.g. model-spec.ts)`);
if (fresh.length > 0) {
  console.error(`✘ ${fresh.length} file name(s) not in kebab-case`);
  process.exit(1);
}
console.log(`file names: ${bad.length - fresh.length} known exception(s) left, no new one`);
