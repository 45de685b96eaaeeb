import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint';
import { schemaCommand } from '../../../src/cli/commands/schema';
import type { CliCommand } from '../../../src/cli/main';
import { CLOUD_AND_LOCAL_MODEL } from '../model/fixtures';

async function run(cmd: CliCommand, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cmd.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

const MODEL = CLOUD_AND_LOCAL_MODEL;

const STACK = `import CoreData

final class Stack {
    let container = NSPersistentCloudKitContainer(name: "Shop")
    init() {
        let cloud = NSPersistentStoreDescription(url: URL(fileURLWithPath: "/tmp/cloud.sqlite"))
        cloud.configuration = "Cloud"
        cloud.cloudKitContainerOptions = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.com.example.shop")
        let local = NSPersistentStoreDescription(url: URL(fileURLWithPath: "/tmp/local.sqlite"))
        local.configuration = "Local"
        container.persistentStoreDescriptions = [cloud, local]
    }
}
`;

/** A project folder: an Xcode project marker, the model, and optionally the setup code. */
function project(withCode: boolean): { dir: string; model: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-sync-'));
  fs.mkdirSync(path.join(dir, 'Shop.xcodeproj'));
  fs.writeFileSync(path.join(dir, 'Shop.xcodeproj', 'project.pbxproj'), '// !$*UTF8*$!\n{ }\n');
  const bundle = path.join(dir, 'Shop', 'Shop.xcdatamodeld', 'Shop.xcdatamodel');
  fs.mkdirSync(bundle, { recursive: true });
  fs.writeFileSync(path.join(bundle, 'contents'), MODEL);
  if (withCode) fs.writeFileSync(path.join(dir, 'Shop', 'Stack.swift'), STACK);
  return { dir, model: path.join(bundle, 'contents') };
}

const ids = (json: string): string[] => (JSON.parse(json) as { rule: string }[]).map((f) => f.rule).sort();

describe('ckdev: which configuration syncs (code, --configuration)', () => {
  const dirs: string[] = [];
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  it('lint reads the project\'s setup code: only the synced "Cloud" configuration is checked', async () => {
    const p = project(true);
    dirs.push(p.dir);
    const r = await run(lintCommand, p.model, '--format', 'json');
    assert.deepEqual(ids(r.out), ['CK002'], r.err);
    assert.equal(r.code, 1);
  });

  it('lint without setup code: no flag, so only CK017; --configuration picks one', async () => {
    const p = project(false);
    dirs.push(p.dir);
    assert.deepEqual(ids((await run(lintCommand, p.model, '--format', 'json')).out), ['CK017']);
    assert.deepEqual(ids((await run(lintCommand, p.model, '--format', 'json', '--configuration', 'Local')).out), ['CK001']);
    assert.deepEqual(ids((await run(lintCommand, p.model, '--format', 'json', '--configuration=Default')).out), ['CK001', 'CK002']);
  });

  it('--configuration wins over the code', async () => {
    const p = project(true);
    dirs.push(p.dir);
    assert.deepEqual(ids((await run(lintCommand, p.model, '--format', 'json', '--configuration', 'Local')).out), ['CK001']);
  });

  it('schema: the synced configuration\'s record types alone; --configuration; an unknown configuration is a usage error', async () => {
    const p = project(true);
    dirs.push(p.dir);
    const fromCode = await run(schemaCommand, p.model, '--profile', 'minimal');
    assert.equal(fromCode.code, 0, fromCode.err);
    assert.match(fromCode.out, /RECORD TYPE CD_Item/);
    assert.doesNotMatch(fromCode.out, /CD_Log/);
    const local = await run(schemaCommand, p.model, '--profile', 'minimal', '--configuration', 'Local');
    assert.match(local.out, /RECORD TYPE CD_Log/);
    assert.doesNotMatch(local.out, /CD_Item/);
    const bad = await run(schemaCommand, p.model, '--configuration', 'Nope');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /no configuration "Nope" \(it has "Default", "Cloud", "Local"\)/);
    const empty = await run(lintCommand, p.model, '--configuration', '');
    assert.equal(empty.code, 2);
  });

  it('SwiftData: a .none store\'s models are not checked; --configuration names a ModelConfiguration', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-sync-sd-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'Package.swift'), '// swift-tools-version:5.9\nimport PackageDescription\nlet package = Package(name: "App")\n');
    fs.writeFileSync(path.join(dir, 'Models.swift'), `import SwiftData
@Model final class Note { var title: String = "" }
@Model final class Mail { @Attribute(.unique) var id: String = "" }
`);
    fs.writeFileSync(path.join(dir, 'Database.swift'), `import SwiftData
let synced = ModelConfiguration("Synced", schema: Schema([Note.self]), cloudKitDatabase: .private("iCloud.x"))
let local = ModelConfiguration("Local", schema: Schema([Mail.self]), cloudKitDatabase: .none)
`);
    const models = path.join(dir, 'Models.swift');
    assert.deepEqual(ids((await run(lintCommand, models, '--format', 'json')).out), []);
    assert.deepEqual(ids((await run(lintCommand, models, '--format', 'json', '--configuration', 'Local')).out), ['CK001']);
    const schema = await run(schemaCommand, dir, '--profile', 'minimal');
    assert.match(schema.out, /CD_Note/);
    assert.doesNotMatch(schema.out, /CD_Mail/);
  });
});
