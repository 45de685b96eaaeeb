import type { SwiftSyntaxNode } from '../swift/syntax-node';
import { argumentsOf, calleeName, spanOf, stringLiteralOf, valueOf } from './swift-syntax';

export { stringLiteralOf } from './swift-syntax';
import type { Span } from '../text/span';
import type { ContainerSetupCall, ContainerSetupFile, DatabaseScopeName, ScopeValue, SetupCallKind, StringConstant, SwiftValue } from './setup-model';

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
const SETUP_KINDS = new Set<string>(['NSPersistentCloudKitContainer', 'NSPersistentCloudKitContainerOptions', 'ModelConfiguration', 'ModelContainer', 'CKContainer']);
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

function readCall(call: SwiftSyntaxNode, kind: SetupCallKind, nameNode: SwiftSyntaxNode): ContainerSetupCall {
  const args = argumentsOf(call);
  const byLabel = (l: string) => args.find((a) => a.label === l)?.value;
  const models: { name: string; span: Span }[] = [];
  let containerId: SwiftValue | undefined;
  let databaseScope: ScopeValue | undefined;
  let name: SwiftValue | undefined;
  let groupContainer: SwiftValue | undefined;
  const url = byLabel('url');
  switch (kind) {
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
      if (db) ({ scope: databaseScope, id: containerId } = scopeOf(db));
      const g = byLabel('groupContainer');
      if (g) {
        const s = scopeOf(g);
        groupContainer = s.id ?? { text: g.text, span: spanOf(g) };
      }
      const schema = byLabel('schema');
      if (schema) modelTypesIn(schema, models);
      for (const a of args) if (a.label === undefined && a.value !== first) modelTypesIn(a.value, models);
      break;
    }
    case 'ModelContainer':
      for (const a of args) if (a.label === 'for' || a.label === undefined) modelTypesIn(a.value, models);
      break;
  }
  return { kind, span: spanOf(call), nameSpan: spanOf(nameNode), containerId, databaseScope, name, groupContainer, url: url ? valueOf(url) : undefined, models };
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
    } else if (n.type === 'property_declaration') {
      const nameNode = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      const literal = stringLiteralOf(value);
      const id = nameNode?.text.trim();
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
  return { calls, scopeAssignments, optionsCleared, groupUrls, constants, sharingCalls };
}
