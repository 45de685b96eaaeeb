import type { SourceRef } from './model';
import { ENT, type ConfigView, type ProjectAnalysis } from './workspace';

/**
 * The project summary: per target and build configuration, what CloudKit sync will see (containers,
 * environment, database scopes, stores and the model each loads, push and background mode, whether it
 * syncs). The same data feeds `ckdev project` (text/JSON) and the editor's summary view.
 */
export interface StoreSummary {
  readonly kind: 'coredata' | 'swiftdata' | 'cloudkit';
  readonly at: SourceRef;
  readonly name?: string;
  /** Explicit containers, or `(first entitled: iCloud.x)`. */
  readonly containers: readonly string[];
  readonly scopes: readonly string[];
  readonly group?: string;
  readonly models: readonly string[];
  readonly syncs: boolean;
}

export interface ConfigurationSummary {
  readonly name: string;
  readonly entitlements?: string;
  readonly infoPlist?: string;
  readonly containers: readonly string[];
  readonly environment: string;
  readonly cloudKit: boolean;
  readonly push?: string;
  readonly remoteNotification: boolean;
  readonly appGroups: readonly string[];
  readonly stores: readonly StoreSummary[];
  readonly syncs: boolean;
}

export interface TargetSummary {
  readonly project: string;
  readonly name: string;
  readonly kind: string;
  readonly platform: string;
  readonly at?: SourceRef;
  readonly configurations: readonly ConfigurationSummary[];
}

export interface ProjectSummary {
  readonly projects: readonly { readonly file: string; readonly kind: string; readonly name: string }[];
  readonly targets: readonly TargetSummary[];
}

function configSummary(v: ConfigView): ConfigurationSummary {
  const first = v.containers[0]?.value;
  return {
    name: v.configuration.name,
    entitlements: v.entitlements?.path,
    infoPlist: v.infoPlist?.path ?? (v.generateInfoPlist ? '(generated)' : undefined),
    containers: v.containers.map((c) => c.value),
    // Without the key, Xcode signs Development builds with Development and distribution with Production (doc ENT-ENV).
    environment: v.environment?.value ?? '(from the signing profile)',
    cloudKit: v.services.includes('CloudKit'),
    push: v.apsEntry?.value?.kind === 'string' ? `${v.apsEntry.key} = ${v.apsEntry.value.value}` : undefined,
    remoteNotification: v.backgroundModes.includes('remote-notification'),
    appGroups: v.appGroups.map((g) => g.value),
    stores: v.stores.map((s) => ({
      kind: s.kind,
      at: { file: s.file, span: s.call.nameSpan },
      name: s.name,
      containers: s.containerIds.length ? s.containerIds.map((c) => c.literal ?? c.text) : [first ? `(first entitled: ${first})` : '(none entitled)'],
      scopes: s.scopes,
      group: s.group ? s.group.literal ?? s.group.text : undefined,
      models: s.models,
      syncs: s.syncs,
    })),
    syncs: v.syncs && v.services.includes('CloudKit') && v.containers.length > 0,
  };
}

export function summarizeProject(a: ProjectAnalysis): ProjectSummary {
  const targets: TargetSummary[] = [];
  for (const p of a.input.projects) {
    for (const t of p.targets) {
      const views = a.views.filter((v) => v.project === p && v.target === t);
      targets.push({ project: p.file, name: t.name, kind: t.kind, platform: t.platform, at: t.at, configurations: views.map(configSummary) });
    }
  }
  return { projects: a.input.projects.map((p) => ({ file: p.file, kind: p.kind, name: p.name })), targets };
}

/** Plain-text rendering (`ckdev project`, hover): one block per target, one line per configuration. */
export function formatSummaryText(s: ProjectSummary, options: { onlyRelevant?: boolean } = {}): string {
  const lines: string[] = [];
  for (const p of s.projects) lines.push(`${p.kind} project ${p.name} (${p.file})`);
  for (const t of s.targets) {
    if (options.onlyRelevant && !t.configurations.some((c) => c.cloudKit || c.stores.length > 0)) continue;
    lines.push('', `${t.name} [${t.kind}, ${t.platform}]`);
    for (const c of t.configurations) lines.push(...configLines(c).map((l) => '  ' + l));
  }
  return lines.join('\n') + '\n';
}

export function configLines(c: ConfigurationSummary): string[] {
  const out = [`${c.name}: ${c.syncs ? 'syncs' : 'does not sync'}`];
  out.push(`  entitlements: ${c.entitlements ?? '(none)'}; CloudKit: ${c.cloudKit ? 'yes' : 'no'}; containers: ${c.containers.join(', ') || '(none)'}; environment: ${c.environment}`);
  out.push(`  push: ${c.push ?? '(no aps-environment)'}; remote-notification: ${c.remoteNotification ? 'yes' : 'no'}; App Groups: ${c.appGroups.join(', ') || '(none)'}; Info.plist: ${c.infoPlist ?? '(none)'}`);
  for (const st of c.stores) {
    out.push(`  ${st.kind} ${st.name ? `"${st.name}" ` : ''}at ${st.at.file}: ${st.syncs ? 'syncs' : 'local only'}; container ${st.containers.join(', ')}; scope ${st.scopes.join(', ') || '-'}${st.group ? `; App Group ${st.group}` : ''}${st.models.length ? `; models ${st.models.join(', ')}` : ''}`);
  }
  return out;
}

export { ENT };
