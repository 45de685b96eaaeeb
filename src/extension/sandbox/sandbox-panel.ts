import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import {
  describeInvalid, isHostState, parseFromWebview, PROTOCOL_VERSION, type FromWebview, type HostState, type InvokeAction, type ModelPayload, type ToWebview,
} from '../../protocol/sandbox-messages';
import type { SandboxSessionFile } from '../../protocol/session-file';
import { makeNonce, renderWebviewHtml } from './webview-html';
import { chooseModelBundle, loadModel, loadProductionSchema, locateVersion, modelWatchPattern, pickModelVersion, productionSchemaUri, type ModelLocation } from './model-source';
import { askOpenTarget, askSaveTarget, readSession, writeSession } from './session-store';
import { errorMessage } from '../../core/error-message';

export const SANDBOX_VIEW_TYPE = 'cloudkit.sandbox';

export interface SandboxHostEvents {
  readonly rendered: vscode.EventEmitter<FromWebview.Rendered>;
  readonly saved: vscode.EventEmitter<{ readonly uri?: string; readonly error?: string }>;
}

/**
 * One sandbox panel: the webview (engine and UI), the model it runs on, and the session file it was
 * opened from. Host side of the protocol in src/protocol/sandbox-messages.ts.
 */
export class SandboxPanel {
  static current: SandboxPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private modelWatcher: vscode.Disposable | undefined;
  private schemaWatcher: vscode.Disposable | undefined;
  private location: ModelLocation | undefined;
  /** URI string of the model bundle in use (kept across webview reloads and window reloads). */
  private rememberedBundle: string | undefined;
  /** The version folder the user chose when it is not the current one (kept like the bundle). */
  private rememberedVersion: string | undefined;
  /** The model (or error) last sent to the webview, to skip reloads that change nothing in it. */
  private lastModelKey: string | undefined;
  private sessionUri: vscode.Uri | undefined;
  /** A target given by a command argument for the next save (scripts and tests). */
  private pendingSaveTarget: vscode.Uri | undefined;
  /** A session to send with `init` (opened before the webview was ready). */
  private pendingSession: SandboxSessionFile | undefined;
  private ready = false;
  /** Button presses asked for before the webview was ready (sent after `init`). */
  private pendingInvokes: ToWebview.Invoke[] = [];
  lastRendered: FromWebview.Rendered | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly events: SandboxHostEvents,
    state: HostState | undefined,
  ) {
    this.sessionUri = state?.sessionFile ? vscode.Uri.parse(state.sessionFile) : undefined;
    this.rememberedBundle = state?.modelBundle;
    this.rememberedVersion = state?.modelVersion;
    panel.webview.options = SandboxPanel.webviewOptions(extensionUri);
    panel.webview.html = this.html();
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m), null, this.disposables);
    // The production schema follows its file and the setting.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cloudkit.schema.production')) this.watchSchema();
    }, null, this.disposables);
    this.watchSchema();
  }

  private watchSchema(): void {
    this.schemaWatcher?.dispose();
    this.schemaWatcher = undefined;
    const uri = productionSchemaUri();
    if (uri) {
      const slash = uri.path.lastIndexOf('/');
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uri.with({ path: uri.path.slice(0, slash) }), uri.path.slice(slash + 1)));
      const changed = (): void => void this.sendSchema();
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      this.schemaWatcher = watcher;
    }
    if (this.ready) void this.sendSchema();
  }

  private async sendSchema(): Promise<void> {
    if (!this.ready) return;
    this.post({ type: 'schemaChanged', productionSchema: await loadProductionSchema(this.log) });
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
    // Only the built webview files; no command URIs; scripts for the engine and UI.
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
  }

  /** `model`: a model asked for (a SwiftData model's Swift file); an open panel switches to it. */
  static createOrShow(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, events: SandboxHostEvents, model?: vscode.Uri): SandboxPanel {
    if (SandboxPanel.current) {
      SandboxPanel.current.panel.reveal();
      if (model && SandboxPanel.current.rememberedBundle !== model.toString()) void SandboxPanel.current.useModel(model);
      return SandboxPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(SANDBOX_VIEW_TYPE, 'CloudKit Sandbox', vscode.ViewColumn.Active, {
      ...SandboxPanel.webviewOptions(extensionUri),
      // The webview keeps its own state with getState/setState, so it need not stay alive when hidden.
      retainContextWhenHidden: false,
    });
    SandboxPanel.current = new SandboxPanel(panel, extensionUri, log, events, model ? { modelBundle: model.toString() } : undefined);
    return SandboxPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, state: unknown, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, events: SandboxHostEvents): SandboxPanel {
    // The webview keeps the host's state under `host` in its own state (`WebviewState.host`, webview/vscode-api.ts).
    const host = typeof state === 'object' && state !== null ? (state as { host?: unknown }).host : undefined;
    const hostState = isHostState(host) ? host : undefined;
    SandboxPanel.current?.panel.dispose();
    SandboxPanel.current = new SandboxPanel(panel, extensionUri, log, events, hostState);
    return SandboxPanel.current;
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = makeNonce((n) => crypto.randomInt(n));
    const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'main.js')).toString();
    return renderWebviewHtml({ cspSource: webview.cspSource, scriptUri, nonce });
  }

  post(message: ToWebview.Message): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) {
      this.log.warn(`Sandbox: dropped an invalid message from the webview (${describeInvalid(raw)})`);
      return;
    }
    try {
      switch (msg.type) {
        case 'ready':
          if (msg.protocol !== PROTOCOL_VERSION) this.log.warn(`Sandbox: webview protocol ${msg.protocol}, host ${PROTOCOL_VERSION}`);
          this.ready = false;
          await this.sendInit();
          this.ready = true;
          // Whatever arrived while `init` was being prepared.
          if (this.pendingSession) {
            this.post({ type: 'loadSession', session: this.pendingSession, fileName: this.sessionUri ? vscode.workspace.asRelativePath(this.sessionUri) : '' });
            this.pendingSession = undefined;
          }
          for (const m of this.pendingInvokes.splice(0)) this.post(m);
          break;
        case 'rendered':
          this.lastRendered = msg;
          this.events.rendered.fire(msg);
          break;
        case 'saveSession':
          await this.save(msg.session, msg.saveAs);
          break;
        case 'openSession':
          await this.openSession(undefined);
          break;
        case 'pickModel':
          await this.pickModel();
          break;
        case 'log':
          (msg.level === 'error' ? this.log.error : msg.level === 'warn' ? this.log.warn : this.log.info).call(this.log, `Sandbox webview: ${msg.message}`);
          break;
      }
    } catch (e) {
      this.log.error(`Sandbox: ${msg.type} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  private async resolveModel(interactive: boolean): Promise<{ model?: ModelPayload; error?: string }> {
    const chosen = await chooseModelBundle(this.rememberedBundle, interactive);
    if (!chosen) return { error: 'No Core Data model (.xcdatamodeld or .xcdatamodel) or SwiftData @Model class was found in this workspace.' };
    const bundle = chosen.bundle;
    if (chosen.picked) this.rememberedVersion = chosen.picked.current ? undefined : chosen.picked.version;
    else if (this.rememberedBundle !== bundle.toString()) this.rememberedVersion = undefined;
    this.rememberedBundle = bundle.toString();
    this.location = await locateVersion(bundle, this.rememberedVersion);
    if (!this.location) return { error: `${vscode.workspace.asRelativePath(bundle)} has no readable model version.` };
    this.watchModel(bundle);
    const result = await loadModel(this.location);
    this.lastModelKey = JSON.stringify(result);
    return result;
  }

  private async sendInit(): Promise<void> {
    const { model, error } = await this.resolveModel(true);
    const productionSchema = await loadProductionSchema(this.log);
    const session = this.pendingSession;
    this.pendingSession = undefined;
    this.post({ type: 'init', protocol: PROTOCOL_VERSION, model, modelError: error, productionSchema, session, hostState: this.hostState() });
  }

  private hostState(): HostState {
    return { modelBundle: this.rememberedBundle, modelVersion: this.rememberedVersion, sessionFile: this.sessionUri?.toString() };
  }

  /** Reloads the model on any change inside the bundle (a new version, `.xccurrentversion`, `contents`). */
  private watchModel(bundle: vscode.Uri): void {
    this.modelWatcher?.dispose();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let watcher: vscode.FileSystemWatcher | undefined;
    let disposed = false;
    const changed = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void this.reloadModel(bundle), 300);
    };
    // A bundle's files, or a SwiftData project's Swift files (model-source.ts).
    void modelWatchPattern(bundle).then((pattern) => {
      if (disposed) return;
      watcher = vscode.workspace.createFileSystemWatcher(pattern);
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
    });
    this.modelWatcher = { dispose: () => { disposed = true; watcher?.dispose(); if (timer) clearTimeout(timer); } };
  }

  private async reloadModel(bundle: vscode.Uri): Promise<void> {
    // A version the user chose stays in use; otherwise the panel follows the current version.
    this.location = await locateVersion(bundle, this.rememberedVersion);
    const result = this.location ? await loadModel(this.location) : { error: `${vscode.workspace.asRelativePath(bundle)} has no readable model version.` };
    // Another version of the bundle changed, not the one in use (e.g. the user fixes the current version
    // while running an older one): nothing to tell the panel (QA: it offered a "new model" that was the same).
    const key = JSON.stringify(result);
    if (key === this.lastModelKey) return;
    this.lastModelKey = key;
    this.post({ type: 'modelChanged', model: result.model, modelError: result.error });
  }

  /** "Choose model version…": every version of every bundle; the pick starts a new session on it. */
  private async pickModel(): Promise<void> {
    const choice = await pickModelVersion(undefined, this.location);
    if (!choice) return;
    this.rememberedBundle = choice.bundle.toString();
    // Only a non-current version is pinned: the current one keeps following `.xccurrentversion`.
    this.rememberedVersion = choice.current ? undefined : choice.version;
    this.location = await locateVersion(choice.bundle, this.rememberedVersion);
    this.watchModel(choice.bundle);
    const result = this.location ? await loadModel(this.location) : { error: `${vscode.workspace.asRelativePath(choice.bundle)} has no readable model version.` };
    this.lastModelKey = JSON.stringify(result);
    this.post({ type: 'hostState', hostState: this.hostState() });
    this.post({ type: 'modelChanged', model: result.model, modelError: result.error, picked: true });
  }

  /** Runs the panel on another model (a SwiftData model asked for while the panel is open): a new session on it. */
  private async useModel(model: vscode.Uri): Promise<void> {
    this.rememberedBundle = model.toString();
    this.rememberedVersion = undefined;
    if (!this.ready) return; // init reads the remembered model
    this.location = await locateVersion(model);
    this.watchModel(model);
    const result = this.location ? await loadModel(this.location) : { error: `${vscode.workspace.asRelativePath(model)} cannot be read.` };
    this.lastModelKey = JSON.stringify(result);
    this.post({ type: 'hostState', hostState: this.hostState() });
    this.post({ type: 'modelChanged', model: result.model, modelError: result.error, picked: true });
  }

  /** Presses a panel button from a command. */
  invoke(action: InvokeAction): void {
    const m: ToWebview.Invoke = { type: 'invoke', action };
    if (this.ready) this.post(m);
    else this.pendingInvokes.push(m);
  }

  /** The "Save Sandbox Session" command: asks the webview for its session (same path as its button). */
  requestSave(target: vscode.Uri | undefined, saveAs: boolean): void {
    this.pendingSaveTarget = target;
    this.invoke(saveAs ? 'saveSessionAs' : 'saveSession');
  }

  private async save(session: SandboxSessionFile, saveAs: boolean): Promise<void> {
    let target = this.pendingSaveTarget;
    this.pendingSaveTarget = undefined;
    if (!target) target = !saveAs && this.sessionUri ? this.sessionUri : await askSaveTarget(this.sessionUri);
    if (!target) {
      this.post({ type: 'sessionSaved', fileName: undefined });
      return;
    }
    const withModel: SandboxSessionFile = this.location && !session.modelFile
      ? { ...session, modelFile: { path: vscode.workspace.asRelativePath(this.location.contents), label: this.location.label } }
      : session;
    try {
      await writeSession(target, withModel);
    } catch (e) {
      const message = errorMessage(e);
      void vscode.window.showErrorMessage(message);
      this.post({ type: 'sessionSaved', fileName: undefined, error: message });
      this.events.saved.fire({ error: message });
      return;
    }
    this.sessionUri = target;
    this.post({ type: 'hostState', hostState: this.hostState() });
    const fileName = vscode.workspace.asRelativePath(target);
    this.log.info(`Sandbox: session saved to ${fileName}`);
    this.post({ type: 'sessionSaved', fileName });
    this.events.saved.fire({ uri: target.toString() });
  }

  /** Opens a session file into this panel (asks for one when `uri` is undefined). */
  async openSession(uri: vscode.Uri | undefined): Promise<boolean> {
    const target = uri ?? (await askOpenTarget());
    if (!target) return false;
    let session: SandboxSessionFile;
    try {
      session = await readSession(target);
    } catch (e) {
      void vscode.window.showErrorMessage(errorMessage(e));
      return false;
    }
    this.sessionUri = target;
    if (this.ready) this.post({ type: 'hostState', hostState: this.hostState() });
    if (this.ready) this.post({ type: 'loadSession', session, fileName: vscode.workspace.asRelativePath(target) });
    else this.pendingSession = session;
    this.panel.reveal();
    return true;
  }

  dispose(): void {
    if (SandboxPanel.current === this) SandboxPanel.current = undefined;
    this.modelWatcher?.dispose();
    this.schemaWatcher?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
