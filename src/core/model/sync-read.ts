import { readContainerSetups } from '../project/container-setup';
import type { SwiftParser } from '../swift/syntax-node';
import { MAX_SETUP_LENGTH, mayHoldSetup } from './sync-files';
import { syncPlanOf, type SetupFileInput, type SyncPlan } from './sync-plan';

/**
 * Parses setup files (those that may hold setup code, sync-files.ts) with the Swift parser and builds their
 * sync plan (sync-plan.ts). Lives in the lazily loaded Swift bundle (src/swift-parser/node-entry.ts) with the
 * container-setup reader. Never throws on bad Swift: what does not parse is left out.
 */
export function syncPlanFromSwift(files: readonly { readonly path: string; readonly text: string }[], parser: SwiftParser): SyncPlan {
  const inputs: SetupFileInput[] = [];
  for (const f of files) {
    if (f.text.length > MAX_SETUP_LENGTH || !mayHoldSetup(f.text)) continue;
    const tree = parser.parse(f.text);
    try {
      inputs.push({ path: f.path, setup: readContainerSetups(tree.rootNode) });
    } finally {
      tree.delete();
    }
  }
  return syncPlanOf(inputs);
}
