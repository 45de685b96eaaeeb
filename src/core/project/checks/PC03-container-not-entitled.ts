import { addToStringArrayKey } from '../plist-edits';
import { refOfCall, type StoreSetup } from '../stores';
import { ENT, type ConfigView } from '../workspace';
import { defineCheck, describeViews, entitlementsAt, groupBy, type ProjectFinding } from './check';

/**
 * PC03: the code names a container (`NSPersistentCloudKitContainerOptions(containerIdentifier:)`,
 * `.private("…")`, `CKContainer(identifier:)`) that the target's entitlements for that configuration do
 * not list (`$(VAR)` resolved per configuration). `CKContainer(identifier:)` traps [obs PROVENANCE-3648];
 * a container the App ID is not associated with fails with `Permission Failure (10/2007)` "Invalid bundle
 * ID for container" (TN3164); NSPCKC's exact failure for an unlisted id is [unverified]. Ids only known at
 * run time (read from Info.plist, e.g. corpus LeeTaek/Carve) are not judged.
 */
export const PC03 = defineCheck('PC03', 'error', 'Container in code not listed in the entitlements', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const misses: { view: ConfigView; store: StoreSetup; id: string; idIndex: number }[] = [];
  for (const v of ctx.views) {
    if (!v.entitlements?.doc) continue;
    const listed = new Set(v.containers.map((c) => c.value));
    for (const store of v.stores) {
      store.containerIds.forEach((id, idIndex) => {
        if (id.literal !== undefined && !listed.has(id.literal)) misses.push({ view: v, store, id: id.literal, idIndex });
      });
    }
  }
  for (const group of groupBy(misses, (m) => `${m.store.file}@${m.store.containerIds[m.idIndex].span.start}|${m.id}`).values()) {
    const { store, id, idIndex, view } = group[0];
    const views = group.map((g) => g.view);
    const listed = view.containers.map((c) => c.value);
    const dict = ctx.entitlementsDict(view);
    const edit = dict ? addToStringArrayKey(view.entitlements!.doc!.text, dict, ENT.containers, id, view.containersEntry?.value) : undefined;
    out.push(ctx.finding(self, {
      at: { file: store.file, span: store.containerIds[idIndex].span },
      message: `The code uses container "${id}", but ${describeViews(views)} ${listed.length ? `is entitled to ${listed.map((c) => `"${c}"`).join(', ')} only` : 'lists no container'} (${view.entitlements!.path}). CloudKit answers "Permission Failure" (10/2007) "Invalid bundle ID for container" (TN3164)${store.kind === 'cloudkit' ? ', and CKContainer(identifier:) traps' : ''}.`,
      related: [
        ...[...new Set(views.map((v) => v.entitlements!.path))].slice(0, 3).map((p) => {
          const v = views.find((x) => x.entitlements!.path === p)!;
          return { at: entitlementsAt(v, v.containersEntry ?? v.servicesEntry)!, message: `containers of ${v.target.name} (${v.configuration.name})` };
        }),
        ...(store.call.nameSpan.start !== store.containerIds[idIndex].span.start ? [{ at: refOfCall(store), message: 'the setup call' }] : []),
      ],
      fixes: [edit && { title: `Add "${id}" to ${ENT.containers} in ${view.entitlements!.path}`, edits: { [view.entitlements!.path]: [edit] }, isPreferred: true }],
    }));
  }
  return out;
});
