import type * as vscode from 'vscode';
import type { LogReport } from '../../core/logs/reader';
import { loadLogReader } from '../../logs-host/load';

/** The language id of sync logs (`*.cklog`, or any document switched to it). */
export const LOG_LANGUAGE = 'cloudkit-log';

/** One explanation per document version, shared by diagnostics, hover, outline, links and the timeline. */
export class LogReports {
  private readonly cache = new Map<string, { version: number; report: LogReport }>();

  get(doc: vscode.TextDocument): LogReport {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.report;
    const report = loadLogReader().readSyncLog(doc.getText());
    this.cache.set(key, { version: doc.version, report });
    return report;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }
}

export const isLog = (doc: vscode.TextDocument): boolean => doc.languageId === LOG_LANGUAGE;
