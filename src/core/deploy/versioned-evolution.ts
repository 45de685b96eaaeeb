import type { Finding, Severity } from '../findings';
import type { ModelIR } from '../model/ir';
import type { LintMode } from '../model/scope';
import type { Span } from '../text/span';
import { CK016_ID, checkModelEvolution } from './CK016-model-evolution';

/**
 * CK016 for a source whose versions live in the model's own files (SwiftData `VersionedSchema` enums,
 * reference swiftdata.md §3 "Versions"): the current model against the version before the current one
 * in `SchemaMigrationPlan.schemas` order (versions.ts says how the order is found). Versions of several
 * apps in one read are separate families: each family's current version is compared with its own
 * previous one, never with another app's. Spans stay in the
 * read's combined offsets, so the source's `localize` moves findings and their related locations
 * (into the previous version's classes) into their files, naming the Swift declaration.
 */
export interface VersionedModel {
  /** The current model (the current version's classes and the unversioned ones). */
  readonly model: ModelIR;
  /**
   * Every version, family by family and oldest first within one (a family's last is its current one);
   * `span` is the version's declaration (its type name) in the read's offsets.
   */
  readonly versions?: readonly { readonly name: string; readonly family?: string; readonly model: ModelIR; readonly span?: Span }[];
  readonly currentVersion?: string;
}

export interface VersionedEvolutionOptions {
  readonly mode?: LintMode;
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
}

export function versionedModelEvolution(read: VersionedModel, options: VersionedEvolutionOptions = {}): Finding[] {
  const level = options.severities?.[CK016_ID];
  if (level === 'off' || options.mode === 'never' || !read.versions || read.currentVersion === undefined) return [];
  const families = new Map<string, NonNullable<VersionedModel['versions']>[number][]>();
  for (const v of read.versions) {
    const list = families.get(v.family ?? '') ?? [];
    list.push(v);
    families.set(v.family ?? '', list);
  }
  const out: Finding[] = [];
  for (const family of families.values()) {
    if (family.length < 2) continue;
    const previous = family[family.length - 2];
    const current = family[family.length - 1];
    // One family: the current model (its unversioned classes too), as before families; several: the family's own version.
    const currentModel = families.size === 1 ? read.model : current.model;
    const findings = checkModelEvolution(previous.model, currentModel, { always: options.mode === 'always' });
    for (const f of findings) {
      // A removed entity has no declaration in the current model: the current version's type stands for it.
      const anchored = f.span.start === 0 && f.span.end === 0 && current.span ? { span: current.span } : {};
      out.push({
        ...f, ...anchored, ...(level ? { severity: level } : {}),
        message: `${f.message} [${previous.name} -> ${current.name}]`,
        ...(f.related ? { related: f.related.map((r) => ({ ...r, message: `${r.message} (${previous.name})` })) } : {}),
      });
    }
  }
  return out;
}
