import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint';

/** Bad Swift input through `ckdev lint` on a folder: a diagnostic at each range, the rest of the model still checked. */
describe('ckdev lint on bad SwiftData input', () => {
  it('a broken class, @Model on a struct and a type from another module are warnings at their lines; CK002 is still found', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-swift-badin-'));
    const files: Record<string, string> = {
      'Package.swift': '// swift-tools-version:5.9\n',
      'Struct.swift': '@Model struct Settings { var theme: String = "" }\n',
      'Item.swift': 'import Other\n@Model class Item {\n    var when: ExternalAlias = .init()\n    var title: String\n}\n',
      'Broken.swift': '@Model class Broken {\n  var a: String = "" +* / ) \n  func f( { \n}\n',
      'Garbage.swift': '}}} @@@ class { var = = ( ) ]]] @Model let\n',
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    let out = '';
    const code = await lintCommand.run([dir, '--format', 'json'], { stdout: (s) => { out += s; }, stderr: () => {} });
    assert.equal(code, 1, out);
    const found = (JSON.parse(out) as { file: string; rule: string; severity: string; range: { start: { line: number } } }[])
      .map((f) => `${path.basename(f.file)}:${f.range.start.line + 1} ${f.rule} ${f.severity}`).sort();
    assert.ok(found.includes('Item.swift:4 CK002 error'), found.join('\n'));
    assert.ok(found.includes('Item.swift:3 syntax warning'), found.join('\n'));
    assert.ok(found.includes('Struct.swift:1 syntax warning'), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('Broken.swift:2 syntax warning')), found.join('\n'));
    assert.ok(found.filter((f) => f.includes(' error')).length === 1, 'only the real CloudKit error is an error');
  });
});
