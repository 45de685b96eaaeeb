/**
 * The UI-facing API of the CloudKit mirroring sandbox: session configuration, inputs, events, snapshots and
 * errors, all plain JSON-serializable data, plus the surface of the `Sandbox` class (`SandboxApi`).
 *
 * The webview (issue 7), the CLI (`ckdev scenario`) and the tests code against this module only. It is kept
 * stable: changes are additive (new optional fields, new union members).
 *
 * Behaviour and codes come from reference/sync-semantics.md (cited as §n below). Time is virtual: every `t`
 * is milliseconds since the session started; `epochMs` maps it to wall-clock dates for display.
 */
export * from './values';
export * from './config';
export * from './errors';
export * from './inputs';
export * from './events';
export * from './snapshots';
export * from './session';
export * from './running';
export * from './scenarios';
export * from './sharing';
