import assert from 'node:assert/strict';
import { runProjectChecks } from '../../../src/core/project';
import { readXcodeGenProject } from '../../../src/core/project/xcodegen';

/**
 * Issue 17, found by the project-config fuzz target: a YAML error at the very end of a project.yml (an
 * unclosed quote) was placed one past the end of the text.
 */
describe('XcodeGen reader: YAML error spans stay inside the file', () => {
  const text = 'name: App\ntargets:\n  App:\n    type: application\n    sources:\n      - path: "';

  it('the reader problem and the finding end at the end of the text, not after it', () => {
    const { problems } = readXcodeGenProject(text, 'project.yml');
    assert.ok(problems.length > 0);
    for (const p of problems) assert.ok(p.span.start <= p.span.end && p.span.end <= text.length, JSON.stringify(p.span));
    const run = runProjectChecks([{ path: 'project.yml', text }], undefined);
    const readable = run.findings.filter((f) => f.message.startsWith('Not a readable XcodeGen spec'));
    assert.ok(readable.length > 0);
    for (const f of readable) assert.ok(f.span.end <= text.length, JSON.stringify(f.span));
  });
});
