import type { Span } from '../text/span';

/**
 * What Swift code says about containers and stores (plain data; read by container-setup.ts from a
 * tree-sitter tree, and usable by the SwiftData model source for "which models sync").
 *
 * APIs read (reference project-config.md §1, §3): `NSPersistentCloudKitContainer(name:)`,
 * `NSPersistentCloudKitContainerOptions(containerIdentifier:)`, `.databaseScope = .shared`,
 * `cloudKitContainerOptions = nil`, `ModelConfiguration(_:schema:url:groupContainer:cloudKitDatabase:)`,
 * `ModelContainer(for:configurations:)`, `CKContainer(identifier:)`,
 * `FileManager.containerURL(forSecurityApplicationGroupIdentifier:)`.
 */

/** An argument or operand: its source text, the string it denotes when known, and where it is. */
export interface SwiftValue {
  readonly text: string;
  /** The string value: a literal, or a constant resolved by name (`CloudContainerID.kado`). */
  readonly literal?: string;
  readonly span: Span;
}

export type DatabaseScopeName = 'private' | 'shared' | 'public' | 'automatic' | 'none';

export interface ScopeValue {
  readonly value: DatabaseScopeName;
  readonly span: Span;
}

export type SetupCallKind =
  | 'NSPersistentCloudKitContainer'
  | 'NSPersistentCloudKitContainerOptions'
  | 'ModelConfiguration'
  | 'ModelContainer'
  | 'CKContainer'
  /** Core Data without CloudKit: read so "which models sync" can say a model is local (sync-plan.ts). */
  | 'NSPersistentContainer'
  /** SwiftUI's `.modelContainer(for:)` scene/view modifier: a default (`.automatic`) container. */
  | 'modelContainer';

export interface ContainerSetupCall {
  readonly kind: SetupCallKind;
  /** The whole call expression. */
  readonly span: Span;
  /** The callee name (where a diagnostic sits). */
  readonly nameSpan: Span;
  /** `containerIdentifier:`, `CKContainer(identifier:)`, the id inside `.private("…")`. */
  readonly containerId?: SwiftValue;
  /** SwiftData `cloudKitDatabase:` (absent means `.automatic`, doc SD-SYNC). */
  readonly databaseScope?: ScopeValue;
  /** ModelConfiguration's first unlabeled argument (its name); NSPCKC's `name:` (the model name). */
  readonly name?: SwiftValue;
  /** `groupContainer: .identifier("group.x")` (`.automatic` and `.none` as literal words). */
  readonly groupContainer?: SwiftValue;
  readonly url?: SwiftValue;
  /** `ModelContainer(for: A.self, B.self)` or `Schema([A.self])` in the call. */
  readonly models: readonly { readonly name: string; readonly span: Span }[];
  /**
   * A type list named instead of written out: `ModelConfiguration(schema: syncedSchema)`,
   * `ModelContainer(for: schema, ...)` (the last identifier; resolved through `typeLists`).
   */
  readonly schemaRef?: string;
  /** `ModelContainer(..., configurations: [cloud, local])`: the configuration variables it loads. */
  readonly configurationRefs?: readonly string[];
  /** The variable a call is stored in: `let cloud = ModelConfiguration(...)`, `configuration = ModelConfiguration(...)`. */
  readonly boundTo?: string;
  /** `ModelConfiguration(isStoredInMemoryOnly: true)`. */
  readonly inMemory?: boolean;
  /** The `cloudKitDatabase:` argument as written (whitespace collapsed). */
  readonly databaseText?: string;
  /** A `cloudKitDatabase:` value that is not one literal: every scope it names (`cond ? .automatic : .none`). */
  readonly databaseWords?: readonly DatabaseScopeName[];
  /** Whether `.modelContainer(...)` / `ModelContainer(...)` passes configurations (then they hold the stores). */
  readonly hasConfigurations?: boolean;
}

/** A named list of model types: `let schema = Schema([A.self])`, `static let all: [any PersistentModel.Type] = [A.self]`. */
export interface TypeList {
  readonly name: string;
  readonly models: readonly { readonly name: string; readonly span: Span }[];
  /** Other lists it is built from: `Schema(allModels)`. */
  readonly refs: readonly string[];
  /** `Schema(versionedSchema: V.self)`: the models are the versioned schema's (`models`' one name is the schema). */
  readonly versioned?: boolean;
  readonly span: Span;
}

/** `desc.configuration = "Cloud"`, `desc.cloudKitContainerOptions = …` on a store description variable. */
export interface DescriptionAssignment {
  /** The receiver's text (`privateDesc`, `container.persistentStoreDescriptions.first`). */
  readonly receiver: string;
  readonly property: 'configuration' | 'cloudKitContainerOptions';
  readonly value: SwiftValue;
  readonly span: Span;
}

export interface StringConstant {
  /** `kado`, and the qualified `CloudContainerID.kado` when declared in a type. */
  readonly names: readonly string[];
  readonly value: string;
  readonly span: Span;
}

export interface ContainerSetupFile {
  readonly calls: readonly ContainerSetupCall[];
  /** `x.databaseScope = .shared` (NSPersistentCloudKitContainerOptions). */
  readonly scopeAssignments: readonly ScopeValue[];
  /** `description.cloudKitContainerOptions = nil`: the store opts out (at least on some path). */
  readonly optionsCleared: readonly Span[];
  /** `containerURL(forSecurityApplicationGroupIdentifier: …)`: a store URL in an App Group (TN3164). */
  readonly groupUrls: readonly SwiftValue[];
  readonly constants: readonly StringConstant[];
  /** Calls of the sharing API: `share(_:to:)`, `UICloudSharingController`, `CKShare(`. */
  readonly sharingCalls: readonly Span[];
  /** Named model type lists (for "which models sync", sync-plan.ts). */
  readonly typeLists?: readonly TypeList[];
  /** Store description properties set in the file (for "which models sync"). */
  readonly descriptionAssignments?: readonly DescriptionAssignment[];
  /** Variables holding a new `NSPersistentStoreDescription(...)` (no CloudKit options until set). */
  readonly freshDescriptions?: readonly string[];
}

export const EMPTY_SETUP_FILE: ContainerSetupFile = { calls: [], scopeAssignments: [], optionsCleared: [], groupUrls: [], constants: [], sharingCalls: [] };
