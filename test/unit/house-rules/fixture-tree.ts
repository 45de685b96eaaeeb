import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Writes a throw-away tree of tiny source files (root-relative path -> text) into a fresh temp folder
 * and returns its path; the house-rules tests run the repository's checks on it.
 */
export function writeFixtureTree(prefix: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

export function removeFixtureTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
