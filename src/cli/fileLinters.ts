import path from 'node:path';
import { checkCkdb } from '../core/cloudkit/check-ckdb';
import { CKDB_CHECKS } from '../core/cloudkit/checks';
import { compareFindings, ruleDocUrl, type Finding, type Severity } from '../core/findings';
import { demoteForNonCurrentVersion, type NonCurrentSeverity } from '../core/model/bundle';
import type { LintMode } from '../core/model/scope';
import { decodeModelBytes, readModelXml } from '../core/model/xml';
import { allRules, lintModel } from '../core/rules';
import { loadTypeScriptSupport } from '../typescript/load';
import type { RuleInfo } from './format';
import { modelEvolutionFindings } from './modelEvolution';
import { isCurrentVersion } from './modelPath';

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

export const modelFileLinter: FileLinter = {
  name: 'Core Data model',
  matches: (p) => path.basename(p) === 'contents' && path.basename(path.dirname(p)).endsWith('.xcdatamodel'),
  decode: (bytes, o) => decodeModelBytes(bytes, { maxFileSizeMB: o.maxFileSizeMB }),
  async lint(filePath, text, o) {
    const { model } = readModelXml(text, { maxFileSizeMB: o.maxFileSizeMB });
    // No editor: the command line reports findings and never needs their fixes (cheaper on big models).
    const findings = lintModel(model, undefined, { mode: o.mode, severities: o.severities });
    // CK016 (cross-version, src/core/deploy): the current version against the previous one.
    return (await isCurrentVersion(filePath)) ? [...findings, ...(await modelEvolutionFindings(filePath, model, o))].sort(compareFindings)
      : demoteForNonCurrentVersion(findings, o.nonCurrentSeverity);
  },
  rules: [...allRules.map((r) => ({ id: r.id, title: r.title, docUrl: r.docUrl })),
    { id: 'CK016', title: 'Change since the previous model version that production cannot follow', docUrl: ruleDocUrl('CK016') }],
};

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

/**
 * TypeScript model definitions (`defineModel({...})` in `*.cdmodel.ts`): read statically by the ts-morph
 * reader, loaded only when such a file is linted, then the same rules as an Xcode model.
 */
export const typescriptModelFileLinter: FileLinter = {
  name: 'TypeScript model definition',
  matches: (p) => p.endsWith('.cdmodel.ts'),
  lint(filePath, text, o) {
    const { model } = loadTypeScriptSupport().readTypeScriptModel(text, filePath);
    return lintModel(model, undefined, { mode: o.mode, severities: o.severities });
  },
  rules: allRules.map((r) => ({ id: r.id, title: r.title, docUrl: r.docUrl })),
};

export const fileLinters: FileLinter[] = [modelFileLinter, ckdbFileLinter, typescriptModelFileLinter];
