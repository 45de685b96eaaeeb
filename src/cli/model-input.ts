import path from 'node:path';
import type { Finding } from '../core/findings';
import type { ModelRead, ModelSource, ModelSourceFile } from '../core/model/model-source';
import { LineIndex, type Range, type Span } from '../core/text/span';
import { modelSources } from '../model-sources';
import type { FileFindings } from './format';
import { inputLimits, pathKind, readInputBytes, type InputLimits } from './input-file';
import { decodeModelFile, resolveModelFile } from './model-path';
import { nodeFileAccess } from './node-file-access';

/**
 * A model the user named on the command line, read through its source, for `ckdev schema`, `check`
 * and `types`: a file or bundle (modelPath.ts), a Swift file (with every `@Model` file of its project,
 * the source's `modelFilesOf`), or a folder of Swift sources (every `@Model` file below it).
 */
export interface ModelInput {
  readonly source: ModelSource;
  /** The file the user meant (a `contents`, a `.cdmodel.ts`, a Swift file or the folder). */
  readonly path: string;
  readonly files: readonly ModelSourceFile[];
  readonly read: ModelRead;
}

/**
 * Reads the model at `p`; throws a clear message when there is none or a file cannot be decoded. Every
 * file goes through src/cli/input-file.ts (regular files only, under the size cap `limits`).
 */
export async function readModelInput(p: string, limits: InputLimits = inputLimits()): Promise<ModelInput> {
  const isDir = pathKind(p) === 'directory';
  // A folder that is no Xcode model: the first source that finds a model in it (SwiftData sources).
  if (isDir && !/\.xcdatamodeld?[\\/]?$/i.test(p)) {
    for (const source of modelSources.sources) {
      const files = source.modelFilesIn ? await source.modelFilesIn(nodeFileAccess, path.resolve(p)) : [];
      if (files.length > 0) return readFiles(source, p, files, limits);
    }
  }
  const { path: file, source } = await resolveModelFile(p);
  if (source.modelFilesOf) {
    const abs = path.resolve(file);
    const files = await source.modelFilesOf(nodeFileAccess, abs);
    return readFiles(source, file, files.includes(abs) ? files : [abs, ...files], limits);
  }
  const decoded = decodeModelFile(source, readInputBytes(file, limits));
  if (decoded.text === undefined) throw new Error(`${file}: ${decoded.problem?.message ?? 'unreadable model'}`);
  const files = [{ path: file, text: decoded.text }];
  return { source, path: file, files, read: await source.read(files, {}) };
}

async function readFiles(source: ModelSource, p: string, paths: readonly string[], limits: InputLimits): Promise<ModelInput> {
  const files: ModelSourceFile[] = [];
  for (const f of paths) {
    const decoded = decodeModelFile(source, readInputBytes(f, limits));
    if (decoded.text === undefined) throw new Error(`${f}: ${decoded.problem?.message ?? 'unreadable file'}`);
    files.push({ path: f, text: decoded.text });
  }
  return { source, path: p, files, read: await source.read(files, {}) };
}

/** Where an offset of the model's text lies: the file and the file-local span and range. */
export function placeSpan(input: ModelInput, span: Span): { file: string; span: Span; range: Range } {
  let home = input.files[0];
  let start = 0;
  for (const f of input.files) {
    const s = input.read.fileStart?.(f.path);
    if (s !== undefined && s <= span.start && s >= start) { home = f; start = s; }
  }
  const local = { start: span.start - start, end: span.end - start };
  return { file: home?.path ?? input.path, span: local, range: new LineIndex(home?.text ?? '').rangeOf(local) };
}

/**
 * Findings placed at `marker` with model-text spans (the deploy plan's development side) moved into the
 * model's own files: for a multi-file model each goes to its Swift file and line.
 */
export function intoModelFiles(input: ModelInput, marker: string, results: readonly FileFindings[]): FileFindings[] {
  if (!input.read.fileStart) return [...results];
  const byFile = new Map<string, Finding[]>();
  const add = (file: string, f: Finding): void => { (byFile.get(file) ?? byFile.set(file, []).get(file)!).push(f); };
  for (const r of results) {
    for (const f of r.findings) {
      const related = f.related?.map((x) => (x.file === marker ? { ...x, ...placeSpan(input, x.span) } : x));
      const withRelated = related ? { ...f, related } : f;
      if (r.file !== marker) { add(r.file, withRelated); continue; }
      const at = placeSpan(input, f.span);
      add(at.file, { ...withRelated, span: at.span, range: at.range });
    }
  }
  return [...byFile].map(([file, findings]) => ({ file, findings }));
}
