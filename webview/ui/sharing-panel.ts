/**
 * Sharing on the server side (issue 15): the session's Apple IDs with the devices signed in to each and
 * what their shared database shows, and every share zone in its owner's private database with the
 * `cloudkit.share` record's participants (role, permission, acceptance) (reference/sharing.md §1, §3, §4).
 * Bounded: at most MAX_SHARES shares are drawn.
 */
import type { ShareSnapshot, SharingSnapshot } from '../../src/core/sandbox/api';
import { h, setChildren } from '../dom';
import { shortZone } from '../format';

const MAX_SHARES = 30;

export class SharingPanel {
  readonly element: HTMLElement;
  private readonly users: HTMLElement;
  private readonly shares: HTMLElement;
  private signature = '';

  constructor(private readonly deviceName: (id: string) => string) {
    this.users = h('div', { class: 'sharing-users', 'data-testid': 'sharing-users' });
    this.shares = h('div', { class: 'sharing-shares', 'data-testid': 'server-shares' });
    this.element = h('section', { class: 'sharing', 'aria-labelledby': 'sharing-title', 'data-testid': 'sharing' },
      h('h2', { id: 'sharing-title' }, 'Sharing'), this.users, this.shares);
  }

  reset(): void {
    this.signature = '';
    setChildren(this.users);
    setChildren(this.shares);
  }

  update(s: SharingSnapshot): void {
    const sig = JSON.stringify([s.users, s.shares, s.sharedDatabases]);
    if (sig === this.signature) return;
    this.signature = sig;
    const sharedDb = new Map(s.sharedDatabases.map((d) => [d.user, d.zones]));
    setChildren(this.users, h('table', { class: 'objects', 'aria-label': 'Apple IDs and their devices' },
      h('thead', {}, h('tr', {}, ['Apple ID', 'signed in on', 'shared database'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, s.users.map((u) => {
        const zones = sharedDb.get(u.id) ?? [];
        return h('tr', { 'data-user': u.id },
          h('td', {}, u.name === u.id ? u.id : `${u.name} (${u.id})`),
          h('td', {}, u.devices.length ? u.devices.map((d) => this.deviceName(d)).join(', ') : h('span', { class: 'muted' }, 'no device')),
          h('td', { title: zones.join('\n') }, zones.length ? `${zones.length} zone${zones.length === 1 ? '' : 's'}: ${zones.slice(0, 3).map(shortZone).join(', ')}${zones.length > 3 ? '…' : ''}` : h('span', { class: 'muted' }, 'empty')));
      }))));
    setChildren(this.shares,
      h('h3', {}, 'Shares on the server ', h('vscode-badge', { 'aria-label': `${s.shares.length} shares` }, String(s.shares.length))),
      s.shares.length === 0 ? h('p', { class: 'muted' }, 'No shares yet: use Share on an object of a device.') : s.shares.slice(0, MAX_SHARES).map(shareBlock),
      s.shares.length > MAX_SHARES ? h('p', { class: 'muted' }, `Showing ${MAX_SHARES} of ${s.shares.length} shares.`) : null);
  }
}

function shareBlock(s: ShareSnapshot): HTMLElement {
  return h('div', { class: 'share-block', 'data-zone': s.zone },
    h('h4', { title: s.zone }, s.title ?? shortZone(s.zone),
      h('span', { class: 'muted' }, ` · zone ${shortZone(s.zone)} in ${s.owner}'s private database · ${s.recordCount} records · ${s.recordName} ${s.shareRecordBytes} bytes${s.changeTag ? ` · tag ${s.changeTag}` : ''}`)),
    h('table', { class: 'objects', 'aria-label': `Participants of ${s.title ?? s.zone}` },
      h('thead', {}, h('tr', {}, ['participant', 'role', 'permission', 'status'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, s.participants.map((p) => h('tr', { 'data-participant': p.user },
        h('td', {}, p.user), h('td', {}, p.role),
        h('td', {}, p.permission === 'readWrite' ? 'read-write' : 'read-only'),
        h('td', { class: p.status === 'accepted' ? 'ok-text' : p.status === 'removed' ? 'muted' : 'warn-text' }, p.status))))));
}
