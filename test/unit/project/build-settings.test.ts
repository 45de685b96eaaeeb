import assert from 'node:assert/strict';
import { expand, isDebugConfiguration, isYes, mergeSettings, rawSetting, readXcconfig, resolveSetting } from '../../../src/core/project/build-settings';
import type { Setting, TargetConfiguration } from '../../../src/core/project/model';

/**
 * Build settings on their own (reference/project-config.md §1): SDK-conditional keys, `$(VAR)` and
 * `${VAR}` expansion with operators and `$(inherited)`, builtins, `.xcconfig` files, level merging, and
 * which configurations count as debug builds. Values are written by us.
 */
const settings = (o: Record<string, string>): Map<string, Setting> => new Map(Object.entries(o).map(([k, raw]) => [k, { raw }]));
const config = (name: string, o: Record<string, string> = {}): TargetConfiguration => ({ name, settings: settings(o) } as unknown as TargetConfiguration);

describe('project: build settings', () => {
  it('rawSetting: the plain key first, else the first SDK-conditional variant, never a longer key', () => {
    const s = settings({ 'CODE_SIGN_ENTITLEMENTS[sdk=iphoneos*]': 'device', CODE_SIGN_ENTITLEMENTS: 'plain', CODE_SIGN_ENTITLEMENTS_X: 'other' });
    assert.equal(rawSetting(s, 'CODE_SIGN_ENTITLEMENTS')?.raw, 'plain');
    assert.equal(rawSetting(settings({ 'A[sdk=iphoneos*]': 'device', AB: 'x' }), 'A')?.raw, 'device');
    assert.equal(rawSetting(settings({ AB: 'x' }), 'A'), undefined);
  });

  it('expand: both spellings, operators ignored, builtins, PRODUCT_NAME from the target, $(inherited) dropped', () => {
    const s = settings({ A: 'a', B: '$(inherited) b', ID: 'com.$(A:rfc1034identifier)' });
    assert.deepEqual(expand('$(A)/${A}/${A:lower}/$(ID)', s), { value: 'a/a/a/com.a', unresolved: [] });
    assert.deepEqual(expand('$(B)', s), { value: 'b', unresolved: [] });
    assert.deepEqual(expand('$(SRCROOT)/$(TARGET_NAME)', s, { SRCROOT: '.', TARGET_NAME: 'App' }), { value: './App', unresolved: [] });
    assert.deepEqual(expand('$(PRODUCT_NAME)', s, { TARGET_NAME: 'App' }).value, 'App');
    assert.deepEqual(expand('$(PRODUCT_NAME)', settings({ PRODUCT_NAME: 'Shown' }), { TARGET_NAME: 'App' }).value, 'Shown');
    assert.deepEqual(expand('plain $ text $(', s), { value: 'plain $ text $(', unresolved: [] });
  });

  it('expand: unresolved names once each, in order; a cycle stops after 8 levels', () => {
    assert.deepEqual(expand('$(X)$(Y)$(X)', settings({})), { value: '$(X)$(Y)$(X)', unresolved: ['X', 'Y'] });
    const chain: Record<string, string> = {};
    for (let i = 0; i < 8; i++) chain[`V${i}`] = `$(V${i + 1})`;
    chain.V8 = 'end';
    assert.deepEqual(expand('$(V0)', settings(chain)), { value: '$(V8)', unresolved: ['V8'] }, 'nine levels deep is past the bound');
    assert.deepEqual(expand('$(V1)', settings(chain)), { value: 'end', unresolved: [] }, 'eight levels resolve');
  });

  it('resolveSetting: a configuration\'s value with the target and configuration builtins, and where it is set', () => {
    const at = { file: 'A.xcodeproj/project.pbxproj', span: { start: 1, end: 2 } };
    const cfg = { name: 'Release', settings: new Map<string, Setting>([['CODE_SIGN_ENTITLEMENTS', { raw: '$(TARGET_NAME)/$(CONFIGURATION).entitlements', at }]]) } as unknown as TargetConfiguration;
    assert.deepEqual(resolveSetting(cfg, 'CODE_SIGN_ENTITLEMENTS', 'Notes'), { value: 'Notes/Release.entitlements', unresolved: [], at });
    assert.equal(resolveSetting(cfg, 'INFOPLIST_FILE', 'Notes'), undefined);
    const dirs = config('Debug', { P: '$(PROJECT_DIR)|$(SOURCE_ROOT)|$(SRCROOT)' });
    assert.equal(resolveSetting(dirs, 'P', 'T')?.value, '.|.|.');
  });

  it('readXcconfig: settings with spans, comments and semicolons dropped, conditional keys, includes', () => {
    const text = [
      '// a comment line',
      '#include "Base.xcconfig"',
      '#include? "Optional.xcconfig"',
      'CODE_SIGN_ENTITLEMENTS = App/App.entitlements // trailing comment',
      '  OTHER[sdk=iphoneos*] =  $(inherited) -x ;',
      'EMPTY =',
      'not a setting',
    ].join('\n');
    const r = readXcconfig(text, 'Config/App.xcconfig');
    assert.deepEqual(r.includes, ['Base.xcconfig', 'Optional.xcconfig']);
    assert.deepEqual([...r.settings].map(([k, v]) => [k, v.raw]), [['CODE_SIGN_ENTITLEMENTS', 'App/App.entitlements'], ['OTHER[sdk=iphoneos*]', '$(inherited) -x'], ['EMPTY', '']]);
    const ent = r.settings.get('CODE_SIGN_ENTITLEMENTS')!.at!;
    assert.equal(ent.file, 'Config/App.xcconfig');
    assert.equal(text.slice(ent.span.start, ent.span.end), 'CODE_SIGN_ENTITLEMENTS = App/App.entitlements // trailing comment');
    const other = r.settings.get('OTHER[sdk=iphoneos*]')!.at!;
    assert.equal(text.slice(other.span.start, other.span.start + 5), 'OTHER');
  });

  it('mergeSettings: later levels win; $(inherited) takes the level below; missing levels are skipped', () => {
    const merged = mergeSettings(settings({ A: 'base', B: 'b0', C: 'c0' }), undefined, settings({ A: '$(inherited) more', B: 'b1' }), settings({ A: 'x $(inherited)' }));
    assert.deepEqual([...merged].map(([k, v]) => [k, v.raw]), [['A', 'x base more'], ['B', 'b1'], ['C', 'c0']]);
    assert.deepEqual([...mergeSettings(settings({ A: '$(inherited) top' }))].map(([k, v]) => [k, v.raw]), [['A', '$(inherited) top']], 'nothing below: kept as written');
  });

  it('debug configurations: by name (debug, dev, any case) or by the DEBUG compilation condition', () => {
    assert.equal(isDebugConfiguration(config('Debug')), true);
    assert.equal(isDebugConfiguration(config('Staging-DEV')), true);
    assert.equal(isDebugConfiguration(config('Release')), false);
    assert.equal(isDebugConfiguration(config('Beta', { SWIFT_ACTIVE_COMPILATION_CONDITIONS: 'FOO DEBUG' })), true);
    assert.equal(isDebugConfiguration(config('Beta', { SWIFT_ACTIVE_COMPILATION_CONDITIONS: 'DEBUG_MENU' })), false);
    assert.equal(isDebugConfiguration(config('Beta', { 'SWIFT_ACTIVE_COMPILATION_CONDITIONS[sdk=iphoneos*]': 'DEBUG' })), true);
  });

  it('isYes: YES, yes, true, 1 with spaces; anything else is no', () => {
    for (const v of ['YES', 'yes', 'true', '1', ' YES ']) assert.equal(isYes(v), true, v);
    for (const v of [undefined, 'NO', '', 'YESS', 'True', '0']) assert.equal(isYes(v), false, String(v));
  });
});
