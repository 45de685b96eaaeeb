/** The saved session: what a `*.cksandbox.json` file holds for the engine (codec: ../session-file.ts). */
import type { SandboxConfig } from './config';
import type { SandboxInput } from './inputs';

/** A saved session: the config and every input; loading replays it to the identical event log. */
export interface SavedSession {
  readonly format: 'cloudkit-sandbox-session';
  /** 1, or 2 when the session holds sharing inputs (issue 15); version-1 files still load. */
  readonly version: 1 | 2;
  readonly config: SandboxConfig;
  readonly inputs: readonly SandboxInput[];
  /** Number of events and a digest of the log at save time: a replay that differs is reported. */
  readonly eventCount: number;
  readonly eventDigest: string;
}

export const SESSION_FORMAT = 'cloudkit-sandbox-session';
/** The newest session version this build reads and writes (2: sharing inputs). */
export const SESSION_VERSION = 2;
