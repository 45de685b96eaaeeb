import type { CKErrorInfo, DatabaseScope, Environment, RecordRef, SandboxEventBody, SandboxOptions } from '../api';
import type { Database, EnvironmentState } from './storage';
import type { RequestContext, ServerRequest } from './wire';

export interface ServerHooks {
  emit(body: SandboxEventBody, device?: string): void;
  now(): number;
  options(): SandboxOptions;
  /** A database changed: send pushes to its subscribers except the originator (§2.5). */
  notify(env: Environment, db: Database, originator: string | null): void;
}

/**
 * What the server's operation modules (records.ts, change-feeds.ts) need from the server (server.ts
 * implements it), so they are plain functions without importing the class.
 */
export interface ServerContext {
  readonly hooks: ServerHooks;
  readonly env: EnvironmentState;
  readonly environment: Environment;
  readonly quota: ReadonlyMap<string, number | null>;
  database(scope: DatabaseScope, user: string | null): Database | null;
  /** The first per-record (record ≠ null) or whole-request fault rule matching, if any (faults.ts). */
  matchRule(req: ServerRequest, ctx: RequestContext, record: RecordRef | null): CKErrorInfo | null;
  /** Next value of the server-wide zone change sequence. */
  nextSeq(): number;
  /** The latest zone change sequence number handed out. */
  lastSeq(): number;
  nextChangeTag(): string;
  /** A database changed: its pushes go out once the current request completes. */
  notify(db: Database, originator: string | null): void;
}
