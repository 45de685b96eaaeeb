import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { changeKey, checkModelAgainstProduction, checkModelEvolution, diffModelVersions } from '../../../src/core/deploy';
import { readModelIR } from '../../../src/core/model/xml';
import { LineIndex } from '../../../src/core/text/span';
import { EXAMPLES_DIR } from '../../helpers/paths';

const bundle = path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld');
const v1Text = fs.readFileSync(path.join(bundle, 'ShoppingList.xcdatamodel', 'contents'), 'utf8');
const v2Text = fs.readFileSync(path.join(bundle, 'ShoppingList 2.xcdatamodel', 'contents'), 'utf8');
const prodText = fs.readFileSync(path.join(EXAMPLES_DIR, 'cloudkit', 'production.ckdb'), 'utf8');
const devText = fs.readFileSync(path.join(EXAMPLES_DIR, 'cloudkit', 'development.ckdb'), 'utf8');

const model = (entities: string, root = 'usedWithCloudKit="YES"') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0" ${root}>\n${entities}\n</model>`;
const lineOf = (text: string, offset: number | undefined) => new LineIndex(text).positionAt(offset ?? -1).line + 1;

describe('core/deploy checkModelAgainstProduction', () => {
  it('the examples: version 1 is what production has; version 2 needs a deploy first', () => {
    const prod = parseCkdb(prodText).schema;
    assert.deepEqual(checkModelAgainstProduction(readModelIR(v1Text), prod).changes, []);
    const plan = checkModelAgainstProduction(readModelIR(v2Text), prod);
    assert.equal(plan.deployable, false);
    assert.deepEqual(plan.changes.map(changeKey), [
      'blocked record-type-missing-in-production CDMR',
      'blocked field-missing-in-production CD_Item.CD_isChecked',
      'blocked field-missing-in-production CD_Item.CD_note',
      'blocked field-missing-in-production CD_Item.CD_photo',
      'blocked field-type-mismatch-in-production CD_Item.CD_quantity',
      'blocked record-type-missing-in-production CD_JournalEntry',
      'blocked record-type-missing-in-production CD_Member',
      'blocked field-missing-in-production CD_ShoppingList.CD_owner',
      'blocked record-type-missing-in-production CD_Tag',
      'warning field-missing-in-production-sometimes CD_Item.CD_note_ckAsset',
      'warning field-missing-in-production-sometimes CD_Item.CD_photo_ckAsset',
    ]);
    const isChecked = plan.changes[1];
    assert.match(isChecked.message, /"Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema"/);
    assert.equal(lineOf(v2Text, isChecked.devSpan?.start), 5, 'points at the isChecked attribute');
    assert.match(plan.changes[5].message, /"Cannot create new type CD_JournalEntry in production schema"/);
    // The development schema has everything version 2 writes.
    assert.deepEqual(checkModelAgainstProduction(readModelIR(v2Text), parseCkdb(devText).schema).changes, []);
  });

  it('only entities of a CloudKit configuration are mirrored when one is marked', () => {
    const m = readModelIR(model(`<entity name="A"><attribute name="x" attributeType="String" optional="YES"/></entity>
<entity name="Local"><attribute name="y" attributeType="String" optional="YES"/></entity>
<configuration name="Cloud" usedWithCloudKit="YES"><memberEntity name="A"/></configuration>`, ''));
    const plan = checkModelAgainstProduction(m, parseCkdb('DEFINE SCHEMA\n').schema);
    assert.deepEqual(plan.changes.map(changeKey), ['blocked record-type-missing-in-production CD_A']);
  });
});

describe('core/deploy diffModelVersions and CK016', () => {
  it('the examples: the renamed and the retyped attribute of Item', () => {
    const changes = diffModelVersions(readModelIR(v1Text), readModelIR(v2Text));
    assert.deepEqual(changes.map(changeKey), ['blocked attribute-renamed CD_Item.CD_checked', 'blocked attribute-type-changed CD_Item.CD_quantity']);
    assert.deepEqual(changes[0].probableRename, { from: 'checked', to: 'isChecked' });
    const findings = checkModelEvolution(readModelIR(v1Text), readModelIR(v2Text), { previousFile: 'v1/contents' });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line + 1]), [['CK016', 'warning', 5], ['CK016', 'warning', 8]]);
    assert.match(findings[1].message, /Integer 16 to Double.*INT64 to DOUBLE/);
    assert.equal(findings[0].related?.[0].file, 'v1/contents');
  });

  const prev = model(`<entity name="Post" elementID="P"><attribute name="title" attributeType="String" optional="YES"/>
<attribute name="body" attributeType="String" optional="YES"/><attribute name="n" attributeType="Integer 16" optional="YES"/>
<attribute name="secret" attributeType="String" optional="YES"/>
<relationship name="author" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Person" inverseName="posts" inverseEntity="Person"/></entity>
<entity name="Person"><attribute name="name" attributeType="String" optional="YES"/>
<relationship name="posts" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Post" inverseName="author" inverseEntity="Post"/></entity>
<entity name="ImagePost" parentEntity="Post"><attribute name="url" attributeType="URI" optional="YES"/></entity>
<entity name="Gone"><attribute name="z" attributeType="Date" optional="YES"/></entity>`);

  it('every kind: entity removed and renamed, attribute removed/retyped, relationship changes, root entity changed', () => {
    const cur = model(`<entity name="Article" elementID="Post"><attribute name="title" attributeType="String" optional="YES"/>
<attribute name="n" attributeType="Integer 32" optional="YES"/><attribute name="secret" attributeType="String" optional="YES" allowsCloudEncryption="YES"/>
<relationship name="writers" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Person" inverseName="posts" inverseEntity="Person" elementID="author"/></entity>
<entity name="Person"><attribute name="name" attributeType="String" optional="YES"/>
<relationship name="posts" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Article" inverseName="writers" inverseEntity="Article"/></entity>
<entity name="ImagePost"><attribute name="url" attributeType="URI" optional="YES"/></entity>`);
    const changes = diffModelVersions(readModelIR(prev), readModelIR(cur));
    assert.deepEqual(changes.map((c) => `${changeKey(c)} (${c.entity}${c.property ? '.' + c.property : ''})`), [
      // Person.posts was the to-many side of a one-to-many (nothing stored); now many-to-many (CDMR).
      'blocked relationship-cardinality-changed CD_Person (Person.posts)',
      'blocked entity-renamed CD_Post (Article)',
      'blocked root-entity-changed CD_Post (ImagePost)',
      'blocked relationship-cardinality-changed CD_Post.CD_author (Article.writers)',
      'blocked relationship-renamed CD_Post.CD_author (Article.writers)',
      'blocked attribute-type-changed CD_Post.CD_secret (Article.secret)',
      // Removals delete nothing in CloudKit and block no deploy (issue 13).
      'warning entity-removed CD_Gone (Gone)',
      'warning attribute-removed CD_Post.CD_body (Article.body)',
      'warning attribute-type-changed-same-field CD_Post.CD_n (Article.n)',
    ]);
    assert.match(changes.find((c) => c.kind === 'root-entity-changed')!.message, /from record type CD_Post to CD_ImagePost/);
    assert.match(changes.find((c) => c.kind === 'attribute-type-changed')!.message, /from STRING to ENCRYPTED STRING/);
  });

  it('an entity rename fails the migration of any CloudKit store (134110), development included: CK016 error with Core Data\'s text', () => {
    const cur = prev.replace('<entity name="Gone">', '<entity name="Went" elementID="Gone">');
    const [change] = diffModelVersions(readModelIR(prev), readModelIR(cur));
    assert.equal(change.kind, 'entity-renamed');
    assert.equal(change.migrationError, "CloudKit integration forbids renaming 'Gone' to 'Went'. Older devices can't process the new records.");
    const [f] = checkModelEvolution(readModelIR(prev), readModelIR(cur));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /in development as in production: NSCocoaErrorDomain 134110 "Cannot migrate store in-place: CloudKit integration forbids renaming 'Gone' to 'Went'\. Older devices can't process the new records\."/);
    assert.doesNotMatch(f.message, /harmless|Blocked once/);
  });

  it('a many-to-many relationship rename is an error too; a one-to-many rename stays a production warning', () => {
    const m2m = (name: string, elementID = '') => model(`<entity name="Tag"><relationship name="${name}" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Note" inverseName="tags" inverseEntity="Note"${elementID}/></entity>
<entity name="Note"><relationship name="tags" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Tag" inverseName="${name}" inverseEntity="Tag"/>
<relationship name="owner" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Tag" inverseName="owned" inverseEntity="Tag"/></entity>`);
    const before = m2m('notes');
    const after = m2m('entries', ' elementID="notes"');
    const findings = checkModelEvolution(readModelIR(before), readModelIR(after));
    const rename = findings.find((f) => /Many-to-many relationship 'Tag.notes' is renamed to 'entries'/.test(f.message));
    assert.equal(rename?.severity, 'error');
    assert.match(rename!.message, /CloudKit integration forbids renaming 'notes' to 'entries'/);
    const oneToMany = diffModelVersions(readModelIR(prev), readModelIR(prev.replace('name="author" optional', 'name="writer" elementID="author" optional')
      .replace('inverseName="author"', 'inverseName="writer"')));
    const r = oneToMany.find((c) => c.kind === 'relationship-renamed');
    assert.ok(r && r.migrationError === undefined);
  });

  it('a removal says what really happens: nothing deleted, no deploy blocked, older versions keep the data', () => {
    const cur = prev.replace(/<entity name="Gone">.*?<\/entity>/s, '').replace('<attribute name="body" attributeType="String" optional="YES"/>', '');
    const changes = diffModelVersions(readModelIR(prev), readModelIR(cur));
    assert.deepEqual(changes.map(changeKey), ['warning entity-removed CD_Gone', 'warning attribute-removed CD_Post.CD_body']);
    assert.match(changes[0].message, /Nothing is deleted in CloudKit: record type CD_Gone and the records it holds stay.*a deploy is not blocked\. Older app versions keep creating/);
    assert.match(changes[1].message, /Nothing is deleted in CloudKit: field CD_body and the values records already hold stay/);
    const findings = checkModelEvolution(readModelIR(prev), readModelIR(cur));
    assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning']);
    assert.ok(findings.every((f) => !/Blocked once/.test(f.message)));
  });

  it('an unchanged model, a model without CloudKit, and an unreadable one give nothing', () => {
    assert.deepEqual(diffModelVersions(readModelIR(prev), readModelIR(prev)), []);
    const noCk = (s: string) => readModelIR(s.replace('usedWithCloudKit="YES"', ''));
    const cur = prev.replace(/<entity name="Gone">.*?<\/entity>/s, '');
    assert.equal(checkModelEvolution(readModelIR(prev), readModelIR(cur)).length, 1);
    assert.deepEqual(checkModelEvolution(noCk(prev), noCk(cur)), []);
    assert.equal(checkModelEvolution(noCk(prev), noCk(cur), { always: true }).length, 1);
    assert.deepEqual(checkModelEvolution(readModelIR(prev), readModelIR('<model><entity')), []);
  });
});
