import { addToStringArrayKey } from '../plist-edits';
import { refOfCall } from '../stores';
import { ENT } from '../workspace';
import { defineCheck, describeViews, entitlementsAt, groupBy, refKey, type ProjectFinding } from './check';

/**
 * PC02: CloudKit is entitled but `com.apple.developer.icloud-container-identifiers` is missing or empty.
 * NSPersistentCloudKitContainer's default store description is "assigned to the first CloudKit container
 * identifier in an application's entitlements" (doc NSPCKC); with none it gets no
 * cloudKitContainerOptions, so the store loads and silently never syncs [RE OCD
 * `discoverDefaultContainerIdentifier`]; SwiftData `.automatic` "selects the first identifier it finds"
 * (doc SD-SYNC). An error when code relies on that default, a warning otherwise.
 */
export const PC02 = defineCheck('PC02', 'warning', 'CloudKit entitled without a container identifier', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const empty = ctx.views.filter((v) => v.services.includes('CloudKit') && v.containers.length === 0);
  for (const group of groupBy(empty, (v) => { const a = entitlementsAt(v, v.containersEntry ?? v.servicesEntry); return a && refKey(a); }).values()) {
    const v = group[0];
    // Each configuration of a target holds the same store objects: one related location per store.
    const relying = [...new Set(group.flatMap((g) => g.stores))].filter((s) => s.syncs && s.kind !== 'cloudkit' && s.containerIds.length === 0);
    const named = group.flatMap((g) => g.stores).flatMap((s) => s.containerIds).find((id) => id.literal !== undefined);
    const dict = ctx.entitlementsDict(v);
    const edit = named && dict ? addToStringArrayKey(v.entitlements!.doc!.text, dict, ENT.containers, named.literal!, v.containersEntry?.value) : undefined;
    out.push(ctx.finding(self, {
      at: entitlementsAt(v, v.containersEntry ?? v.servicesEntry)!,
      severity: relying.length > 0 ? 'error' : 'warning',
      message: `${describeViews(group)}: ${v.entitlements!.path} lists no iCloud container (${ENT.containers}). ${relying.length > 0
        ? 'The store set up without an explicit container takes the first container in the entitlements; with none it loads and never syncs, without an error.'
        : 'Nothing can sync until a container is listed.'}`,
      related: relying.slice(0, 3).map((s) => ({ at: refOfCall(s), message: 'store that takes the first entitled container' })),
      fixes: [edit && { title: `Add ${named!.literal} to ${ENT.containers}`, edits: { [v.entitlements!.path]: [edit] }, isPreferred: true }],
    }));
  }
  return out;
});
