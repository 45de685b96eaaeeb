import { addDictEntry, replaceScalar } from '../plist-edits';
import { refOfCall } from '../stores';
import { ENT } from '../workspace';
import { defineCheck, describeViews, entitlementsAt, groupBy, refKey, type ProjectFinding } from './check';

/**
 * PC06: push entitlement. `aps-environment` (iOS family) / `com.apple.developer.aps-environment` (macOS)
 * takes `development` or `production` (doc APS, APS-MAC). Any other value crashes CloudKit: "BUG IN CLIENT
 * OF CLOUDKIT: CloudKit push notifications require the 'aps-environment' entitlement to be 'development'
 * or 'production'. Current value='%@'" [RE CKNL]. Absent on a target whose store syncs: no pushes, so
 * changes arrive only when the app polls at launch [RE CKNL; consequence unverified]. Xcode adds the key
 * when the Push Notifications capability is on and the profile grants it (doc APS).
 */
export const PC06 = defineCheck('PC06', 'warning', 'Missing or invalid aps-environment', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const invalid = ctx.views.filter((v) => v.apsEntry?.value && (v.apsEntry.value.kind !== 'string' || !['development', 'production'].includes(v.apsEntry.value.value)));
  for (const group of groupBy(invalid, (v) => refKey(entitlementsAt(v, v.apsEntry)!)).values()) {
    const v = group[0];
    const node = v.apsEntry!.value!;
    const value = node.kind === 'string' ? node.value : node.kind;
    out.push(ctx.finding(self, {
      at: { file: v.entitlements!.path, span: node.span }, severity: 'error',
      message: `${v.apsEntry!.key} is "${value}" (${describeViews(group)}); CloudKit crashes with "BUG IN CLIENT OF CLOUDKIT: CloudKit push notifications require the 'aps-environment' entitlement to be 'development' or 'production'. Current value='${value}'".`,
      fixes: [node.kind === 'string' ? { title: 'Set it to development', edits: { [v.entitlements!.path]: [replaceScalar(node, 'development')] }, isPreferred: true } : undefined],
    }));
  }
  // Apps entitled to CloudKit without the key: a warning when a store syncs in them, info when the
  // project shows no store (its setup code may live in another module, e.g. corpus LeeTaek/Carve).
  const missing = ctx.views.filter((v) => !v.apsEntry && v.entitlements?.doc && v.services.includes('CloudKit')
    && (v.target.kind === 'application' || v.target.kind === 'watch-app') && !v.stores.some((s) => s.kind === 'cloudkit'));
  for (const group of groupBy(missing, (v) => refKey(entitlementsAt(v)!)).values()) {
    const v = group[0];
    const syncing = group.some((g) => g.stores.some((s) => s.syncs));
    const key = v.target.platform === 'macos' ? ENT.apsMac : ENT.apsIos;
    const dict = ctx.entitlementsDict(v);
    out.push(ctx.finding(self, {
      at: entitlementsAt(v, v.servicesEntry)!,
      severity: syncing ? 'warning' : 'info',
      message: `${describeViews(group)} ${syncing ? 'syncs a store with CloudKit' : 'is entitled to CloudKit'} but ${v.entitlements!.path} has no ${key}: no push notifications reach the app, so changes from other devices arrive only when it next fetches. Turn on the Push Notifications capability (Xcode adds the key).`,
      related: v.stores.filter((s) => s.syncs && s.kind !== 'cloudkit').slice(0, 2).map((s) => ({ at: refOfCall(s), message: 'sync set up here' })),
      fixes: [dict && { title: `Add ${key} = development`, edits: { [v.entitlements!.path]: [addDictEntry(v.entitlements!.doc!.text, dict, key, ['<string>development</string>'])] } }],
    }));
  }
  return out;
});
