/**
 * The sharing part of a device card (issue 15): invitations to accept (acceptShareInvitations on the
 * invitee's device, reference/sharing.md §5), the share zones this device knows with its user's permission
 * and the participants, Leave / Stop sharing / Purge (§8), the shared store (§1: a participant's copy of
 * the zones shared with them) with an Edit action, and the latest refused share action with its CloudKit
 * error (a read-only participant's export fails with Permission Failure 10 inside Partial Failure 2, §6).
 * Bounded: at most MAX_OBJECTS shared objects and MAX_ZONES zones are drawn.
 */
import type { DeviceSharingSnapshot, ObjectSnapshot, SandboxInput, ShareParticipantSnapshot, SharingSnapshot } from '../../src/core/sandbox/api';
import type { EventRow } from '../engine-adapter';
import { button, h, setChildren } from '../dom';
import { formatError, formatValue, shortZone } from '../format';

const MAX_OBJECTS = 50;
const MAX_ZONES = 20;
/** How far back the card looks for the device's latest refused share action (rows are the whole log). */
const FAILURE_LOOKBACK = 2000;

export interface DeviceSharingActions {
  apply(input: SandboxInput): boolean;
  editShared(o: ObjectSnapshot): void;
}

export class DeviceSharingView {
  readonly element: HTMLElement;
  private readonly invitations: HTMLElement;
  private readonly zones: HTMLElement;
  private readonly store: HTMLElement;
  private readonly failure: HTMLElement;
  private signature = '';
  private failureSeq = -1;
  /** The session's Apple IDs (for invitations from an owned share). */
  private users: string[] = [];

  constructor(private readonly id: string, private readonly actions: DeviceSharingActions) {
    this.invitations = h('div', { class: 'share-invitations', 'data-testid': `device-${id}-invitations` });
    this.zones = h('div', { class: 'share-zones', 'data-testid': `device-${id}-share-zones` });
    this.failure = h('div', { class: 'share-failure', role: 'alert', 'data-testid': `device-${id}-share-error` });
    this.store = h('div', { class: 'shared-store', 'data-testid': `device-${id}-shared-store` });
    this.element = h('div', { class: 'device-sharing', 'data-testid': `device-${id}-sharing` },
      h('h3', {}, 'Sharing'), this.invitations, this.zones, this.failure, this.store);
  }

  update(all: SharingSnapshot, mine: DeviceSharingSnapshot | undefined, rows: readonly EventRow[]): void {
    const user = mine?.user ?? null;
    const invites = user === null ? [] : all.shares.filter((s) => s.owner !== user && s.participants.some((p) => p.user === user && p.status === 'pending')
      && !(mine?.zones ?? []).some((z) => z.zone === s.zone));
    this.users = all.users.map((u) => u.id);
    const sig = JSON.stringify([user, this.users, invites.map((s) => s.zone), mine?.zones, mine?.sharedStoreCount, mine?.sharedStore.map((o) => [o.id, o.values, o.pendingKeys, o.changeTag]), mine?.rejectedIds]);
    if (sig !== this.signature) {
      this.signature = sig;
      this.renderInvitations(invites, all, user);
      this.renderZones(mine);
      this.renderStore(mine);
    }
    this.renderFailure(rows);
  }

  private renderInvitations(invites: SharingSnapshot['shares'], all: SharingSnapshot, user: string | null): void {
    const name = (u: string): string => all.users.find((x) => x.id === u)?.name ?? u;
    setChildren(this.invitations, invites.length === 0 ? null : h('ul', { class: 'share-list', 'aria-label': `Invitations for ${this.id}` },
      invites.slice(0, MAX_ZONES).map((s) => {
        const me = s.participants.find((p) => p.user === user);
        return h('li', { 'data-zone': s.zone },
          h('span', { title: s.zone }, `Invitation from ${name(s.owner)}: ${s.title ?? shortZone(s.zone)}`),
          h('span', { class: 'muted' }, ` (${me?.permission === 'readWrite' ? 'read-write' : 'read-only'}) `),
          button('Accept', () => this.actions.apply({ type: 'acceptShare', device: this.id, share: s.zone }),
            { title: `Accept the share ${s.title ?? s.zone} on ${this.id} (acceptShareInvitations into the shared store)`, testid: `device-${this.id}-accept` }));
      })));
  }

  private renderZones(mine: DeviceSharingSnapshot | undefined): void {
    const zones = mine?.zones ?? [];
    if (zones.length === 0) {
      setChildren(this.zones, h('p', { class: 'muted' }, mine?.user ? 'No shares on this device. Share an object from its row.' : 'Sign in to an Apple ID to share.'));
      return;
    }
    setChildren(this.zones, h('ul', { class: 'share-list', 'aria-label': `Share zones on ${this.id}` },
      zones.slice(0, MAX_ZONES).map((z) => h('li', { 'data-zone': z.zone, 'data-store': z.store },
        h('span', { class: 'mono', title: z.zone }, shortZone(z.zone)),
        ` ${z.store === 'private' ? 'owned' : `from ${z.owner}`}, ${z.objectCount} object${z.objectCount === 1 ? '' : 's'}, `,
        h('span', { class: z.permission === 'readWrite' ? 'ok-text' : 'warn-text' }, z.permission === 'readWrite' ? 'read-write' : 'read-only'),
        h('div', { class: 'muted share-participants' }, participantsText(z.participants)),
        z.store === 'private' ? this.manage(z.zone, z.participants) : null,
        h('div', { class: 'share-actions' }, z.store === 'private'
          ? [
            button('Stop sharing', () => this.actions.apply({ type: 'stopSharing', device: this.id, share: z.zone }),
              { secondary: true, title: `Stop sharing ${z.zone} (delete the share)`, testid: `device-${this.id}-stop` }),
            button('Stop and purge', () => this.actions.apply({ type: 'stopSharing', device: this.id, share: z.zone, purge: true }),
              { secondary: true, title: `Stop sharing ${z.zone} and purgeObjectsAndRecordsInZone (the owner loses the objects too)` }),
          ]
          : [
            button('Leave', () => this.actions.apply({ type: 'leaveShare', device: this.id, share: z.zone }),
              { secondary: true, title: `Leave the share ${z.zone} ("Remove Me")`, testid: `device-${this.id}-leave` }),
            button('Purge', () => this.actions.apply({ type: 'purgeZone', device: this.id, share: z.zone }),
              { secondary: true, title: `purgeObjectsAndRecordsInZone ${z.zone} on ${this.id}` }),
          ])))),
    zones.length > MAX_ZONES ? h('p', { class: 'muted' }, `Showing ${MAX_ZONES} of ${zones.length} zones.`) : null);
  }

  /**
   * The owner edits the participant list with CloudKit APIs, then persistUpdatedShare(_:in:) (reference/sharing.md
   * §7): remove a participant, or invite another Apple ID of the session (read-only, CKShare's default, §4).
   */
  private manage(zone: string, participants: readonly ShareParticipantSnapshot[]): HTMLElement {
    const others = participants.filter((p) => p.role !== 'owner' && p.status !== 'removed');
    const invitable = this.users.filter((u) => !participants.some((p) => p.user === u && p.status !== 'removed'));
    return h('div', { class: 'share-actions' },
      others.map((p) => button(`Remove ${p.user}`, () => this.actions.apply({ type: 'persistUpdatedShare', device: this.id, share: zone, remove: [p.user] }),
        { secondary: true, title: `Remove ${p.user} from the share (persistUpdatedShare)`, testid: `device-${this.id}-remove-${p.user}` })),
      invitable.map((u) => button(`Invite ${u}`, () => this.actions.apply({ type: 'persistUpdatedShare', device: this.id, share: zone, add: [{ user: u, permission: 'readOnly' }] }),
        { secondary: true, title: `Invite ${u} read-only (persistUpdatedShare)`, testid: `device-${this.id}-invite-${u}` })));
  }

  private renderStore(mine: DeviceSharingSnapshot | undefined): void {
    if (!mine || (mine.sharedStoreCount === 0 && mine.sharedStore.length === 0)) {
      setChildren(this.store);
      return;
    }
    const rejected = new Set(mine.rejectedIds);
    const list = mine.sharedStore.slice(0, MAX_OBJECTS);
    setChildren(this.store,
      h('h4', {}, 'Shared store ', h('vscode-badge', { 'aria-label': `${mine.sharedStoreCount} objects in the shared store` }, String(mine.sharedStoreCount))),
      h('table', { class: 'objects', 'aria-label': `Shared store of ${this.id}` },
        h('thead', {}, h('tr', {}, ['objectID', 'entity', 'values', 'sync', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.map((o) => h('tr', { 'data-object': o.id },
          h('td', { class: 'mono', title: o.id }, o.id.length > 10 ? `${o.id.slice(0, 8)}…` : o.id),
          h('td', {}, o.entity),
          h('td', {}, Object.entries(o.values).filter(([, v]) => v !== null).map(([k, v]) => `${k} = ${formatValue(v)}`).join(', ')),
          h('td', { class: rejected.has(o.id) ? 'error-text' : o.pendingKeys.length ? 'pending' : 'synced' },
            rejected.has(o.id) ? 'refused by CloudKit, not synced' : o.pendingKeys.length ? `pending: ${o.pendingKeys.join(', ')}` : o.changeTag ? `tag ${o.changeTag}` : 'not exported'),
          h('td', { class: 'row-actions' },
            button('Edit', () => this.actions.editShared(o), { secondary: true, title: `Edit ${o.entity} ${o.id} in the shared store of ${this.id}`, testid: `device-${this.id}-shared-edit` })))))),
      mine.sharedStoreCount > list.length ? h('p', { class: 'muted' }, `Showing ${list.length} of ${mine.sharedStoreCount}.`) : null);
  }

  /** The latest refused share action of this device (share.failed), the way CloudKit logs its error. */
  private renderFailure(rows: readonly EventRow[]): void {
    let found: EventRow | undefined;
    for (let i = rows.length - 1; i >= 0 && i >= rows.length - FAILURE_LOOKBACK; i--) {
      const r = rows[i];
      if (r.lane === this.id && r.event.kind === 'share.failed') { found = r; break; }
    }
    const seq = found?.event.seq ?? -1;
    if (seq === this.failureSeq) return;
    this.failureSeq = seq;
    const e = found?.event;
    if (!e || e.kind !== 'share.failed') {
      setChildren(this.failure);
      return;
    }
    setChildren(this.failure, h('details', { open: true },
      h('summary', { class: 'error-text' }, `Share ${e.action} refused${e.zone ? ` (${shortZone(e.zone)})` : ''}: ${e.message.split('\n')[0].slice(0, 160)}`),
      e.error ? h('pre', { class: 'error-text' }, formatError(e.error)) : null));
  }
}

function participantsText(ps: readonly ShareParticipantSnapshot[]): string {
  return ps.map((p) => `${p.user} ${p.role === 'owner' ? 'owner' : `${p.permission === 'readWrite' ? 'rw' : 'ro'}, ${p.status}`}`).join(' · ');
}
