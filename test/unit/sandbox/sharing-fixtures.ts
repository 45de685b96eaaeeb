import { Sandbox } from '../../../src/core/sandbox';
import type { SandboxConfig } from '../../../src/core/sandbox';
import { SHOPPING_MODEL } from '../../../src/core/sandbox/scenarios/helpers';

/** Two Apple IDs: alice on A (iPhone) and A2 (iPad), bob on C; carol on D when asked. */
export function sharingConfig(seed = 7, carol = false): SandboxConfig {
  return {
    model: { kind: 'spec', spec: SHOPPING_MODEL }, seed, environment: 'development',
    users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }, ...(carol ? [{ id: 'carol', name: 'Carol' }] : [])],
    devices: [
      { id: 'A', name: 'Alice iPhone', user: 'alice' }, { id: 'A2', name: 'Alice iPad', user: 'alice' }, { id: 'C', name: 'Bob iPhone', user: 'bob' },
      ...(carol ? [{ id: 'D', name: 'Carol iPhone', user: 'carol' }] : []),
    ],
  };
}

/** Alice's list with two items, shared with bob (permission given), accepted on C. */
export function sharedList(permission: 'readOnly' | 'readWrite' = 'readWrite', seed = 7, carol = false): Sandbox {
  const s = new Sandbox(sharingConfig(seed, carol));
  s.runUntilIdle();
  s.apply({ type: 'save', device: 'A', changes: [
    { op: 'insert', entity: 'ShoppingList', id: 'LIST', values: { name: 'Groceries' } },
    { op: 'insert', entity: 'Item', id: 'MILK', values: { title: 'Milk' }, relationships: { list: 'LIST' } },
    { op: 'insert', entity: 'Item', id: 'EGGS', values: { title: 'Eggs' }, relationships: { list: 'LIST' } },
  ] });
  s.runUntilIdle();
  s.apply({ type: 'share', device: 'A', objects: ['LIST'], shareId: 'S1', title: 'Groceries', participants: [{ user: 'bob', permission }] });
  s.runUntilIdle();
  s.apply({ type: 'acceptShare', device: 'C', share: 'S1' });
  s.runUntilIdle();
  return s;
}
