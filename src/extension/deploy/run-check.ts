import * as vscode from 'vscode';
import { readText } from '../common/workspace-fs';
import { parseCkdb } from '../../core/ckdb/parser';
import type { DeployPlan, SchemaChange, SideText } from '../../core/deploy';
import { changeLocations, checkModelAgainstProduction, diffSchemas, nameCodeDeclarations } from '../../core/deploy';
import { isSwiftUri, readSwiftDataModel, type SwiftDataModel } from '../common/swift-models';
import { decodeModelBytes, readModelIR } from '../../core/model/xml';
import { LineIndex } from '../../core/text/span';
import type { DeployInputs } from './inputs';
import { currentVersions } from '../common/current-versions';
import { isModelPath } from './inputs';

/** One run of the deploy check: the plan and where its spans live. */
export interface DeployCheckResult {
  readonly mode: 'schema' | 'model';
  readonly plan: DeployPlan;
  /** The development `.ckdb`, or the model version's `contents` in model mode. */
  readonly devUri: vscode.Uri;
  readonly prodUri: vscode.Uri;
  readonly dev: SideText;
  readonly prod: SideText;
  /** Syntax errors that make the check unreliable (the files still got diffed, with recovery). */
  readonly problems: readonly string[];
  /** A SwiftData development side: the model over its Swift files (dev spans are in its combined text). */
  readonly swift?: SwiftDataModel;
}

/** Where a change shows: each side's file and range (a SwiftData change at its Swift file and line). */
export function locationsOf(result: DeployCheckResult, c: SchemaChange): { side: 'dev' | 'prod'; uri: vscode.Uri; range: vscode.Range }[] {
  return changeLocations(c, result.dev, result.prod).map((l) => {
    if (l.side === 'dev' && result.swift) return { side: l.side, ...result.swift.place(l.span) };
    const r = l.range;
    return { side: l.side, uri: l.side === 'dev' ? result.devUri : result.prodUri, range: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) };
  });
}

export async function runDeployCheck(inputs: DeployInputs): Promise<DeployCheckResult> {
  const prodText = await readText(inputs.prod);
  const prodParsed = parseCkdb(prodText);
  const problems = prodParsed.findings.filter((f) => f.severity === 'error')
    .map((f) => `${vscode.workspace.asRelativePath(inputs.prod)}:${f.range.start.line + 1}: ${f.message}`);
  const prod: SideText = { file: inputs.prod.toString(), lines: prodParsed.lines };
  if (isSwiftUri(inputs.dev)) {
    const swift = await readSwiftDataModel(inputs.dev);
    if (typeof swift === 'string') throw new Error(swift);
    const { model } = swift.read;
    // Model vs production, each change naming the Swift declaration it comes from (`Item.title`).
    return {
      mode: 'model', plan: nameCodeDeclarations(checkModelAgainstProduction(model, prodParsed.schema), model), devUri: inputs.dev, prodUri: inputs.prod,
      dev: { file: inputs.dev.toString(), lines: new LineIndex(model.sourceText ?? '') }, prod, problems, swift,
    };
  }
  if (isModelPath(inputs.dev)) {
    const contents = await currentVersions().contentsOf(inputs.dev);
    if (!contents) throw new Error(`${vscode.workspace.asRelativePath(inputs.dev)} has no model version`);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === contents.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      const decoded = decodeModelBytes(await vscode.workspace.fs.readFile(contents));
      if (decoded.text === undefined) throw new Error(`${vscode.workspace.asRelativePath(contents)}: ${decoded.problem?.message ?? 'not a Core Data model'}`);
      text = decoded.text;
    }
    const model = readModelIR(text);
    const lines = new LineIndex(text);
    problems.push(...model.problems.filter((p) => p.severity === 'error')
      .map((p) => `${vscode.workspace.asRelativePath(contents)}:${lines.positionAt(p.span.start).line + 1}: ${p.message}`));
    return {
      mode: 'model', plan: checkModelAgainstProduction(model, prodParsed.schema), devUri: contents, prodUri: inputs.prod,
      dev: { file: contents.toString(), lines }, prod, problems,
    };
  }
  const devParsed = parseCkdb(await readText(inputs.dev));
  problems.push(...devParsed.findings.filter((f) => f.severity === 'error')
    .map((f) => `${vscode.workspace.asRelativePath(inputs.dev)}:${f.range.start.line + 1}: ${f.message}`));
  return {
    mode: 'schema', plan: diffSchemas(devParsed.schema, prodParsed.schema), devUri: inputs.dev, prodUri: inputs.prod,
    dev: { file: inputs.dev.toString(), lines: devParsed.lines }, prod, problems,
  };
}
