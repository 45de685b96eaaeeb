import path from 'node:path';
import { CK016_ID, checkModelEvolution } from '../core/deploy';
import type { Finding, Severity } from '../core/findings';
import { compareVersionNames } from '../core/model/bundle';
import type { ModelIR } from '../core/model/ir';
import type { LintMode } from '../core/model/scope';
import type { ModelSource } from '../core/model/model-source';
import { nodeFileAccess } from './node-file-access';
import { inputLimits, readInputBytes } from './input-file';

/**
 * CK016 for `ckdev lint`: the current version of a bundle against the version before it (by name),
 * with the lint options (`--rule CK016=off|severity`, `--mode`). Nothing outside a bundle, for a
 * non-current version, or when the previous version can't be read.
 */
export async function modelEvolutionFindings(source: ModelSource, contentsPath: string, current: ModelIR, options: { mode: LintMode; severities: Readonly<Record<string, Severity | 'off'>> }): Promise<Finding[]> {
  const level = options.severities[CK016_ID];
  if (level === 'off' || options.mode === 'never') return [];
  const info = source.versions?.versionOf(contentsPath);
  if (!info) return [];
  const { versions } = await source.versions!.versionsOf(nodeFileAccess, info.bundle);
  const previous = versions.filter((v) => compareVersionNames(v, info.version) < 0).at(-1);
  if (!previous) return [];
  const previousPath = path.join(info.bundle, previous, 'contents');
  let text: string | undefined;
  try {
    const bytes = readInputBytes(previousPath, inputLimits());
    text = source.decode ? source.decode(bytes, {}).text : new TextDecoder().decode(bytes);
  } catch {
    return [];
  }
  if (text === undefined) return [];
  const previousModel = (await source.read([{ path: previousPath, text }], {})).model;
  const findings = checkModelEvolution(previousModel, current, { previousFile: previousPath, always: options.mode === 'always' });
  return level ? findings.map((f) => ({ ...f, severity: level })) : findings;
}
