import { SessionFormatError } from './api';
import { INPUT_TYPES } from './input-check';
import { Sandbox } from './sandbox';
import { digestEvents, parseSessionFile, parseSessionText } from './session-file';

/**
 * Loads a saved session (JSON text or parsed) and replays it. Throws SessionFormatError for damaged,
 * foreign or newer-version data, and (with `verify`, the default) when the replay's log differs.
 */
export function loadSession(data: string | unknown, options: { readonly verify?: boolean } = {}): Sandbox {
  // One codec for the file (session-file.ts); a hand-written session may leave out the saved log's digest.
  const parsed = typeof data === 'string' ? parseSessionText(data, { requireDigest: false }) : parseSessionFile(data, { requireDigest: false });
  if (!parsed.ok) throw new SessionFormatError(parsed.error);
  const s = parsed.session;
  let sandbox: Sandbox;
  try {
    sandbox = new Sandbox(s.config);
  } catch (e) {
    throw new SessionFormatError(`the session config is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  s.inputs.forEach((input, i) => {
    if (!input || typeof input !== 'object' || !INPUT_TYPES.has((input as { type?: string }).type ?? '')) {
      throw new SessionFormatError(`input #${i + 1} is damaged (${JSON.stringify(input)?.slice(0, 80)})`);
    }
    try {
      sandbox.apply(input);
    } catch (e) {
      throw new SessionFormatError(`input #${i + 1} (${input.type}) cannot be replayed: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  if (options.verify ?? true) {
    if (typeof s.eventCount === 'number' && typeof s.eventDigest === 'string') {
      const digest = digestEvents(sandbox.events());
      if (sandbox.eventCount !== s.eventCount || digest !== s.eventDigest) {
        throw new SessionFormatError(`the replay produced a different event log (${sandbox.eventCount} events, digest ${digest}; saved: ${s.eventCount} events, digest ${s.eventDigest}); the session was saved by a different engine version`);
      }
    }
  }
  return sandbox;
}
