import * as vscode from 'vscode';
import type { ModelIR } from '../../core/model/ir';
import type { ModelSource } from '../../core/model/model-source';
import { LineIndex } from '../../core/text/span';
import { loadLogReader } from '../../logs-host/load';
import { modelSources } from '../../model-sources';
import { currentVersions } from '../common/current-versions';
import { toRange } from '../common/diagnostics';
import { typescriptModelsPattern } from '../common/settings';
import { readText } from '../common/workspace-fs';
import { findModelBundles } from '../common/workspace-models';

/**
 * Finds the model element behind a CloudKit record type and field named in a log, in every model format
 * of the registry (src/model-sources.ts): the current version of each Xcode model bundle (as the linter,
 * the deploy check and the sandbox resolve it), each TypeScript model (`cloudkit.models.typescript`), and
 * the SwiftData `@Model` classes (read together as one model, as the model linter does). The record-type
 * mapping (core/logs/model-link.ts) is the same for all: it works on the ModelIR.
 * Models are read once and kept until a model file changes (`invalidate`).
 */
export interface ModelLocation {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly entity: string;
  readonly property?: string;
  /** The model source's label (src/core/model/<format>/source.ts): `Core Data model`, `TypeScript model definition`, `SwiftData model`. */
  readonly format: string;
}

interface LoadedFile { readonly uri: vscode.Uri; readonly text: string; readonly start: number }
interface LoadedModel { readonly source: ModelSource; readonly model: ModelIR; readonly files: readonly LoadedFile[] }

const EXCLUDE = '**/{node_modules,.git,DerivedData,build,.build,Pods,Carthage}/**';
/** Bound of a workspace search per format (our choice): a huge tree never stalls the explanation. */
const MAX_FILES = 1000;

export class ModelIndex {
  private loaded: Promise<LoadedModel[]> | undefined;

  constructor(private readonly output?: vscode.LogOutputChannel) {}

  invalidate(): void {
    this.loaded = undefined;
  }

  /** The first location (registry order: Xcode, TypeScript, SwiftData). */
  async find(recordType: string, field?: string): Promise<ModelLocation | undefined> {
    return (await this.findAll(recordType, field))[0];
  }

  async findAll(recordType: string, field?: string): Promise<ModelLocation[]> {
    this.loaded ??= this.load();
    const out: ModelLocation[] = [];
    for (const m of await this.loaded) {
      const link = loadLogReader().findModelElement(m.model, recordType, field);
      if (!link) continue;
      // A model over several files: the file its span falls in (the last one starting at or before it).
      const file = [...m.files].reverse().find((f) => f.start <= link.span.start) ?? m.files[0];
      const local = { start: link.span.start - file.start, end: link.span.end - file.start };
      out.push({ uri: file.uri, range: toRange(new LineIndex(file.text).rangeOf(local)), entity: link.entity, property: link.property, format: m.source.label });
    }
    return out;
  }

  private async load(): Promise<LoadedModel[]> {
    const out: LoadedModel[] = [];
    for (const source of modelSources.sources) {
      try {
        if (source.versions) {
          for (const uri of await this.currentXcodeModels()) out.push(await this.read(source, [uri]));
          continue;
        }
        const globs = source.id === 'typescript' ? [typescriptModelsPattern()] : source.globs;
        const uris = (await Promise.all(globs.map((g) => vscode.workspace.findFiles(g, EXCLUDE, MAX_FILES)))).flat();
        if (source.modelFilesOf) {
          // Multi-file (SwiftData): only the files that declare a model, read together.
          const files: vscode.Uri[] = [];
          for (const u of uris) if (!source.declaresModel || source.declaresModel(await readText(u))) files.push(u);
          if (files.length) out.push(await this.read(source, files));
        } else {
          for (const u of uris) out.push(await this.read(source, [u]));
        }
      } catch (e) {
        this.output?.warn(`sync log: the ${source.label} files could not be read for model links: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }

  private async read(source: ModelSource, uris: readonly vscode.Uri[]): Promise<LoadedModel> {
    const texts = await Promise.all(uris.map((u) => readText(u)));
    const read = await source.read(uris.map((u, i) => ({ path: u.toString(), text: texts[i] })), {});
    let start = 0;
    const files = uris.map((uri, i) => {
      const at = read.fileStart?.(uri.toString()) ?? start;
      start = at + texts[i].length;
      return { uri, text: texts[i], start: uris.length === 1 ? 0 : at };
    });
    return { source, model: read.model, files };
  }

  /** The model each workspace bundle syncs: its current version, as every other feature resolves it. */
  private async currentXcodeModels(): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const bundle of await findModelBundles()) {
      const contents = await currentVersions().contentsOf(bundle);
      if (contents) out.push(contents);
    }
    return out;
  }
}
