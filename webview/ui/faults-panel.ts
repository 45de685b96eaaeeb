/**
 * Fault injection: server error rules from presets (codes and messages as TN3162/TN3164 and CKError.h
 * give them, see reference/sync-semantics.md §1.6 and §2.7), and the other ways to break sync on
 * purpose: expired change tokens, deleted or purged zones, purged history, dasd deferrals, quota.
 */
import type { SandboxInput, ServerErrorRule, ServerOp } from '../../src/core/sandbox/api';
import type { FormEntity } from '../entities';
import { button, h, select, setChildren } from '../dom';

interface Preset {
  readonly id: string;
  readonly label: string;
  readonly rule: (ctx: { entity?: FormEntity }) => Omit<ServerErrorRule, 'id' | 'match'> & { readonly op?: ServerOp | readonly ServerOp[] };
}

/** Error presets; each cites where its code/message comes from. */
export const FAULT_PRESETS: readonly Preset[] = [
  {
    // TN3164: partial failure 2/1011 wrapping invalidArguments 12/2006 "Cannot create or modify field ... in production schema".
    id: 'schema-field', label: 'Schema error: field not in production schema (12/2006)',
    rule: ({ entity }) => {
      const field = entity?.attributes[0] ? `CD_${entity.attributes[0].name}` : 'CD_title';
      const type = entity ? `CD_${entity.name}` : 'CD_Item';
      return { op: 'modifyRecords', perRecord: true, error: { code: 12, internalCode: 2006, message: 'Invalid Arguments', serverMessage: `Cannot create or modify field '${field}' in record '${type}' in production schema` } };
    },
  },
  // TN3162: server throttle, 503 with retry-after.
  { id: 'unavailable', label: 'Server throttle: serviceUnavailable 503 (6/2022)', rule: () => ({ error: { code: 6, internalCode: 2022, serverMessage: 'Request failed with http status code 503', retryAfterSeconds: 30 } }) },
  // TN3162: client-side throttle.
  { id: 'rate-limited', label: 'Rate limited (7/2008, retry after 51.6 s)', rule: () => ({ error: { code: 7, internalCode: 2008, retryAfterSeconds: 51.6 } }) },
  // Developer forums 745349: quota exceeded inside a partial failure with retry-after 315 s.
  { id: 'quota', label: 'iCloud storage full: quotaExceeded (25/2035)', rule: () => ({ op: 'modifyRecords', perRecord: true, error: { code: 25, internalCode: 2035, serverMessage: 'Quota exceeded', retryAfterSeconds: 315 } }) },
  // CKError.h networkFailure 4.
  { id: 'network', label: 'Network failure (4)', rule: () => ({ error: { code: 4 } }) },
  // CKError.h zoneBusy 23: retry with backoff.
  { id: 'zone-busy', label: 'Zone busy (23)', rule: () => ({ op: 'modifyRecords', error: { code: 23, retryAfterSeconds: 5 } }) },
  // TN3164: record too large.
  { id: 'too-large', label: 'Record too large: limitExceeded (27/2023)', rule: () => ({ op: 'modifyRecords', perRecord: true, error: { code: 27, internalCode: 2023, serverMessage: 'record too large' } }) },
  // TN3164: container not associated with the app.
  { id: 'bundle', label: 'Invalid bundle ID for container: permissionFailure (10/2007)', rule: () => ({ perRecord: true, op: 'modifyRecords', error: { code: 10, internalCode: 2007, serverMessage: 'Invalid bundle ID for container' } }) },
];

export class FaultsPanel {
  readonly element: HTMLElement;
  private readonly rulesList: HTMLElement;
  private readonly message: HTMLElement;
  private preset = FAULT_PRESETS[0].id;
  private target = 'all';
  private times = 'always';
  private entities: FormEntity[] = [];
  private counter = 0;
  private readonly form: HTMLElement;
  private rulesSignature: string | undefined;

  constructor(private readonly apply: (input: SandboxInput) => string | undefined) {
    this.form = h('div', { class: 'fault-form' });
    this.rulesList = h('ul', { class: 'fault-rules', 'aria-label': 'Active fault rules', 'data-testid': 'fault-rules' });
    this.message = h('p', { class: 'device-message', role: 'alert' });
    this.element = h('section', { class: 'faults', 'aria-labelledby': 'faults-title' },
      h('h2', { id: 'faults-title' }, 'Fault injection'), this.form, this.message, h('h3', {}, 'Active rules'), this.rulesList);
  }

  private run(input: SandboxInput): void {
    this.message.textContent = this.apply(input) ?? '';
  }

  setContext(devices: string[], entities: FormEntity[]): void {
    this.entities = entities;
    if (this.target !== 'all' && !devices.includes(this.target)) this.target = 'all';
    const firstDevice = devices[0] ?? 'A';
    let otherDevice = devices[1] ?? firstDevice;
    setChildren(this.form,
      h('div', { class: 'fault-row' },
        select('Fault', FAULT_PRESETS.map((p) => [p.id, p.label] as [string, string]), this.preset, (v) => { this.preset = v; }, 'fault-preset'),
        select('Fault target', [['all', 'All devices'], ...devices.map((d) => [d, `Device ${d}`] as [string, string])], this.target, (v) => { this.target = v; }, 'fault-target'),
        select('How often', [['always', 'Every request'], ['1', 'Once'], ['3', '3 times']], this.times, (v) => { this.times = v; }, 'fault-times'),
        button('Inject', () => this.inject(), { testid: 'fault-inject', title: 'Add a server error rule' })),
      h('div', { class: 'fault-row' },
        button('Expire change tokens', () => this.run({ type: 'expireChangeTokens' }), { secondary: true, title: 'changeTokenExpired (21) on the next fetch' }),
        button('Delete zone', () => this.run({ type: 'deleteZone', user: 'user1', device: firstDevice }), { secondary: true, title: 'Another device deletes the zone: zoneNotFound (26), ZoneDeleted reset' }),
        button('User deleted iCloud data', () => this.run({ type: 'deleteZone', user: 'user1', purge: true }), { secondary: true, title: 'Zone purged: userDeletedZone (28), UserPurgedZone reset' }),
        h('label', {}, 'on ', select('Device for device faults', devices.map((d) => [d, `Device ${d}`] as [string, string]), otherDevice, (v) => { otherDevice = v; })),
        button('Purge history', () => this.run({ type: 'purgeHistory', device: otherDevice }), { secondary: true, title: 'The app purges persistent history: HistoryExpired reset' }),
        button('dasd: defer', () => this.run({ type: 'setScheduler', device: otherDevice, policy: 'defer', reason: 'ActivityRateLimitPolicy', untilMs: null }), { secondary: true, title: 'The scheduler defers sync activities (ActivityRateLimitPolicy)' }),
        button('dasd: approve', () => this.run({ type: 'setScheduler', device: otherDevice, policy: 'approve' }), { secondary: true }),
        button('Second instance', () => this.run({ type: 'launchSecondInstance', device: otherDevice }), { secondary: true, title: 'A second container on the same store (134410)' })));
  }

  private inject(): void {
    const preset = FAULT_PRESETS.find((p) => p.id === this.preset) ?? FAULT_PRESETS[0];
    const { op, ...rest } = preset.rule({ entity: this.entities.find((e) => !e.abstract && e.attributes.length > 0) });
    const id = `${preset.id}-${++this.counter}`;
    const rule: ServerErrorRule = {
      ...rest, id,
      match: { ...(op ? { op } : {}), ...(this.target !== 'all' ? { device: this.target } : {}) },
      ...(this.times !== 'always' ? { times: Number(this.times) } : {}),
    };
    this.run({ type: 'addErrorRule', rule });
  }

  update(rules: readonly ServerErrorRule[]): void {
    const sig = rules.map((r) => r.id).join();
    if (sig === this.rulesSignature) return;
    this.rulesSignature = sig;
    // Keep ids unique across restored sessions.
    for (const r of rules) {
      const n = Number(/-(\d+)$/.exec(r.id)?.[1] ?? 0);
      if (n > this.counter) this.counter = n;
    }
    setChildren(this.rulesList, rules.length === 0 ? h('li', { class: 'muted' }, 'None: requests succeed.') : rules.map((r) =>
      h('li', {}, h('code', {}, r.id), ` error ${r.error.code}${r.error.internalCode !== undefined ? `/${r.error.internalCode}` : ''}`,
        r.match.op ? ` on ${[r.match.op].flat().join(', ')}` : ' on every request', r.match.device ? ` from ${r.match.device}` : '',
        r.times !== undefined ? ` (${r.times}×)` : '', ' ',
        button('Remove', () => this.run({ type: 'removeErrorRule', id: r.id }), { secondary: true, title: `Remove fault rule ${r.id}` }))));
  }
}
