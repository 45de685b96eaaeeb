import { addDictEntry } from '../plist-edits';
import { dictEntry, type PlistEntry, type PlistNode } from '../plist';
import { defineCheck, describeViews, groupBy, type FixSpec, type ProjectFinding } from './check';

/**
 * PC10: code that shares (`share(_:to:)`, `UICloudSharingController`, `CKShare(`) in a target without a
 * store on the shared database (`databaseScope = .shared`), or whose Info.plist lacks
 * `CKSharingSupported = true`. Private and shared stores use the same container (doc SHARE-SAMPLE);
 * accepting a share needs `CKSharingSupported` in Info.plist (reference sharing.md §5).
 */
export const PC10 = defineCheck('PC10', 'warning', 'Sharing code without a shared store or CKSharingSupported', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const sharingFiles = ctx.analysis.input.swift.filter((s) => s.setup.sharingCalls.length > 0);
  const hits = ctx.views.flatMap((v) => sharingFiles.filter((f) => v.target.sources.files.includes(f.file) || v.target.sources.folders.some((d) => f.file.startsWith(d.path + '/'))).map((f) => ({ v, f })));
  for (const group of groupBy(hits, (h) => h.f.file).values()) {
    const { f } = group[0];
    const views = group.map((g) => g.v).filter((v) => v.target.kind === 'application');
    const noShared = views.filter((v) => v.stores.some((s) => s.kind === 'coredata') && !v.stores.some((s) => s.scopes.includes('shared')));
    // `<false/>` (or a string) is no `CKSharingSupported = true` either.
    const sharingKey = (v: (typeof views)[number]) => dictEntry(v.infoPlist?.doc?.root, 'CKSharingSupported');
    const noKey = views.filter((v) => { const value = sharingKey(v)?.value; return v.infoPlist?.doc && !(value?.kind === 'boolean' && value.value); });
    const at = { file: f.file, span: f.setup.sharingCalls[0] };
    if (noShared.length) {
      out.push(ctx.finding(self, { at, message: `This code shares records, but ${describeViews(noShared)} sets up no store on the shared database (databaseScope = .shared): shares accepted by others have nowhere to land.` }));
    }
    if (noKey.length) {
      const v = noKey[0];
      const doc = v.infoPlist!.doc!;
      out.push(ctx.finding(self, {
        at, message: `This code shares records, but the Info.plist of ${describeViews(noKey)} (${v.infoPlist!.path}) has no CKSharingSupported = true: the app cannot accept share invitations.`,
        related: [{ at: { file: v.infoPlist!.path, span: { start: doc.root?.span.start ?? 0, end: (doc.root?.span.start ?? 0) + 6 } }, message: 'Info.plist' }],
        fixes: [sharingFix(doc.text, doc.root, v.infoPlist!.path, sharingKey(v))],
      }));
    }
  }
  return out;
});

/**
 * Adds the key when it is absent; when it is there with another value (`<false/>`, `<string>YES</string>`),
 * replaces only that value element with `<true/>` (adding the key again would write it twice). A key
 * without a value (a broken plist) gets no fix.
 */
function sharingFix(text: string, root: PlistNode | undefined, path: string, entry: PlistEntry | undefined): FixSpec | undefined {
  if (root?.kind !== 'dict') return undefined;
  if (!entry) return { title: 'Add CKSharingSupported = true', edits: { [path]: [addDictEntry(text, root, 'CKSharingSupported', ['<true/>'])] } };
  if (!entry.value) return undefined;
  return { title: 'Set CKSharingSupported to true', edits: { [path]: [{ span: entry.value.span, newText: '<true/>' }] } };
}
