/**
 * `*.cksandbox.json` for the host and the webview: the engine's one session codec
 * (src/core/sandbox/session-file.ts), so the file is checked by the same rules everywhere.
 */
export {
  SESSION_FILE_SUFFIX, SESSION_FORMAT, SESSION_VERSION, parseSessionFile, parseSessionText, serializeSession,
} from '../core/sandbox/session-file';
export type { SandboxSessionFile, SessionParse } from '../core/sandbox/session-file';
