import { pbxproj } from './fixtures';

/**
 * A project.pbxproj of at least `minChars` characters: an app and a widget target, the app compiling
 * thousands of files (the shape of a big real project: most of the size is file references and build
 * files). Generated, so the tests and the benchmark need no large file in the repository.
 */
export function bigPbxproj(minChars: number): { text: string; files: number } {
  // One file costs about 240 characters in the two sections it appears in.
  const files = Math.ceil(minChars / 235);
  const sources = Array.from({ length: files }, (_, i) => `App/Generated/File${String(i).padStart(6, '0')}.swift`);
  const app = { CODE_SIGN_ENTITLEMENTS: 'App/App.entitlements', INFOPLIST_FILE: 'App/Info.plist', PRODUCT_BUNDLE_IDENTIFIER: 'com.example.app' };
  let text = pbxproj([
    { name: 'App', settings: { Debug: app, Release: app }, sources, dependencies: ['Widget'] },
    { name: 'Widget', productType: 'com.apple.product-type.app-extension', settings: { Debug: {}, Release: {} }, sources: ['Widget/Widget.swift'] },
  ]);
  let n = files;
  while (text.length < minChars) {
    n = Math.ceil(n * 1.05);
    text = bigPbxproj(Math.ceil(minChars * 1.05)).text;
  }
  return { text, files: n };
}
