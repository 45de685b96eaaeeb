import type { DeviceSharingSnapshot, SandboxConfig, SandboxInput } from '../../api';
import { SHOPPING_MODEL } from '../helpers';
import type { ScenarioRun } from '../types';

/**
 * What the sharing scenarios share (issue 15; reference/sharing.md): Apple IDs alice (owner), bob and
 * charlie, a device per user (alice also has an iPad when asked), and Alice's list with two items.
 */
export const SHARE_ID = '6C1E6F3A-0D4B-4F0E-9C51-5A2B1C9D0E11';

export function sharingConfig(opts: { readonly aliceIpad?: boolean; readonly charlie?: boolean; readonly seed?: number } = {}): SandboxConfig {
  return {
    model: { kind: 'spec', spec: SHOPPING_MODEL }, seed: opts.seed ?? 7, environment: 'development',
    users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }, ...(opts.charlie ? [{ id: 'charlie', name: 'Charlie' }] : [])],
    devices: [
      { id: 'A', name: 'Alice iPhone', user: 'alice' },
      ...(opts.aliceIpad ? [{ id: 'A2', name: 'Alice iPad', user: 'alice' }] : []),
      { id: 'C', name: 'Bob iPhone', user: 'bob' },
      ...(opts.charlie ? [{ id: 'D', name: 'Charlie iPhone', user: 'charlie' }] : []),
    ],
  };
}

/** Alice creates a list with Milk and Eggs and lets it sync. */
export const GROCERIES: readonly SandboxInput[] = [
  { type: 'runUntilIdle' },
  {
    type: 'save', device: 'A', changes: [
      { op: 'insert', entity: 'ShoppingList', id: 'LIST-1', values: { name: 'Groceries' } },
      { op: 'insert', entity: 'Item', id: 'MILK', values: { title: 'Milk' }, relationships: { list: 'LIST-1' } },
      { op: 'insert', entity: 'Item', id: 'EGGS', values: { title: 'Eggs' }, relationships: { list: 'LIST-1' } },
    ],
  },
  { type: 'runUntilIdle' },
];

export function shareWith(users: readonly { user: string; permission: 'readOnly' | 'readWrite' }[]): SandboxInput {
  return { type: 'share', device: 'A', objects: ['LIST-1'], shareId: SHARE_ID, title: 'Groceries', participants: users };
}

/** Alice's list shared with Bob, who accepts on his iPhone (C), everything synced: where most sharing scenarios start. */
export function groceriesSharedWithBob(permission: 'readOnly' | 'readWrite'): readonly SandboxInput[] {
  return [
    ...GROCERIES,
    shareWith([{ user: 'bob', permission }]),
    { type: 'runUntilIdle' },
    { type: 'acceptShare', device: 'C', share: SHARE_ID },
    { type: 'runUntilIdle' },
  ];
}

export function sharing(run: ScenarioRun, device: string): DeviceSharingSnapshot {
  return run.sandbox.inspectSharing({ limit: 100000 }).devices.find((d) => d.device === device)!;
}

export function sharedTitle(run: ScenarioRun, device: string, id: string): unknown {
  return sharing(run, device).sharedStore.find((o) => o.id === id)?.values.title;
}
