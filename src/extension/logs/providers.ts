import * as vscode from 'vscode';
import { loadLogReader } from '../../logs-host/load';
import type { ExplainedError, LogReport } from '../../core/logs/reader';
import { hoverMarkdown } from './hover-text';
import { SHOW_MODEL_FINDINGS_COMMAND } from './model-findings';
import { toDiagnostic, toRange } from '../common/diagnostics';
import { LOG_LANGUAGE, type LogReports } from './log-reports';
import type { ModelIndex, ModelLocation } from './model-index';
import type { ProjectContainers } from './project-containers';

export const DIAGNOSTIC_SOURCE = 'CloudKit log';
export const CHECK_DEPLOY_COMMAND = 'cloudkit.checkSchemaDeploy';

/** Diagnostics per explained error, at its range; the model element it names as related information. */
export async function diagnosticsFor(uri: vscode.Uri, report: LogReport, models: ModelIndex): Promise<vscode.Diagnostic[]> {
  const out: vscode.Diagnostic[] = [];
  const located = new Map<string, Promise<ModelLocation[]>>();
  for (const e of report.errors) {
    const d = toDiagnostic(uri, loadLogReader().findingOf(e), { source: DIAGNOSTIC_SOURCE });
    if (e.recordType?.startsWith('CD_')) {
      const key = `${e.recordType}.${e.field ?? ''}`;
      if (!located.has(key)) located.set(key, models.findAll(e.recordType, e.field));
      const locs = await located.get(key)!;
      // Every model format that defines it (Xcode, TypeScript, SwiftData), the Xcode model first.
      if (locs.length) d.relatedInformation = locs.map((loc) => new vscode.DiagnosticRelatedInformation(new vscode.Location(loc.uri, loc.range), `${e.recordType}${e.field ? `.${e.field}` : ''} is ${loc.entity}${loc.property ? `.${loc.property}` : ''} in this ${loc.format}`));
    }
    out.push(d);
  }
  if (report.notes.length) {
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Not everything was read: ${report.notes.map((n) => n.message).join('; ')}`, vscode.DiagnosticSeverity.Information);
    d.source = DIAGNOSTIC_SOURCE;
    out.push(d);
  }
  return out;
}

/**
 * A warning at the first mention of each container the log names and the workspace's projects do not
 * (core/logs/container-check.ts); nothing when the workspace has no project with containers.
 */
export async function containerDiagnostics(report: LogReport, containers: ProjectContainers): Promise<vscode.Diagnostic[]> {
  const mentioned = report.summary.containers.length > 0 || report.errors.some((e) => e.container);
  if (!mentioned) return [];
  const reader = loadLogReader();
  return reader.containerMismatches(report, await containers.get()).map((m) => {
    const d = new vscode.Diagnostic(toRange(m.range), m.message, vscode.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = reader.CONTAINER_MISMATCH_ID;
    return d;
  });
}

export function errorAt(report: LogReport, pos: vscode.Position): ExplainedError | undefined {
  return report.errors.find((e) => toRange(e.range).contains(pos));
}

export function registerProviders(context: vscode.ExtensionContext, reports: LogReports, models: ModelIndex): void {
  const selector: vscode.DocumentSelector = { language: LOG_LANGUAGE };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, {
      provideHover(doc, pos) {
        const e = errorAt(reports.get(doc), pos);
        return e ? new vscode.Hover(hoverMarkdown(e), toRange(e.range)) : undefined;
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(doc) {
        return reports.get(doc).sessions.map((s) => {
          const sym = new vscode.DocumentSymbol(s.label, s.errors ? `${s.errors} error${s.errors === 1 ? '' : 's'}` : '', vscode.SymbolKind.Module, toRange(s.range), toRange(s.range));
          sym.children = s.activities.map((a) => new vscode.DocumentSymbol(a.label,
            a.success === false ? 'failed' : a.success ? 'succeeded' : a.errors ? `${a.errors} error${a.errors === 1 ? '' : 's'}` : '',
            a.kind === 'export' || a.kind === 'import' || a.kind === 'setup' ? vscode.SymbolKind.Event : vscode.SymbolKind.Key, toRange(a.range), toRange(a.range)));
          return sym;
        });
      },
    }),
    vscode.languages.registerDocumentLinkProvider(selector, {
      async provideDocumentLinks(doc) {
        const links: vscode.DocumentLink[] = [];
        for (const e of reports.get(doc).errors) {
          if (!e.recordType?.startsWith('CD_')) continue;
          const loc = await models.find(e.recordType, e.field);
          if (!loc) continue;
          const target = loc.uri.with({ fragment: `L${loc.range.start.line + 1},${loc.range.start.character + 1}` });
          const range = toRange(e.range);
          const text = doc.getText(range);
          // Link the quoted names in the error (`'CD_isChecked'`, `'CD_Item'`), else the whole error.
          for (const name of [e.field, e.recordType]) {
            if (!name) continue;
            const at = text.indexOf(`'${name}'`);
            if (at < 0) continue;
            const start = doc.positionAt(doc.offsetAt(range.start) + at + 1);
            const link = new vscode.DocumentLink(new vscode.Range(start, start.translate(0, name.length)), target);
            link.tooltip = `Open ${loc.entity}${loc.property ? `.${loc.property}` : ''} in the ${loc.format}`;
            links.push(link);
          }
        }
        return links;
      },
    }),
    vscode.languages.registerCodeActionsProvider(selector, {
      async provideCodeActions(doc, _range, ctx) {
        const actions: vscode.CodeAction[] = [];
        for (const d of ctx.diagnostics) {
          if (d.source !== DIAGNOSTIC_SOURCE) continue;
          const id = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
          if (id === 'production-schema' || id === 'unknown-item') {
            const a = new vscode.CodeAction('Check Schema Deploy (development vs production)', vscode.CodeActionKind.QuickFix);
            a.command = { command: CHECK_DEPLOY_COMMAND, title: 'Check Schema Deploy' };
            a.diagnostics = [d];
            actions.push(a);
          }
          // The model element, found again from the explanation (the diagnostics handed to code action
          // providers do not always carry their related information).
          const e = errorAt(reports.get(doc), d.range.start);
          // A 134060 list: the model rules report the same problems (model-findings.ts).
          if (id === 'model-validation') {
            const a = new vscode.CodeAction('Show the model rules\' findings for these items', vscode.CodeActionKind.QuickFix);
            a.command = { command: SHOW_MODEL_FINDINGS_COMMAND, title: 'Show Model Findings', arguments: [e?.modelItems ?? []] };
            a.diagnostics = [d];
            actions.push(a);
          }
          const locs = e?.recordType?.startsWith('CD_') ? await models.findAll(e.recordType, e.field) : [];
          for (const loc of locs) {
            const a = new vscode.CodeAction(`Open ${loc.entity}${loc.property ? `.${loc.property}` : ''} in the ${loc.format}`, vscode.CodeActionKind.QuickFix);
            a.command = { command: 'vscode.open', title: 'Open', arguments: [loc.uri, { selection: loc.range }] };
            a.diagnostics = [d];
            actions.push(a);
          }
        }
        return actions;
      },
    }),
  );
}
