/**
 * Worker thread that lints big models off the extension host's main thread (bundled as
 * dist/model-lint-worker.js), for any registered model source. It answers `LintRequest`s with the
 * findings, without fixes: fixes are computed in the host, on demand, for the version the user is looking at.
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../core/error-message';
import { lintModel } from '../../core/rules';
import { modelSources } from '../../model-sources';
import type { LintRequest, LintResponse } from './worker-client';

parentPort?.on('message', (m: LintRequest) => {
  void (async (): Promise<LintResponse> => {
    try {
      const source = modelSources.byId(m.sourceId ?? 'xml');
      if (!source) return { id: m.id, error: `unknown model source '${m.sourceId}'` };
      const { model } = await source.read([{ path: m.path ?? 'contents', text: m.text }], { maxFileSizeMB: m.maxFileSizeMB });
      return { id: m.id, findings: lintModel(model, undefined, { mode: m.mode, severities: m.severities, ...(m.sync ? { sync: m.sync } : {}) }) };
    } catch (e) {
      return { id: m.id, error: errorMessage(e) };
    }
  })().then((response) => parentPort?.postMessage(response));
});
