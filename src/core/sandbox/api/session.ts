/** The saved session: what a `*.cksandbox.json` file holds for the engine (codec: ../session-file.ts). */
import type { SandboxConfig } from './config';
import type { SandboxInput } from './inputs';

/** A saved session: the config and every input; loading replays it to the identical event log. */
export interface SavedSession {
  readonly format: 'cloudkit-sandbox-session';
  readonly version: 1;
  readonly config: SandboxConfig;
  readonly inputs: readonly SandboxInput[];
  /** Number of events and a digest of the log at save time: a replay that differs is reported. */
  readonly eventCount: number;
  readonly eventDigest: string;
}

export const SESSION_FORMAT = 'cloudkit-sandbox-session';
export const SESSION_VERSION = 1;
