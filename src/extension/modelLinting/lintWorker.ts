/**
 * Worker thread that lints big models off the extension host's main thread (bundled as
 * dist/model-lint-worker.js). It answers `LintRequest`s with the findings, without fixes: fixes are
 * computed in the host, on demand, for the version the user is looking at.
 */
import { parentPort } from 'node:worker_threads';
import { readModelXml } from '../../core/model/xml';
import { lintModel } from '../../core/rules';
import type { LintRequest, LintResponse } from './workerClient';
import { errorMessage } from '../../core/error-message';

parentPort?.on('message', (m: LintRequest) => {
  let response: LintResponse;
  try {
    const { model } = readModelXml(m.text, { maxFileSizeMB: m.maxFileSizeMB });
    response = { id: m.id, findings: lintModel(model, undefined, { mode: m.mode, severities: m.severities }) };
  } catch (e) {
    response = { id: m.id, error: errorMessage(e) };
  }
  parentPort?.postMessage(response);
});
