/** Public entry point of the sandbox engine: the API types; the engine lands in sandbox.ts. */
export * from './api';
