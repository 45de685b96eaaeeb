import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/paths';

// Regression (observed with `npm run screenshots`, code-server 4.100.3): the extension host logged
// "Accessing a window scoped configuration for a resource is not expected" for `cloudkit.lint.*` (read per
// document) and "Accessing a resource scoped configuration without providing a resource" for
// `cloudkit.schema.*`. A setting read per resource must be declared resource-scoped, and a resource-scoped
// setting must be read with a resource.

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const properties: Record<string, { scope?: string }> = pkg.contributes.configuration.properties;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('settings scopes (package.json vs src/extension)', () => {
  const files = sources(path.join(REPO_ROOT, 'src/extension')).map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }));
  const reads = files.flatMap(({ f, text }) => [...text.matchAll(/getConfiguration\(\s*'(cloudkit(?:\.[a-zA-Z]+)?)'\s*(,[^)]*)?\)/g)]
    .map((m) => ({ file: path.relative(REPO_ROOT, f), section: m[1], withResource: Boolean(m[2]) })));

  it('finds the configuration reads of the extension', () => {
    assert.ok(reads.some((r) => r.section === 'cloudkit.lint'));
    assert.ok(reads.some((r) => r.section === 'cloudkit.schema'));
  });

  it('declares resource scope for the settings read per resource (cloudkit.lint.*, cloudkit.schema.*)', () => {
    for (const [key, p] of Object.entries(properties)) {
      if (key.startsWith('cloudkit.lint.') || key.startsWith('cloudkit.schema.')) assert.equal(p.scope, 'resource', key);
    }
  });

  it('reads every section holding resource-scoped settings with a resource', () => {
    const resourceScoped = Object.entries(properties).filter(([, p]) => p.scope === 'resource').map(([k]) => k);
    for (const r of reads) {
      const holdsResourceScoped = resourceScoped.some((k) => k.startsWith(`${r.section}.`));
      if (holdsResourceScoped && r.section !== 'cloudkit') assert.ok(r.withResource, `${r.file}: getConfiguration('${r.section}') without a resource`);
    }
  });
});
