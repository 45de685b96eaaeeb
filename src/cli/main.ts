/**
 * `ckdev`: the command line of CloudKit DevTools, for CI. Each subcommand lives in its own module under
 * src/cli/commands and is listed in `commands` below.
 *
 * Exit codes: 0 success, 1 findings/blocked/failed expectation, 2 bad usage or unreadable input.
 */
import { version } from './version';
import { checkCommand } from './commands/check';
import { explainCommand } from './commands/explain';
import { lintCommand } from './commands/lint';
import { projectCommand } from './commands/project';
import { scenarioCommand } from './commands/scenario';
import { schemaCommand } from './commands/schema';
import { typesCommand } from './commands/types';
import { errorMessage } from '../core/error-message';
import type { CliCommand, CliIo } from './command';

export type { CliCommand, CliIo } from './command';

const commands: CliCommand[] = [lintCommand, schemaCommand, checkCommand, typesCommand, scenarioCommand, explainCommand, projectCommand];

export function usage(): string {
  const lines = [
    `ckdev ${version}: CloudKit DevTools command line`,
    '',
    'Usage: ckdev <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Run `ckdev <command> --help` for the options of a command.',
  ];
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`ckdev: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.stderr(`ckdev ${name}: ${errorMessage(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    // main() catches command errors; this is the last net so a failure still sets a non-zero exit code.
    (e: unknown) => { io.stderr(`ckdev: ${errorMessage(e)}\n`); process.exitCode = 2; },
  );
}
