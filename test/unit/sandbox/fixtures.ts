import type { DeviceConfig, ModelSpec, SandboxConfig } from '../../../src/core/sandbox/api';

/** A shopping-list model: ListEntity 1—n Item, all optional with inverses (CloudKit-compatible). */
export const LIST_MODEL: ModelSpec = {
  entities: [
    {
      name: 'ShoppingList',
      attributes: [{ name: 'name', type: 'String' }, { name: 'createdAt', type: 'Date' }],
      relationships: [{ name: 'items', destination: 'Item', inverse: 'list', toMany: true, deletionRule: 'Cascade' }],
    },
    {
      name: 'Item',
      attributes: [
        { name: 'title', type: 'String' }, { name: 'quantity', type: 'Integer 64', optional: false, defaultValue: '1' },
        { name: 'done', type: 'Boolean', optional: false, defaultValue: 'NO' }, { name: 'photo', type: 'Binary' },
      ],
      relationships: [{ name: 'list', destination: 'ShoppingList', inverse: 'items' }],
    },
  ],
};

export function devices(n: number): DeviceConfig[] {
  return ['A', 'B', 'C', 'D', 'E', 'F'].slice(0, n).map((id) => ({ id }));
}

export function config(over: Partial<SandboxConfig> = {}): SandboxConfig {
  return { model: { kind: 'spec', spec: LIST_MODEL }, seed: 42, devices: devices(2), environment: 'development', ...over };
}
