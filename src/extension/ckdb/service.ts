import * as vscode from 'vscode';
import { checkParsedCkdb } from '../../core/ckdb/check-ckdb';
import { parseCkdb, type CkdbParseResult } from '../../core/ckdb/parser';
import type { Finding } from '../../core/findings';
import { toDiagnostic } from '../common/diagnostics';
import { KeyedDebouncer } from '../common/keyed-debouncer';
import { errorMessage } from '../../core/error-message';

export const CKDB_SELECTOR: vscode.DocumentSelector = [{ language: 'ckdb' }];
export const CKDB_GLOB = '**/*.ckdb';
const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**,**/DerivedData/**}';

export interface CkdbAnalysis {
  readonly version: number;
  readonly parsed: CkdbParseResult;
  readonly findings: readonly Finding[];
}

/**
 * Parses and checks `.ckdb` documents: open ones as they change (debounced), the others from disk, once
 * at start-up and when they change on disk. One parse per document version serves diagnostics, outline,
 * hover, completion, code actions and formatting.
 */
export class CkdbService implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('cloudkit-ckdb');
  private readonly cache = new Map<string, CkdbAnalysis>();
  private readonly debouncer = new KeyedDebouncer<string>(150);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(CKDB_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => void this.lintFromDisk(u)),
      watcher.onDidChange((u) => void this.lintFromDisk(u)),
      watcher.onDidDelete((u) => { if (!this.isOpen(u)) this.collection.delete(u); }),
    );
    for (const d of vscode.workspace.textDocuments) this.refresh(d);
    void this.lintWorkspace();
  }

  /** The analysis of an open document, computed now if it is stale. */
  analysisOf(doc: vscode.TextDocument): CkdbAnalysis | undefined {
    if (doc.languageId !== 'ckdb') return undefined;
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit;
    const text = doc.getText();
    const parsed = parseCkdb(text);
    const a: CkdbAnalysis = { version: doc.version, parsed, findings: checkParsedCkdb(text, parsed) };
    this.cache.set(key, a);
    return a;
  }

  private isOpen(u: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === u.toString());
  }

  private refresh(doc: vscode.TextDocument): void {
    const a = this.analysisOf(doc);
    if (a) this.collection.set(doc.uri, a.findings.map((f) => toDiagnostic(doc.uri, f)));
  }

  private schedule(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'ckdb') return;
    this.debouncer.schedule(doc.uri.toString(), () => this.refresh(doc));
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.cache.delete(key);
    this.debouncer.cancel(key);
    if (doc.uri.scheme === 'file' && doc.languageId === 'ckdb') void this.lintFromDisk(doc.uri);
    else this.collection.delete(doc.uri);
  }

  private async lintWorkspace(): Promise<void> {
    try {
      const files = await vscode.workspace.findFiles(CKDB_GLOB, EXCLUDE_GLOB, 2000);
      for (const u of files) await this.lintFromDisk(u);
    } catch (e) {
      this.output.warn(`.ckdb workspace scan failed: ${errorMessage(e)}`);
    }
  }

  private async lintFromDisk(u: vscode.Uri): Promise<void> {
    if (this.isOpen(u)) return; // the open document is the truth
    try {
      const bytes = await vscode.workspace.fs.readFile(u);
      if (bytes.byteLength > 10 * 1024 * 1024) return; // not a schema anyone writes by hand
      const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
      const parsed = parseCkdb(text);
      this.collection.set(u, checkParsedCkdb(text, parsed).map((f) => toDiagnostic(u, f)));
    } catch (e) {
      this.output.warn(`could not read ${u.fsPath}: ${errorMessage(e)}`);
    }
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
