/**
 * The contract between `ckdev` (main.ts) and its subcommands (commands/*). It lives apart from main.ts
 * so a command module does not import the module that imports it (no import cycle).
 */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}
