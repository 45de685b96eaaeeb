import type { ModelIR } from '../model/ir';
import type { SandboxConfig, SchemaSource } from './api';
import { SandboxConfigError } from './api';
import { deriveSchema, parseCkdb, readModelXml } from './deps';
import { modelFromSpec } from './model-spec';
import { optionsProblem } from './option-check';
import { RuntimeSchema } from './server/schema';
import { errorMessage } from '../error-message';

/** A session config's checks and the loading of its model and schemas; each failure is a SandboxConfigError. */

export function validateConfig(c: SandboxConfig): void {
  if (!c || typeof c !== 'object') throw new SandboxConfigError('the session config must be an object');
  if (!Number.isInteger(c.seed)) throw new SandboxConfigError('`seed` must be an integer');
  if (!Array.isArray(c.devices) || c.devices.length < 2 || c.devices.length > 6) throw new SandboxConfigError('a session has 2 to 6 devices');
  const ids = new Set<string>();
  for (const d of c.devices) {
    if (!d || typeof d.id !== 'string' || d.id === '') throw new SandboxConfigError('every device needs a non-empty `id`');
    if (ids.has(d.id)) throw new SandboxConfigError(`duplicate device id '${d.id}'`);
    ids.add(d.id);
  }
  if (c.environment !== 'development' && c.environment !== 'production') throw new SandboxConfigError('`environment` must be development or production');
  if (!c.model || typeof c.model !== 'object') throw new SandboxConfigError('`model` is required');
  const optionIssue = optionsProblem(c.options);
  if (optionIssue) throw new SandboxConfigError(`options: ${optionIssue}`);
  if (c.database === 'shared') {
    throw new SandboxConfigError('`database` is the scope of the main mirrored store (private or public); a shared store comes with sharing: use the share and acceptShare inputs');
  }
}

export function loadModel(c: SandboxConfig): ModelIR {
  try {
    switch (c.model.kind) {
      case 'spec': return modelFromSpec(c.model.spec);
      case 'ir': return c.model.ir;
      case 'xml': return readModelXml(c.model.text);
      default: throw new Error(`unknown model kind '${(c.model as { kind: string }).kind}'`);
    }
  } catch (e) {
    throw new SandboxConfigError(`model: ${errorMessage(e)}`);
  }
}

export function loadSchema(s: SchemaSource, model: ModelIR): RuntimeSchema {
  try {
    switch (s.kind) {
      case 'empty': return new RuntimeSchema();
      case 'ir': return RuntimeSchema.from(s.ir);
      case 'ckdb': return RuntimeSchema.from(parseCkdb(s.text));
      case 'derived': {
        const schema = RuntimeSchema.from(deriveSchema(model));
        for (const t of s.omitTypes ?? []) schema.types.delete(t);
        for (const f of s.omitFields ?? []) {
          const [type, field] = f.split('.');
          schema.types.get(type)?.delete(field);
        }
        return schema;
      }
      default: throw new Error(`unknown schema kind '${(s as { kind: string }).kind}'`);
    }
  } catch (e) {
    throw new SandboxConfigError(`schema: ${errorMessage(e)}`);
  }
}
