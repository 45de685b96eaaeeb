/**
 * The simulated CloudKit server: environment and the deploy action, the schemas of both environments,
 * each database's zones with their records (CD_ fields, change tags, assets) and tombstone counts.
 */
import type { FieldValue, RecordSnapshot, SandboxInput, ServerSnapshot, ZoneSnapshot } from '../../src/core/sandbox/api';
import type { SchemaIR } from '../../src/core/cloudkit/schema-ir';
import { formatClock, formatValue } from '../format';
import { button, h, select, setChildren } from '../dom';

const MAX_RECORDS = 100;

export class ServerPanel {
  readonly element: HTMLElement;
  private readonly head: HTMLElement;
  private readonly schema: HTMLElement;
  private readonly zones: HTMLElement;
  private readonly message: HTMLElement;
  private signature = '';

  /** What "Deploy schema to production" did (QA: a successful deploy showed no feedback next to the button). */
  private readonly deployResult: HTMLElement;

  constructor(private readonly apply: (input: SandboxInput) => string | undefined,
    private readonly latestSummary: (kind: string) => string | undefined = () => undefined) {
    this.deployResult = h('p', { class: 'server-info', role: 'status', 'data-testid': 'deploy-result' });
    this.head = h('div', { class: 'server-head' });
    this.schema = h('div', { class: 'server-schema' });
    this.zones = h('div', { class: 'server-zones', 'data-testid': 'server-zones' });
    this.message = h('p', { class: 'device-message', role: 'alert' });
    this.element = h('section', { class: 'server', 'aria-labelledby': 'server-title', 'data-testid': 'server' },
      h('h2', { id: 'server-title' }, 'CloudKit server'), this.head, this.message, this.deployResult, this.schema, this.zones);
  }

  private run(input: SandboxInput): void {
    this.message.textContent = this.apply(input) ?? '';
  }

  /** A new session: forget the previous one's messages. */
  reset(): void {
    this.message.textContent = '';
    this.deployResult.textContent = '';
  }

  private deploy(): void {
    const err = this.apply({ type: 'deploySchema' });
    this.message.textContent = err ?? '';
    const summary = err ? undefined : this.latestSummary('server.deploy');
    this.deployResult.textContent = summary ? `${summary[0].toUpperCase()}${summary.slice(1)}.` : '';
    this.deployResult.classList.toggle('error-text', !!summary && summary.includes('blocked'));
  }

  update(s: ServerSnapshot): void {
    const sig = JSON.stringify([s.environment, s.databases.map((d) => [d.user, d.changeCounter, d.zones.map((z) => [z.name, z.changeCounter, z.recordCount, z.tombstoneCount, z.tombstones?.[0]?.recordName])]),
      s.schemas.development.recordTypes.map((t) => t.fields.length), s.schemas.production.recordTypes.map((t) => t.fields.length), s.errorRules.length]);
    if (sig === this.signature) return;
    this.signature = sig;
    setChildren(this.head,
      h('label', {}, 'Environment ', select('Environment the app talks to', [['development', 'Development (Debug build)'], ['production', 'Production (TestFlight / App Store)']],
        s.environment, (v) => this.run({ type: 'setEnvironment', environment: v as 'development' | 'production' }), 'server-environment')),
      button('Deploy schema to production', () => this.deploy(),
        { title: 'Deploy the development schema to production (add-only; Apple: production types and fields can never be removed)', testid: 'deploy-schema' }),
      button('Reset development environment', () => this.run({ type: 'resetDevelopmentEnvironment' }), { secondary: true, title: 'Delete all development records and zones; development schema becomes production' }),
      h('span', { class: 'muted' }, s.containerId));
    setChildren(this.schema,
      h('details', {}, h('summary', {}, `Schemas: development ${describeSchema(s.schemas.development)}, production ${describeSchema(s.schemas.production)}`),
        h('div', { class: 'schema-columns' }, schemaList('Development', s.schemas.development), schemaList('Production', s.schemas.production))));
    // The public database always has its default zone: list it only once something is in it.
    const dbs = s.databases.filter((d) => d.scope !== 'public' ? d.zones.length > 0 || d.subscriptions.length > 0 : d.zones.some((z) => z.recordCount + z.tombstoneCount > 0));
    setChildren(this.zones, dbs.length === 0 ? h('p', { class: 'muted' }, 'No zones yet: devices create their zone during setup.') : dbs.map((d) =>
      h('div', { class: 'database' },
        h('h3', {}, `${d.scope} database`, d.user ? ` of ${d.user}` : '', h('span', { class: 'muted' }, ` · ${d.subscriptions.length} subscriptions · ${d.usedBytes} bytes`)),
        d.zones.map((z) => h('div', { class: 'zone', 'data-zone': z.name },
          h('h4', {}, z.name, h('span', { class: 'muted' }, ` (${z.owner}) · change ${z.changeCounter} · ${z.recordCount} records · ${z.tombstoneCount} tombstones`)),
          z.records.length ? recordsTable(z.records) : h('p', { class: 'muted' }, 'No records.'),
          z.recordCount > z.records.length ? h('p', { class: 'muted' }, `Showing ${z.records.length} of ${z.recordCount}.`) : null,
          z.tombstoneCount > 0 ? tombstonesBlock(z) : null)))));
  }
}

function describeSchema(s: SchemaIR): string {
  const fields = s.recordTypes.reduce((n, t) => n + t.fields.length, 0);
  return `${s.recordTypes.length} types / ${fields} fields`;
}

function schemaList(title: string, s: SchemaIR): HTMLElement {
  return h('div', {}, h('h4', {}, title), s.recordTypes.length === 0 ? h('p', { class: 'muted' }, 'empty') :
    h('ul', { class: 'schema-types' }, s.recordTypes.map((t) => h('li', {}, h('code', {}, t.name), ` ${t.fields.length} fields: `,
      h('span', { class: 'muted mono' }, t.fields.map((f) => f.name).join(', '))))));
}

/** Long values (UUID references, text) are cut in the table; the full value is in the tooltip. */
function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 22)}…` : text;
}

function fieldText(v: FieldValue): string {
  return formatValue(v);
}

function recordsTable(records: readonly RecordSnapshot[]): HTMLElement {
  return h('table', { class: 'objects records', 'aria-label': 'Records in the zone' },
    h('thead', {}, h('tr', {}, ['recordName', 'recordType', 'change tag', 'fields', 'modified'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, records.slice(0, MAX_RECORDS).map((r) => h('tr', { 'data-record': r.recordName },
      h('td', { class: 'mono', title: r.recordName }, r.recordName.length > 14 ? `${r.recordName.slice(0, 12)}…` : r.recordName),
      h('td', { class: 'mono' }, r.recordType),
      h('td', { class: 'mono' }, r.changeTag),
      h('td', { class: 'fields' }, Object.entries(r.fields).filter(([, v]) => v !== null).map(([k, v]) =>
        h('span', { class: `field${typeof v === 'object' && v !== null && v.kind === 'asset' ? ' asset' : ''}`, title: `${k} = ${fieldText(v)}` }, h('code', {}, k), ' = ', clip(fieldText(v))))),
      h('td', { class: 'mono' }, `${formatClock(r.modifiedT)}${r.modifiedBy ? ` by ${r.modifiedBy}` : ''}`)))));
}

/**
 * The zone's tombstones: what a device's next zone-changes fetch reports as `recordWithIDWasDeleted`
 * (reference §2.3), until it is purged with the tombstone retention.
 */
function tombstonesBlock(z: ZoneSnapshot): HTMLElement {
  const list = z.tombstones ?? [];
  return h('div', { class: 'tombstones', 'data-testid': `tombstones-${z.name}` },
    h('h5', {}, `Tombstones (deleted records) `, h('vscode-badge', { 'aria-label': `${z.tombstoneCount} tombstones` }, String(z.tombstoneCount))),
    list.length === 0 ? null : h('table', { class: 'objects records', 'aria-label': `Tombstones in ${z.name}` },
      h('thead', {}, h('tr', {}, ['recordName', 'recordType', 'deleted'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, list.slice(0, MAX_RECORDS).map((t) => h('tr', { 'data-tombstone': t.recordName },
        h('td', { class: 'mono', title: t.recordName }, t.recordName.length > 14 ? `${t.recordName.slice(0, 12)}…` : t.recordName),
        h('td', { class: 'mono' }, t.recordType),
        h('td', { class: 'mono' }, formatClock(t.deletedT)))))),
    z.tombstoneCount > list.length ? h('p', { class: 'muted' }, `Showing the newest ${list.length} of ${z.tombstoneCount}.`) : null);
}
