/**
 * The sandbox panel: runs the engine (through EngineSession) and lays out the controls, the devices side
 * by side, the server, fault injection and the timeline. Talks to the host only through HostConnection.
 */
import type { SandboxInput, ScenarioData } from '../src/core/sandbox/api';
import { PROTOCOL_VERSION, type HostState, type InvokeAction, type ModelPayload, type ToWebview } from '../src/protocol/sandbox-messages';
import { SESSION_FORMAT, type SandboxSessionFile } from '../src/protocol/session-file';
import { button, h, select, setChildren } from './dom';
import { ScenarioPlayer } from '../src/core/sandbox/scenarios/player';
import { scenarioOfFile } from './session-scenario';
import { configFor, EngineSession, type EngineModule } from './engine-adapter';
import { entitiesOf } from './entities';
import { formatClock } from './format';
import { DevicePanel } from './ui/device-panel';
import { FaultsPanel } from './ui/faults-panel';
import { renderScenarioBox, type LoadedScenario } from './ui/scenario-box';
import { SetupHelp } from './ui/setup-help';
import { ServerPanel } from './ui/server-panel';
import { SharingPanel } from './ui/sharing-panel';
import { Timeline } from './ui/timeline';
import type { HostConnection, WebviewState } from './vscode-api';
import { errorMessage } from '../src/core/error-message';

const TICK_MS = 250;
const SPEEDS: readonly [string, string][] = [['1', '1×'], ['10', '10×'], ['60', '60×'], ['600', '600×']];
const SEED = 1;
/** The button each host `invoke` presses. */
const INVOKE_BUTTONS: Record<InvokeAction, string> = { saveSession: 'save-session', saveSessionAs: 'save-session-as', step: 'step', runUntilIdle: 'run-until-idle' };

export class App {
  private session: EngineSession | undefined;
  private model: ModelPayload | undefined;
  private productionSchema: { path: string; text: string } | undefined;
  private hostState: HostState = {};
  private deviceCount = 2;
  private running = false;
  private speed = 1;
  private timer: ReturnType<typeof setInterval> | undefined;
  private scenario: LoadedScenario | undefined;
  private devicePanels: DevicePanel[] = [];
  private unsubscribe: (() => void) | undefined;
  private lastRenderedKey = '';
  private entityCount = 0;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private savedStateKey = '';
  private savedSession: EngineSession | undefined;
  private fileNameValue: string | undefined;
  private readonly sessionLabel = h('span', { class: 'muted', 'data-testid': 'session-label' });

  private get fileName(): string | undefined {
    return this.fileNameValue;
  }

  private set fileName(v: string | undefined) {
    this.fileNameValue = v;
    this.sessionLabel.textContent = v ? ` · session ${v}` : '';
    this.saveStateSoon();
  }

  private readonly root: HTMLElement;
  private readonly banner = h('div', { class: 'banner', role: 'status', 'aria-live': 'polite', 'data-testid': 'banner' });
  /** How to get past a model CloudKit rejects (134060): shown while a device's setup failed with it. */
  private readonly setupHelp = new SetupHelp(() => this.host.post({ type: 'pickModel' }));
  private readonly clockLabel = h('span', { class: 'clock', 'aria-label': 'Virtual time', 'data-testid': 'clock' }, '+00:00.000');
  private readonly runButton: HTMLElement;
  private deviceCountSelect: HTMLElement | undefined;
  private readonly modelLabel = h('span', { class: 'model-label', 'data-testid': 'model-label' });
  private readonly scenarioBox = h('section', { class: 'scenario', 'aria-labelledby': 'scenario-title' });
  private readonly devicesRow = h('div', { class: 'devices', role: 'group', 'aria-label': 'Devices' });
  private readonly server: ServerPanel;
  private readonly faults: FaultsPanel;
  private readonly sharing = new SharingPanel((id) => this.devicePanels.find((p) => p.id === id)?.name ?? id);
  private readonly timeline: Timeline;

  constructor(private readonly host: HostConnection, private readonly engine: EngineModule | undefined, root: HTMLElement) {
    this.root = root;
    this.server = new ServerPanel((i) => this.apply(i), (kind) => {
      const rows = this.session?.rows ?? [];
      for (let i = rows.length - 1; i >= 0; i--) if (rows[i].event.kind === kind) return rows[i].summary;
      return undefined;
    });
    this.faults = new FaultsPanel((i) => this.apply(i));
    this.timeline = new Timeline(() => this.saveStateSoon());
    this.runButton = button('Run', () => this.toggleRun(), { title: 'Run the virtual clock', testid: 'run' });
    const saved = host.getState();
    this.hostState = saved.host ?? {};
    this.layout();
    host.onMessage((m) => this.receive(m));
    if (saved.session && this.engine) {
      this.loadSession(saved.session, saved.fileName, saved.scenario);
      // A restore (hide/show, window reload) is not news: no "Opened …" banner.
      this.showBanner('');
    }
    host.post({ type: 'ready', protocol: PROTOCOL_VERSION });
  }

  private layout(): void {
    const controls = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Sandbox controls' },
      this.runButton,
      button('Step', () => this.apply({ type: 'step' }), { secondary: true, title: 'Run the next scheduled task', testid: 'step' }),
      h('label', {}, 'Speed ', select('Speed of the virtual clock', SPEEDS, String(this.speed), (v) => { this.speed = Number(v); }, 'speed')),
      button('+1 min', () => this.apply({ type: 'advance', ms: 60_000 }), { secondary: true, title: 'Fast-forward one minute', testid: 'ff-1m' }),
      button('+1 h', () => this.apply({ type: 'advance', ms: 3_600_000 }), { secondary: true, title: 'Fast-forward one hour' }),
      button('Sync until idle', () => this.apply({ type: 'runUntilIdle', maxMs: 3_600_000 }), { secondary: true, title: 'Run every task until nothing is left to do', testid: 'run-until-idle' }),
      this.clockLabel,
      h('span', { class: 'spacer' }),
      h('label', {}, 'Devices ', this.deviceCountSelect = select('Number of devices (starts a new session)', ['2', '3', '4', '5', '6'], String(this.deviceCount), (v) => {
        this.deviceCount = Number(v);
        this.newSession();
      }, 'device-count')),
      button('New session', () => this.newSession(), { secondary: true, title: 'Start over with the workspace model', testid: 'new-session' }),
      button('Save session', () => this.requestSave(false), { secondary: true, title: 'Save this session to a .cksandbox.json file', testid: 'save-session' }),
      button('Save as…', () => this.requestSave(true), { secondary: true, title: 'Save this session under a new name', testid: 'save-session-as' }),
      button('Open session…', () => this.host.post({ type: 'openSession' }), { secondary: true, title: 'Open a .cksandbox.json session', testid: 'open-session' }));
    const modelBar = h('div', { class: 'modelbar' }, h('span', { class: 'muted' }, 'Model: '), this.modelLabel, this.sessionLabel,
      button('Choose model version…', () => this.host.post({ type: 'pickModel' }),
        { secondary: true, title: 'Run another version of the model (or another model in the workspace); starts a new session', testid: 'choose-model' }));
    setChildren(this.root,
      h('header', {}, h('h1', {}, 'CloudKit Sandbox'), modelBar, controls),
      this.banner, this.setupHelp.element, this.scenarioBox, this.devicesRow,
      h('div', { class: 'lower' }, this.server.element, h('div', { class: 'lower-side' }, this.sharing.element, this.faults.element)),
      this.timeline.element);
    this.renderScenarioBox();
  }

  private receive(m: ToWebview.Message): void {
    switch (m.type) {
      case 'init':
        if (m.hostState) this.hostState = m.hostState;
        this.setModel(m.model, m.modelError);
        this.productionSchema = m.productionSchema;
        if (m.session) this.loadSession(m.session, undefined);
        else if (!this.session) this.newSession();
        this.saveStateSoon();
        break;
      case 'hostState':
        this.hostState = m.hostState;
        this.saveStateNow();
        break;
      case 'modelChanged': {
        this.setModel(m.model, m.modelError);
        // The user picked this model version: that is a request for a new session on it.
        if (m.picked) {
          if (m.model) this.newSession();
          break;
        }
        const untouched = this.session && !this.scenario && this.session.inputCount === 0;
        if (!this.session || untouched) this.newSession();
        else if (m.model) this.showBanner('The model changed on disk. Start a new session to use it.', button('New session with the new model', () => this.newSession()));
        break;
      }
      case 'schemaChanged': {
        const before = this.productionSchema?.text;
        this.productionSchema = m.productionSchema;
        if (before === this.productionSchema?.text) break;
        const untouched = this.session && !this.scenario && this.session.inputCount === 0;
        if (untouched) this.newSession();
        else if (this.model && !this.scenario) this.showBanner('The production schema changed. Start a new session to use it.', button('New session with the new schema', () => this.newSession()));
        break;
      }
      case 'loadSession':
        this.loadSession(m.session, m.fileName);
        break;
      case 'invoke':
        // The command palette's "Save Sandbox Session" presses the same button as the panel.
        (this.root.querySelector(`[data-testid="${INVOKE_BUTTONS[m.action]}"]`) as HTMLElement | null)?.click();
        break;
      case 'sessionSaved':
        if (m.error) this.showBanner(`Session not saved: ${m.error}`);
        else if (m.fileName) {
          this.fileName = m.fileName;
          this.showBanner(`Session saved to ${m.fileName}.`);
          this.saveStateNow();
        }
        break;
    }
  }

  private setModel(model: ModelPayload | undefined, error: string | undefined): void {
    this.model = model;
    this.modelLabel.textContent = model ? model.label : 'none';
    if (!model && error) this.showBanner(error);
  }

  private showBanner(text: string, ...extra: HTMLElement[]): void {
    setChildren(this.banner, text ? h('span', {}, text) : null, ...extra);
  }

  // ---------------------------------------------------------------------------------------------
  // Sessions

  private newSession(): void {
    if (!this.engine) {
      this.showBanner('The sandbox engine is not available in this build.');
      return;
    }
    if (!this.model) {
      this.showBanner('Open a workspace with a Core Data model (.xcdatamodeld) to run the sandbox, or pick a library scenario.');
      this.attach(undefined);
      return;
    }
    this.scenario = undefined;
    this.fileName = undefined;
    this.showBanner('');
    const setup = { model: this.model.model, database: this.model.database, productionSchema: this.productionSchema?.text, deviceCount: this.deviceCount, seed: SEED };
    try {
      this.attach(EngineSession.create(this.engine, configFor(setup)));
    } catch (e) {
      const message = errorMessage(e);
      if (setup.productionSchema !== undefined) {
        // A production schema the engine cannot read: say so, and run with a fully deployed one.
        try {
          this.attach(EngineSession.create(this.engine, configFor({ ...setup, productionSchema: undefined })));
          this.showBanner(`${this.productionSchema?.path}: ${message}. Production uses the schema derived from the model instead.`);
        } catch (e2) {
          this.showBanner(`The sandbox cannot run this model: ${errorMessage(e2)}`);
          this.attach(undefined);
        }
      } else {
        this.showBanner(`The sandbox cannot run this model: ${message}`);
        this.attach(undefined);
      }
    }
    this.renderScenarioBox();
  }

  private loadSession(file: SandboxSessionFile, fileName: string | undefined, restored?: WebviewState['scenario']): void {
    if (!this.engine) return;
    try {
      const session = EngineSession.load(this.engine, file);
      this.fileName = fileName;
      // A session saved while a library scenario was loaded reopens with its player and explanation.
      const scenario = restored ?? scenarioOfFile(file, this.engine.scenarios);
      const data = scenario ? this.engine.scenarios.find((s) => s.name === scenario.name) : undefined;
      this.scenario = data && scenario ? { player: this.playerFor(data, scenario.next), playing: false } : undefined;
      this.attach(session);
      this.timeline.setFilter(file.ui?.filter);
      this.showBanner(fileName ? `Opened ${fileName}.` : '');
      this.saveStateNow();
    } catch (e) {
      this.showBanner(`Cannot load the session: ${errorMessage(e)}`);
      this.host.log('error', `loadSession failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    this.renderScenarioBox();
  }

  private attach(session: EngineSession | undefined): void {
    this.pause();
    this.unsubscribe?.();
    this.session?.dispose();
    this.session = session;
    this.server.reset();
    this.sharing.reset();
    this.devicePanels = [];
    if (!session) {
      this.entityCount = 0;
      setChildren(this.devicesRow);
      this.timeline.reset([]);
      this.render();
      return;
    }
    const entities = entitiesOf(session.engine.config);
    this.entityCount = entities.length;
    const devices = session.engine.config.devices.map((d, i) => ({ id: d.id, name: d.name ?? `Device ${i + 1}` }));
    this.deviceCount = devices.length;
    if (this.deviceCountSelect) (this.deviceCountSelect as HTMLElement & { value: string }).value = String(devices.length);
    this.devicePanels = devices.map((d) => {
      const p = new DevicePanel(d.id, d.name, { apply: (i) => this.apply(i) });
      p.setEntities(entities);
      return p;
    });
    this.devicesRow.style.setProperty('--device-count', String(devices.length));
    setChildren(this.devicesRow, this.devicePanels.map((p) => p.element));
    this.faults.setContext(devices.map((d) => d.id), entities);
    this.timeline.setLanes(devices);
    this.timeline.reset(session.rows);
    this.unsubscribe = session.onChange(() => this.render());
    this.render();
  }

  /** Applies an input to the engine; returns the error message, if any, for the control that asked. */
  apply(input: SandboxInput): string | undefined {
    if (!this.session) return 'No session is running.';
    const err = this.session.apply(input);
    if (err) this.host.log('warn', `input ${input.type} rejected: ${err}`);
    return err;
  }

  private requestSave(saveAs: boolean): void {
    if (!this.session) {
      this.showBanner('Nothing to save: no session is running.');
      return;
    }
    this.host.post({ type: 'saveSession', session: this.sessionFile(), saveAs });
  }

  private sessionFile(): SandboxSessionFile {
    const saved = this.session!.save();
    const file: SandboxSessionFile = {
      ...saved,
      format: SESSION_FORMAT,
      ui: { filter: { ...this.timeline.filter }, ...(this.scenario ? { scenario: this.scenario.player.data.name, scenarioStep: this.scenario.player.next } : {}) },
    };
    return file;
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  private toggleRun(): void {
    if (this.running) this.pause();
    else this.play();
  }

  private play(): void {
    if (!this.session || this.running) return;
    this.running = true;
    this.runButton.textContent = 'Pause';
    this.runButton.setAttribute('aria-label', 'Pause the virtual clock');
    this.runButton.setAttribute('aria-pressed', 'true');
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private pause(): void {
    this.running = false;
    if (this.scenario) this.scenario.playing = false;
    this.runButton.textContent = 'Run';
    this.runButton.setAttribute('aria-label', 'Run the virtual clock');
    this.runButton.setAttribute('aria-pressed', 'false');
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (!this.session) return this.pause();
    if (this.scenario?.playing) {
      this.playScenarioStep();
      return;
    }
    const err = this.apply({ type: 'advance', ms: TICK_MS * this.speed });
    if (err) {
      this.pause();
      this.showBanner(err);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  private renderScenarioBox(): void {
    renderScenarioBox(this.scenarioBox, this.engine?.scenarios ?? [], this.scenario, {
      load: (name) => this.loadScenario(name),
      togglePlay: () => this.togglePlay(),
      step: () => this.playScenarioStep(),
      playAll: () => { while (this.scenario && !this.scenario.player.done) this.playScenarioStep(); },
    });
  }

  private loadScenario(name: string): void {
    const data = this.engine?.scenarios.find((s) => s.name === name);
    if (!data || !this.engine) return;
    try {
      this.attach(EngineSession.create(this.engine, data.config, data));
      this.scenario = { player: this.playerFor(data, 0), playing: false };
      this.fileName = undefined;
      this.showBanner('');
    } catch (e) {
      this.showBanner(`Cannot load the scenario: ${errorMessage(e)}`);
    }
    this.renderScenarioBox();
    this.saveStateNow();
  }

  private togglePlay(): void {
    if (!this.scenario) return;
    if (this.scenario.playing) {
      this.pause();
    } else {
      this.play();
      this.scenario.playing = true;
    }
    this.renderScenarioBox();
  }

  private playerFor(data: ScenarioData, next: number): ScenarioPlayer {
    return new ScenarioPlayer(data, () => this.session?.engine, next);
  }

  private playScenarioStep(): void {
    const s = this.scenario;
    if (!s) return;
    const p = s.player;
    if (p.done) {
      if (s.playing) this.pause();
      this.renderScenarioBox();
      return;
    }
    let err: string | undefined;
    p.step((input) => { err = this.apply(input); });
    if (err) this.showBanner(`Step ${p.next}: ${err}`);
    const engine = this.session?.engine;
    if (engine && p.done && this.engine?.checkScenario) {
      try {
        s.checks = this.engine.checkScenario(p.data.name, engine, p);
      } catch (e) {
        s.checks = [{ description: 'The expected outcome could not be checked', ok: false, detail: errorMessage(e) }];
      }
    }
    this.renderScenarioBox();
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  /** Duration of the latest UI update (devices, server, timeline window), for the perf figures. */
  lastRenderMs = 0;

  /** The timeline, for tests and perf figures. */
  get timelineView(): Timeline {
    return this.timeline;
  }

  private render(): void {
    const t0 = performance.now();
    this.renderNow();
    this.lastRenderMs = performance.now() - t0;
  }

  private renderNow(): void {
    const s = this.session;
    if (!s) {
      this.clockLabel.textContent = '+00:00.000';
      this.reportRendered(0, 0, 0, 0);
      return;
    }
    const engine = s.engine;
    this.clockLabel.textContent = formatClock(engine.now());
    let objects = 0;
    // Users, shares and each device's shared store (bounded like the device snapshots).
    const sharing = engine.inspectSharing({ limit: 50 });
    for (const p of this.devicePanels) {
      const snap = engine.inspectDevice(p.id, { limit: 200 });
      objects += snap.objectCount;
      p.update(snap, s.rows, sharing);
    }
    this.sharing.update(sharing);
    this.setupHelp.update(engine, {
      devices: this.devicePanels,
      modelName: this.scenario ? 'this scenario\'s model' : this.model ? `the model ${this.model.label}` : 'the model',
      scenario: !!this.scenario,
    });
    const server = engine.inspectServer({ limit: 100 });
    this.server.update(server);
    this.faults.update(server.errorRules);
    this.timeline.update();
    let records = 0;
    for (const d of server.databases) for (const z of d.zones) records += z.recordCount;
    this.reportRendered(this.devicePanels.length, s.rows.length, objects, records);
    this.saveStateSoon();
  }

  private reportRendered(devices: number, events: number, objects: number, serverRecords: number): void {
    const clock = this.session?.engine.now() ?? 0;
    const inputs = this.session?.inputCount ?? 0;
    const entities = this.entityCount;
    const key = `${devices}/${entities}/${events}/${objects}/${serverRecords}/${inputs}/${clock}`;
    if (key === this.lastRenderedKey) return;
    this.lastRenderedKey = key;
    this.host.post({ type: 'rendered', devices, entities, events, objects, serverRecords, inputs, clock });
  }

  /** Webview state for hide/reload, written at most twice a second (a save replays the input log). */
  private saveStateSoon(): void {
    if (this.stateTimer !== undefined) return;
    this.stateTimer = setTimeout(() => this.saveStateNow(), 500);
  }

  /**
   * Writes the webview state at once: after opening a session or scenario, and after a save or a model
   * pick, so a window reload right after still restores them (QA: a reload within half a second of opening
   * a file brought back the previous session).
   */
  private saveStateNow(): void {
    if (this.stateTimer !== undefined) clearTimeout(this.stateTimer);
    this.stateTimer = undefined;
    // Saving digests the whole log: skip it when nothing that a save holds has changed.
    const key = JSON.stringify([this.hostState, this.session?.inputCount, this.session?.rows.length, this.timeline.filter, this.scenario?.player.data.name, this.scenario?.player.next, this.fileName]);
    if (key === this.savedStateKey && this.savedSession === this.session) return;
    this.savedStateKey = key;
    this.savedSession = this.session;
    this.host.setState({
      host: this.hostState,
      session: this.session ? this.sessionFile() : undefined,
      scenario: this.scenario ? { name: this.scenario.player.data.name, next: this.scenario.player.next } : undefined,
      fileName: this.fileName,
    });
  }
}
