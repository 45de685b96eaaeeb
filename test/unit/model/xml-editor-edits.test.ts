import assert from 'node:assert/strict';
import { escapeXmlAttr, readModelXml } from '../../../src/core/model/xml';
import type { AttributeIR } from '../../../src/core/model/ir';
import type { TextEdit } from '../../../src/core/text/span';
import { after, attribute, editorTestKit, entity, insert, relationship } from './editor-test-kit';

/**
 * The XML model editor's exact text edits on `contents` (Xcode owns that file, so every fix is a minimal
 * insertion, replacement or deletion, never a re-serialization). Each case pins the edit list (offsets
 * found with indexOf in the text, or marked with « » in a template), the whole file after the edits, and
 * that the result still reads without problems. All model texts are small ones written by us.
 */

const wrap = (body: string, nl = '\n'): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${nl}<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0">${nl}${body}${nl}</model>`;

const { read, expectResult } = editorTestKit((text) => readModelXml(text));

describe('XML model editor: escapeXmlAttr', () => {
  it('escapes the five XML specials and writes tab, LF and CR as character references', () => {
    assert.equal(escapeXmlAttr(`a&b<c>d"e'f\tg\nh\ri`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i');
  });
});

describe('XML model editor: setDefaultValue', () => {
  const text = wrap(`    <entity name="A" syncable="YES">
        <attribute name="untyped" optional="YES"/>
        <attribute name="id" optional="YES" attributeType="UUID" usesScalarValueType="NO"/>
        <attribute name="when" optional="YES" attributeType="Date" usesScalarValueType="NO"/>
        <attribute name="count" attributeType="Integer 32" defaultValueString="0" usesScalarValueType="YES"/>
    </entity>`);
  const { model, editor } = read(text);

  it('has no default for an attribute without attributeType (Undefined) nor for UUID', () => {
    assert.equal(editor.setDefaultValue(attribute(model, 'A', 'untyped'), '0'), undefined);
    assert.equal(editor.setDefaultValue(attribute(model, 'A', 'id'), '0'), undefined);
  });

  it('writes a Date default as defaultDateTimeInterval right after attributeType', () => {
    const edits = editor.setDefaultValue(attribute(model, 'A', 'when'), '0')!;
    const at = after(text, 'attributeType="Date"');
    assert.deepEqual(edits, [insert(at, ' defaultDateTimeInterval="0"')]);
    expectResult(text, edits, text.slice(0, at) + ' defaultDateTimeInterval="0"' + text.slice(at));
  });

  it('changes nothing when the attribute already has that default', () => {
    assert.deepEqual(editor.setDefaultValue(attribute(model, 'A', 'count'), '0'), []);
  });

  it('replaces only the value of an existing default, escaped', () => {
    const start = after(text, 'defaultValueString="');
    const edits = editor.setDefaultValue(attribute(model, 'A', 'count'), '7<"')!;
    assert.deepEqual(edits, [{ span: { start, end: start + 1 }, newText: '7&lt;&quot;' }]);
    expectResult(text, edits, text.slice(0, start) + '7&lt;&quot;' + text.slice(start + 1));
  });

  // The anchors after attributeType follow Xcode's order (name, optional, transient, attributeType). A reader
  // always records attributeType when it knows the type, so these nodes are built by hand from parsed ones.
  it('without an attributeType in the tag, inserts after transient, else optional, else name', () => {
    const t = wrap(`    <entity name="A" syncable="YES">
        <attribute name="t" optional="YES" transient="YES" elementID="t1"/>
        <attribute name="o" optional="YES" elementID="o1"/>
        <attribute name="n" elementID="n1"/>
    </entity>`);
    const r = read(t);
    const typed = (name: string): AttributeIR => ({ ...attribute(r.model, 'A', name), attrs: attribute(r.model, 'A', name).attrs, attributeType: 'String' });
    assert.deepEqual(r.editor.setDefaultValue(typed('t'), 'x'), [insert(after(t, 'transient="YES"'), ' defaultValueString="x"')]);
    assert.deepEqual(r.editor.setDefaultValue(typed('o'), 'x'), [insert(after(t, 'name="o" optional="YES"'), ' defaultValueString="x"')]);
    assert.deepEqual(r.editor.setDefaultValue(typed('n'), 'x'), [insert(after(t, 'name="n"'), ' defaultValueString="x"')]);
  });
});

describe('XML model editor: attribute inserted at the end of the start tag', () => {
  const text = wrap(`    <entity name="A" syncable="YES">
        <attribute attributeType="String"  />
        <attribute attributeType="Binary"><userInfo/></attribute>
    </entity>`);
  const { model, editor } = read(text);

  it('lands after the last attribute of a self-closing tag, before its spaces and "/>"', () => {
    const edits = editor.setOptional(entity(model, 'A').attributes[0]);
    const at = after(text, 'attributeType="String"');
    assert.deepEqual(edits, [insert(at, ' optional="YES"')]);
    expectResult(text, edits, text.slice(0, at) + ' optional="YES"' + text.slice(at));
  });

  it('lands just before the ">" of a start tag with children', () => {
    const edits = editor.setOptional(entity(model, 'A').attributes[1]);
    assert.deepEqual(edits, [insert(after(text, 'attributeType="Binary"'), ' optional="YES"')]);
  });
});

describe('XML model editor: setDeletionRule', () => {
  const text = wrap(`    <entity name="B" syncable="YES">
        <relationship name="r1" optional="YES" toMany="YES" minCount="1" maxCount="5" destinationEntity="B"/>
        <relationship name="r2" optional="YES" toMany="YES" minCount="2" destinationEntity="B"/>
        <relationship name="r3" optional="YES" toMany="YES" destinationEntity="B"/>
        <relationship name="r4" optional="YES" destinationEntity="B"/>
        <relationship name="r5" destinationEntity="B"/>
        <relationship name="r6" optional="YES" deletionRule="Nullify" destinationEntity="B"/>
    </entity>`);
  const { model, editor } = read(text);
  const rule = ' deletionRule="Cascade"';

  it('inserts after maxCount, else minCount, else toMany, else optional, else name (Xcode order)', () => {
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'B', 'r1'), 'Cascade'), [insert(after(text, 'maxCount="5"'), rule)]);
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'B', 'r2'), 'Cascade'), [insert(after(text, 'minCount="2"'), rule)]);
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'B', 'r3'), 'Cascade'), [insert(after(text, 'name="r3" optional="YES" toMany="YES"'), rule)]);
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'B', 'r4'), 'Cascade'), [insert(after(text, 'name="r4" optional="YES"'), rule)]);
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'B', 'r5'), 'Cascade'), [insert(after(text, 'name="r5"'), rule)]);
  });

  it('replaces an existing rule in place, escaped, and leaves an equal one alone', () => {
    const start = after(text, 'deletionRule="');
    const edits = editor.setDeletionRule(relationship(model, 'B', 'r6'), 'No Action');
    assert.deepEqual(edits, [{ span: { start, end: start + 'Nullify'.length }, newText: 'No Action' }]);
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'B', 'r6'), 'Nullify'), []);
  });
});

describe('XML model editor: setUnordered', () => {
  const text = wrap(`    <entity name="B" syncable="YES">
        <relationship name="a" optional="YES" toMany="YES" \t\r\n ordered="YES" destinationEntity="B"/>
        <relationship name="b" optional="YES" toMany="YES" destinationEntity="B"/>
    </entity>`);
  const { model, editor } = read(text);

  it('deletes ordered="YES" with all the white space (space, tab, CR, LF) before it', () => {
    const start = after(text, 'name="a" optional="YES" toMany="YES"');
    const end = after(text, 'ordered="YES"');
    const edits = editor.setUnordered(relationship(model, 'B', 'a'));
    assert.deepEqual(edits, [{ span: { start, end }, newText: '' }]);
    expectResult(text, edits, text.slice(0, start) + text.slice(end));
  });

  it('has nothing to do for a relationship without ordered', () => {
    assert.deepEqual(editor.setUnordered(relationship(model, 'B', 'b')), []);
  });
});

describe('XML model editor: addInverseRelationship', () => {
  const el = (name: string, many: boolean, dest: string, inverse: string): string =>
    `<relationship name="${name}" optional="YES"${many ? ' toMany="YES"' : ' maxCount="1"'} deletionRule="Nullify" destinationEntity="${dest}" inverseName="${inverse}" inverseEntity="${dest}"/>`;

  it('adds nothing when the destination entity is not in the model', () => {
    const text = wrap(`    <entity name="A" syncable="YES">
        <relationship name="gone" optional="YES" maxCount="1" destinationEntity="Gone"/>
    </entity>`);
    const { model, editor } = read(text);
    assert.deepEqual(editor.addInverseRelationship(entity(model, 'A'), relationship(model, 'A', 'gone'), { name: 'back', toMany: true }), []);
  });

  it('goes after the last relationship; one insertion after destinationEntity sets inverseName and inverseEntity', () => {
    const text = wrap(`    <entity name="List" syncable="YES">
        <attribute name="title" optional="YES" attributeType="String"/>
        <relationship name="owner" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List"/>
        <relationship name="tags" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="List"/>
    </entity>
    <entity name="Item" syncable="YES">
        <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" syncable="YES"/>
    </entity>`);
    const { model, editor } = read(text);
    const edits = editor.addInverseRelationship(entity(model, 'Item'), relationship(model, 'Item', 'list'), { name: 'items', toMany: true });
    const anchor = after(text, 'toMany="YES" deletionRule="Nullify" destinationEntity="List"/>');
    const own = after(text, 'name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List"');
    const added = `\n        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>`;
    assert.deepEqual(edits, [insert(anchor, added), insert(own, ' inverseName="items" inverseEntity="List"')]);
    expectResult(text, edits, text.slice(0, anchor) + added + text.slice(anchor, own) + ' inverseName="items" inverseEntity="List"' + text.slice(own));
  });

  it('goes after the last attribute when there is no relationship; a wrong inverseName is replaced, inverseEntity follows it', () => {
    const text = wrap(`    <entity name="List" syncable="YES">
        <attribute name="title" optional="YES" attributeType="String"/>
        <attribute name="rank" optional="YES" attributeType="Integer 16" defaultValueString="0" usesScalarValueType="YES"/>
    </entity>
    <entity name="Item" syncable="YES">
        <relationship name="lists" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="List" inverseName="wrong" syncable="YES"/>
    </entity>`);
    const { model, editor } = read(text);
    const edits = editor.addInverseRelationship(entity(model, 'Item'), relationship(model, 'Item', 'lists'), { name: 'item', toMany: false });
    const anchor = after(text, 'usesScalarValueType="YES"/>');
    const wrong = after(text, 'inverseName="');
    const added = `\n        ${el('item', false, 'Item', 'lists')}`;
    assert.deepEqual(edits, [
      insert(anchor, added),
      { span: { start: wrong, end: wrong + 'wrong'.length }, newText: 'item' },
      insert(wrong + 'wrong"'.length, ' inverseEntity="List"'),
    ]);
    expectResult(text, edits, text.slice(0, anchor) + added + text.slice(anchor, wrong) + 'item" inverseEntity="List"' + text.slice(wrong + 'wrong"'.length));
  });

  it('opens a self-closing empty entity (space before "/>"), indenting with the file\'s tabs', () => {
    const text = wrap(`\t<entity name="Empty" syncable="YES" />
\t<entity name="Pin" syncable="YES">
\t\t<relationship name="empty" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Empty" inverseName="pins" inverseEntity="Empty"/>
\t</entity>`);
    const { model, editor } = read(text);
    const edits = editor.addInverseRelationship(entity(model, 'Pin'), relationship(model, 'Pin', 'empty'), { name: 'pins', toMany: true });
    // inverseName and inverseEntity are already right: the only edit is the new element.
    const start = after(text, '<entity name="Empty" syncable="YES"');
    const end = after(text, '<entity name="Empty" syncable="YES" />');
    const newText = `>\n\t\t${el('pins', true, 'Pin', 'empty')}\n\t</entity>`;
    assert.deepEqual(edits, [{ span: { start, end }, newText }]);
    expectResult(text, edits, text.slice(0, start) + newText + text.slice(end));
  });

  it('fills an empty <entity></entity> with the file\'s two-space indent', () => {
    const text = wrap(`  <entity name="Bare" syncable="YES">
  </entity>
  <entity name="Pin" syncable="YES">
    <relationship name="bare" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Bare" inverseName="pins" inverseEntity="Bare"/>
  </entity>`);
    const { model, editor } = read(text);
    const edits = editor.addInverseRelationship(entity(model, 'Pin'), relationship(model, 'Pin', 'bare'), { name: 'pins', toMany: true });
    const at = after(text, '<entity name="Bare" syncable="YES">');
    const newText = `\n    ${el('pins', true, 'Pin', 'bare')}`;
    assert.deepEqual(edits, [insert(at, newText)]);
    expectResult(text, edits, text.slice(0, at) + newText + text.slice(at));
  });

  it('indents with four spaces when the first entity is not indented', () => {
    const text = wrap(`<entity name="Bare" syncable="YES"/>
<entity name="Pin" syncable="YES">
<relationship name="bare" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Bare" inverseName="pins" inverseEntity="Bare"/>
</entity>`);
    const { model, editor } = read(text);
    const edits = editor.addInverseRelationship(entity(model, 'Pin'), relationship(model, 'Pin', 'bare'), { name: 'pins', toMany: true });
    const start = after(text, '<entity name="Bare" syncable="YES"');
    const newText = `>\n    ${el('pins', true, 'Pin', 'bare')}\n</entity>`;
    assert.deepEqual(edits, [{ span: { start, end: start + 2 }, newText }]);
    expectResult(text, edits, text.slice(0, start) + newText + text.slice(start + 2));
  });
});

/**
 * A template with the text each edit must delete between « and »: returns the file text (marks dropped),
 * the expected deletions and the expected file after them.
 */
function marked(template: string): { text: string; edits: TextEdit[]; result: string } {
  let text = '';
  let result = '';
  const edits: TextEdit[] = [];
  let start = -1;
  for (const c of template) {
    if (c === '«') { start = text.length; continue; }
    if (c === '»') { edits.push({ span: { start, end: text.length }, newText: '' }); start = -1; continue; }
    text += c;
    if (start < 0) result += c;
  }
  return { text, edits, result };
}

describe('XML model editor: removeUniquenessConstraints', () => {
  it('has nothing to remove from an entity without constraints', () => {
    const { model, editor } = read(wrap(`    <entity name="A" syncable="YES">
        <attribute name="a" optional="YES" attributeType="String"/>
    </entity>`));
    assert.deepEqual(editor.removeUniquenessConstraints(entity(model, 'A')), []);
  });

  it('removes every block of the entity, whole lines when alone, and skips comments, CDATA and look-alikes', () => {
    // B's block is not A's. In A: a look-alike in a comment, in CDATA (each right after another one, so the
    // skip must start past the opener), in an attribute value and as a longer element name; a comment in a
    // block that holds the end tag; every white space that may follow the element name; blocks sharing
    // their line with a comment (then only the element goes); indents and trailing blanks with tabs.
    const { text, edits, result } = marked(wrap(`    <entity name="B" syncable="YES">
        <attribute name="code" optional="YES" attributeType="String"/>
        <uniquenessConstraints/>
    </entity>
    <entity name="A" syncable="YES">
        <attribute name="code" optional="YES" attributeType="String"/>
        <!-- old --><!-- was: <uniquenessConstraints/> -->
        <![CDATA[x]]><![CDATA[ was: <uniquenessConstraints/>]]>
        <userInfo>
            <entry key="note" value=" uniquenessConstraints "/>
        </userInfo>
        <uniquenessConstraintsNote/>
«        <uniquenessConstraints>
            <!-- a --><!-- was: </uniquenessConstraints> -->
            <uniquenessConstraint>
                <constraint value="code"/>
            </uniquenessConstraint>
        </uniquenessConstraints>
»«\t <uniquenessConstraints/> \t
»«        <uniquenessConstraints ><uniquenessConstraint><constraint value="code"/></uniquenessConstraint></uniquenessConstraints>
»«        <uniquenessConstraints\t/>
»«        <uniquenessConstraints
/>
»        <!-- before -->«<uniquenessConstraints/>»
        «<uniquenessConstraints/>»<!-- after -->
«        <uniquenessConstraints\r/>
»    </entity>`));
    const { model, editor } = read(text);
    const got = editor.removeUniquenessConstraints(entity(model, 'A'));
    assert.deepEqual(got, edits);
    expectResult(text, got, result);
  });

  it('takes the CRLF line break with a block alone on its line', () => {
    const { text, edits, result } = marked(wrap(`    <entity name="A" syncable="YES">\r
        <attribute name="code" optional="YES" attributeType="String"/>\r
«        <uniquenessConstraints\r
/>\r
»    </entity>`, '\r\n'));
    const { model, editor } = read(text);
    const got = editor.removeUniquenessConstraints(entity(model, 'A'));
    assert.deepEqual(got, edits);
    expectResult(text, got, result);
  });
});
