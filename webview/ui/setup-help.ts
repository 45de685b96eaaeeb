/**
 * The banner shown while mirroring setup failed with 134060 on some device: a model that breaks
 * CloudKit's rules fails setup on every device (reference/sync-semantics.md, NSCocoaErrorDomain 134060 as
 * NSPersistentCloudKitContainer reports it), so nothing ever syncs. It says why and the two ways forward:
 * fix the model, or run a version CloudKit accepts.
 */
import type { EngineSession } from '../engine-adapter';
import { button, h, setChildren } from '../dom';

/** What the banner needs of the app: the devices, how to name the model, and the model picker. */
export interface SetupHelpContext {
  readonly devices: readonly { readonly id: string; readonly name: string }[];
  /** "the model Foo.xcdatamodel", or "this scenario's model". */
  readonly modelName: string;
  /** A library scenario is loaded: its model is fixed, so no advice to change it. */
  readonly scenario: boolean;
}

export class SetupHelp {
  readonly element = h('div', { class: 'setup-help', role: 'status', 'data-testid': 'setup-help', hidden: true });
  private key = '';

  constructor(private readonly pickModel: () => void) {}

  update(engine: Pick<EngineSession['engine'], 'inspectDevice'>, context: SetupHelpContext): void {
    const failed: string[] = [];
    let reason = '';
    for (const d of context.devices) {
      const err = engine.inspectDevice(d.id, { limit: 0 }).mirroring.setupError;
      if (err && err.domain === 'NSCocoaErrorDomain' && err.code === 134060) {
        failed.push(d.name);
        reason ||= (err.message ?? '').replace(/^A Core Data error occurred\.\s*/, '');
      }
    }
    const key = failed.length ? `${failed.join()}|${reason}|${context.modelName}|${context.scenario ? 1 : 0}` : '';
    if (key === this.key) return;
    this.key = key;
    if (!failed.length) {
      this.element.hidden = true;
      setChildren(this.element);
      return;
    }
    const all = failed.length === context.devices.length;
    this.element.hidden = false;
    setChildren(this.element,
      h('h2', {}, `Nothing can sync: mirroring setup failed with 134060 on ${all ? 'every device' : failed.join(', ')}`),
      h('p', {}, `NSPersistentCloudKitContainer refuses to load a store whose model breaks CloudKit's rules, as it would on a real device. It rejects ${context.modelName}`,
        reason ? ': ' : '.', reason ? h('span', { class: 'error-text' }, reason) : null),
      context.scenario ? null : h('p', {}, 'To see sync working, either ',
        h('strong', {}, 'fix the model'), ' (the violations are in the Problems panel, most with a quick fix; the sandbox restarts when you save it), or ',
        h('strong', {}, 'run a version CloudKit accepts'), ' (for example the version before your latest change).'),
      context.scenario ? null : h('div', { class: 'setup-help-actions' },
        button('Choose model version…', () => this.pickModel(), { title: 'Run another version of the model; starts a new session', testid: 'setup-help-choose-model' })));
  }
}
