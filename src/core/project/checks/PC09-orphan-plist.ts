import { dictEntry } from '../plist';
import { defineCheck, type ProjectFinding } from './check';

/**
 * PC09: an entitlements file or Info.plist in the workspace that no target and configuration names
 * (CODE_SIGN_ENTITLEMENTS, INFOPLIST_FILE): its keys never ship. Runtime reads the signed entitlements
 * (reference project-config.md §1); a plist excluded from a synchronized folder and named by no target is
 * dead (corpus ivan-wize/Plenty: Plenty/Resources/Plenty.entitlements and Resources/Info.plist).
 * Info for an orphan without CloudKit keys, warning when it holds CloudKit/push keys someone expects.
 */
const CLOUD_KEYS = ['com.apple.developer.icloud-services', 'com.apple.developer.icloud-container-identifiers', 'aps-environment', 'UIBackgroundModes', 'CKSharingSupported'];

export const PC09 = defineCheck('PC09', 'info', 'Entitlements or Info.plist that no target uses', (ctx, self) => {
  const out: ProjectFinding[] = [];
  if (ctx.analysis.input.projects.length === 0) return out;
  for (const p of ctx.analysis.plists.values()) {
    if (ctx.analysis.namedPlists.has(p.path) || !p.doc?.root) continue;
    const keys = CLOUD_KEYS.filter((k) => dictEntry(p.doc!.root, k));
    const projects = ctx.analysis.input.projects.map((x) => x.file).join(', ');
    out.push(ctx.finding(self, {
      at: { file: p.path, span: { start: p.doc.root.span.start, end: p.doc.root.span.start + 6 } },
      severity: keys.length ? 'warning' : 'info',
      message: `No target or build configuration in ${projects} names ${p.path} (${p.path.endsWith('.entitlements') ? 'CODE_SIGN_ENTITLEMENTS' : 'INFOPLIST_FILE'}), so it is not part of any build${keys.length ? `: its ${keys.join(', ')} never ship` : ''}. Name it in the target's build settings or delete it.`,
    }));
  }
  return out;
});
