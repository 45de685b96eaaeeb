import assert from 'node:assert/strict';
import { CheckContext, defineCheck, describeViews, entitlementsAt, groupBy, refKey, type ProjectCheck } from '../../../src/core/project/checks/check';
import { checkProject, problemFindings, PROJECT_CHECKS } from '../../../src/core/project/checks';
import type { ProjectProblem } from '../../../src/core/project/model';
import { readPlist } from '../../../src/core/project/plist';
import type { ConfigView, PlistRef, ProjectAnalysis } from '../../../src/core/project/workspace';

/**
 * What every PC check shares (checks/check.ts, checks/index.ts): how a finding is built (range from the
 * file's text, related locations in other files, fixes split into own-file edits and `otherFiles`), the
 * grouping and description helpers, where an entitlements finding sits, the check list, reader problems
 * as findings, severity overrides, ordering, and a failing check not hiding the others. Analyses here are
 * hand-made objects of the shape the checks read; texts are written by us.
 */

/** Line/character of an offset, counted here (not with the LineIndex under test). */
function pos(text: string, offset: number) {
  const line = text.slice(0, offset).split('\n').length - 1;
  return { line, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}
const rangeIn = (text: string, start: number, end: number) => ({ start: pos(text, start), end: pos(text, end) });

interface FakeAnalysis {
  plists?: Map<string, PlistRef>;
  files?: Record<string, string>;
  problems?: ProjectProblem[];
  projects?: { file: string }[];
  views?: () => ConfigView[];
}
function analysis(a: FakeAnalysis = {}): ProjectAnalysis {
  const files = a.files ?? {};
  return {
    input: { projects: (a.projects ?? []).map((p) => ({ targets: [], ...p })), files: { read: (p: string) => (p in files ? { text: files[p] } : undefined) }, swift: [] },
    get views() { return a.views ? a.views() : []; },
    problems: a.problems ?? [], plists: a.plists ?? new Map(), namedPlists: new Set(), stores: [], constants: new Map(),
  } as unknown as ProjectAnalysis;
}

const CHECK: ProjectCheck = { id: 'PCX', title: 'test', defaultSeverity: 'info', docUrl: 'https://example.com/PCX.md', check: () => [] };
const OWN = 'line one\nline two has the spot\n';
const OTHER = 'a\nb\nc\nthe related place\n';

/** A view with only what the helpers read. */
const view = (target: string, configuration: string, extra: Partial<Record<string, unknown>> = {}) =>
  ({ target: { name: target }, configuration: { name: configuration }, ...extra } as unknown as ConfigView);

describe('project: check helpers and the check runner', () => {
  describe('CheckContext', () => {
    it('textOf: a read plist\'s text first, then the workspace file, else the empty string', () => {
      const doc = readPlist('<plist><dict/></plist>');
      const ctx = new CheckContext(analysis({
        plists: new Map<string, PlistRef>([['A.entitlements', { path: 'A.entitlements', doc }], ['B.plist', { path: 'B.plist', problem: 'binary' }]]),
        files: { 'A.entitlements': 'from the workspace', 'B.plist': 'B from the workspace', 'C.swift': 'swift text' },
      }));
      assert.equal(ctx.textOf('A.entitlements'), '<plist><dict/></plist>');
      assert.equal(ctx.textOf('B.plist'), 'B from the workspace');
      assert.equal(ctx.textOf('C.swift'), 'swift text');
      assert.equal(ctx.textOf('missing.swift'), '');
    });

    it('views: the analysis\' views', () => {
      const views = [view('App', 'Debug')];
      assert.equal(new CheckContext(analysis({ views: () => views })).views, views);
    });

    it('finding: rule, default severity, message, file, span, a range counted in that file, the doc URL; no related or fixes keys when none', () => {
      const ctx = new CheckContext(analysis({ files: { 'App/Own.swift': OWN } }));
      const start = OWN.indexOf('spot');
      const f = ctx.finding(CHECK, { at: { file: 'App/Own.swift', span: { start, end: start + 4 } }, message: 'msg' });
      assert.deepEqual(f, {
        ruleId: 'PCX', severity: 'info', message: 'msg', file: 'App/Own.swift', span: { start, end: start + 4 },
        range: rangeIn(OWN, start, start + 4), docUrl: 'https://example.com/PCX.md',
      });
      assert.deepEqual(f.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 21 } });
    });

    it('finding: an explicit severity wins over the check\'s default', () => {
      const ctx = new CheckContext(analysis({ files: { f: OWN } }));
      assert.equal(ctx.finding(CHECK, { at: { file: 'f', span: { start: 0, end: 0 } }, message: 'm', severity: 'error' }).severity, 'error');
    });

    it('finding: related locations keep their own file and get a range counted in that file', () => {
      const ctx = new CheckContext(analysis({ files: { own: OWN, other: OTHER } }));
      const r = OTHER.indexOf('related');
      const f = ctx.finding(CHECK, { at: { file: 'own', span: { start: 0, end: 4 } }, message: 'm', related: [{ at: { file: 'other', span: { start: r, end: r + 7 } }, message: 'see here' }] });
      assert.deepEqual(f.related, [{ file: 'other', span: { start: r, end: r + 7 }, range: { start: { line: 3, character: 4 }, end: { line: 3, character: 11 } }, message: 'see here' }]);
      assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    });

    it('finding: fixes split edits into the finding\'s file and otherFiles; undefined fixes are dropped', () => {
      const ctx = new CheckContext(analysis({ files: { own: OWN } }));
      const e1 = { span: { start: 1, end: 2 }, newText: 'X' };
      const e2 = { span: { start: 3, end: 3 }, newText: 'Y' };
      const f = ctx.finding(CHECK, {
        at: { file: 'own', span: { start: 0, end: 0 } }, message: 'm',
        fixes: [undefined, { title: 'both', edits: { own: [e1], other: [e2] }, isPreferred: true }, { title: 'own only', edits: { own: [e1] } }, { title: 'other only', edits: { other: [e2] } }],
      });
      assert.deepEqual(f.fixes, [
        { title: 'both', edits: [e1], isPreferred: true, otherFiles: { other: [e2] } },
        { title: 'own only', edits: [e1], isPreferred: undefined },
        { title: 'other only', edits: [], isPreferred: undefined, otherFiles: { other: [e2] } },
      ]);
    });

    it('finding: only undefined fixes give no fixes key', () => {
      const ctx = new CheckContext(analysis({ files: { own: OWN } }));
      const f = ctx.finding(CHECK, { at: { file: 'own', span: { start: 0, end: 0 } }, message: 'm', fixes: [undefined], related: [] });
      assert.deepEqual(Object.keys(f).sort(), ['docUrl', 'file', 'message', 'range', 'ruleId', 'severity', 'span']);
    });

    it('finding: a file that is nowhere gets ranges at line 0 (empty text)', () => {
      const ctx = new CheckContext(analysis());
      assert.deepEqual(ctx.finding(CHECK, { at: { file: 'gone', span: { start: 5, end: 9 } }, message: 'm' }).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    });

    it('entitlementsDict: the root dict, undefined for another root or no document', () => {
      const ctx = new CheckContext(analysis());
      const dictDoc = readPlist('<plist><dict><key>a</key><true/></dict></plist>');
      assert.equal(ctx.entitlementsDict(view('A', 'D', { entitlements: { path: 'a', doc: dictDoc } })), dictDoc.root);
      assert.equal(ctx.entitlementsDict(view('A', 'D', { entitlements: { path: 'a', doc: readPlist('<plist><array/></plist>') } })), undefined);
      assert.equal(ctx.entitlementsDict(view('A', 'D', { entitlements: { path: 'a', problem: 'binary' } })), undefined);
      assert.equal(ctx.entitlementsDict(view('A', 'D')), undefined);
    });
  });

  describe('helpers', () => {
    it('defineCheck: id, severity, title, the rule\'s docs page; check receives the context and the check itself', () => {
      let seen: unknown[] = [];
      const c = defineCheck('PC99', 'hint', 'A title', (ctx, self) => { seen = [ctx, self]; return []; });
      assert.equal(c.id, 'PC99');
      assert.equal(c.defaultSeverity, 'hint');
      assert.equal(c.title, 'A title');
      assert.equal(c.docUrl, 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools/blob/main/docs/rules/PC99.md');
      const ctx = new CheckContext(analysis());
      assert.deepEqual(c.check(ctx), []);
      assert.equal(seen[0], ctx);
      assert.equal(seen[1], c);
    });

    it('groupBy: groups in first-seen order, items in order, undefined keys dropped', () => {
      const g = groupBy(['b1', 'a1', 'x', 'b2', 'a2'], (s) => (s === 'x' ? undefined : s[0]));
      assert.deepEqual([...g], [['b', ['b1', 'b2']], ['a', ['a1', 'a2']]]);
      assert.deepEqual([...groupBy([], () => 'k')], []);
    });

    it('refKey: file and start offset', () => {
      assert.equal(refKey({ file: 'A/B.entitlements', span: { start: 12, end: 40 } }), 'A/B.entitlements@12');
    });

    it('describeViews: targets in first-seen order, each with its distinct configurations', () => {
      assert.equal(describeViews([view('App', 'Debug'), view('Widget', 'Debug'), view('App', 'Release'), view('App', 'Debug')]), 'App (Debug, Release), Widget (Debug)');
      assert.equal(describeViews([]), '');
    });

    it('entitlementsAt: the entry\'s key span when given', () => {
      const doc = readPlist('<plist><dict><key>k</key><true/></dict></plist>');
      const v = view('A', 'D', { entitlements: { path: 'A.entitlements', doc } });
      assert.deepEqual(entitlementsAt(v, { keySpan: { start: 3, end: 30 } }), { file: 'A.entitlements', span: { start: 3, end: 30 } });
    });

    it('entitlementsAt: without an entry, the first 6 characters of the root (`<dict>`)', () => {
      const t = '<plist>\n<dict><key>k</key><true/></dict></plist>';
      const v = view('A', 'D', { entitlements: { path: 'A.entitlements', doc: readPlist(t) } });
      const at = t.indexOf('<dict>');
      assert.deepEqual(entitlementsAt(v), { file: 'A.entitlements', span: { start: at, end: at + 6 } });
    });

    it('entitlementsAt: a root shorter than 6 characters ends where it ends; no root is offset 0', () => {
      const short = { path: 'A.entitlements', doc: { text: 'xx<a/>', root: { kind: 'dict', span: { start: 2, end: 6 } } } };
      assert.deepEqual(entitlementsAt(view('A', 'D', { entitlements: short })), { file: 'A.entitlements', span: { start: 2, end: 6 } });
      const noRoot = { path: 'A.entitlements', doc: { text: '' } };
      assert.deepEqual(entitlementsAt(view('A', 'D', { entitlements: noRoot })), { file: 'A.entitlements', span: { start: 0, end: 0 } });
    });

    it('entitlementsAt: undefined without an entitlements file or without its document', () => {
      assert.equal(entitlementsAt(view('A', 'D')), undefined);
      assert.equal(entitlementsAt(view('A', 'D', { entitlements: { path: 'x', problem: 'not in the workspace' } }), { keySpan: { start: 1, end: 2 } }), undefined);
    });
  });

  describe('the check list and the runner', () => {
    it('PROJECT_CHECKS: PC01-PC12 in order with their default severities and titles', () => {
      assert.deepEqual(PROJECT_CHECKS.map((c) => [c.id, c.defaultSeverity, c.title]), [
        ['PC01', 'error', 'Code syncs with CloudKit but the entitlements lack the CloudKit service'],
        ['PC02', 'warning', 'CloudKit entitled without a container identifier'],
        ['PC03', 'error', 'Container in code not listed in the entitlements'],
        ['PC04', 'warning', 'Container chosen implicitly among several'],
        ['PC05', 'warning', 'Syncing app without the remote-notification background mode'],
        ['PC06', 'warning', 'Missing or invalid aps-environment'],
        ['PC07', 'warning', 'Production container environment in a debug build'],
        ['PC08', 'warning', 'App and extension sync one App Group store'],
        ['PC09', 'info', 'Entitlements or Info.plist that no target uses'],
        ['PC10', 'warning', 'Sharing code without a shared store or CKSharingSupported'],
        ['PC11', 'warning', 'Targets of one app on different containers'],
        ['PC12', 'warning', 'XcodeGen will drop keys that are only in the file'],
      ]);
    });

    it('problemFindings: each reader problem as a `project` finding with its own severity, range and no doc URL', () => {
      const text = 'first\nsecond line\n';
      const at = text.indexOf('line');
      const ctx = new CheckContext(analysis({ files: { 'App/Info.plist': text }, problems: [{ file: 'App/Info.plist', span: { start: at, end: at + 4 }, severity: 'error', message: 'broken' }] }));
      const [f, ...rest] = problemFindings(ctx);
      assert.deepEqual(rest, []);
      assert.deepEqual(f, { ruleId: 'project', severity: 'error', message: 'broken', file: 'App/Info.plist', span: { start: at, end: at + 4 }, range: rangeIn(text, at, at + 4), docUrl: undefined });
      assert.ok('docUrl' in f);
    });

    it('checkProject: no findings for an empty analysis', () => {
      assert.deepEqual(checkProject(analysis()), []);
    });

    it('checkProject: a check that throws gives one warning on the project file instead of hiding the others', () => {
      const a = analysis({ projects: [{ file: 'App.xcodeproj/project.pbxproj' }, { file: 'other.yml' }], views: () => { throw new Error('boom'); } });
      const found = checkProject(a);
      // PC09 and PC12 do not read the views: they still run (and find nothing here).
      const failing = ['PC01', 'PC02', 'PC03', 'PC04', 'PC05', 'PC06', 'PC07', 'PC08', 'PC10', 'PC11'];
      assert.deepEqual(found.map((f) => [f.ruleId, f.severity, f.message, f.file, f.span]), failing.map((id) => [id, 'warning', `${id} failed: boom`, 'App.xcodeproj/project.pbxproj', { start: 0, end: 0 }]));
      assert.equal(found[0].docUrl, 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools/blob/main/docs/rules/PC01.md');
    });

    it('checkProject: a thrown non-Error is shown as text; with no project the failure sits on the empty path', () => {
      const found = checkProject(analysis({ views: () => { throw 'plain'; } }));
      assert.deepEqual(found[0] && [found[0].ruleId, found[0].message, found[0].file], ['PC01', 'PC01 failed: plain', '']);
    });

    it('checkProject: `off` drops a check, another severity replaces that check\'s severity (failures included), others keep theirs', () => {
      const a = analysis({ projects: [{ file: 'p' }], views: () => { throw new Error('x'); } });
      const found = checkProject(a, { PC01: 'off', PC02: 'error', PC03: 'hint' });
      // All sit at offset 0 of one file: the order is severity, then rule.
      assert.deepEqual(found.map((f) => [f.ruleId, f.severity]), [['PC02', 'error'],
        ...['PC04', 'PC05', 'PC06', 'PC07', 'PC08', 'PC10', 'PC11'].map((id) => [id, 'warning']), ['PC03', 'hint']]);
    });

    it('checkProject: reader problems first, then sorted by file, offset, severity and rule', () => {
      const a = analysis({
        projects: [{ file: 'b.txt' }], files: { 'a.txt': 'aaaaaaaaaa', 'b.txt': 'bbbbbbbbbb' },
        views: () => { throw new Error('x'); },
        problems: [
          { file: 'b.txt', span: { start: 0, end: 1 }, severity: 'warning', message: 'b0 warning' },
          { file: 'b.txt', span: { start: 5, end: 6 }, severity: 'info', message: 'b5 info' },
          { file: 'b.txt', span: { start: 5, end: 6 }, severity: 'error', message: 'b5 error' },
          { file: 'a.txt', span: { start: 7, end: 8 }, severity: 'info', message: 'a7' },
        ],
      });
      const found = checkProject(a, { PC03: 'off', PC04: 'off', PC05: 'off', PC06: 'off', PC07: 'off', PC08: 'off', PC10: 'off', PC11: 'off' });
      assert.deepEqual(found.map((f) => `${f.file}@${f.span.start} ${f.severity} ${f.ruleId}`), [
        'a.txt@7 info project',
        'b.txt@0 warning PC01',
        'b.txt@0 warning PC02',
        'b.txt@0 warning project',
        'b.txt@5 error project',
        'b.txt@5 info project',
      ]);
    });
  });
});
