import type { SwiftSyntaxNode } from '../swift/syntax-node';
import { argumentsOf, calleeName, spanOf, stringLiteralOf, valueOf } from './swift-syntax';

export { stringLiteralOf } from './swift-syntax';
import type { Span } from '../text/span';
import type { ContainerSetupCall, ContainerSetupFile, DatabaseScopeName, DescriptionAssignment, ScopeValue, SetupCallKind, StringConstant, SwiftValue, TypeList } from './setup-model';

export type { ContainerSetupCall, ContainerSetupFile, SwiftValue } from './setup-model';

/**
 * Reads the Swift code that sets up containers and stores (NSPersistentCloudKitContainer and its store
 * descriptions, SwiftData ModelConfiguration/ModelContainer, CKContainer) from a tree-sitter-swift tree.
 * Pure: takes the root node and returns plain data with spans (UTF-16 offsets into the parsed text).
 *
 * Exported API for other readers (e.g. the SwiftData model source: "which models sync"):
 *   readContainerSetups(root) -> { calls: per call site { kind, containerId, databaseScope, name,
 *   groupContainer, url, models, spans }, scopeAssignments, optionsCleared, groupUrls, constants, sharingCalls }
 *
 * It is syntactic: values are read where they are written (string literals; `static let` string constants
 * are listed so callers can resolve `CloudContainerID.kado`); data flow across functions is not followed.
 */
const SETUP_KINDS = new Set<string>(['NSPersistentCloudKitContainer', 'NSPersistentCloudKitContainerOptions', 'ModelConfiguration', 'ModelContainer', 'CKContainer', 'NSPersistentContainer', 'modelContainer']);
const SCOPES = new Set<string>(['private', 'shared', 'public', 'automatic', 'none']);

/** `.private("iCloud.x")` -> scope private and id; `.none` / `.automatic` -> scope only. */
function scopeOf(n: SwiftSyntaxNode): { scope?: ScopeValue; id?: SwiftValue } {
  if (n.type === 'call_expression') {
    const name = calleeName(n)?.name;
    const arg = argumentsOf(n)[0];
    return { scope: name && SCOPES.has(name) ? { value: name as DatabaseScopeName, span: spanOf(n) } : undefined, id: arg ? valueOf(arg.value) : undefined };
  }
  const last = /([A-Za-z_]+)\s*$/.exec(n.text)?.[1];
  return { scope: last && SCOPES.has(last) ? { value: last as DatabaseScopeName, span: spanOf(n) } : undefined };
}

/** `Item.self` anywhere inside `n` (not inside closures): model types a container or schema lists. */
function modelTypesIn(n: SwiftSyntaxNode, out: { name: string; span: Span }[]): void {
  if (n.type === 'lambda_literal') return;
  if (n.type === 'navigation_expression' && /\.self$/.test(n.text)) {
    const name = n.text.replace(/\.self$/, '').trim();
    if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) { out.push({ name, span: spanOf(n) }); return; }
  }
  for (const c of n.namedChildren) if (c) modelTypesIn(c, out);
}

/** `syncedSchema`, `Self.syncedSchema`, `Store.allModels` -> the last name; undefined for anything else. */
function refName(n: SwiftSyntaxNode): string | undefined {
  if (n.type === 'simple_identifier') return n.text;
  if (n.type === 'navigation_expression' && !/\.self$/.test(n.text) && /^[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)+$/.test(n.text)) {
    return /([A-Za-z_][A-Za-z0-9_]*)$/.exec(n.text)?.[1];
  }
  return undefined;
}

/** Names inside a `configurations:` argument: `[cloud, local]`, `cloud`. */
function refsIn(n: SwiftSyntaxNode, out: string[]): void {
  const r = refName(n);
  if (r) { out.push(r); return; }
  if (n.type === 'lambda_literal' || n.type === 'call_expression') return;
  for (const c of n.namedChildren) if (c) refsIn(c, out);
}

/** The variable a call's value is stored in (`let x = Call(...)`, `x = Call(...)`), if any. */
function boundName(call: SwiftSyntaxNode): string | undefined {
  let p = call.parent;
  while (p && (p.type === 'try_expression' || p.type === 'await_expression' || p.type === 'parenthesized_expression')) p = p.parent;
  if (!p) return undefined;
  if (p.type === 'property_declaration') return p.childForFieldName('name')?.text.trim();
  if (p.type === 'assignment') {
    const t = p.childForFieldName('target');
    return t ? /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(t.text)?.[1] : undefined;
  }
  return undefined;
}

function readCall(call: SwiftSyntaxNode, kind: SetupCallKind, nameNode: SwiftSyntaxNode): ContainerSetupCall {
  const args = argumentsOf(call);
  const byLabel = (l: string) => args.find((a) => a.label === l)?.value;
  const models: { name: string; span: Span }[] = [];
  let containerId: SwiftValue | undefined;
  let databaseScope: ScopeValue | undefined;
  let name: SwiftValue | undefined;
  let groupContainer: SwiftValue | undefined;
  let schemaRef: string | undefined;
  const configurationRefs: string[] = [];
  let hasConfigurations = false;
  const databaseWords: DatabaseScopeName[] = [];
  let databaseText: string | undefined;
  let inMemory = false;
  const url = byLabel('url');
  switch (kind) {
    case 'NSPersistentContainer':
    case 'NSPersistentCloudKitContainer': {
      const n = byLabel('name');
      if (n) name = valueOf(n);
      break;
    }
    case 'NSPersistentCloudKitContainerOptions':
    case 'CKContainer': {
      const id = byLabel('containerIdentifier') ?? byLabel('identifier');
      if (id) containerId = valueOf(id);
      break;
    }
    case 'ModelConfiguration': {
      const first = args[0] && args[0].label === undefined ? args[0].value : undefined;
      if (first) name = valueOf(first);
      const db = byLabel('cloudKitDatabase');
      if (db) {
        databaseText = db.text.replace(/\s+/g, ' ');
        ({ scope: databaseScope, id: containerId } = scopeOf(db));
        // Every scope a non-literal value may take (`useCloudKit ? .automatic : .none`, abegehr/SwiftDataAnimals_Migrations).
        for (const m of db.text.matchAll(/\.\s*(private|shared|public|automatic|none)\b/g)) databaseWords.push(m[1] as DatabaseScopeName);
      }
      if (byLabel('isStoredInMemoryOnly')?.text.trim() === 'true') inMemory = true;
      const g = byLabel('groupContainer');
      if (g) {
        const s = scopeOf(g);
        groupContainer = s.id ?? { text: g.text, span: spanOf(g) };
      }
      const schema = byLabel('schema');
      if (schema) { modelTypesIn(schema, models); schemaRef = refName(schema); }
      // `ModelConfiguration(for: Recipe.self, Comment.self, isStoredInMemoryOnly:)` lists its types variadically
      // after `for:` [DOC ModelConfiguration init(for:isStoredInMemoryOnly:)].
      for (const a of args) if ((a.label === undefined || a.label === 'for') && a.value !== first) modelTypesIn(a.value, models);
      break;
    }
    case 'modelContainer':
    case 'ModelContainer': {
      let inConfigurations = false;
      for (const a of args) {
        // `configurations:` is variadic in ModelContainer(for:migrationPlan:configurations:): unlabeled arguments after it are configurations too.
        if (a.label === 'configurations') inConfigurations = true;
        else if (a.label !== undefined) inConfigurations = false;
        if (inConfigurations) { hasConfigurations = true; refsIn(a.value, configurationRefs); continue; }
        if (a.label === 'for' || a.label === undefined) {
          modelTypesIn(a.value, models);
          schemaRef ??= refName(a.value);
        }
      }
      break;
    }
  }
  const boundTo = kind === 'ModelConfiguration' ? boundName(call) : undefined;
  return {
    kind, span: spanOf(call), nameSpan: spanOf(nameNode), containerId, databaseScope, name, groupContainer, url: url ? valueOf(url) : undefined, models,
    ...(schemaRef ? { schemaRef } : {}), ...(configurationRefs.length ? { configurationRefs } : {}), ...(boundTo ? { boundTo } : {}), ...(hasConfigurations ? { hasConfigurations } : {}),
    ...(databaseText !== undefined ? { databaseText } : {}), ...(inMemory ? { inMemory } : {}),
    ...(databaseWords.length > 1 ? { databaseWords: [...new Set(databaseWords)] } : {}),
  };
}

/** The name of the type declaration enclosing `n` (for qualified constant names). */
function enclosingTypeName(n: SwiftSyntaxNode): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'class_declaration' || p.type === 'protocol_declaration') return p.childForFieldName('name')?.text;
  }
  return undefined;
}

export function readContainerSetups(root: SwiftSyntaxNode): ContainerSetupFile {
  const calls: ContainerSetupCall[] = [];
  const scopeAssignments: ScopeValue[] = [];
  const optionsCleared: Span[] = [];
  const groupUrls: SwiftValue[] = [];
  const constants: StringConstant[] = [];
  const sharingCalls: Span[] = [];
  const typeLists: TypeList[] = [];
  const descriptionAssignments: DescriptionAssignment[] = [];
  const freshDescriptions: string[] = [];
  const stack: SwiftSyntaxNode[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited++ < 2_000_000) {
    const n = stack.pop()!;
    if (n.type === 'call_expression') {
      const callee = calleeName(n);
      if (callee && SETUP_KINDS.has(callee.name)) calls.push(readCall(n, callee.name as SetupCallKind, callee.node));
      // A labeled id literal (`CoreDataStackConfig(appGroupIdentifier: "group.x")`, corpus jazzychad
      // Globals.swift) is a constant named by its label, so `config.appGroupIdentifier` resolves [design].
      for (const a of argumentsOf(n)) {
        const v = a.label ? stringLiteralOf(a.value) : undefined;
        if (v !== undefined && /^(iCloud|group)\./.test(v)) constants.push({ names: [a.label!], value: v, span: spanOf(a.value) });
      }
      if (callee?.name === 'containerURL') {
        const g = argumentsOf(n).find((a) => a.label === 'forSecurityApplicationGroupIdentifier');
        if (g) groupUrls.push(valueOf(g.value));
      } else if (callee && (callee.name === 'UICloudSharingController' || callee.name === 'CKShare'
        || (callee.name === 'share' && argumentsOf(n).some((a) => a.label === 'to')))) sharingCalls.push(spanOf(n));
    } else if (n.type === 'assignment') {
      const target = n.childForFieldName('target');
      const result = n.childForFieldName('result');
      const prop = target ? /([A-Za-z_]+)\s*$/.exec(target.text)?.[1] : undefined;
      if (prop === 'databaseScope' && result) { const s = scopeOf(result).scope; if (s) scopeAssignments.push(s); }
      if (prop === 'cloudKitContainerOptions' && result?.text === 'nil') optionsCleared.push(spanOf(n));
      if ((prop === 'configuration' || prop === 'cloudKitContainerOptions') && target && result) {
        const receiver = target.text.replace(/\s+/g, '').replace(/\??\.[A-Za-z_]+$/, '');
        if (receiver && receiver !== target.text) descriptionAssignments.push({ receiver, property: prop, value: valueOf(result), span: spanOf(n) });
      }
    } else if (n.type === 'property_declaration') {
      const nameNode = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      const literal = stringLiteralOf(value);
      const id = nameNode?.text.trim();
      if (value && id && /^[A-Za-z_][A-Za-z0-9_]*$/.test(id)) readTypeList(id, value, n, typeLists, freshDescriptions);
      if (literal !== undefined && id && /^[A-Za-z_][A-Za-z0-9_]*$/.test(id)) {
        const type = enclosingTypeName(n);
        constants.push({ names: type ? [`${type}.${id}`, id] : [id], value: literal, span: spanOf(n) });
      }
    }
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
  calls.sort((a, b) => a.span.start - b.span.start);
  return { calls, scopeAssignments, optionsCleared, groupUrls, constants, sharingCalls, typeLists, descriptionAssignments, freshDescriptions };
}

/**
 * `let schema = Schema([A.self, B.self])`, `Schema(allModels)`, `Schema(versionedSchema: V4.self)`,
 * `static let allModels: [any PersistentModel.Type] = [A.self]`: a named type list; and
 * `let d = NSPersistentStoreDescription(url:)`: a fresh store description.
 */
function readTypeList(name: string, value: SwiftSyntaxNode, decl: SwiftSyntaxNode, out: TypeList[], fresh: string[]): void {
  let v = value;
  while (v.type === 'try_expression' || v.type === 'parenthesized_expression') v = v.namedChild(v.namedChildCount - 1) ?? v;
  if (v.type === 'array_literal') {
    const models: { name: string; span: Span }[] = [];
    modelTypesIn(v, models);
    if (models.length > 0) out.push({ name, models, refs: [], span: spanOf(decl) });
    return;
  }
  if (v.type !== 'call_expression') return;
  const callee = calleeName(v)?.name;
  if (callee === 'NSPersistentStoreDescription') { fresh.push(name); return; }
  if (callee !== 'Schema') return;
  const models: { name: string; span: Span }[] = [];
  const refs: string[] = [];
  let versioned = false;
  for (const a of argumentsOf(v)) {
    if (a.label !== undefined && a.label !== 'versionedSchema') continue;
    if (a.label === 'versionedSchema') versioned = true;
    modelTypesIn(a.value, models);
    const r = refName(a.value);
    if (r) refs.push(r);
  }
  out.push({ name, models, refs, span: spanOf(decl), ...(versioned ? { versioned } : {}) });
}
