import type { Finding } from '../findings';
import type { ProjectRun } from '../project';
import type { Range } from '../text/span';
import type { ExplainedError } from './explained-error';
import type { LogEvent, SourceRef } from './types';

/**
 * Compares the CloudKit containers a log names (the mirroring delegate's `containerIdentifier:` in its
 * options dump, `container ID = "…"` in a CKError) with the project's (entitlements, setup code: read by
 * src/core/project). A container the project does not name is a warning: the log comes from another app
 * or build, or the app syncs with a container its project does not declare, which CloudKit refuses (a
 * container must be in the entitlements: TN3164 "Configure CloudKit in your project"; the errors it gives
 * are the bad-container and permission-failure kinds). One warning per container, at its first mention.
 */
export interface ProjectContainer {
  readonly id: string;
  /** Where the project names it, for the message (`App/App.entitlements`, `Store.swift`). */
  readonly where: string;
}

export interface ContainerMismatch {
  readonly container: string;
  readonly range: Range;
  readonly message: string;
  /** The project's containers, for a fix or a hover. */
  readonly expected: readonly string[];
  readonly sources: readonly SourceRef[];
}

export const CONTAINER_MISMATCH_ID = 'container-mismatch';

/**
 * The containers a project names, from the project checks' run (src/core/project): each target
 * configuration's entitlements and the containers its stores pass, and every literal container ID the
 * setup code passes to a store. The editor and `ckdev explain --project` both compare a log with these.
 */
export function projectContainersOf(run: Pick<ProjectRun, 'summary' | 'analysis'>): ProjectContainer[] {
  const out: ProjectContainer[] = [];
  for (const t of run.summary.targets) {
    for (const c of t.configurations) {
      for (const id of c.containers) out.push({ id, where: c.entitlements ?? `${t.name} ${c.name}` });
      for (const s of c.stores) for (const id of s.containers) if (id.startsWith('iCloud.')) out.push({ id, where: s.at.file });
    }
  }
  for (const s of run.analysis.stores) for (const c of s.containerIds) if (c.literal) out.push({ id: c.literal, where: s.file });
  return out;
}

const SOURCES: readonly SourceRef[] = [{ doc: 'TN3164', section: 'Configure CloudKit in your project' }];

export function containerMismatches(
  log: { readonly events: readonly LogEvent[]; readonly errors: readonly ExplainedError[] },
  project: readonly ProjectContainer[],
): ContainerMismatch[] {
  if (project.length === 0) return [];
  const known = new Set(project.map((c) => c.id));
  const mentions: { container: string; range: Range }[] = [
    ...log.events.filter((e) => e.kind === 'options' && e.label).map((e) => ({ container: e.label!, range: e.range })),
    ...log.errors.filter((e) => e.container).map((e) => ({ container: e.container!, range: e.range })),
  ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const expected = [...known].sort();
  const listed = project.map((c) => `${c.id} (${c.where})`).filter((x, i, all) => all.indexOf(x) === i).join(', ');
  const out: ContainerMismatch[] = [];
  const seen = new Set<string>();
  for (const m of mentions) {
    if (known.has(m.container) || seen.has(m.container)) continue;
    seen.add(m.container);
    out.push({
      container: m.container, range: m.range, expected, sources: SOURCES,
      message: `The log's container ${m.container} is not one of the project's: ${listed}. The log comes from another app or build, or the app uses a container its entitlements do not list, which CloudKit refuses (TN3164 "Configure CloudKit in your project")`,
    });
  }
  return out;
}

/**
 * A mismatch as a Finding (warning), the shape `ckdev explain` prints in text and SARIF. The span is
 * empty: an event's mention has a line range only, and the CLI's formats use the range.
 */
export function mismatchFinding(m: ContainerMismatch, docUrl?: string): Finding {
  return { ruleId: CONTAINER_MISMATCH_ID, severity: 'warning', message: m.message, span: { start: 0, end: 0 }, range: m.range, ...(docUrl ? { docUrl } : {}) };
}
