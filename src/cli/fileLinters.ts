import { checkCkdb } from '../core/cloudkit/check-ckdb';
import { CKDB_CHECKS } from '../core/cloudkit/checks';
import { compareFindings, ruleDocUrl, type Finding, type Severity } from '../core/findings';
import { demoteForNonCurrentVersion, type NonCurrentSeverity } from '../core/model/bundle';
import type { LintMode } from '../core/model/scope';
import type { ModelSource } from '../core/model/model-source';
import { isCurrentIn } from '../core/model/versions/current-version';
import { allRules, lintModel } from '../core/rules';
import { modelSources } from '../model-sources';
import type { RuleInfo } from './format';
import { modelEvolutionFindings } from './modelEvolution';
import { nodeFileAccess } from './node-file-access';

/**
 * The file linters `ckdev lint` knows. A linter claims paths (`matches`) and turns one file into
 * findings; adding a file kind (e.g. `.ckdb`) is one entry in `fileLinters`.
 */
export interface FileLintOptions {
  readonly mode: LintMode;
  readonly severities: Readonly<Record<string, Severity | 'off'>>;
  readonly nonCurrentSeverity: NonCurrentSeverity;
  readonly maxFileSizeMB: number;
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
      const { model } = await source.read([{ path: filePath, text }], { maxFileSizeMB: o.maxFileSizeMB });
      // No editor: the command line reports findings and never needs their fixes (cheaper on big models).
      const findings = lintModel(model, undefined, { mode: o.mode, severities: o.severities });
      if (!source.versions) return findings;
      // CK016 (cross-version, src/core/deploy): the current version against the previous one.
      const v = source.versions.versionOf(filePath);
      return !v || isCurrentIn(await source.versions.versionsOf(nodeFileAccess, v.bundle), v.version)
        ? [...findings, ...(await modelEvolutionFindings(source, filePath, model, o))].sort(compareFindings)
        : demoteForNonCurrentVersion(findings, o.nonCurrentSeverity);
    },
    rules: [...allRules.map((r) => ({ id: r.id, title: r.title, docUrl: r.docUrl })),
      ...(source.versions ? [{ id: 'CK016', title: 'Change since the previous model version that production cannot follow', docUrl: ruleDocUrl('CK016') }] : [])],
  };
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
