import { defineCheck, type ProjectFinding } from './check';

/**
 * PC12: XcodeGen `entitlements:` / `info:` `{path, properties}` rewrite that file on every
 * `xcodegen generate` from `properties`, dropping keys that are only in the file [obs CASCADE-1]. A key
 * added in Xcode's Signing & Capabilities (e.g. the iCloud container) then disappears at the next generate.
 */
export const PC12 = defineCheck('PC12', 'warning', 'XcodeGen will drop keys that are only in the file', (ctx, self) => {
  const out: ProjectFinding[] = [];
  for (const project of ctx.analysis.input.projects) {
    for (const target of project.targets) {
      for (const spec of target.generatedFiles ?? []) {
        const ref = ctx.analysis.plists.get(spec.path);
        const root = ref?.doc?.root;
        if (root?.kind !== 'dict') continue;
        const dropped = root.entries.filter((e) => !spec.keys.includes(e.key));
        if (dropped.length === 0) continue;
        out.push(ctx.finding(self, {
          at: spec.at,
          message: `Target ${target.name}: XcodeGen rewrites ${spec.path} from \`${spec.role}.properties\` on every generate, and ${dropped.map((d) => d.key).join(', ')} ${dropped.length === 1 ? 'is' : 'are'} only in the file: the next \`xcodegen generate\` removes ${dropped.length === 1 ? 'it' : 'them'}. Move ${dropped.length === 1 ? 'it' : 'them'} into properties.`,
          related: dropped.slice(0, 5).map((d) => ({ at: { file: spec.path, span: d.keySpan }, message: `${d.key}: only in the file` })),
        }));
      }
    }
  }
  return out;
});
