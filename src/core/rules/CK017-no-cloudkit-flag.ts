import { defineRule, finding } from './rule';

/**
 * CK017: no `usedWithCloudKit` anywhere. Xcode checks a model for CloudKit only when a configuration
 * has "Used with CloudKit" (fatbobman, reference §3.3), but mirroring is enabled in code, and Apple's own
 * CoreDataCloudKitDemo has no flag (§2.5): so in `auto` mode the rules stay silent and this info says why.
 * Silent too when the app's code (or the user) said which configuration syncs (scope.ts `sync`).
 */
export const CK017 = defineRule('CK017', 'info', 'No configuration is marked Used with CloudKit', (ctx, rule) => {
  const root = ctx.model.root;
  if (ctx.mode !== 'auto' || ctx.scope.flagged || ctx.scope.sync || !root) return [];
  // XML: the element name `model` right after `<`; TypeScript: the `defineModel` callee (its headSpan).
  const span = ctx.model.format === 'xml'
    ? { start: root.headSpan.start + 1, end: Math.min(root.headSpan.start + 6, root.headSpan.end) }
    : root.headSpan;
  return [finding(ctx, rule, {
    span,
    message: 'No configuration of this model is marked "Used with CloudKit", so the CloudKit rules were not applied. '
      + 'If NSPersistentCloudKitContainer mirrors this model, check "Used with CloudKit" in Xcode or set cloudkit.lint.mode to "always".',
  })];
});
