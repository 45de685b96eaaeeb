import type * as vscode from 'vscode';
import { loadLogReader } from '../../logs-host/load';
import { readModelIR } from '../../core/model/xml';
import { LineIndex } from '../../core/text/span';
import { currentVersions } from '../common/current-versions';
import { toRange } from '../common/diagnostics';
import { readText } from '../common/workspace-fs';
import { findModelBundles } from '../common/workspace-models';

/**
 * Finds the model element behind a CloudKit record type and field named in a log, by reading the
 * workspace's Xcode models (`*.xcdatamodel/contents`) with the core XML reader and asking the
 * record-type mapping: the current version of each bundle (common/current-versions.ts, like the linter,
 * the deploy check and the sandbox).
 */
export interface ModelLocation {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly entity: string;
  readonly property?: string;
}

export class ModelIndex {
  private files: Promise<vscode.Uri[]> | undefined;

  invalidate(): void {
    this.files = undefined;
  }

  async find(recordType: string, field?: string): Promise<ModelLocation | undefined> {
    this.files ??= this.currentModels();
    for (const uri of await this.files) {
      let text: string;
      try {
        text = await readText(uri);
      } catch {
        continue;
      }
      const link = loadLogReader().findModelElement(readModelIR(text), recordType, field);
      if (!link) continue;
      return { uri, range: toRange(new LineIndex(text).rangeOf(link.span)), entity: link.entity, property: link.property };
    }
    return undefined;
  }

  /** The model each workspace bundle syncs: its current version, as every other feature resolves it. */
  private async currentModels(): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const bundle of await findModelBundles()) {
      const contents = await currentVersions().contentsOf(bundle);
      if (contents) out.push(contents);
    }
    return out;
  }
}
