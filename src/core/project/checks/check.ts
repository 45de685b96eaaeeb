import { ruleDocUrl, type Finding, type Fix, type RelatedLocation, type Severity } from '../../findings';
import { LineIndex, type Span, type TextEdit } from '../../text/span';
import type { SourceRef } from '../model';
import type { PlistDict } from '../plist';
import type { ConfigView, ProjectAnalysis } from '../workspace';

/**
 * A project configuration check (PC01-PC12, reference project-config.md §7): one file per check under
 * src/core/project/checks, each citing the runtime error in Apple's words and its source.
 */
export interface ProjectFinding extends Finding {
  /** The file the finding is in (workspace-relative path, as the reader was given it). */
  readonly file: string;
}

export interface ProjectCheck {
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  readonly docUrl: string;
  check(ctx: CheckContext): ProjectFinding[];
}

/** A quick fix: edits keyed by file. */
export interface FixSpec {
  readonly title: string;
  readonly edits: Readonly<Record<string, readonly TextEdit[]>>;
  readonly isPreferred?: boolean;
}

export interface FindingSpec {
  readonly at: SourceRef;
  readonly message: string;
  readonly severity?: Severity;
  readonly related?: readonly { at: SourceRef; message: string }[];
  /** Edits keyed by file; the finding's own file goes to `edits`, others to `otherFiles`. */
  readonly fixes?: readonly (FixSpec | undefined)[];
}

export class CheckContext {
  private readonly lines = new Map<string, LineIndex>();

  constructor(readonly analysis: ProjectAnalysis) {}

  get views(): readonly ConfigView[] { return this.analysis.views; }

  textOf(file: string): string {
    return this.analysis.plists.get(file)?.doc?.text ?? this.analysis.input.files.read(file)?.text ?? '';
  }

  private rangeOf(file: string, span: Span) {
    let li = this.lines.get(file);
    if (!li) { li = new LineIndex(this.textOf(file)); this.lines.set(file, li); }
    return li.rangeOf(span);
  }

  finding(check: ProjectCheck, spec: FindingSpec): ProjectFinding {
    const { file, span } = spec.at;
    const related: RelatedLocation[] = (spec.related ?? []).map((r) => ({ file: r.at.file, span: r.at.span, range: this.rangeOf(r.at.file, r.at.span), message: r.message }));
    const fixes: Fix[] = [];
    for (const f of spec.fixes ?? []) {
      if (!f) continue;
      const otherFiles: Record<string, readonly TextEdit[]> = {};
      for (const [k, v] of Object.entries(f.edits)) if (k !== file) otherFiles[k] = v;
      fixes.push({ title: f.title, edits: f.edits[file] ?? [], isPreferred: f.isPreferred, ...(Object.keys(otherFiles).length ? { otherFiles } : {}) });
    }
    return {
      ruleId: check.id, severity: spec.severity ?? check.defaultSeverity, message: spec.message, file, span, range: this.rangeOf(file, span),
      docUrl: check.docUrl, ...(related.length ? { related } : {}), ...(fixes.length ? { fixes } : {}),
    };
  }

  /** The root `<dict>` of a view's entitlements file, when it was read. */
  entitlementsDict(v: ConfigView): PlistDict | undefined {
    const root = v.entitlements?.doc?.root;
    return root?.kind === 'dict' ? root : undefined;
  }
}

export function defineCheck(id: string, defaultSeverity: Severity, title: string, check: (ctx: CheckContext, self: ProjectCheck) => ProjectFinding[]): ProjectCheck {
  const self: ProjectCheck = { id, defaultSeverity, title, docUrl: ruleDocUrl(id), check: (ctx) => check(ctx, self) };
  return self;
}

/** Groups views by a key (e.g. the file and span a finding sits on) so one place gets one finding. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(it); else out.set(k, [it]);
  }
  return out;
}

export function refKey(r: SourceRef): string {
  return `${r.file}@${r.span.start}`;
}

/** `App (Debug, Release)`, `App (Debug), Widget (Debug)`: the target/configuration pairs a finding covers. */
export function describeViews(views: readonly ConfigView[]): string {
  const byTarget = groupBy(views, (v) => v.target.name);
  return [...byTarget].map(([t, vs]) => `${t} (${[...new Set(vs.map((v) => v.configuration.name))].join(', ')})`).join(', ');
}

/** Where a finding about a view's entitlements sits: the key, else the file's root dict, else undefined. */
export function entitlementsAt(v: ConfigView, entry?: { keySpan: Span }): SourceRef | undefined {
  if (!v.entitlements?.doc) return undefined;
  const span = entry?.keySpan ?? v.entitlements.doc.root?.span ?? { start: 0, end: 0 };
  return { file: v.entitlements.path, span: entry ? span : { start: span.start, end: Math.min(span.end, span.start + 6) } };
}
