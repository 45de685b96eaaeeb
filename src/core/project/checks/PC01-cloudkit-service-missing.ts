import { addToStringArrayKey } from '../plist-edits';
import { refOfCall } from '../stores';
import { ENT, type ConfigView } from '../workspace';
import { defineCheck, describeViews, entitlementsAt, groupBy, refKey, type ProjectFinding } from './check';

/**
 * PC01: a target whose code syncs (NSPersistentCloudKitContainer, a SwiftData store that is not `.none`,
 * CKContainer) is signed, in some configuration, without `CloudKit` in
 * `com.apple.developer.icloud-services` (reference project-config.md §2, §6). Observed at run time:
 * "The application is missing required entitlement com.apple.developer.icloud-services" [obs
 * RADAR-22674438, CALABASH-127]. Also: a target that has CloudKit in one configuration and not in another
 * (Debug builds that cannot sync, e.g. corpus boyugou/lorvex project.yml) [design].
 */
export const PC01 = defineCheck('PC01', 'error', 'Code syncs with CloudKit but the entitlements lack the CloudKit service', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const lacking = ctx.views.filter((v) => v.syncs && !v.services.includes('CloudKit') && v.entitlements?.problem === undefined);
  // One finding per place: the services key (or the file, or the setup call when no file is signed).
  const at = (v: ConfigView) => entitlementsAt(v, v.servicesEntry) ?? refOfCall(v.stores.find((s) => s.syncs)!);
  for (const group of groupBy(lacking, (v) => refKey(at(v))).values()) {
    const v = group[0];
    const dict = ctx.entitlementsDict(v);
    const edit = dict && v.entitlements?.doc ? addToStringArrayKey(v.entitlements.doc.text, dict, ENT.services, 'CloudKit', v.servicesEntry?.value) : undefined;
    const what = v.entitlements ? `signs ${v.entitlements.path}, which does not list CloudKit in ${ENT.services}` : 'signs no entitlements file (no CODE_SIGN_ENTITLEMENTS)';
    out.push(ctx.finding(self, {
      at: at(v),
      message: `${describeViews(group)} ${what}, but its code syncs with CloudKit. At run time CloudKit refuses: "The application is missing required entitlement com.apple.developer.icloud-services".`,
      related: v.stores.filter((s) => s.syncs).slice(0, 3).map((s) => ({ at: refOfCall(s), message: 'CloudKit used here' })),
      fixes: [edit && { title: `Add CloudKit to ${ENT.services}`, edits: { [v.entitlements!.path]: [edit] }, isPreferred: true }],
    }));
  }
  // A target with CloudKit in some configurations only.
  for (const views of groupBy(ctx.views, (v) => `${v.project.file}|${v.target.name}`).values()) {
    const withCk = views.filter((v) => v.services.includes('CloudKit'));
    const without = views.filter((v) => !v.services.includes('CloudKit') && !v.syncs && v.entitlements?.problem === undefined);
    if (withCk.length === 0 || without.length === 0) continue;
    const v = without[0];
    const at = entitlementsAt(v) ?? v.entitlements?.setting?.at ?? v.configuration.at;
    if (!at) continue;
    out.push(ctx.finding(self, {
      at, severity: 'warning',
      message: `${describeViews(without)} ${v.entitlements ? `signs ${v.entitlements.path} without CloudKit` : 'signs no entitlements'} while ${describeViews(withCk)} has CloudKit: builds of ${without.map((w) => w.configuration.name).join(', ')} cannot sync.`,
      related: withCk.slice(0, 2).map((w) => ({ at: entitlementsAt(w, w.servicesEntry)!, message: `CloudKit in ${w.configuration.name}` })),
    }));
  }
  return out;
});
