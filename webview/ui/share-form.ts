/**
 * The Share form of a device card (issue 15): `share(_:to:)` on one object of the device's private store,
 * to a new share or to one of the user's existing shares (each new share is a new zone, 1,000 per container
 * (TN3164): reuse shares, reference/sharing.md §2), with the invited users and their permission. A new
 * participant is read-only unless chosen otherwise, as CKShare.Participant's default (reference/sharing.md §4).
 */
import type { DeviceSharingSnapshot, ObjectSnapshot, SandboxInput, SharePermission, SharingSnapshot } from '../../src/core/sandbox/api';
import { button, h, select } from '../dom';
import { shortZone } from '../format';

export interface ShareFormContext {
  readonly device: string;
  readonly object: ObjectSnapshot;
  readonly sharing: SharingSnapshot;
  readonly mine: DeviceSharingSnapshot | undefined;
  readonly apply: (input: SandboxInput) => boolean;
  readonly close: () => void;
}

const PERMISSIONS: readonly [SharePermission, string][] = [['readOnly', 'read-only'], ['readWrite', 'read-write']];

export function shareForm(c: ShareFormContext): HTMLElement {
  const id = c.device;
  const me = c.mine?.user ?? null;
  const owned = (c.mine?.zones ?? []).filter((z) => z.store === 'private');
  let target = '';
  const title = h('vscode-textfield', { id: `share-${id}-title`, 'data-testid': `share-${id}-title`, placeholder: 'cloudkit.title (optional)' });
  const invitees = c.sharing.users.filter((u) => u.id !== me);
  const rows = invitees.map((u) => {
    const box = h('vscode-checkbox', { label: `${u.name} (${u.id})`, 'data-user': u.id, 'data-testid': `share-${id}-user-${u.id}` });
    const perm = select(`Permission of ${u.name}`, PERMISSIONS, 'readOnly', () => undefined, `share-${id}-perm-${u.id}`);
    perm.setAttribute('data-permission-of', u.id);
    return h('div', { class: 'share-invitee' }, box, perm);
  });
  const submit = (): void => {
    const participants: { user: string; permission: SharePermission }[] = [];
    for (const row of rows) {
      const box = row.querySelector<HTMLElement & { checked: boolean }>('vscode-checkbox')!;
      if (!box.checked) continue;
      const perm = row.querySelector<HTMLElement & { value: string }>('[data-permission-of]')!;
      participants.push({ user: box.dataset.user as string, permission: perm.value === 'readWrite' ? 'readWrite' : 'readOnly' });
    }
    const text = String((title as HTMLElement & { value?: string }).value ?? '').trim();
    const ok = c.apply({
      type: 'share', device: id, objects: [c.object.id],
      ...(target ? { toShare: target } : {}),
      ...(participants.length ? { participants } : {}),
      ...(text && !target ? { title: text } : {}),
    });
    if (ok) c.close();
  };
  const form = h('form', { class: 'object-form share-form', 'aria-label': `Share ${c.object.entity} on ${id}`, 'data-testid': `share-${id}-form` },
    h('div', { class: 'form-head' }, h('h4', {}, `Share ${c.object.entity} ${c.object.id.length > 10 ? `${c.object.id.slice(0, 8)}…` : c.object.id}`)),
    h('p', { class: 'muted' }, 'Moves it and the objects it relates to into a share zone (share(_:to:)).'),
    h('div', { class: 'form-row' }, h('vscode-label', {}, 'Share to'),
      select(`Share ${c.object.entity} to`, [['', 'New share (new zone)'], ...owned.map((z) => [z.zone, `Existing ${shortZone(z.zone)}`] as [string, string])], '',
        (v) => { target = v; }, `share-${id}-target`)),
    h('div', { class: 'form-row' }, h('vscode-label', { for: `share-${id}-title` }, 'Title'), title),
    h('div', { class: 'form-row' }, h('vscode-label', { id: `share-${id}-invitees` }, 'Invite'),
      h('div', { class: 'share-invitees', role: 'group', 'aria-labelledby': `share-${id}-invitees` },
        rows.length ? rows : h('span', { class: 'muted' }, 'No other Apple ID in this session.'))),
    h('div', { class: 'form-actions' },
      button('Share', submit, { title: `Share ${c.object.entity} from ${id}`, testid: `share-${id}-submit` }),
      button('Cancel', () => c.close(), { secondary: true, title: 'Close the share form' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  return form;
}
