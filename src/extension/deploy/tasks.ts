import * as vscode from 'vscode';
import { schemaSettings } from '../common/settings';

/**
 * `ckdev` tasks (type `ckdev` in tasks.json, taskDefinitions in package.json): they run the bundled
 * CLI with the extension host's own runtime, so nothing needs installing, and report through the
 * `$ckdev` problem matcher (pattern in package.json `problemPatterns`). Modelled on denoland/vscode_deno.
 */
interface CkdevTaskDefinition extends vscode.TaskDefinition {
  readonly command: 'check' | 'lint';
  readonly args?: string[];
}

export function registerCkdevTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const build = (definition: CkdevTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope): vscode.Task => {
    let args = definition.args ?? [];
    if (definition.command === 'check' && args.length === 0) {
      const config = schemaSettings();
      const dev = config.get<string>('development', '');
      const prod = config.get<string>('production', '');
      if (dev && prod) args = ['--dev', dev, '--prod', prod];
    }
    const cwd = typeof scope === 'object' ? scope.uri.fsPath : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    // In a desktop VS Code the extension host runs in Electron: ELECTRON_RUN_AS_NODE makes it plain Node.
    const execution = new vscode.ProcessExecution(process.execPath, [cli, definition.command, ...args], { cwd, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task(definition, scope, definition.command, 'ckdev', execution, ['$ckdev']);
    task.group = definition.command === 'lint' ? vscode.TaskGroup.Test : undefined;
    task.detail = `ckdev ${definition.command} ${args.join(' ')}`.trim();
    return task;
  };
  return vscode.tasks.registerTaskProvider('ckdev', {
    provideTasks: () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return [];
      const config = schemaSettings();
      return config.get<string>('development') && config.get<string>('production') ? [build({ type: 'ckdev', command: 'check' }, folder)] : [];
    },
    resolveTask: (task) => {
      const def = task.definition as CkdevTaskDefinition;
      if (def.command !== 'check' && def.command !== 'lint') return undefined;
      return build(def, task.scope ?? vscode.TaskScope.Workspace);
    },
  });
}
