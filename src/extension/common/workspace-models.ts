import * as vscode from 'vscode';

/**
 * Every Xcode model of the workspace as the user names it: each `.xcdatamodeld` bundle, plus the
 * `.xcdatamodel` folders outside one (the sandbox's model pick, "Generate Schema from Model").
 * Build output and dependencies are left out.
 */
export async function findModelBundles(limit = 500): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.xcdatamodel/contents', '**/{node_modules,.git,DerivedData,build}/**', limit);
  const bundles = new Map<string, vscode.Uri>();
  for (const f of files) {
    const model = vscode.Uri.joinPath(f, '..');
    const up = vscode.Uri.joinPath(model, '..');
    const bundle = up.path.endsWith('.xcdatamodeld') ? up : model;
    bundles.set(bundle.toString(), bundle);
  }
  return [...bundles.values()].sort((a, b) => a.path.localeCompare(b.path));
}
