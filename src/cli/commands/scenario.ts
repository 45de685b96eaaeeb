import type { CliCommand, CliIo } from '../command';
import { SCENARIOS, findScenario, runScenario } from '../../core/sandbox/scenarios';
import type { Scenario } from '../../core/sandbox/scenarios';
import { formatTimeline } from '../../core/sandbox/format';
import { loadSession } from '../../core/sandbox/session-replay';
import type { ScenarioCheck } from '../../core/sandbox/api';
import { errorMessage } from '../../core/error-message';
import { pathKind, readInputText, takeSizeOption } from '../input-file';

/**
 * `ckdev scenario <name|file> [--format text|json]`, `--list`, `--all`: runs sandbox scenarios headless.
 * A file is a saved sandbox session (JSON); it is replayed and its timeline printed.
 */
const USAGE = `Usage: ckdev scenario <name|session.json> [--format text|json]
       ckdev scenario --list
       ckdev scenario --all [--format text|json]
       --max-file-size-mb <n>: refuse a larger session file (default CKDEV_MAX_FILE_SIZE_MB or 10)

Runs a scenario of the CloudKit sync sandbox headless and prints its timeline.
Exit code 1 when the scenario's expected outcome does not hold.`;

function printChecks(io: CliIo, checks: readonly ScenarioCheck[]): void {
  for (const c of checks) io.stdout(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.description}${!c.ok && c.detail ? ` (${c.detail})` : ''}\n`);
}

export const scenarioCommand: CliCommand = {
  name: 'scenario',
  summary: 'run a sync sandbox scenario headless and print its timeline',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { args, limits } = takeSizeOption(argv);
    let format = 'text';
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--format') format = args[++i] ?? '';
      else if (a.startsWith('--format=')) format = a.slice('--format='.length);
      else rest.push(a);
    }
    if (format !== 'text' && format !== 'json') { io.stderr(`ckdev scenario: unknown format '${format}' (text or json)\n`); return 2; }
    if (rest.includes('--list')) {
      const width = Math.max(...SCENARIOS.map((s) => s.name.length));
      for (const s of SCENARIOS) io.stdout(`${s.name.padEnd(width)}  ${s.title}\n`);
      return 0;
    }
    if (rest.includes('--all')) {
      let passed = 0;
      let failed = 0;
      const results = [];
      for (const s of SCENARIOS) {
        const r = runScenario(s);
        if (r.passed) passed++; else failed++;
        if (format === 'json') results.push({ name: r.name, passed: r.passed, checks: r.checks, ...(r.error ? { error: r.error } : {}) });
        else {
          io.stdout(`${r.passed ? 'PASS' : 'FAIL'} ${s.name}  ${s.title}\n`);
          if (!r.passed) { if (r.error) io.stdout(`  error: ${r.error}\n`); printChecks(io, r.checks.filter((c) => !c.ok)); }
        }
      }
      if (format === 'json') io.stdout(JSON.stringify({ results, passed, failed }, null, 2) + '\n');
      else io.stdout(`${passed} passed, ${failed} failed\n`);
      return failed > 0 ? 1 : 0;
    }
    const target = rest[0];
    if (!target || rest.length > 1) { io.stderr(USAGE + '\n'); return 2; }
    const scenario: Scenario | undefined = findScenario(target);
    if (!scenario) {
      if (pathKind(target) === undefined) {
        io.stderr(`ckdev scenario: no scenario or file named '${target}' (run \`ckdev scenario --list\`)\n`);
        return 2;
      }
      let sandbox;
      try {
        sandbox = loadSession(readInputText(target, limits));
      } catch (e) {
        io.stderr(`ckdev scenario: ${target}: ${errorMessage(e)}\n`);
        return 2;
      }
      if (format === 'json') io.stdout(JSON.stringify({ file: target, events: sandbox.events() }, null, 2) + '\n');
      else io.stdout(formatTimeline(sandbox.events()) + '\n');
      return 0;
    }
    const r = runScenario(scenario);
    if (format === 'json') {
      io.stdout(JSON.stringify({ name: r.name, title: scenario.title, passed: r.passed, checks: r.checks, ...(r.error ? { error: r.error } : {}), events: r.events }, null, 2) + '\n');
    } else {
      io.stdout(`# ${scenario.name}: ${scenario.title}\n# ${scenario.explanation}\n# Source: ${scenario.source}\n\n`);
      io.stdout(formatTimeline(r.events) + '\n\n');
      if (r.error) io.stdout(`error: ${r.error}\n`);
      printChecks(io, r.checks);
      io.stdout(r.passed ? 'expected outcome holds\n' : 'expected outcome does NOT hold\n');
    }
    return r.passed ? 0 : 1;
  },
};
