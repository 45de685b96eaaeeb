import * as vscode from 'vscode';
import { findModelElement } from '../../core/logs/model-link';
import { readModelIR } from '../../core/model/xml';
import { LineIndex } from '../../core/text/span';

/**
 * Finds the model element behind a CloudKit record type and field named in a log, by reading the
 * workspace's Xcode models (`*.xcdatamodel/contents`) with the core XML reader and asking the
 * record-type mapping. Current model versions are preferred (the last version folder in name order when
 * there is no `.xccurrentversion` reading here: our simplification).
 */
export interface ModelLocation {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly entity: string;
  readonly property?: string;
}

const EXCLUDE = '**/{node_modules,.git,DerivedData,build,.build}/**';

export class ModelIndex {
  private files: Promise<vscode.Uri[]> | undefined;

  invalidate(): void {
    this.files = undefined;
  }

  async find(recordType: string, field?: string): Promise<ModelLocation | undefined> {
    this.files ??= Promise.resolve(vscode.workspace.findFiles('**/*.xcdatamodel/contents', EXCLUDE, 200))
      .then((uris) => uris.sort((a, b) => b.path.localeCompare(a.path)));
    for (const uri of await this.files) {
      let text: string;
      try {
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      const link = findModelElement(readModelIR(text), recordType, field);
      if (!link) continue;
      const lines = new LineIndex(text);
      const s = lines.positionAt(link.span.start);
      const e = lines.positionAt(link.span.end);
      return { uri, range: new vscode.Range(s.line, s.character, e.line, e.character), entity: link.entity, property: link.property };
    }
    return undefined;
  }
}
