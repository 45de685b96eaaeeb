import { replaceScalar } from '../plist-edits';
import { ENT } from '../workspace';
import { defineCheck, describeViews, groupBy, type ProjectFinding } from './check';

/**
 * PC07: a literal `Production` in `com.apple.developer.icloud-container-environment` (values
 * `Development` | `Production`, doc ENT-ENV) in an entitlements file that a debug configuration signs:
 * every debug build then writes to the production schema, where "Cannot create new type X in production
 * schema" / "Cannot create or modify field …" greet a schema that was not deployed [obs HEADROOM-8,
 * SODALITE-45]. Release builds with Production are right (Developer ID and App Store builds are
 * Production [obs HEADROOM-8]); a file shared by Debug and Release needs a per-configuration value.
 */
export const PC07 = defineCheck('PC07', 'warning', 'Production container environment in a debug build', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const prod = ctx.views.filter((v) => v.environment?.value === 'Production' && v.debug);
  for (const group of groupBy(prod, (v) => `${v.entitlements!.path}`).values()) {
    const v = group[0];
    const node = v.environment!.node;
    const path = v.entitlements!.path;
    const alsoRelease = ctx.views.filter((o) => o.entitlements?.path === path && !o.debug);
    out.push(ctx.finding(self, {
      at: { file: path, span: node.span },
      message: `${ENT.environment} is Production in ${path}, which ${describeViews(group)} signs: debug builds write to the production schema and fail with "Cannot create new type … in production schema" for anything not deployed yet.${alsoRelease.length ? ` The file is also signed by ${describeViews(alsoRelease)}: give each configuration its own value (a build setting such as $(CLOUDKIT_ENVIRONMENT) set per configuration, or one file per configuration).` : ''}`,
      fixes: alsoRelease.length === 0
        ? [{ title: 'Use Development', edits: { [path]: [replaceScalar(node, 'Development')] }, isPreferred: true }]
        : [{ title: 'Use $(CLOUDKIT_ENVIRONMENT) (then set CLOUDKIT_ENVIRONMENT per configuration in the build settings)', edits: { [path]: [replaceScalar(node, '$(CLOUDKIT_ENVIRONMENT)')] } }],
    }));
  }
  return out;
});
