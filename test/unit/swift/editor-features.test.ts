import assert from 'node:assert/strict';
import { swiftHoverAt, swiftSymbols } from '../../../src/core/model/swift/editor-features';
import { readSwift } from '../../helpers/swift';

describe('SwiftData hover and outline', () => {
  const files = {
    'A.swift': '@Model class Author {\n  var name: String = ""\n  var books: [Book]? = []\n}\n',
    'B.swift': '// books\n@Model class Book {\n  var title: String?\n  var author: Author?\n}\n',
  };

  it('hover on a property names the CloudKit record type and field it becomes, in its own file', async () => {
    const m = await readSwift(files);
    const text = files['B.swift'];
    const h = swiftHoverAt(m, 'B.swift', text.indexOf('title') + 2)!;
    assert.equal(text.slice(h.span.start, h.span.end), 'title');
    assert.match(h.lines.join('\n'), /CD_Book/);
    assert.match(h.lines.join('\n'), /CD_title/);
    const r = swiftHoverAt(m, 'B.swift', text.indexOf('author'))!;
    assert.match(r.lines.join('\n'), /CD_author/);
    assert.equal(swiftHoverAt(m, 'B.swift', 0), undefined, 'nothing on a comment');
  });

  it('the outline lists the classes of the file with their properties, file-local', async () => {
    const m = await readSwift(files);
    const symbols = swiftSymbols(m, 'B.swift');
    assert.deepEqual(symbols.map((s) => `${s.name}: ${s.children.map((c) => `${c.name} ${c.detail}`).join(', ')}`), ['Book: title String?, author to-one Author?']);
    assert.equal(files['B.swift'].slice(symbols[0].selectionSpan.start, symbols[0].selectionSpan.end), 'Book');
  });
});
