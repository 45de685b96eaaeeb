import * as vscode from 'vscode';
import { mayHoldSetup } from '../../core/model/sync-files';
import { describeEntry, type SyncPlanEntry } from '../../core/model/sync-plan';
import { loadSyncPlanReader } from '../../swift-parser/load-node';
import { syncPlans } from '../common/sync-plans';

/**
 * The sync plan entries of one Swift document: from its project's plan (constants and type lists of the other
 * files resolved) when the document is saved and in it, else from the document's text alone.
 */
export async function entriesOf(doc: vscode.TextDocument): Promise<readonly SyncPlanEntry[]> {
  const text = doc.getText();
  if (!mayHoldSetup(text)) return [];
  const key = doc.uri.toString();
  if (!doc.isDirty) {
    const mine = (await syncPlans().planFor(doc.uri)).entries.filter((e) => e.file === key);
    if (mine.length > 0) return mine;
  }
  const read = await loadSyncPlanReader();
  return read([{ path: key, text }]).entries;
}

/** "syncs 3 models to iCloud.x, private database" above each ModelConfiguration / container call. */
export class SyncSetupCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor() {
    syncPlans().onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const entries = await entriesOf(doc);
    return entries.map((e) => new vscode.CodeLens(rangeOf(doc, e), { title: `CloudKit: ${describeEntry(e)}`, command: '' }));
  }
}

/** Hover on the call's name: what it syncs, why, and where the setting overrides it. */
export class SyncSetupHoverProvider implements vscode.HoverProvider {
  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const entries = await entriesOf(doc);
    const hit = entries.find((e) => rangeOf(doc, e).contains(position));
    if (!hit) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**CloudKit sync** (read from the code): ${escape(describeEntry(hit))}\n\n`);
    md.appendMarkdown(`Because: \`${hit.reason.replace(/`/g, "'")}\`\n\n`);
    if (hit.kind === 'swiftdata' && hit.models) md.appendMarkdown(`Models: ${hit.models.map((m) => `\`${m}\``).join(', ')}\n\n`);
    md.appendMarkdown('Lint mode `auto` checks only what a CloudKit-backed store loads; the `cloudkit.configuration` setting overrides the code.');
    return new vscode.Hover(md, rangeOf(doc, hit));
  }
}

function rangeOf(doc: vscode.TextDocument, e: SyncPlanEntry): vscode.Range {
  return new vscode.Range(doc.positionAt(e.nameSpan.start), doc.positionAt(e.nameSpan.end));
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>]/g, (c) => `\\${c}`);
}
