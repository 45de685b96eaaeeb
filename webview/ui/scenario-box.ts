/**
 * The scenario box: the library scenario picker, the player's buttons, the scenario's explanation and
 * source, the step reached, and the expected outcome once every step has been played.
 */
import type { ScenarioCheck, ScenarioData } from '../../src/core/sandbox/api';
import type { ScenarioPlayer } from '../../src/core/sandbox/scenarios/player';
import { describeInput } from '../format';
import { button, h, select, setChildren } from '../dom';

/** A loaded scenario, as the app keeps it. */
export interface LoadedScenario {
  /** The core scenario player (src/core/sandbox/scenarios/player.ts): the steps played, the checkpoints taken. */
  readonly player: ScenarioPlayer;
  playing: boolean;
  /** The library's checks, once every step has been played. */
  checks?: readonly ScenarioCheck[];
}

export interface ScenarioActions {
  load(name: string): void;
  togglePlay(): void;
  step(): void;
  playAll(): void;
}

export function renderScenarioBox(box: HTMLElement, list: readonly ScenarioData[], s: LoadedScenario | undefined, actions: ScenarioActions): void {
  let chosen = s?.player.data.name ?? list[0]?.name ?? '';
  setChildren(box,
    h('div', { class: 'scenario-bar' },
      h('h2', { id: 'scenario-title' }, 'Scenario'),
      list.length === 0 ? h('span', { class: 'muted' }, 'No library scenarios in this build.') :
        select('Library scenario', list.map((x) => [x.name, `§${x.referenceNumber} ${x.title}`] as [string, string]), chosen, (v) => { chosen = v; }, 'scenario-picker'),
      list.length ? button('Load', () => actions.load(chosen), { secondary: true, title: 'Start a session from this scenario', testid: 'scenario-load' }) : null,
      s ? button(s.playing ? 'Pause' : 'Play', () => actions.togglePlay(), { title: 'Play the scenario step by step', testid: 'scenario-play' }) : null,
      s ? button('Next step', () => actions.step(), { secondary: true, disabled: s.player.done, testid: 'scenario-next' }) : null,
      s ? button('Play all', () => actions.playAll(), { secondary: true, testid: 'scenario-all' }) : null),
    s ? h('div', { class: 'scenario-text' },
      h('h3', {}, s.player.data.title),
      h('p', {}, s.player.data.explanation),
      h('p', { class: 'muted' }, `Source: ${s.player.data.source}`),
      h('p', { 'data-testid': 'scenario-progress', role: 'status' }, s.player.done
        ? `All ${s.player.data.steps.length} steps played.`
        : `Step ${s.player.next + 1} of ${s.player.data.steps.length}: ${describeInput(s.player.data.steps[s.player.next])}`),
      s.checks ? h('ul', { class: 'scenario-checks', 'aria-label': 'Expected outcome', 'data-testid': 'scenario-checks' }, s.checks.map((c) =>
        h('li', { class: c.ok ? 'ok' : 'bad' }, c.ok ? '✓ ' : '✗ ', c.description, c.detail ? h('span', { class: 'muted' }, ` (${c.detail})`) : null))) : null) : null);
}
