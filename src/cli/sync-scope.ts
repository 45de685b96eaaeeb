import path from 'node:path';
import { setupFilesFor, setupRootOf } from '../core/model/sync-files';
import { EMPTY_SYNC_PLAN, syncScopeFor, type SyncPlan, type SyncScope } from '../core/model/sync-plan';
import type { ModelIR } from '../core/model/ir';
import { loadSyncPlanReader } from '../swift-parser/load-node';
import { nodeFileAccess } from './node-file-access';

/**
 * "Which models sync" on the command line: the sync plan of the Swift setup code of a model's project
 * (src/core/model/sync-files.ts says where it is looked for), read once per project root and run, and the
 * model's sync scope from it, or from `--configuration` (which wins over the code, docs/swiftdata.md).
 * The Swift parser is loaded only when the project has setup code.
 */
export async function cliSyncScope(modelPath: string, model: ModelIR, configuration: string | undefined, cache?: Map<string, Promise<unknown>>): Promise<SyncScope | undefined> {
  // Core Data with --configuration: the code is not needed.
  if (configuration && model.format !== 'swift') return syncScopeFor(model, modelPath, EMPTY_SYNC_PLAN, configuration);
  const plan = await planFor(path.resolve(modelPath), cache);
  return syncScopeFor(model, modelPath, plan, configuration);
}

async function planFor(file: string, cache?: Map<string, Promise<unknown>>): Promise<SyncPlan> {
  const root = await setupRootOf(nodeFileAccess, file);
  if (root === undefined) return EMPTY_SYNC_PLAN;
  const key = `sync-plan:${root}`;
  let p = cache?.get(key) as Promise<SyncPlan> | undefined;
  if (!p) {
    p = (async () => {
      const files = await setupFilesFor(nodeFileAccess, file);
      if (files.length === 0) return EMPTY_SYNC_PLAN;
      const read = await loadSyncPlanReader();
      return read(files.map((f) => ({ path: f.at, text: f.text })));
    })();
    cache?.set(key, p);
  }
  return p;
}
