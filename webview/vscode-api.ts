/**
 * The webview's side of the host connection: `acquireVsCodeApi()` (called once, as VS Code requires),
 * typed posting, and validated receiving.
 */
import { describeInvalid, parseToWebview, type FromWebview, type HostState, type ToWebview } from '../src/protocol/sandbox-messages';
import type { SandboxSessionFile } from '../src/protocol/session-file';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What the webview keeps in VS Code's webview state (survives hide and window reload). */
export interface WebviewState {
  readonly host?: HostState;
  /** The running session (engine save + panel view state). */
  readonly session?: SandboxSessionFile;
  /** The scenario being played, and how far. */
  readonly scenario?: { readonly name: string; readonly next: number };
  /** Workspace-relative name of the session file shown in the model bar (QA: it was lost on reload). */
  readonly fileName?: string;
}

export class HostConnection {
  private readonly api: VsCodeApi;

  constructor() {
    this.api = acquireVsCodeApi();
  }

  post(message: FromWebview.Message): void {
    this.api.postMessage(message);
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.post({ type: 'log', level, message });
  }

  getState(): WebviewState {
    const s = this.api.getState();
    return typeof s === 'object' && s !== null ? (s as WebviewState) : {};
  }

  setState(state: WebviewState): void {
    this.api.setState(state);
  }

  /** Listens for host messages; invalid ones are logged (to the host) and dropped. */
  onMessage(handler: (m: ToWebview.Message) => void): void {
    window.addEventListener('message', (event: MessageEvent) => {
      const msg = parseToWebview(event.data);
      if (!msg) {
        this.log('warn', `dropped an invalid message from the host (${describeInvalid(event.data)})`);
        return;
      }
      handler(msg);
    });
  }
}
