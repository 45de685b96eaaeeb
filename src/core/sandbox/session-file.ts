import type { SandboxEvent, SavedSession } from './api';
import { SESSION_FORMAT, SESSION_VERSION } from './api';
import { fnv1a } from './prng';

/**
 * The one codec of `*.cksandbox.json`: a saved sandbox session, meant to be committed and shared as a repro.
 *
 * The file is the engine's `SavedSession` (config with the model, seed, every input; the engine checks it
 * again when it replays) plus what the panel adds: where the model came from and the panel's view state.
 * One format for the panel and `ckdev`, checked here for both: the engine's `loadSession` (sandbox.ts) and
 * the host/webview protocol (src/protocol/sessionFile.ts re-exports this module). A file we cannot read
 * (damaged JSON, another format, a newer version) gives a clear message and is never overwritten: the host
 * checks an existing target with `parseSessionText` before writing to it.
 */

export { SESSION_FORMAT, SESSION_VERSION };
export const SESSION_FILE_SUFFIX = '.cksandbox.json';

export interface SandboxSessionFile extends SavedSession {
  /** Workspace-relative path of the model version the session ran on (informational). */
  readonly modelFile?: { readonly path: string; readonly label?: string };
  /** Panel state worth restoring with the session (filters, selected tabs...). */
  readonly ui?: Readonly<Record<string, unknown>>;
}

export type SessionParse =
  | { readonly ok: true; readonly session: SandboxSessionFile }
  | { readonly ok: false; readonly error: string };

export interface SessionCheckOptions {
  /**
   * Require the saved log's `eventCount`/`eventDigest` (default true: a file always has them). The engine's
   * `loadSession` also replays hand-written sessions without them, and then skips the log comparison.
   */
  readonly requireDigest?: boolean;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validates an already-parsed value as a session file. */
export function parseSessionFile(x: unknown, options: SessionCheckOptions = {}): SessionParse {
  if (!isObj(x)) return { ok: false, error: 'the file does not hold a JSON object' };
  if (x.format !== SESSION_FORMAT) {
    return { ok: false, error: `not a CloudKit sandbox session (expected "format": "${SESSION_FORMAT}", found ${JSON.stringify(x.format)})` };
  }
  if (typeof x.version !== 'number' || !Number.isInteger(x.version) || x.version < 1) {
    return { ok: false, error: 'the session has no valid "version"' };
  }
  if (x.version > SESSION_VERSION) {
    return {
      ok: false,
      error: `the session was written by a newer version of CloudKit DevTools (session format ${x.version}, newer than this build understands: it reads up to ${SESSION_VERSION}). Update the extension to open it.`,
    };
  }
  if (!isObj(x.config) || !isObj(x.config.model) || !Array.isArray(x.config.devices) || typeof x.config.seed !== 'number') {
    return { ok: false, error: 'the session has no valid "config" (model, seed, devices)' };
  }
  if (!Array.isArray(x.inputs) || !x.inputs.every((i) => isObj(i) && typeof i.type === 'string')) {
    return { ok: false, error: 'the session has no valid "inputs" list' };
  }
  if ((options.requireDigest ?? true) && (typeof x.eventCount !== 'number' || typeof x.eventDigest !== 'string')) {
    return { ok: false, error: 'the session has no "eventCount"/"eventDigest"' };
  }
  if (x.modelFile !== undefined && !(isObj(x.modelFile) && typeof x.modelFile.path === 'string')) {
    return { ok: false, error: 'the session\'s "modelFile" entry is damaged' };
  }
  if (x.ui !== undefined && !isObj(x.ui)) return { ok: false, error: 'the session\'s "ui" entry is damaged' };
  return { ok: true, session: x as unknown as SandboxSessionFile };
}

/** Parses the text of a `.cksandbox.json`. */
export function parseSessionText(text: string, options: SessionCheckOptions = {}): SessionParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `the file is damaged: the session is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  return parseSessionFile(value, options);
}

/** The text written to disk: stable key order as built, 2-space indent, final newline (diff-friendly). */
export function serializeSession(session: SandboxSessionFile): string {
  return JSON.stringify(session, null, 2) + '\n';
}

/** The digest of an event log a saved session carries, so a replay that differs is reported. */
export function digestEvents(events: readonly SandboxEvent[]): string {
  let h = 0x811c9dc5;
  for (const e of events) h = fnv1a(JSON.stringify(e), h);
  return h.toString(16).padStart(8, '0');
}
