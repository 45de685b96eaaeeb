/**
 * `*.cksandbox.json`: a saved sandbox session, meant to be committed and shared as a repro.
 *
 * The envelope is ours; `engine` is whatever the sandbox engine's save produced (the engine validates
 * it again on load). A file we cannot read (damaged JSON, another format, a newer version) gives a
 * clear message and is never overwritten: the host checks an existing target with `parseSessionText`
 * before writing to it.
 *
 * Pure module (no `vscode`, no DOM, no Node): used by the host, the webview and the tests.
 */

export const SESSION_FORMAT = 'cloudkit-sandbox-session';
export const SESSION_VERSION = 1;
export const SESSION_FILE_SUFFIX = '.cksandbox.json';

export interface SandboxSessionFile {
  readonly format: typeof SESSION_FORMAT;
  readonly version: number;
  /** Workspace-relative path of the model version the session ran on (informational). */
  readonly model?: { readonly path: string; readonly label?: string };
  /** The engine's own saved state (config, seed, action log...). */
  readonly engine: Readonly<Record<string, unknown>>;
  /** Panel state worth restoring with the session (filters, selected tabs...). */
  readonly ui?: Readonly<Record<string, unknown>>;
}

export type SessionParse =
  | { readonly ok: true; readonly session: SandboxSessionFile }
  | { readonly ok: false; readonly error: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validates an already-parsed value as a session file. */
export function parseSessionFile(x: unknown): SessionParse {
  if (!isObj(x)) return { ok: false, error: 'the file does not hold a JSON object' };
  if (x.format !== SESSION_FORMAT) {
    return { ok: false, error: `not a CloudKit sandbox session (expected "format": "${SESSION_FORMAT}")` };
  }
  if (typeof x.version !== 'number' || !Number.isInteger(x.version) || x.version < 1) {
    return { ok: false, error: 'the session has no valid "version"' };
  }
  if (x.version > SESSION_VERSION) {
    return {
      ok: false,
      error: `the session was written by a newer version of CloudKit DevTools (session format ${x.version}; this version reads up to ${SESSION_VERSION}). Update the extension to open it.`,
    };
  }
  if (!isObj(x.engine)) return { ok: false, error: 'the session has no "engine" object' };
  if (x.model !== undefined && !(isObj(x.model) && typeof x.model.path === 'string')) {
    return { ok: false, error: 'the session\'s "model" entry is damaged' };
  }
  if (x.ui !== undefined && !isObj(x.ui)) return { ok: false, error: 'the session\'s "ui" entry is damaged' };
  return { ok: true, session: x as unknown as SandboxSessionFile };
}

/** Parses the text of a `.cksandbox.json`. */
export function parseSessionText(text: string): SessionParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `the file is damaged: ${e instanceof Error ? e.message : String(e)}` };
  }
  return parseSessionFile(value);
}

/** The text written to disk: stable key order as built, 2-space indent, final newline (diff-friendly). */
export function serializeSession(session: SandboxSessionFile): string {
  return JSON.stringify(session, null, 2) + '\n';
}
