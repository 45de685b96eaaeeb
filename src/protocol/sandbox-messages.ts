/**
 * The one protocol between the sandbox panel's host (extension) and its webview, imported by both
 * sides. Shape follows VS Code's markdown preview (`types/previewMessaging.d.ts`): discriminated unions
 * on `type`, plain data only (everything must survive structured clone and JSON).
 *
 * Every received message goes through `parseToWebview` / `parseFromWebview`; an invalid one yields
 * `undefined` and the receiver logs and drops it (a webview is untrusted input for the host, and a
 * stale webview may talk an older protocol after an extension update).
 *
 * This module is pure (no `vscode`, no DOM) so it can live under the core's rules.
 */
import type { ModelSpec } from '../core/sandbox/api';
import { parseSessionFile, type SandboxSessionFile } from './session-file';

/** Bumped when a message changes incompatibly; the webview shows an error on mismatch. */
export const PROTOCOL_VERSION = 1;

/** The workspace model the host loaded, or why it could not. */
export interface ModelPayload {
  /** Workspace-relative path of the `.xcdatamodel` version in use. */
  readonly path: string;
  /** Display name: `Model.xcdatamodeld › Model 2`. */
  readonly label: string;
  /** The model as the engine reads it, computed by the host (core/sandbox/model-spec.ts `modelSpecFromIR`). */
  readonly model: ModelSpec;
  /** `public` when the app's setup code puts its store on the public database (store-model.ts `storeDatabase`); absent: private. */
  readonly database?: 'public';
}

/** The production schema file's text (`.ckdb`); the panel parses it into the session's production schema. */
export interface SchemaPayload {
  readonly path: string;
  readonly text: string;
}

/** Panel buttons the host can press (commands "Save Sandbox Session", "Sandbox: Step"...). */
export type InvokeAction = 'saveSession' | 'saveSessionAs' | 'step' | 'runUntilIdle';
export const INVOKE_ACTIONS: readonly InvokeAction[] = ['saveSession', 'saveSessionAs', 'step', 'runUntilIdle'];

/** What the host needs to revive a panel (kept in the webview's state, read by the panel serializer). */
export interface HostState {
  /** URI string of the model bundle in use. */
  readonly modelBundle?: string;
  /** Folder name of the model version the user chose when it is not the bundle's current version. */
  readonly modelVersion?: string;
  /** URI string of the session file the panel was opened from or last saved to. */
  readonly sessionFile?: string;
}

// ---------------------------------------------------------------------------------------------
// Host → webview
// ---------------------------------------------------------------------------------------------

export namespace ToWebview {
  /** First message after `ready`: everything the webview needs to start a session. */
  export interface Init {
    readonly type: 'init';
    readonly protocol: number;
    readonly model: ModelPayload | undefined;
    /** Why there is no model (no `.xcdatamodeld` in the workspace, unreadable file...). */
    readonly modelError?: string;
    readonly productionSchema?: SchemaPayload;
    /** A session to restore (opened from a `.cksandbox.json`), replacing the webview's saved state. */
    readonly session?: SandboxSessionFile;
    /** Opaque host state the webview keeps with its own state; handed back to the host on revive. */
    readonly hostState?: HostState;
  }
  /** New host state to keep (after a save, an open, a model pick). */
  export interface HostStateChanged {
    readonly type: 'hostState';
    readonly hostState: HostState;
  }
  /** The model file changed on disk (or another version became current). */
  export interface ModelChanged {
    readonly type: 'modelChanged';
    readonly model: ModelPayload | undefined;
    readonly modelError?: string;
    /** The user chose this model (version) in the picker: start a new session on it right away. */
    readonly picked?: boolean;
  }
  export interface SchemaChanged {
    readonly type: 'schemaChanged';
    readonly productionSchema: SchemaPayload | undefined;
  }
  /** Replace the running session with this one (the "Open Sandbox Session" command). */
  export interface LoadSession {
    readonly type: 'loadSession';
    readonly session: SandboxSessionFile;
    readonly fileName: string;
  }
  /** Ask the webview to press one of its own buttons (the command palette versions of panel buttons). */
  export interface Invoke {
    readonly type: 'invoke';
    readonly action: InvokeAction;
  }
  /** The outcome of a `saveSession` request. */
  export interface SessionSaved {
    readonly type: 'sessionSaved';
    readonly fileName: string | undefined;
    readonly error?: string;
  }
  export type Message = Init | HostStateChanged | ModelChanged | SchemaChanged | LoadSession | Invoke | SessionSaved;
}

// ---------------------------------------------------------------------------------------------
// Webview → host
// ---------------------------------------------------------------------------------------------

export namespace FromWebview {
  /** The webview script is running and wants `init`. */
  export interface Ready {
    readonly type: 'ready';
    readonly protocol: number;
  }
  /** What the webview shows after a render (the host exposes it to tests; cheap to send). */
  export interface Rendered {
    readonly type: 'rendered';
    readonly devices: number;
    /** Entities of the model the session runs on. */
    readonly entities: number;
    readonly events: number;
    readonly objects: number;
    readonly serverRecords: number;
    /** Inputs recorded in the session (what a save writes). */
    readonly inputs: number;
    readonly clock: number;
  }
  /** Write this session to a `.cksandbox.json` (the host asks where unless it has a file already). */
  export interface SaveSession {
    readonly type: 'saveSession';
    readonly session: SandboxSessionFile;
    /** Always ask for a file name, even when the session came from a file. */
    readonly saveAs: boolean;
  }
  /** Show the "open session" picker. */
  export interface OpenSession {
    readonly type: 'openSession';
  }
  /** Pick another model version / file ("Choose model version…"). */
  export interface PickModel {
    readonly type: 'pickModel';
  }
  export interface Log {
    readonly type: 'log';
    readonly level: 'info' | 'warn' | 'error';
    readonly message: string;
  }
  export type Message = Ready | Rendered | SaveSession | OpenSession | PickModel | Log;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isCount = (x: unknown): x is number => isNum(x) && x >= 0 && Math.floor(x) === x;

/** A ModelSpec as far as the panel relies on it: entities with named attributes and relationships. */
function isModelSpec(x: unknown): x is ModelSpec {
  if (!isObj(x) || !Array.isArray(x.entities)) return false;
  return x.entities.every((e) => isObj(e) && isStr(e.name) && Array.isArray(e.attributes) && Array.isArray(e.relationships)
    && e.attributes.every((a) => isObj(a) && isStr(a.name))
    && e.relationships.every((r) => isObj(r) && isStr(r.name) && isStr(r.destination)));
}

function isModelPayload(x: unknown): x is ModelPayload {
  return isObj(x) && isStr(x.path) && isStr(x.label) && isModelSpec(x.model);
}

function isSchemaPayload(x: unknown): x is SchemaPayload {
  return isObj(x) && isStr(x.path) && isStr(x.text);
}

export function isHostState(x: unknown): x is HostState {
  return isObj(x) && (x.modelBundle === undefined || isStr(x.modelBundle)) && (x.modelVersion === undefined || isStr(x.modelVersion)) && (x.sessionFile === undefined || isStr(x.sessionFile));
}

const optional = <T>(x: unknown, check: (v: unknown) => v is T): boolean => x === undefined || check(x);

function isSession(x: unknown): x is SandboxSessionFile {
  return parseSessionFile(x).ok;
}

/** Validates a message received by the webview. */
export function parseToWebview(x: unknown): ToWebview.Message | undefined {
  if (!isObj(x) || !isStr(x.type)) return undefined;
  switch (x.type) {
    case 'init':
      return isNum(x.protocol) && optional(x.model, isModelPayload) && optional(x.modelError, isStr)
        && optional(x.productionSchema, isSchemaPayload) && optional(x.session, isSession) && optional(x.hostState, isHostState)
        ? (x as unknown as ToWebview.Init) : undefined;
    case 'hostState':
      return isHostState(x.hostState) ? (x as unknown as ToWebview.HostStateChanged) : undefined;
    case 'modelChanged':
      return optional(x.model, isModelPayload) && optional(x.modelError, isStr) && optional(x.picked, (v): v is boolean => typeof v === 'boolean')
        ? (x as unknown as ToWebview.ModelChanged) : undefined;
    case 'schemaChanged':
      return optional(x.productionSchema, isSchemaPayload) ? (x as unknown as ToWebview.SchemaChanged) : undefined;
    case 'loadSession':
      return isSession(x.session) && isStr(x.fileName) ? (x as unknown as ToWebview.LoadSession) : undefined;
    case 'invoke':
      return (INVOKE_ACTIONS as readonly unknown[]).includes(x.action) ? (x as unknown as ToWebview.Invoke) : undefined;
    case 'sessionSaved':
      return optional(x.fileName, isStr) && optional(x.error, isStr) ? (x as unknown as ToWebview.SessionSaved) : undefined;
    default:
      return undefined;
  }
}

/** Validates a message received by the host. */
export function parseFromWebview(x: unknown): FromWebview.Message | undefined {
  if (!isObj(x) || !isStr(x.type)) return undefined;
  switch (x.type) {
    case 'ready':
      return isNum(x.protocol) ? { type: 'ready', protocol: x.protocol } : undefined;
    case 'rendered':
      return isCount(x.devices) && isCount(x.entities) && isCount(x.events) && isCount(x.objects) && isCount(x.serverRecords) && isCount(x.inputs) && isNum(x.clock)
        ? { type: 'rendered', devices: x.devices, entities: x.entities, events: x.events, objects: x.objects, serverRecords: x.serverRecords, inputs: x.inputs, clock: x.clock }
        : undefined;
    case 'saveSession': {
      const parsed = parseSessionFile(x.session);
      return parsed.ok && typeof x.saveAs === 'boolean' ? { type: 'saveSession', session: parsed.session, saveAs: x.saveAs } : undefined;
    }
    case 'openSession':
      return { type: 'openSession' };
    case 'pickModel':
      return { type: 'pickModel' };
    case 'log':
      return (x.level === 'info' || x.level === 'warn' || x.level === 'error') && isStr(x.message)
        ? { type: 'log', level: x.level, message: x.message.slice(0, 10_000) } : undefined;
    default:
      return undefined;
  }
}

/** A short description of a rejected message for the log (never the whole payload). */
export function describeInvalid(x: unknown): string {
  if (!isObj(x)) return `not an object (${x === null ? 'null' : typeof x})`;
  return `type ${JSON.stringify(String(x.type)).slice(0, 60)} with keys ${Object.keys(x).slice(0, 10).join(', ')}`;
}
