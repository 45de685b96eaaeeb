import assert from 'node:assert/strict';
import { runProjectChecks, type ProjectFinding } from '../../../src/core/project';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { corpusWorkspaces } from './corpus-workspaces';

/**
 * The corpus MANIFEST.tsv names these misconfigurations; each must be found, at the named file, and
 * nothing else may be reported by a PC check (the other samples are configured correctly). Findings with
 * ruleId `project` say that a file the project names is not in the corpus (only some files were saved).
 */
const EXPECTED: Record<string, string[]> = {
  // app + iMessage extension sync one App Group store (TN3164 134410)
  'jazzychad/iCloudCoreDataStarter': ['PC08 iCloudCoreDataStarter/CoreDataStack/CoreDataStack.swift'],
  // generated Info.plist without remote-notification; unused Info.plist and entitlements
  'ivan-wize/Plenty': ['PC05 Plenty/App/ModelContainerFactory.swift', 'PC09 Plenty/Resources/Info.plist', 'PC09 Plenty/Resources/Plenty.entitlements'],
  // no aps-environment key at this commit
  'LeeTaek/Carve': ['PC06 App/CarveApp/Support/Carve.entitlements'],
  // the iCloud fragment no configuration names (merged by a script)
  'michellzappa/headroom': ['PC09 macos/Headroom-iCloud.entitlements'],
  // INFOPLIST_KEY_UIBackgroundModes is not written; app + widget sync the App Group store (both ModelConfiguration calls)
  'scastiel/kado': ['PC05 Kado.xcodeproj/project.pbxproj', 'PC08 Packages/KadoCore/Sources/KadoCore/SharedStore.swift', 'PC08 Packages/KadoCore/Sources/KadoCore/SharedStore.swift'],
  // Debug builds carry no CloudKit entitlement
  'boyugou/lorvex': ['PC01 apps/apple/Config/LorvexMobileApp.entitlements'],
};

describe('project checks on the project-config corpus', () => {
  it('reads every corpus workspace without an exception, finds each named misconfiguration and nothing else', async function () {
    this.timeout(60_000);
    const parser = await loadSwiftParser();
    const workspaces = corpusWorkspaces();
    assert.ok(workspaces.length >= 13, `corpus workspaces: ${workspaces.length}`);
    const figures = { workspaces: 0, files: 0, targets: 0, configurations: 0, checkFindings: 0, missingFileNotes: 0, errors: 0 };
    for (const ws of workspaces) {
      const run = runProjectChecks(ws.files, parser);
      const pc = run.findings.filter((f: ProjectFinding) => f.ruleId.startsWith('PC'));
      const other = run.findings.filter((f) => !f.ruleId.startsWith('PC'));
      for (const f of other) assert.match(f.message, /is not in the workspace/, `${ws.repo}: unexpected reader problem ${f.file}: ${f.message}`);
      assert.deepEqual(pc.map((f) => `${f.ruleId} ${f.file}`).sort(), (EXPECTED[ws.repo] ?? []).slice().sort(), `${ws.repo}: ${pc.map((f) => f.message).join('\n')}`);
      assert.ok(run.summary.targets.length > 0, `${ws.repo}: no targets read`);
      figures.workspaces++;
      figures.files += ws.files.length;
      figures.targets += run.summary.targets.length;
      figures.configurations += run.summary.targets.reduce((n, t) => n + t.configurations.length, 0);
      figures.checkFindings += pc.length;
      figures.missingFileNotes += other.length;
      figures.errors += pc.filter((f) => f.severity === 'error').length;
    }
    if (process.env.CKDEV_PRINT) console.log(JSON.stringify(figures));
    assert.equal(figures.errors, 0, 'the corpus samples have no error-level misconfiguration');
  });
});
