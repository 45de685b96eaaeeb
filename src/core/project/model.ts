import type { Span } from '../text/span';

/**
 * The app around the model, as the project files describe it: targets, their build configurations and
 * the settings that decide whether CloudKit sync can work (reference project-config.md §1). One shape for
 * the three generators (Xcode's project.pbxproj, XcodeGen project.yml, Tuist Project.swift), plain data
 * with source locations so findings can point at the setting that decides.
 */

/** A place in a file: paths are relative to the workspace folder given to the reader, with `/`. */
export interface SourceRef {
  readonly file: string;
  readonly span: Span;
}

export interface ProjectProblem {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
}

/** A build setting as written at one level (project, xcconfig, target). */
export interface Setting {
  readonly raw: string;
  readonly at?: SourceRef;
}

export type ProductKind = 'application' | 'app-extension' | 'watch-app' | 'unit-test' | 'ui-test' | 'framework' | 'other';
export type Platform = 'ios' | 'macos' | 'watchos' | 'tvos' | 'visionos' | 'unknown';

export interface TargetConfiguration {
  readonly name: string;
  /** Merged settings: project level, then its xcconfig, then the target's xcconfig, then the target (later wins). */
  readonly settings: ReadonlyMap<string, Setting>;
  /** Where this configuration is declared (the XCBuildConfiguration object, the yml `configs:` entry...). */
  readonly at?: SourceRef;
}

/** Which files a target compiles: an explicit list, synchronized folders (Xcode 16) and local packages. */
export interface SourceMembership {
  readonly files: readonly string[];
  readonly folders: readonly { readonly path: string; readonly exclude: readonly string[]; readonly viaPackage?: boolean }[];
}

export interface ProjectTarget {
  readonly name: string;
  readonly kind: ProductKind;
  /** As written (`com.apple.product-type.application`, `app-extension`, `application`...). */
  readonly productType: string;
  readonly platform: Platform;
  readonly at?: SourceRef;
  readonly configurations: readonly TargetConfiguration[];
  readonly sources: SourceMembership;
  /** Names of the targets this one depends on (an app depends on the extensions it embeds). */
  readonly dependencies: readonly string[];
  /**
   * Generator-declared files the generator writes on every run (XcodeGen `entitlements: {path, properties}`,
   * `info:`), with the keys the spec lists (PC12).
   */
  readonly generatedFiles?: readonly GeneratedFileSpec[];
}

export interface GeneratedFileSpec {
  readonly role: 'entitlements' | 'info';
  readonly path: string;
  readonly keys: readonly string[];
  readonly at: SourceRef;
}

export type ProjectKind = 'xcode' | 'xcodegen' | 'tuist';

export interface ProjectModel {
  readonly kind: ProjectKind;
  /** The project file (`App.xcodeproj/project.pbxproj`, `project.yml`, `Project.swift`). */
  readonly file: string;
  /** The folder `$(SRCROOT)` stands for (relative, `''` for the workspace folder). */
  readonly rootDir: string;
  readonly name: string;
  readonly targets: readonly ProjectTarget[];
  readonly problems: readonly ProjectProblem[];
}

/** Files the reader may open (entitlements, plists, xcconfigs); undefined when missing. */
export interface ProjectFiles {
  read(path: string): { text?: string; bytes?: Uint8Array } | undefined;
}

export function productKindOf(productType: string): ProductKind {
  const t = productType.replace(/^com\.apple\.product-type\./, '');
  if (t === 'application' || t === 'application.messages' || t === 'application.on-demand-install-capable') return 'application';
  if (t === 'application.watchapp2' || t === 'application.watchapp' || t === 'application.watchapp2-container' || t === 'watchkit2-extension') return 'watch-app';
  if (t.startsWith('app-extension') || t.startsWith('extensionkit-extension') || t === 'widget-extension' || t === 'tv-app-extension') return 'app-extension';
  if (t === 'bundle.unit-test' || t === 'unit-test') return 'unit-test';
  if (t === 'bundle.ui-testing' || t === 'ui-testing') return 'ui-test';
  if (t.startsWith('framework') || t === 'library.static' || t === 'library.dynamic' || t === 'static-library' || t === 'dynamic-library') return 'framework';
  return 'other';
}

/** Joins relative paths, resolving `.` and `..` (never above the workspace folder root: kept as `..`). */
export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const part of parts) {
    if (part.startsWith('/')) out.length = 0;
    for (const seg of part.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else out.push(seg);
    }
  }
  return out.join('/');
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
