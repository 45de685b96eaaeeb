/** Public entry point of the sandbox engine (runs in Node and in the webview). */
export * from './api';
export { Sandbox, createSandbox } from './sandbox';
export { loadSession } from './session-replay';
export { digestEvents } from './session-file';
export { DEFAULT_OPTIONS } from './options';
export { describeEvent, formatEvent, formatT, formatTimeline } from './format';
export { SCENARIOS, ScenarioPlayer, findScenario, runScenario } from './scenarios';
export type { Checkpoint, Scenario, ScenarioRun } from './scenarios';
