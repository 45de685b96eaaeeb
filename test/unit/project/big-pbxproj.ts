import { pbxproj } from './fixtures';

/**
 * A project.pbxproj of at least `minChars` characters (and less than 2 % more): an app and a widget
 * target, the app compiling thousands of files (the shape of a big real project: most of the size is file
 * references and build files). Generated, so the tests and the benchmark need no large file in the repo.
 */
function build(files: number): string {
  const sources = Array.from({ length: files }, (_, i) => `App/Generated/File${String(i).padStart(6, '0')}.swift`);
  const app = { CODE_SIGN_ENTITLEMENTS: 'App/App.entitlements', INFOPLIST_FILE: 'App/Info.plist', PRODUCT_BUNDLE_IDENTIFIER: 'com.example.app' };
  return pbxproj([
    { name: 'App', settings: { Debug: app, Release: app }, sources, dependencies: ['Widget'] },
    { name: 'Widget', productType: 'com.apple.product-type.app-extension', settings: { Debug: {}, Release: {} }, sources: ['Widget/Widget.swift'] },
  ]);
}

export function bigPbxproj(minChars: number): { text: string; files: number } {
  // The size grows linearly with the file count: measure the cost of one file, then size the project.
  const base = build(0).length;
  const perFile = (build(100).length - base) / 100;
  let files = Math.max(0, Math.ceil((minChars - base) / perFile));
  let text = build(files);
  while (text.length < minChars) text = build(++files);
  return { text, files };
}
