import type { SwiftParser, SwiftSyntaxNode } from '../../swift/syntax-node';
import type { Span } from '../../text/span';
import type { EntityIR, ModelIR, ReadProblem } from '../ir';
import { readSwiftDeclarations, type SwiftFileDeclarations, type SwiftModelClass } from './declarations';
import { buildEntity, shift, type BuildContext, type SwiftDeclRef, type SwiftFileRead, type SwiftMemberMacro } from './entity-builder';
import { completeInverses } from './inverse-inference';
import { blankOut, findMemberMacros, isCodeAt, memberMacroCandidates, nonCodeOverrun } from './macro-mask';
import { readMemberMacro } from './member-macros';
import { NON_CODE_TYPES } from './syntax';
import { chooseVersions, type VersionPlan } from './versions';

/**
 * SwiftData `@Model` sources -> ModelIR (reference swiftdata.md). A model spans many files, while a
 * ModelIR indexes one text: the files are laid end to end in `sourceText` (one newline between them)
 * and every span points into that text; `locate` maps an offset back to its file. The rules, the
 * CloudKit mapping and the schema derivation then run unchanged.
 */
export interface SwiftSource {
  readonly path: string;
  readonly text: string;
}

export interface SwiftModelVersion {
  /** The `VersionedSchema` type's name (`KadoSchemaV4`). */
  readonly name: string;
  readonly versionIdentifier?: string;
  /** Which app's versions this one is compared with (versions.ts): CK016 compares within a family only. */
  readonly family: string;
  readonly model: ModelIR;
  /** The VersionedSchema type's name in its declaration, in `sourceText` offsets. */
  readonly span?: Span;
}

export interface SwiftModel {
  /** The current model: the current version's classes plus unversioned ones. */
  readonly model: ModelIR;
  readonly files: readonly SwiftFileRead[];
  /** Every VersionedSchema as its own model, oldest first (SchemaMigrationPlan order when known). */
  readonly versions: readonly SwiftModelVersion[];
  readonly currentVersion?: string;
  /** The Swift declaration behind each entity, attribute and relationship (for fixes, hover, messages). */
  readonly decls: ReadonlyMap<object, SwiftDeclRef>;
  /** The file and file-local offset of a `sourceText` offset. */
  locate(offset: number): { readonly file: SwiftFileRead; readonly offset: number } | undefined;
}

export interface SwiftReadOptions {
  /** Whether the model syncs (`cloudKitDatabase` is not `.none`); default true, SwiftData's default `.automatic` [DOC ModelConfiguration]. */
  readonly usedWithCloudKit?: boolean;
  /**
   * The app's `ModelConfiguration`s, when known (from the code or the user): each names its models and
   * whether it syncs. Given, only a syncing configuration's models are CloudKit models.
   */
  /**
   * Files longer than this (UTF-16 code units; default 2,000,000) are not parsed: parsing is linear but
   * a 5 MB generated file takes 5-16 s in WebAssembly, too long for an editor. They get a problem.
   */
  readonly maxFileLength?: number;
  readonly configurations?: readonly { readonly name: string; readonly usedWithCloudKit: boolean; readonly models: readonly string[] }[];
}

interface FileParts {
  readonly file: SwiftFileRead;
  readonly decls: SwiftFileDeclarations;
  readonly macros: readonly SwiftMemberMacro[];
}

export function readSwiftModel(sources: readonly SwiftSource[], parser: SwiftParser, options: SwiftReadOptions = {}): SwiftModel {
  const files: SwiftFileRead[] = [];
  const parts: FileParts[] = [];
  const problems: ReadProblem[] = [];
  let start = 0;
  for (const s of sources) {
    const file: SwiftFileRead = { path: s.path, text: s.text, start };
    files.push(file);
    start += s.text.length + 1;
    const read = s.text.length > (options.maxFileLength ?? DEFAULT_MAX_FILE_LENGTH) ? tooLarge(file, options.maxFileLength ?? DEFAULT_MAX_FILE_LENGTH) : readFile(file, parser);
    parts.push(read);
    for (const p of read.decls.problems) problems.push({ ...p, span: shift(p.span, file.start) });
  }
  const sourceText = sources.map((s) => s.text).join('\n');
  const plan = chooseVersions(parts.map((p) => p.decls));
  const decls = new Map<object, SwiftDeclRef>();
  const build = (classes: readonly { cls: SwiftModelClass; file: SwiftFileRead; macros: readonly SwiftMemberMacro[] }[], sink: ReadProblem[]): ModelIR =>
    withConfigurations(buildModel(classes, parts, sink, decls, sourceText, options.usedWithCloudKit ?? true), options);
  const located = locateClasses(parts);
  const current = build(located.filter((c) => plan.inCurrent(c.cls)), problems);
  const declared = new Map<string, Span>();
  for (const p of parts) for (const v of p.decls.versionedSchemas) if (!declared.has(v.name)) declared.set(v.name, shift(v.nameSpan, p.file.start));
  const versions = plan.versions.map((v: VersionPlan): SwiftModelVersion => {
    const span = declared.get(v.name);
    return {
      name: v.name, family: v.family, ...(v.versionIdentifier ? { versionIdentifier: v.versionIdentifier } : {}),
      model: build(located.filter((c) => v.includes(c.cls)), []), ...(span ? { span } : {}),
    };
  });
  return {
    model: current, files, versions, ...(plan.current ? { currentVersion: plan.current } : {}), decls,
    locate(offset) {
      let lo = 0;
      let hi = files.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const f = files[mid];
        if (offset < f.start) hi = mid - 1;
        else if (offset > f.start + f.text.length) lo = mid + 1;
        else return { file: f, offset: offset - f.start };
      }
      return undefined;
    },
  };
}

const DEFAULT_MAX_FILE_LENGTH = 2_000_000;

function tooLarge(file: SwiftFileRead, limit: number): FileParts {
  const firstLine = file.text.indexOf('\n');
  const mb = (n: number): string => (n / 1_000_000).toFixed(1);
  return {
    file, macros: [],
    decls: {
      models: [], valueTypes: [], typeAliases: [], versionedSchemas: [], migrationPlans: [],
      problems: [{
        severity: 'warning', span: { start: 0, end: firstLine < 0 ? file.text.length : firstLine },
        message: `This file was not read: it has ${mb(file.text.length)} million characters, more than the ${mb(limit)} million the SwiftData reader parses (generated code?). Its @Model classes are not checked.`,
      }],
    },
  };
}

function withConfigurations(model: ModelIR, options: SwiftReadOptions): ModelIR {
  if (!options.configurations) return model;
  const none = { start: 0, end: 0 };
  const configurations = options.configurations.map((c) => ({
    kind: 'configuration' as const, name: c.name, usedWithCloudKit: c.usedWithCloudKit, span: none, headSpan: none, attrs: {},
    memberEntities: c.models.filter((m) => model.entities.some((e) => e.name === m)).map((name) => ({ name, span: none })),
  }));
  return { ...model, usedWithCloudKit: false, configurations };
}

function locateClasses(parts: readonly FileParts[]): { cls: SwiftModelClass; file: SwiftFileRead; macros: SwiftMemberMacro[] }[] {
  const out: { cls: SwiftModelClass; file: SwiftFileRead; macros: SwiftMemberMacro[] }[] = [];
  for (const p of parts) {
    for (const cls of p.decls.models) {
      const macros = p.macros.filter((m) => m.span.start >= cls.bodySpan.start && m.span.end <= cls.bodySpan.end
        && !p.decls.models.some((inner) => inner !== cls && inner.bodySpan.start > cls.bodySpan.start && m.span.start >= inner.bodySpan.start && m.span.end <= inner.bodySpan.end));
      out.push({ cls, file: p.file, macros });
    }
  }
  return out;
}

function buildModel(
  classes: readonly { cls: SwiftModelClass; file: SwiftFileRead; macros: readonly SwiftMemberMacro[] }[],
  parts: readonly FileParts[], problems: ReadProblem[], decls: Map<object, SwiftDeclRef>, sourceText: string, usedWithCloudKit: boolean,
): ModelIR {
  const byName = new Map<string, { cls: SwiftModelClass; file: SwiftFileRead }>();
  for (const c of classes) {
    const seen = byName.get(c.cls.name);
    if (seen) {
      problems.push({
        severity: 'warning', span: shift(c.cls.nameSpan, c.file.start),
        message: `Another @Model class named ${c.cls.name} was read first (${seen.file.path}); SwiftData names entities after the class, so only the first is in the model.`,
      });
      continue;
    }
    byName.set(c.cls.name, c);
  }
  const valueTypes = new Set<string>();
  const aliases = new Map<string, string>();
  for (const p of parts) {
    for (const v of p.decls.valueTypes) valueTypes.add(v.name);
    for (const a of p.decls.typeAliases) if (!aliases.has(a.name)) aliases.set(a.name, a.target);
  }
  const ctx: BuildContext = { classes: byName, valueTypes, aliases, problems, decls };
  const entities: EntityIR[] = [];
  for (const c of classes) {
    if (byName.get(c.cls.name)?.cls !== c.cls) continue;
    entities.push(buildEntity(c.cls, c.file, c.macros, ctx));
  }
  completeInverses(entities);
  return {
    format: 'swift', root: undefined, usedWithCloudKit, entities, configurations: [], fetchRequests: [], composites: [],
    problems, sourceText,
  };
}

/**
 * Parses a file and reads its declarations, and its member macros on the side. A file with `#Unique` or
 * `#Index` is parsed once with them blanked out (macro-mask.ts): those the tree then puts in comments or
 * strings are no macros; only when a blanked span ran out of its comment (and may have hidden code) is
 * the file parsed as written to find the macros, and again without them.
 */
function readFile(file: SwiftFileRead, parser: SwiftParser): FileParts {
  const scanned = file.text.includes('#') ? memberMacroCandidates(file.text) : [];
  const candidates = scanned ?? [];
  let tree = parser.parse(candidates.length > 0 ? blankOut(file.text, candidates.map((s) => s.span)) : file.text);
  try {
    let sites = candidates.filter((s) => isCodeAt(tree.rootNode, s.span.start));
    if (!scanned || (sites.length < candidates.length && candidates.some((s) => nonCodeOverrun(tree.rootNode, s)))) {
      // The tree of the text as written (the one parsed already when the scan gave up) says what is code.
      if (scanned) {
        const first = parser.parse(file.text);
        tree.delete();
        tree = first;
      }
      sites = findMemberMacros(file.text, tree.rootNode);
      if (sites.length > 0) {
        const again = parser.parse(blankOut(file.text, sites.map((s) => s.span)));
        tree.delete();
        tree = again;
      }
    }
    const macros = sites.map((s) => readMemberMacro(s, file.text, parser));
    const decls = readSwiftDeclarations(tree.rootNode, file.text);
    for (const m of macros) {
      if (!decls.models.some((c) => m.span.start >= c.bodySpan.start && m.span.end <= c.bodySpan.end)) {
        decls.problems.push({ severity: 'warning', span: m.span, message: `#${m.name} is not inside a @Model class the reader could read; it was ignored.` });
      }
    }
    reportUnreadModels(file.text, tree.rootNode, decls);
    return { file, decls, macros };
  } finally {
    tree.delete();
  }
}

/** An `@Model` in code that is not on a class declaration the reader saw: its class did not parse. */
function reportUnreadModels(text: string, root: SwiftSyntaxNode, decls: SwiftFileDeclarations): void {
  for (let at = text.indexOf('@Model'); at >= 0; at = text.indexOf('@Model', at + 1)) {
    if (/[A-Za-z0-9_]/.test(text.charAt(at + 6))) continue; // @ModelActor
    const covered = decls.models.some((c) => c.modelSpan.start === at) || decls.problems.some((p) => p.span.start === at);
    if (covered) continue;
    let code = true;
    let onType = false;
    for (let n = root.descendantForIndex(at, at + 1); n; n = n.parent) {
      if (NON_CODE_TYPES.has(n.type)) { code = false; break; }
      if (n.type === 'class_declaration') { onType = true; break; }
    }
    if (!code || onType) continue;
    const span: Span = { start: at, end: at + 6 };
    // A warning, not an error: the other classes are still read and checked.
    decls.problems.push({ severity: 'warning', span, message: 'This @Model declaration does not parse, so its class was not read; fix the Swift syntax error around it.' });
  }
}

