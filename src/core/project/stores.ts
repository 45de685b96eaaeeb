import type { Span } from '../text/span';
import type { SourceRef } from './model';
import type { ContainerSetupCall, ContainerSetupFile, DatabaseScopeName, SwiftValue } from './setup-model';

/**
 * Stores a Swift file sets up, derived from its setup calls. Modelling choices [design], stated here once:
 * - NSPersistentCloudKitContainer: one store per container call; its container ids are the file's
 *   `NSPersistentCloudKitContainerOptions(containerIdentifier:)` calls (none: the default description,
 *   which takes "the first CloudKit container identifier in an application's entitlements", doc NSPCKC);
 *   its scopes are the file's `databaseScope` assignments (none: private, the default).
 * - SwiftData: one store per `ModelConfiguration` call; no `cloudKitDatabase:` means `.automatic`
 *   (doc SD-SYNC); a `ModelContainer(for:)` without configurations in a file with none is one default
 *   store (`.automatic`).
 * - A store is in an App Group when its call says `groupContainer: .identifier(…)` or its file builds a
 *   URL with `containerURL(forSecurityApplicationGroupIdentifier:)` (TN3164's 134410 setting).
 * - CKContainer(identifier:) is CloudKit use without a store (it needs the container entitled: PC03).
 */
export interface StoreSetup {
  readonly file: string;
  readonly kind: 'coredata' | 'swiftdata' | 'cloudkit';
  /** The call a diagnostic sits on. */
  readonly call: ContainerSetupCall;
  /** Explicit container ids (empty: the first entitled container). */
  readonly containerIds: readonly SwiftValue[];
  readonly scopes: readonly DatabaseScopeName[];
  /** Whether the setup syncs with CloudKit (SwiftData `.none` does not; CKContainer always talks to it). */
  readonly syncs: boolean;
  /** The App Group its store file lives in (identifier when known, else the expression). */
  readonly group?: SwiftValue;
  readonly name?: string;
  readonly models: readonly string[];
  /** Whether the file also clears `cloudKitContainerOptions` on some path. */
  readonly mayOptOut: boolean;
}

export function resolveValue(v: SwiftValue | undefined, constants: ReadonlyMap<string, string>): SwiftValue | undefined {
  if (!v || v.literal !== undefined) return v;
  const text = v.text.replace(/\s+/g, '');
  const hit = constants.get(text) ?? constants.get(text.slice(text.lastIndexOf('.') + 1));
  return hit !== undefined ? { ...v, literal: hit } : v;
}

export function storesOf(file: string, setup: ContainerSetupFile, constants: ReadonlyMap<string, string>): StoreSetup[] {
  const out: StoreSetup[] = [];
  const r = (v: SwiftValue | undefined) => resolveValue(v, constants);
  const fileGroup = setup.groupUrls.map(r).find((v) => v?.literal !== undefined) ?? r(setup.groupUrls[0]);
  const options = setup.calls.filter((c) => c.kind === 'NSPersistentCloudKitContainerOptions');
  const ids = options.map((o) => r(o.containerId)).filter((v): v is SwiftValue => v !== undefined);
  const scopes = setup.scopeAssignments.map((s) => s.value);
  const models = setup.calls.filter((c) => c.kind === 'ModelContainer').flatMap((c) => c.models.map((m) => m.name));
  const configs = setup.calls.filter((c) => c.kind === 'ModelConfiguration');
  for (const call of setup.calls) {
    if (call.kind === 'NSPersistentCloudKitContainer') {
      out.push({ file, kind: 'coredata', call, containerIds: ids, scopes: scopes.length ? [...new Set(scopes)] : ['private'], syncs: true, group: fileGroup, name: call.name?.literal, models: call.name?.literal ? [call.name.literal] : [], mayOptOut: setup.optionsCleared.length > 0 });
    } else if (call.kind === 'ModelConfiguration') {
      const scope = call.databaseScope?.value ?? 'automatic';
      const group = call.groupContainer && call.groupContainer.literal !== undefined && !['automatic', 'none'].includes(call.groupContainer.text.replace(/^\./, ''))
        ? r(call.groupContainer) : call.groupContainer?.text.replace(/^\./, '') === 'none' ? undefined : fileGroup;
      out.push({ file, kind: 'swiftdata', call, containerIds: call.containerId ? [r(call.containerId)!] : [], scopes: [scope], syncs: scope !== 'none', group, name: call.name?.literal, models: [...new Set([...call.models.map((m) => m.name), ...models])], mayOptOut: false });
    } else if (call.kind === 'ModelContainer' && configs.length === 0 && !setup.calls.some((c) => c.kind === 'NSPersistentCloudKitContainer')) {
      out.push({ file, kind: 'swiftdata', call, containerIds: [], scopes: ['automatic'], syncs: true, group: fileGroup, models: call.models.map((m) => m.name), mayOptOut: false });
    } else if (call.kind === 'CKContainer' && call.containerId) {
      out.push({ file, kind: 'cloudkit', call, containerIds: [r(call.containerId)!], scopes: [], syncs: true, models: [], mayOptOut: false });
    }
  }
  return out;
}

export function refOfCall(store: StoreSetup): SourceRef {
  return { file: store.file, span: store.call.nameSpan };
}

export function spanRef(file: string, span: Span): SourceRef {
  return { file, span };
}
