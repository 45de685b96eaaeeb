/**
 * One simulated device: its state (network, account, app state, scheduler, mirroring), its objects per
 * entity, a form generated from the entity to create or edit objects, pending exports and its latest
 * events. Sections are rebuilt only when what they show changed, and the form is never rebuilt under
 * the user's cursor.
 */
import type { AttrValue, DeviceSharingSnapshot, DeviceSnapshot, ObjectSnapshot, PushAnswer, SandboxInput, SharingSnapshot } from '../../src/core/sandbox/api';
import type { EventRow } from '../engine-adapter';
import { entitiesOf, inputKindOf, inputText, parseInput, type FormEntity } from '../entities';
import { formatClock, formatError, formatValue, setupLabel, shortError } from '../format';
import { button, h, select, setChildren } from '../dom';
import { DeviceSharingView } from './device-sharing';
import { shareForm } from './share-form';

export interface DeviceActions {
  apply(input: SandboxInput): string | undefined;
}

const MAX_ROWS_PER_ENTITY = 50;

export class DevicePanel {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly controls: HTMLElement;
  private readonly objects: HTMLElement;
  private readonly formHost: HTMLElement;
  private readonly events: HTMLElement;
  private readonly message: HTMLElement;
  private signature = '';
  private eventsSignature = '';
  private snapshot: DeviceSnapshot | undefined;
  private entities: FormEntity[] = [];
  /** Sharing (issue 15): the session's users and shares, this device's share zones and shared store. */
  private sharing: SharingSnapshot | undefined;
  private mySharing: DeviceSharingSnapshot | undefined;
  private readonly sharingView: DeviceSharingView;

  constructor(readonly id: string, readonly name: string, private readonly actions: DeviceActions) {
    const headingId = `device-${id}-title`;
    this.status = h('div', { class: 'device-status', 'data-testid': `device-${id}-status` });
    this.controls = h('div', { class: 'device-controls' });
    this.objects = h('div', { class: 'device-objects', 'data-testid': `device-${id}-objects` });
    this.formHost = h('div', { class: 'device-form' });
    this.events = h('ol', { class: 'device-events', 'aria-label': `Latest events on ${name}` });
    this.message = h('p', { class: 'device-message', role: 'alert', 'data-testid': `device-${id}-message` });
    this.sharingView = new DeviceSharingView(id, { apply: (i) => this.apply(i), editShared: (o) => this.showSharedEditForm(o) });
    this.element = h('section', { class: 'device', 'aria-labelledby': headingId, 'data-testid': `device-${id}` },
      h('h2', { id: headingId }, `${name} `, h('span', { class: 'device-id' }, `(${id})`)),
      this.status, this.controls, this.message,
      h('h3', {}, 'Objects'), this.objects, this.formHost, this.sharingView.element,
      h('h3', {}, 'Latest events'), this.events);
  }

  setEntities(entities: FormEntity[]): void {
    this.entities = entities.filter((e) => !e.abstract);
    this.showNewForm();
  }

  private apply(input: SandboxInput): boolean {
    const err = this.actions.apply(input);
    this.message.textContent = err ?? '';
    return err === undefined;
  }

  update(snap: DeviceSnapshot, rows: readonly EventRow[], sharing?: SharingSnapshot): void {
    this.snapshot = snap;
    this.sharing = sharing;
    this.mySharing = sharing?.devices.find((d) => d.device === this.id);
    if (sharing) this.sharingView.update(sharing, this.mySharing, rows);
    const m = snap.mirroring;
    const sig = JSON.stringify([sharing?.users.map((u) => u.id), snap.network, snap.appState, snap.user, snap.pushPolicy, this.mySharing?.pushBudget?.answer, this.mySharing?.pushBudget?.handlerMs, snap.scheduler, snap.heldPush, m.setup, m.pendingExportCount,
      m.running, m.queued.length, m.waitingUntilT, snap.lastHistoryTransaction, snap.objectCount, snap.objects.map((o) => [o.id, o.changeTag, o.pendingKeys.length])]);
    if (sig !== this.signature) {
      this.signature = sig;
      this.renderStatus(snap);
      this.renderControls(snap);
      this.renderObjects(snap);
    }
    // Latest events of this lane (the last 6).
    const latest: EventRow[] = [];
    for (let i = rows.length - 1; i >= 0 && latest.length < 6; i--) if (rows[i].lane === this.id) latest.push(rows[i]);
    const esig = latest.map((r) => r.event.seq).join();
    if (esig !== this.eventsSignature) {
      this.eventsSignature = esig;
      setChildren(this.events, latest.reverse().map((r) => h('li', { class: `cat-${r.category}`, title: r.errorText ?? r.summary },
        h('span', { class: 'tl-time' }, formatClock(r.event.t)), ' ', r.summary)));
    }
  }

  private renderStatus(s: DeviceSnapshot): void {
    const m = s.mirroring;
    const badge = (label: string, value: string, tone = ''): HTMLElement =>
      h('span', { class: `state ${tone}`, 'aria-label': `${label}: ${value}` }, h('span', { class: 'state-label' }, label), ' ', value);
    setChildren(this.status,
      badge('Network', s.network.mode, s.network.mode === 'online' ? 'ok' : 'warn'),
      badge('Account', s.user ?? 'signed out', s.user ? 'ok' : 'warn'),
      badge('App', s.appState, s.appState === 'foreground' ? 'ok' : ''),
      badge('Setup', setupLabel(m.setup), m.setup === 'failed' ? 'bad' : m.setup === 'succeeded' ? 'ok' : ''),
      h('span', { class: 'state', 'data-testid': `device-${this.id}-pending`, 'aria-label': `Pending exports: ${m.pendingExportCount}` },
        h('span', { class: 'state-label' }, 'Pending exports'), ' ', h('vscode-badge', {}, String(m.pendingExportCount))),
      m.running ? badge('Running', m.running) : null,
      s.scheduler.policy === 'defer' ? badge('dasd', `defer (${s.scheduler.reason ?? 'policy'})`, 'warn') : null,
      s.heldPush ? badge('Held push', s.heldPush.pushId, 'warn') : null,
      m.waitingUntilT !== null ? badge('Waiting until', formatClock(m.waitingUntilT), 'warn') : null,
      m.setupError ? h('details', { class: 'setup-error', 'data-testid': `device-${this.id}-setup-error` },
        h('summary', { class: 'error-text' }, `Setup failed: ${shortError(m.setupError)}`),
        h('pre', { class: 'error-text' }, formatError(m.setupError))) : null);
  }

  private renderControls(s: DeviceSnapshot): void {
    const id = this.id;
    setChildren(this.controls,
      h('label', {}, 'Network ', select(`Network of ${id}`, ['online', 'offline', 'flaky'], s.network.mode,
        (v) => this.apply({ type: 'setNetwork', device: id, mode: v as 'online' | 'offline' | 'flaky' }), `device-${id}-network`)),
      h('label', {}, 'App ', select(`App state of ${id}`, ['foreground', 'background', 'quit'], s.appState,
        (v) => this.apply({ type: 'setAppState', device: id, state: v as 'foreground' | 'background' | 'quit' }), `device-${id}-app`)),
      h('label', {}, 'Push ', select(`Push policy of ${id}`, ['deliver', 'delay', 'drop', 'coalesce'], s.pushPolicy,
        (v) => this.apply({ type: 'setPushPolicy', device: id, policy: v as 'deliver' | 'delay' | 'drop' | 'coalesce' }), `device-${id}-push`)),
      this.pushBudgetControls(),
      // Who is signed in here: any Apple ID of the session (sharing needs a second one), or nobody.
      h('label', {}, 'Apple ID ', select(`Apple ID of ${id}`, [['', 'signed out'], ...this.users(s.user).map((u) => [u.id, u.name] as [string, string])], s.user ?? '',
        (v) => this.apply(v === '' ? { type: 'account', device: id, action: 'signOut' } : { type: 'account', device: id, action: s.user ? 'switch' : 'signIn', user: v }), `device-${id}-user`)),
      // Worded as NSPersistentCloudKitContainer's events (import/export), which is what the timeline shows.
      button('Import now', () => this.apply({ type: 'fetchChanges', device: id }), { secondary: true, title: `Fetch and import changes from CloudKit on ${id} now`, testid: `device-${id}-import` }),
      button('Export now', () => this.apply({ type: 'sendChanges', device: id }), { secondary: true, title: `Export pending changes from ${id} to CloudKit now`, testid: `device-${id}-export` }));
  }

  /**
   * The opt-in push budget (OBSERVED, not documented; src/core/sandbox/push-budget.ts): how the app answers
   * silent pushes and how long its handler runs. Off until the user picks an answer; the engine has no input
   * to turn it off again, so "off" is offered only while it is off.
   */
  private pushBudgetControls(): HTMLElement {
    const id = this.id;
    const budget = this.mySharing?.pushBudget ?? null;
    const answers: [string, string][] = [['newData', 'newData'], ['noData', 'noData'], ['failed', 'failed'], ['none', 'never completes']];
    // 30 s is iOS's limit for a background push handler (doc "Pushing background updates to your app"), 10 s the
    // sandbox's "slow" mark (modelling choice): one choice on each side of each.
    const handlers: [string, string][] = [['1000', '1 s'], ['15000', '15 s (slow)'], ['40000', '40 s (killed)']];
    if (budget && !handlers.some(([v]) => Number(v) === budget.handlerMs)) handlers.unshift([String(budget.handlerMs), `${budget.handlerMs / 1000} s`]);
    const set = (answer: string, handlerMs: number): void => { this.apply({ type: 'setPushResponse', device: id, answer: answer as PushAnswer, handlerMs }); };
    return h('span', { class: 'push-budget' },
      h('label', {}, 'Push answer ', select(`Push handler answer of ${id} (push budget, observed behaviour)`, budget ? answers : [['', 'no budget'], ...answers], budget?.answer ?? '',
        (v) => { if (v) set(v, budget?.handlerMs ?? 1000); }, `device-${id}-push-answer`)),
      budget ? h('label', {}, 'Handler ', select(`Push handler time of ${id}`, handlers, String(budget.handlerMs),
        (v) => set(budget.answer, Number(v)), `device-${id}-push-handler`)) : null);
  }

  private renderObjects(s: DeviceSnapshot): void {
    const byEntity = new Map<string, ObjectSnapshot[]>();
    for (const o of s.objects) {
      const list = byEntity.get(o.entity) ?? [];
      list.push(o);
      byEntity.set(o.entity, list);
    }
    const sections: HTMLElement[] = [];
    const empty: string[] = [];
    for (const entity of this.entities) {
      const list = byEntity.get(entity.name) ?? [];
      if (list.length === 0) {
        empty.push(entity.name);
        continue;
      }
      const toOne = entity.relationships.filter((r) => !r.toMany);
      const toMany = entity.relationships.filter((r) => r.toMany);
      // 'objectID', not 'id': models often have an attribute named id (QA).
      const columns = ['objectID', ...entity.attributes.map((a) => a.name), ...toOne.map((r) => r.name), ...toMany.map((r) => r.name), 'sync', ''];
      const table = h('table', { class: 'objects', 'aria-label': `${entity.name} objects on ${this.id}`, 'data-entity': entity.name },
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.slice(0, MAX_ROWS_PER_ENTITY).map((o) => h('tr', { 'data-object': o.id },
          h('td', { class: 'mono', title: o.id }, shortId(o.id)),
          entity.attributes.map((a) => h('td', {}, formatValue(o.values[a.name]))),
          toOne.map((r) => { const v = o.relationships[r.name]; return h('td', { class: 'mono' }, typeof v === 'string' ? shortId(v) : '—'); }),
          toMany.map((r) => {
            const v = o.relationships[r.name];
            const ids = Array.isArray(v) ? v : [];
            return h('td', { class: 'mono', title: ids.join('\n'), 'data-rel': r.name }, ids.length === 0 ? '—' : ids.length === 1 ? shortId(ids[0]) : `${ids.length} objects`);
          }),
          h('td', { class: o.pendingKeys.length ? 'pending' : 'synced' }, o.pendingKeys.length ? `pending: ${o.pendingKeys.join(', ')}` : o.changeTag ? `tag ${o.changeTag}` : 'not exported'),
          h('td', { class: 'row-actions' },
            button('Edit', () => this.showEditForm(entity, o), { secondary: true, title: `Edit ${entity.name} ${shortId(o.id)} on ${this.id}` }),
            button('Share', () => this.showShareForm(o), { secondary: true, title: `Share ${entity.name} ${shortId(o.id)} from ${this.id} with other Apple IDs` }),
            button('Delete', () => this.apply({ type: 'save', device: this.id, changes: [{ op: 'delete', id: o.id }] }),
              { secondary: true, title: `Delete ${entity.name} ${shortId(o.id)} on ${this.id}` }))))));
      sections.push(h('div', { class: 'entity-block' },
        h('h4', {}, `${entity.name} `, h('vscode-badge', { 'aria-label': `${list.length} objects` }, String(list.length))),
        table,
        list.length > MAX_ROWS_PER_ENTITY ? h('p', { class: 'muted' }, `Showing ${MAX_ROWS_PER_ENTITY} of ${list.length}.`) : null));
    }
    if (empty.length) sections.push(h('p', { class: 'muted' }, `No objects: ${empty.join(', ')}.`));
    setChildren(this.objects, sections);
  }

  /** The "new object" form for the chosen entity. */
  showNewForm(entityName?: string): void {
    const entity = this.entities.find((e) => e.name === entityName) ?? this.entities[0];
    if (!entity) {
      setChildren(this.formHost);
      return;
    }
    this.renderForm(entity, undefined);
  }

  /** The Apple IDs a device can sign in to: the session's users (and the current one, if not among them). */
  private users(current: string | null): { id: string; name: string }[] {
    const list = (this.sharing?.users ?? []).map((u) => ({ id: u.id, name: u.name }));
    if (current !== null && !list.some((u) => u.id === current)) list.push({ id: current, name: current });
    return list.length ? list : [{ id: 'user1', name: 'user1' }];
  }

  private showShareForm(o: ObjectSnapshot): void {
    if (!this.sharing) return;
    setChildren(this.formHost, shareForm({
      device: this.id, object: o, sharing: this.sharing, mine: this.mySharing,
      apply: (i) => this.apply(i), close: () => this.showNewForm(o.entity),
    }));
    (this.formHost.querySelector('vscode-checkbox, vscode-single-select') as HTMLElement | null)?.focus();
  }

  /** Edits an object of the shared store: the save goes to the shared store (`store: 'shared'`). */
  private showSharedEditForm(o: ObjectSnapshot): void {
    const entity = this.entities.find((e) => e.name === o.entity);
    if (!entity) return;
    this.renderForm(entity, o, 'shared');
    (this.formHost.querySelector('vscode-textfield, vscode-checkbox') as HTMLElement | null)?.focus();
  }

  private showEditForm(entity: FormEntity, o: ObjectSnapshot): void {
    this.renderForm(entity, o);
    (this.formHost.querySelector('vscode-textfield, vscode-checkbox') as HTMLElement | null)?.focus();
  }

  private renderForm(entity: FormEntity, editing: ObjectSnapshot | undefined, store: 'private' | 'shared' = 'private'): void {
    const id = this.id;
    const candidatesOf = store === 'shared' ? (this.mySharing?.sharedStore ?? []) : (this.snapshot?.objects ?? []);
    const fields = entity.attributes.map((a) => {
      const kind = inputKindOf(a.type);
      const fieldId = `f-${id}-${entity.name}-${a.name}`;
      const current = editing?.values[a.name];
      const control = kind === 'boolean'
        ? h('vscode-checkbox', { id: fieldId, checked: current === true, label: a.name, 'data-attr': a.name, 'data-kind': kind })
        : h('vscode-textfield', {
          id: fieldId, 'data-attr': a.name, 'data-kind': kind, value: inputText(kind, current as AttrValue | undefined),
          placeholder: kind === 'date' ? '2026-01-31T12:00:00Z' : kind === 'bytes' ? 'size in bytes' : a.type,
          type: kind === 'integer' || kind === 'decimal' ? 'number' : 'text',
        });
      return h('div', { class: 'form-row' }, h('vscode-label', { for: fieldId }, `${a.name} `, h('span', { class: 'muted' }, a.type)), control);
    });
    const relFields = entity.relationships.filter((r) => !r.toMany).map((r) => {
      const candidates = candidatesOf.filter((o) => o.entity === r.destination || this.isSubentity(o.entity, r.destination));
      const cur = editing?.relationships[r.name];
      return h('div', { class: 'form-row' }, h('vscode-label', {}, `${r.name} `, h('span', { class: 'muted' }, `→ ${r.destination}`)),
        select(`${r.name} of the new ${entity.name}`, [['', 'none'], ...candidates.map((o) => [o.id, `${shortId(o.id)} ${firstText(o)}`] as [string, string]),
          // The snapshot lists the first objects only: keep the current destination choosable, or saving the
          // form would silently clear it (QA).
          ...(typeof cur === 'string' && !candidates.some((o) => o.id === cur) ? [[cur, shortId(cur)] as [string, string]] : [])],
          typeof cur === 'string' ? cur : '', () => undefined, `form-${id}-rel-${r.name}`));
    });
    // To-many: one checkbox per candidate destination object (scrolls when there are many).
    const manyFields = entity.relationships.filter((r) => r.toMany).map((r) => {
      const candidates = candidatesOf.filter((o) => o.entity === r.destination || this.isSubentity(o.entity, r.destination));
      const cur = editing?.relationships[r.name];
      const chosen = new Set(Array.isArray(cur) ? cur : []);
      const groupId = `f-${id}-${entity.name}-rel-${r.name}`;
      return h('div', { class: 'form-row' }, h('vscode-label', { id: groupId }, `${r.name} `, h('span', { class: 'muted' }, `→→ ${r.destination} (to-many)`)),
        h('div', { class: 'to-many', role: 'group', 'aria-labelledby': groupId, 'data-testid': `form-${id}-rel-${r.name}`, 'data-to-many': r.name },
          candidates.length === 0 && chosen.size === 0 ? h('span', { class: 'muted' }, `No ${r.destination} objects on this device yet.`) : [
            // Every current member (some may be beyond the objects the snapshot lists: never drop them on save,
            // QA), then up to 200 other candidates.
            ...[...chosen].map((oid) => {
              const o = candidates.find((c) => c.id === oid);
              return h('vscode-checkbox', { 'data-object': oid, checked: true, label: o ? `${shortId(oid)} ${firstText(o)}` : shortId(oid) });
            }),
            ...candidates.filter((o) => !chosen.has(o.id)).slice(0, 200).map((o) => h('vscode-checkbox', { 'data-object': o.id, checked: false, label: `${shortId(o.id)} ${firstText(o)}` })),
          ]));
    });
    const title = editing ? `Edit ${entity.name} ${shortId(editing.id)}${store === 'shared' ? ' (shared store)' : ''}` : `New ${entity.name}`;
    const form = h('form', { class: 'object-form', 'aria-label': `${title} on ${id}`, 'data-testid': `device-${id}-form` },
      h('div', { class: 'form-head' }, h('h4', {}, title),
        editing ? null : select(`Entity of the new object on ${id}`, this.entities.map((e) => e.name), entity.name, (v) => this.showNewForm(v), `device-${id}-entity`)),
      fields, relFields, manyFields,
      h('div', { class: 'form-actions' },
        button(editing ? 'Save changes' : `Create ${entity.name}`, () => this.submit(entity, editing, form, store), { testid: `device-${id}-create` }),
        editing ? button('Cancel', () => this.showNewForm(entity.name), { secondary: true }) : null));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit(entity, editing, form, store);
    });
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'VSCODE-TEXTFIELD') {
        e.preventDefault();
        this.submit(entity, editing, form, store);
      }
    });
    setChildren(this.formHost, form);
  }

  private isSubentity(entity: string, ancestor: string): boolean {
    // Only the spec form knows parents; a direct name match covers the common case.
    return entity === ancestor;
  }

  private submit(entity: FormEntity, editing: ObjectSnapshot | undefined, form: HTMLElement, store: 'private' | 'shared' = 'private'): void {
    const values: Record<string, AttrValue> = {};
    for (const el of form.querySelectorAll<HTMLElement>('[data-attr]')) {
      const kind = el.dataset.kind as ReturnType<typeof inputKindOf>;
      const raw = kind === 'boolean' ? Boolean((el as HTMLElement & { checked: boolean }).checked) : String((el as HTMLElement & { value: string }).value ?? '');
      const v = parseInput(kind, raw);
      if (v instanceof Error) {
        this.message.textContent = `${el.dataset.attr}: ${v.message}`;
        return;
      }
      if (v !== undefined) values[el.dataset.attr as string] = v;
      else if (editing && editing.values[el.dataset.attr as string] !== undefined) values[el.dataset.attr as string] = null;
    }
    const relationships: Record<string, string | null | readonly string[]> = {};
    for (const r of entity.relationships.filter((x) => !x.toMany)) {
      const sel = form.querySelector<HTMLElement & { value: string }>(`[data-testid="form-${this.id}-rel-${r.name}"]`);
      if (!sel) continue;
      const v = sel.value || null;
      if (v !== null || editing) relationships[r.name] = v;
    }
    for (const r of entity.relationships.filter((x) => x.toMany)) {
      const group = form.querySelector<HTMLElement>(`[data-to-many="${r.name}"]`);
      if (!group) continue;
      const ids = [...group.querySelectorAll<HTMLElement & { checked: boolean }>('vscode-checkbox[data-object]')]
        .filter((c) => c.checked).map((c) => c.dataset.object as string);
      // Unchanged to-many sets are left out, so an edit does not touch what it did not change.
      const before = editing?.relationships[r.name];
      const same = Array.isArray(before) && before.length === ids.length && ids.every((x) => before.includes(x));
      if (editing ? !same && !(ids.length === 0 && !Array.isArray(before)) : ids.length > 0) relationships[r.name] = ids;
    }
    const ok = this.apply({
      type: 'save', device: this.id, ...(store === 'shared' ? { store } : {}),
      changes: [editing ? { op: 'update', id: editing.id, values, relationships } : { op: 'insert', entity: entity.name, values, relationships }],
    });
    if (ok) this.showNewForm(entity.name);
  }
}

function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

function firstText(o: ObjectSnapshot): string {
  const v = Object.values(o.values).find((x) => typeof x === 'string');
  return typeof v === 'string' ? v.slice(0, 20) : '';
}

export { entitiesOf };
