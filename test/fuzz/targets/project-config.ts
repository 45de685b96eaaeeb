import { runProjectChecks, type WorkspaceFile } from '../../../src/core/project';
import { appAndWidgetSharingOneStore } from '../../unit/project/fixtures';
import { corpusWorkspaces } from '../../unit/project/corpus-workspaces';
import { checkFindingRanges, corpusPresent, fail, mutate, noteInput, OK, Prng, type FuzzResult, type FuzzTarget } from '../support';

/**
 * Project configuration (src/core/project: the pbxproj, XcodeGen YAML, plist/entitlements and xcconfig
 * readers and the PC checks): a workspace (one of the corpus projects, grouped by repository as the corpus
 * tests do, or our hand-made app + widget project) with one to three of its files mutated, through
 * `runProjectChecks` (without the Swift parser: the swift-model target covers the wasm reader). No
 * exception; every finding's span and range inside its file.
 */
let workspaces: { name: string; files: WorkspaceFile[] }[] | undefined;
const VOCABULARY = ['<key>com.apple.developer.icloud-container-identifiers</key>', '<array><string>iCloud.x</string></array>', '<true/>', '<dict>', '</dict>', '<key>', '</plist>',
  'CODE_SIGN_ENTITLEMENTS = "App/App.entitlements";', 'isa = PBXNativeTarget;', '};', '{', '/* c */', '"', '<<<<<<< HEAD', '=======', '>>>>>>> b',
  'targets:\n  App:\n    type: application\n', 'entitlements:\n  path: x', ': ', '- ', '&a', '*a', '!!binary', '$(inherited)', '#include "x.xcconfig"'];

const decode = (f: WorkspaceFile): string => f.text ?? new TextDecoder().decode(f.bytes);

export const target: FuzzTarget = {
  name: 'project-config',
  defaultCount: 10000,
  check(seed: number): FuzzResult {
    workspaces ??= [
      { name: 'fixture app + widget', files: appAndWidgetSharingOneStore() },
      ...(corpusPresent() ? corpusWorkspaces().map((w) => ({ name: w.repo, files: w.files })) : []),
    ];
    const rng = new Prng(seed);
    const ws = rng.pick(workspaces);
    const files = [...ws.files];
    const texts = new Map<string, string>();
    for (let k = 1 + rng.int(3); k > 0; k--) {
      const i = rng.int(files.length);
      const f = files[i];
      const text = mutate(rng, decode(f), VOCABULARY, decode(rng.pick(files)));
      files[i] = f.bytes ? { path: f.path, bytes: new TextEncoder().encode(text) } : { path: f.path, text };
    }
    for (const f of files) texts.set(f.path, decode(f));
    noteInput(files.map((f) => `=== ${f.path} ===\n${texts.get(f.path)}`).join('\n'));
    const run = runProjectChecks(files, undefined);
    for (const f of run.findings) {
      const text = texts.get(f.file);
      if (text === undefined) continue; // a finding on a file the workspace lacks (a missing entitlements file) has no text
      const r = checkFindingRanges(text, [f]);
      if (!r.ok) return fail(r.kind, `${r.detail} in ${f.file} (${ws.name})`);
    }
    return OK;
  },
};
