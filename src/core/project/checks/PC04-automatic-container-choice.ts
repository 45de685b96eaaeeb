import { refOfCall } from '../stores';
import { defineCheck, describeViews, entitlementsAt, groupBy, type ProjectFinding } from './check';

/**
 * PC04: a store that takes its container from the entitlements (SwiftData `.automatic`, the default of
 * `ModelConfiguration`; NSPersistentCloudKitContainer's default description) while they list two or more
 * containers: only the first is used. SwiftData "selects the first identifier it finds" (doc SD-SYNC);
 * NSPCKC's default description takes "the first CloudKit container identifier" (doc NSPCKC). Observed:
 * `.automatic` with a differently named container "silently skip[ped] sync" [obs MACMAG-285].
 * Pinning the container (`.private("iCloud.…")`, NSPersistentCloudKitContainerOptions) removes the doubt.
 */
export const PC04 = defineCheck('PC04', 'warning', 'Container chosen implicitly among several', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const hits = ctx.views.flatMap((v) => (v.containers.length >= 2 ? v.stores.filter((s) => s.syncs && s.kind !== 'cloudkit' && s.containerIds.length === 0).map((s) => ({ v, s })) : []));
  for (const group of groupBy(hits, (h) => `${h.s.file}@${h.s.call.span.start}`).values()) {
    const { s, v } = group[0];
    const first = v.containers[0].value;
    out.push(ctx.finding(self, {
      at: refOfCall(s),
      message: `This ${s.kind === 'swiftdata' ? 'SwiftData store (cloudKitDatabase .automatic)' : 'store (default description)'} syncs with the FIRST container of the entitlements, "${first}", while ${describeViews(group.map((g) => g.v))} lists ${v.containers.map((c) => `"${c.value}"`).join(', ')}. Name the container explicitly if another one is meant.`,
      related: [{ at: entitlementsAt(v, v.containersEntry)!, message: 'container list (the first entry wins)' }],
    }));
  }
  return out;
});
