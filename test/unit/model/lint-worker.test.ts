import assert from 'node:assert/strict';
import path from 'node:path';
import { LintWorkerClient } from '../../../src/extension/model-linting/worker-client';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { syntheticModel } from '../../../bench/cases/lint.bench';
import { REPO_ROOT } from '../../helpers/paths';

describe('model lint worker thread', () => {
  const script = path.join(REPO_ROOT, 'out', 'src', 'extension', 'model-linting', 'lint-worker.js');

  it('gives the same findings as linting in-process, for a big model', async () => {
    const client = new LintWorkerClient(script);
    try {
      const text = syntheticModel(200, 12);
      const viaWorker = await client.lint({ text, mode: 'auto', severities: { CK010: 'off' }, maxFileSizeMB: 10 });
      const inProcess = lintModel(readModelXml(text).model, undefined, { mode: 'auto', severities: { CK010: 'off' } });
      assert.ok(viaWorker && viaWorker.length > 10);
      assert.deepEqual(viaWorker, JSON.parse(JSON.stringify(inProcess)));
      // Requests are matched to answers by id.
      const [a, b] = await Promise.all([
        client.lint({ text, mode: 'never', severities: {}, maxFileSizeMB: 10 }),
        client.lint({ text: 'not xml', mode: 'auto', severities: {}, maxFileSizeMB: 10 }),
      ]);
      assert.deepEqual(a, []);
      assert.equal(b![0].ruleId, 'syntax');
    } finally {
      client.dispose();
    }
  });

  it('answers undefined (lint in-process) when the worker script is missing', async () => {
    const client = new LintWorkerClient(path.join(REPO_ROOT, 'no-such-worker.js'));
    assert.equal(client.available, false);
    assert.equal(await client.lint({ text: '<model/>', mode: 'auto', severities: {}, maxFileSizeMB: 10 }), undefined);
    client.dispose();
  });
});
