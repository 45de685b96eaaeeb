import path from 'node:path';
import { checkCkdb } from '../core/ckdb/check-ckdb';
import { CKDB_CHECKS } from '../core/ckdb/checks';
import { versionedModelEvolution } from '../core/deploy';
import { compareFindings, ruleDocUrl, type Finding, type Severity } from '../core/findings';
import { demoteForNonCurrentVersion, type NonCurrentSeverity } from '../core/model/bundle';
import type { LintMode } from '../core/model/scope';
import type { ModelSource } from '../core/model/model-source';
import { isCurrentIn } from '../core/model/versions/current-version';
import { allRules, lintModel } from '../core/rules';
import { modelSources } from '../model-sources';
import type { RuleInfo } from './format';
import { modelEvolutionFindings } from './model-evolution';
import { nodeFileAccess } from './node-file-access';
import { cliSyncScope } from './sync-scope';
import { readInputText } from './input-file';

/**
 * The file linters `ckdev lint` knows. A linter claims paths (`matches`) and turns one file into
 * findings; adding a file kind (e.g. `.ckdb`) is one entry in `fileLinters`.
 */
export interface FileLintOptions {
  readonly mode: LintMode;
  readonly severities: Readonly<Record<string, Severity | 'off'>>;
  readonly nonCurrentSeverity: NonCurrentSeverity;
  readonly maxFileSizeMB: number;
  /** `--configuration`: the configuration that syncs, when the code cannot tell (it wins over the code). */
  readonly configuration?: string;
  /** One lint run's shared work (a multi-file model is read once for all its files). */
  readonly cache?: Map<string, Promise<unknown>>;
}

export interface FileLinter {
  readonly name: string;
  matches(filePath: string): boolean;
  /** Bytes → text; a problem instead when the file cannot be read as text. Default: UTF-8. */
  decode?(bytes: Uint8Array, options: FileLintOptions): { text?: string; problem?: { message: string; severity: 'error' | 'warning' } };
  lint(filePath: string, text: string, options: FileLintOptions): Finding[] | Promise<Finding[]>;
  /** Rule metadata for SARIF. */
  readonly rules: readonly RuleInfo[];
}

/**
 * A registered model source (src/model-sources.ts) as a file linter: read through the source, the model
 * rules, and for a versioned source the bundle's current version (CK016 against the previous one) or a
 * non-current version (severities capped).
 */
export function modelSourceLinter(source: ModelSource): FileLinter {
  return {
    name: source.label,
    matches: (p) => source.claims(p),
    ...(source.decode ? { decode: (bytes: Uint8Array, o: FileLintOptions) => source.decode!(bytes, { maxFileSizeMB: o.maxFileSizeMB }) } : {}),
    async lint(filePath, text, o) {
      if (source.modelFilesOf) return lintInModel(source, filePath, text, o);
      const { model } = await source.read([{ path: filePath, text }], { maxFileSizeMB: o.maxFileSizeMB });
      // Which configuration syncs: the app's setup code, or --configuration.
      const sync = o.mode === 'never' ? undefined : await cliSyncScope(filePath, model, o.configuration, o.cache);
      // No editor: the command line reports findings and never needs their fixes (cheaper on big models).
      const findings = lintModel(model, undefined, { mode: o.mode, severities: o.severities, ...(sync ? { sync } : {}) });
      if (!source.versions) return findings;
      // CK016 (cross-version, src/core/deploy): the current version against the previous one.
      const v = source.versions.versionOf(filePath);
      return !v || isCurrentIn(await source.versions.versionsOf(nodeFileAccess, v.bundle), v.version)
        ? [...findings, ...(await modelEvolutionFindings(source, filePath, model, o))].sort(compareFindings)
        : demoteForNonCurrentVersion(findings, o.nonCurrentSeverity);
    },
    rules: [...allRules.map((r) => ({ id: r.id, title: r.title, docUrl: r.docUrl })),
      ...(source.versions || source.modelFilesOf ? [{ id: 'CK016', title: 'Change since the previous model version that production cannot follow', docUrl: ruleDocUrl('CK016') }] : [])],
  };
}

/**
 * A file of a multi-file model (SwiftData): the model (every file `modelFilesOf` names, read and linted
 * once per run) and the findings that point into this file.
 */
async function lintInModel(source: ModelSource, filePath: string, text: string, o: FileLintOptions): Promise<Finding[]> {
  const cache = o.cache ?? new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) { p = make(); cache.set(key, p); }
    return p;
  };
  const abs = path.resolve(filePath);
  // Files of one folder share a project root, so the walk runs once per folder.
  const files = await once(`files:${source.id}:${path.dirname(abs)}`, () => source.modelFilesOf!(nodeFileAccess, abs));
  const group = files.includes(abs) ? files : [abs];
  const placed = await once(`lint:${source.id}:${group.join('\n')}`, async () => {
    const inputs = await Promise.all(group.map(async (f) => ({ path: f, text: f === abs ? text : readInputText(f, { maxBytes: o.maxFileSizeMB * 1048576 }) })));
    const read = await source.read(inputs, { maxFileSizeMB: o.maxFileSizeMB });
    const sync = o.mode === 'never' ? undefined : await cliSyncScope(abs, read.model, o.configuration, cache);
    // CK016 between the source's own versions (SwiftData VersionedSchema), localized like the model rules.
    const findings = [
      ...lintModel(read.model, undefined, { mode: o.mode, severities: o.severities, ...(sync ? { sync } : {}) }),
      ...versionedModelEvolution(read, o),
    ];
    return read.localize ? read.localize(findings) : findings.map((finding) => ({ file: abs, finding }));
  });
  return placed.filter((p) => p.file === abs).map((p) => p.finding).sort(compareFindings);
}

/** `.ckdb` schemas: syntax findings (ruleId `syntax`) and the CKS checks, with `--rule CKSnnn=...` overrides. */
export const ckdbFileLinter: FileLinter = {
  name: 'CloudKit schema',
  matches: (p) => p.toLowerCase().endsWith('.ckdb'),
  lint(_filePath, text, o) {
    const out: Finding[] = [];
    for (const f of checkCkdb(text)) {
      const s = o.severities[f.ruleId];
      if (s === 'off') continue;
      out.push(s ? { ...f, severity: s } : f);
    }
    return out;
  },
  rules: [
    { id: 'syntax', title: 'CloudKit Schema Language syntax error' },
    ...CKDB_CHECKS.map((c) => ({ id: c.id, title: c.description, docUrl: ruleDocUrl(c.id) })),
  ],
};

const [firstSource, ...otherSources] = modelSources.sources;

/** Model sources first (the Xcode model), then `.ckdb`, then the other sources: the order of SARIF's rule list. */
export const fileLinters: FileLinter[] = [modelSourceLinter(firstSource), ckdbFileLinter, ...otherSources.map(modelSourceLinter)];
