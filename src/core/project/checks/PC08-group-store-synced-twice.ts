import { refOfCall, type StoreSetup } from '../stores';
import type { ConfigView } from '../workspace';
import { defineCheck, groupBy, type ProjectFinding } from './check';

/**
 * PC08: an app and its extension (widget, share or iMessage extension) both sync one App Group store.
 * TN3164: two NSPersistentCloudKitContainer instances on one store fail with 134410 "CloudKit setup failed
 * because there is another instance of this persistent store actively syncing with CloudKit in this
 * process." (store under `…/Shared/AppGroup/…`). The fix TN3164 gives: only the app syncs; extensions open
 * the store with `cloudKitContainerOptions = nil` (SwiftData `cloudKitDatabase: .none`) and read
 * persistent history. Static signal [design]: two targets compile a syncing setup whose store lives in
 * the same App Group (`groupContainer: .identifier`, `containerURL(forSecurityApplicationGroupIdentifier:)`)
 * (corpus jazzychad/iCloudCoreDataStarter, scastiel/kado).
 */
const groupKey = (s: StoreSetup): string | undefined => (s.group ? s.group.literal ?? s.group.text : undefined);

export const PC08 = defineCheck('PC08', 'warning', 'App and extension sync one App Group store', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const entries = ctx.views.flatMap((v) => v.stores.filter((s) => s.syncs && s.kind !== 'cloudkit' && groupKey(s) !== undefined).map((s) => ({ v, s })));
  for (const [group, list] of groupBy(entries, (e) => `${e.v.project.file}|${groupKey(e.s)}`)) {
    const targets = new Map<string, ConfigView>();
    for (const e of list) if (!targets.has(e.v.target.name) && (e.v.target.kind === 'application' || e.v.target.kind === 'app-extension' || e.v.target.kind === 'watch-app')) targets.set(e.v.target.name, e.v);
    const kinds = [...targets.values()].map((v) => v.target.kind);
    if (targets.size < 2 || !kinds.includes('app-extension')) continue;
    const groupName = group.slice(group.indexOf('|') + 1);
    const calls = groupBy(list.filter((e) => targets.has(e.v.target.name)), (e) => `${e.s.file}@${e.s.call.span.start}`);
    for (const callList of calls.values()) {
      const s = callList[0].s;
      const here = [...new Set(callList.map((e) => e.v.target.name))];
      const others = [...targets.keys()].filter((t) => !here.includes(t));
      const elsewhere = [...calls.values()].filter((c) => c[0].s !== s).map((c) => c[0].s);
      out.push(ctx.finding(self, {
        at: refOfCall(s),
        message: `${here.join(' and ')} ${here.length > 1 ? 'each run' : 'runs'} this setup, which syncs the store in App Group "${groupName}"${others.length ? `, and ${others.join(', ')} sync${others.length === 1 ? 's' : ''} the same store` : ''}: when both processes sync it, CloudKit setup fails with 134410 "CloudKit setup failed because there is another instance of this persistent store actively syncing with CloudKit in this process." (TN3164). Let only the app sync; open the store in extensions with ${s.kind === 'swiftdata' ? 'cloudKitDatabase: .none' : 'cloudKitContainerOptions = nil'}.`,
        related: elsewhere.slice(0, 3).map((o) => ({ at: refOfCall(o), message: 'the other setup of this store' })),
      }));
    }
  }
  return out;
});
