import fs from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE_MB } from '../core/model/xml/decode';

/**
 * The one way `ckdev` reads a file the user named (or a file found from it): regular files only, under a
 * size cap, opened without blocking.
 *
 * - The file is opened with O_NONBLOCK and checked with fstat on the open descriptor (no stat-then-open
 *   race): a FIFO (open would wait for a writer), a device such as /dev/zero (reached through a symbolic
 *   link named `x.ckdb`: it never ends), a socket or a folder is refused before any byte is read.
 * - The size cap: `--max-file-size-mb <n>` on the command, else the environment variable
 *   `CKDEV_MAX_FILE_SIZE_MB` (unset or empty: not given), else 10 MB (1 GB for the streamed sync logs). The read itself stops at the cap + 1 byte, so a file that grows
 *   while it is read cannot get past it.
 *
 * Every refusal is an `InputError` with a one-line message naming the file; `ckdev` prints it and exits 2.
 */
export { DEFAULT_MAX_FILE_SIZE_MB };
export const MAX_FILE_SIZE_ENV = 'CKDEV_MAX_FILE_SIZE_MB';
export const MAX_FILE_SIZE_OPTION = '--max-file-size-mb';

export class InputError extends Error {}

export interface InputLimits {
  /** The cap in bytes (see `inputLimits`). */
  readonly maxBytes: number;
}

/** A positive number of megabytes, or undefined. */
function megabytes(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The cap: the option's value when given, else the environment variable, else `fallbackMB`
 * (10 MB; `ckdev explain` streams logs and passes its own). A bad value is an `InputError`.
 */
export function inputLimits(optionMB?: number, env: NodeJS.ProcessEnv = process.env, fallbackMB = DEFAULT_MAX_FILE_SIZE_MB): InputLimits {
  let mb = optionMB;
  if (mb === undefined && (env[MAX_FILE_SIZE_ENV] ?? '') !== '') {
    mb = megabytes(env[MAX_FILE_SIZE_ENV]);
    if (mb === undefined) throw new InputError(`${MAX_FILE_SIZE_ENV} must be a positive number of megabytes (it is '${env[MAX_FILE_SIZE_ENV]}')`);
  }
  return { maxBytes: Math.floor((mb ?? fallbackMB) * 1048576) };
}

/**
 * Takes `--max-file-size-mb <n>` / `--max-file-size-mb=<n>` out of a command's arguments (every command
 * accepts it); the rest are returned for the command's own parser. A bad value is an `InputError`.
 */
export function takeSizeOption(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { args: string[]; limits: InputLimits; optionMB?: number } {
  const rest: string[] = [];
  let optionMB: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== MAX_FILE_SIZE_OPTION && !a.startsWith(`${MAX_FILE_SIZE_OPTION}=`)) { rest.push(a); continue; }
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
    optionMB = megabytes(v);
    if (optionMB === undefined) throw new InputError(`${MAX_FILE_SIZE_OPTION} takes a positive number of megabytes`);
  }
  return { args: rest, limits: inputLimits(optionMB, env), ...(optionMB !== undefined ? { optionMB } : {}) };
}

const mb = (n: number): string => `${Number((n / 1048576).toFixed(1))} MB`;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file cannot be opened, in one line. */
function openError(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const meaning: Record<string, string> = {
    ENOENT: 'no such file or folder', EACCES: 'permission denied', EISDIR: 'a folder, not a file',
    ELOOP: 'too many symbolic links', ENOTDIR: 'a path segment is not a folder', ENXIO: 'not a regular file',
  };
  return new InputError(`cannot read ${file}: ${code ? `${code} (${meaning[code] ?? 'read error'})` : String(e)}`);
}

/** Why a file is refused before reading it, or undefined when it may be read. */
export function refusal(file: string, st: fs.Stats, limits: InputLimits): InputError | undefined {
  if (!st.isFile()) return new InputError(`cannot read ${file}: ${kindOf(st)}, not a regular file`);
  if (st.size > limits.maxBytes) return tooLarge(file, st.size, limits);
  return undefined;
}

function tooLarge(file: string, size: number, limits: InputLimits): InputError {
  return new InputError(`${file}: ${size > limits.maxBytes ? mb(size) : 'the file'} is over the limit of ${mb(limits.maxBytes)} (${MAX_FILE_SIZE_OPTION} or ${MAX_FILE_SIZE_ENV})`);
}

/** Opens `file` for reading without blocking and checks it is a regular file within the cap; returns the descriptor. */
export function openInput(file: string, limits: InputLimits): number {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (e) {
    throw openError(file, e);
  }
  const refused = refusal(file, fs.fstatSync(fd), limits);
  if (refused) { fs.closeSync(fd); throw refused; }
  return fd;
}

/** Checks `file` as `openInput` does and returns its size (the descriptor is closed again). */
export function checkInput(file: string, limits: InputLimits): number {
  const fd = openInput(file, limits);
  try { return fs.fstatSync(fd).size; } finally { fs.closeSync(fd); }
}

/** The bytes of a regular file within the cap; an `InputError` otherwise. */
export function readInputBytes(file: string, limits: InputLimits): Uint8Array {
  const fd = openInput(file, limits);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, limits.maxBytes + 1 - total) || 1);
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      // Grew while read (or lied about its size): never past the cap.
      if (total > limits.maxBytes) throw tooLarge(file, total, limits);
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } finally {
    fs.closeSync(fd);
  }
}

/** A regular file's text as UTF-8 (bad bytes become U+FFFD), within the cap. */
export function readInputText(file: string, limits: InputLimits): string {
  return new TextDecoder('utf-8').decode(readInputBytes(file, limits));
}

/** What is at a path, following symbolic links: 'file' (a regular file), 'directory', 'other' or undefined (nothing). */
export function pathKind(p: string): 'file' | 'directory' | 'other' | undefined {
  try {
    const st = fs.statSync(p);
    return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
  } catch {
    return undefined;
  }
}

/** A read stream over a checked, non-blocking descriptor (for the sync-log reader, which streams). */
export function openInputStream(file: string, limits: InputLimits): { stream: fs.ReadStream; size: number } {
  const fd = openInput(file, limits);
  const size = fs.fstatSync(fd).size;
  return { stream: fs.createReadStream('', { fd, highWaterMark: 1 << 20, end: limits.maxBytes }), size };
}
