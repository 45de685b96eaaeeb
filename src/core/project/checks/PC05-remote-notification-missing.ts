import { addToStringArrayKey } from '../plist-edits';
import { refOfCall } from '../stores';
import type { ConfigView } from '../workspace';
import { defineCheck, describeViews, groupBy, type FindingSpec, type ProjectFinding } from './check';

/**
 * PC05: an iOS-family app that syncs, whose Info.plist (the one the target really ships) has no
 * `UIBackgroundModes` ∋ `remote-notification`. Required with the iCloud capability: it "lets your app
 * receive remote notifications from CloudKit" (doc SD-SYNC; SETUP-CD). Missing: CloudKit logs "BUG IN
 * CLIENT OF CLOUDKIT: CloudKit push notifications require the 'remote-notification' background mode in
 * your info plist." [RE CKNL] and imports wait for the next launch [unverified].
 * `INFOPLIST_KEY_UIBackgroundModes` is not one of the keys Xcode writes into a generated Info.plist, so
 * it does not count (corpus scastiel/kado project.pbxproj, MANIFEST); a plist on disk that no target names
 * does not ship (corpus ivan-wize/Plenty).
 */
export const PC05 = defineCheck('PC05', 'warning', 'Syncing app without the remote-notification background mode', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const iosFamily = (v: ConfigView) => v.target.platform !== 'macos' && v.target.platform !== 'watchos' && v.target.kind === 'application';
  const lacking = ctx.views.filter((v) => iosFamily(v) && v.syncs && v.stores.some((s) => s.kind !== 'cloudkit' && s.syncs)
    && !v.backgroundModes.includes('remote-notification') && v.infoPlist?.problem === undefined);
  const where = (v: ConfigView): FindingSpec['at'] => {
    const doc = v.infoPlist?.doc;
    if (doc) return { file: v.infoPlist!.path, span: v.backgroundModesEntry?.keySpan ?? { start: doc.root?.span.start ?? 0, end: (doc.root?.span.start ?? 0) + 6 } };
    return v.infoPlistKeys.get('INFOPLIST_KEY_UIBackgroundModes')?.at ?? refOfCall(v.stores.find((s) => s.syncs && s.kind !== 'cloudkit')!);
  };
  for (const group of groupBy(lacking, (v) => `${v.project.file}|${v.target.name}|${v.infoPlist?.path ?? ''}`).values()) {
    const v = group[0];
    const generatedKey = v.infoPlistKeys.get('INFOPLIST_KEY_UIBackgroundModes');
    const orphan = [...ctx.analysis.plists.values()].find((p) => !ctx.analysis.namedPlists.has(p.path) && p.doc && /Info\.plist$/.test(p.path)
      && p.doc.text.includes('remote-notification'));
    const why = v.infoPlist?.doc ? `its Info.plist ${v.infoPlist.path} has no remote-notification in UIBackgroundModes`
      : generatedKey ? 'it sets INFOPLIST_KEY_UIBackgroundModes, which Xcode does not write into a generated Info.plist, and names no INFOPLIST_FILE'
        : 'its generated Info.plist declares no background modes (no INFOPLIST_FILE)';
    const doc = v.infoPlist?.doc;
    const edit = doc && doc.root?.kind === 'dict' ? addToStringArrayKey(doc.text, doc.root, 'UIBackgroundModes', 'remote-notification', v.backgroundModesEntry?.value) : undefined;
    out.push(ctx.finding(self, {
      at: where(v),
      message: `${describeViews(group)} syncs with CloudKit but ${why}. CloudKit then logs "BUG IN CLIENT OF CLOUDKIT: CloudKit push notifications require the 'remote-notification' background mode in your info plist." and changes from other devices wait for the next launch.`,
      related: [
        ...v.stores.filter((s) => s.syncs && s.kind !== 'cloudkit').slice(0, 2).map((s) => ({ at: refOfCall(s), message: 'sync set up here' })),
        ...(generatedKey?.at && doc ? [{ at: generatedKey.at, message: 'INFOPLIST_KEY_UIBackgroundModes (not written by Xcode)' }] : []),
        ...(orphan?.doc ? [{ at: { file: orphan.path, span: { start: orphan.doc.root?.span.start ?? 0, end: (orphan.doc.root?.span.start ?? 0) + 6 } }, message: 'a plist with remote-notification that no target uses' }] : []),
      ],
      fixes: [edit && { title: 'Add remote-notification to UIBackgroundModes', edits: { [v.infoPlist!.path]: [edit] }, isPreferred: true }],
    }));
  }
  return out;
});
