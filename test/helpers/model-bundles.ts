import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Model bundles written by the test (never copied): what the current-version resolver must agree on
 * through every adapter. Each case names the version it must resolve to, and why.
 */
export interface BundleCase {
  readonly bundle: string;
  readonly expected: string;
  readonly why: string;
}

const MODEL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0"><entity name="Item" syncable="YES"/></model>\n';
const plist = (name: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>_XCCurrentVersionName</key><string>${name}</string></dict></plist>\n`;

function version(dir: string, withContents = true): void {
  fs.mkdirSync(dir, { recursive: true });
  if (withContents) fs.writeFileSync(path.join(dir, 'contents'), MODEL);
}

/** Writes the bundles into a fresh temp folder; returns it and the cases. */
export function writeModelBundles(): { root: string; cases: BundleCase[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-versions-'));
  const cases: BundleCase[] = [];
  const add = (name: string, expected: string, why: string, build: (b: string) => void): void => {
    const b = path.join(root, name);
    fs.mkdirSync(b);
    build(b);
    cases.push({ bundle: b, expected, why });
  };
  add('Named.xcdatamodeld', 'Model 2.xcdatamodel', '.xccurrentversion names it', (b) => {
    for (const v of ['Model', 'Model 2', 'Model 10']) version(path.join(b, `${v}.xcdatamodel`));
    fs.writeFileSync(path.join(b, '.xccurrentversion'), plist('Model 2.xcdatamodel'));
  });
  add('NoPlist.xcdatamodeld', 'Model 10.xcdatamodel', 'no .xccurrentversion: the last by version name (10 after 2)', (b) => {
    for (const v of ['Model', 'Model 2', 'Model 10']) version(path.join(b, `${v}.xcdatamodel`));
  });
  add('Linked.xcdatamodeld', 'Model 2.xcdatamodel', 'the current version folder is a symbolic link', (b) => {
    version(path.join(b, 'Model.xcdatamodel'));
    version(path.join(root, 'elsewhere', 'Model 2.xcdatamodel'));
    fs.symlinkSync(path.join(root, 'elsewhere', 'Model 2.xcdatamodel'), path.join(b, 'Model 2.xcdatamodel'), 'dir');
    fs.writeFileSync(path.join(b, '.xccurrentversion'), plist('Model 2.xcdatamodel'));
  });
  add('LinkedNoPlist.xcdatamodeld', 'Model 3.xcdatamodel', 'no .xccurrentversion, and the last version is a symbolic link', (b) => {
    version(path.join(b, 'Model 2.xcdatamodel'));
    version(path.join(root, 'elsewhere', 'Model 3.xcdatamodel'));
    fs.symlinkSync(path.join(root, 'elsewhere', 'Model 3.xcdatamodel'), path.join(b, 'Model 3.xcdatamodel'), 'dir');
  });
  add('Stale.xcdatamodeld', 'Model 2.xcdatamodel', '.xccurrentversion names a version that is gone; an empty version folder does not count', (b) => {
    version(path.join(b, 'Model.xcdatamodel'));
    version(path.join(b, 'Model 2.xcdatamodel'));
    version(path.join(b, 'Model 3.xcdatamodel'), false);
    fs.writeFileSync(path.join(b, '.xccurrentversion'), plist('Model 9.xcdatamodel'));
  });
  add('Broken.xcdatamodeld', 'Model 2.xcdatamodel', 'a malformed .xccurrentversion and a dangling link are ignored', (b) => {
    version(path.join(b, 'Model.xcdatamodel'));
    version(path.join(b, 'Model 2.xcdatamodel'));
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(b, 'Model 5.xcdatamodel'), 'dir');
    fs.writeFileSync(path.join(b, '.xccurrentversion'), '<plist><dict><key>_XCCurrentVersionName');
  });
  return { root, cases };
}
