import fs from 'node:fs';
import path from 'node:path';
import type { Range, Span } from '../../src/core/text/span';
import { CORPUS_DIR, REPO_ROOT } from '../helpers/paths';

/**
 * What every fuzz target shares: the target contract the runner (test/fuzz/run.ts) loads, a seeded PRNG,
 * text mutations, the seed texts (the repository's own examples and fixtures, plus the shared corpus when
 * present) and the range check every finding must pass.
 */
export type FuzzResult = { ok: true } | { ok: false; kind: string; detail: string };

export interface FuzzTarget {
  readonly name: string;
  /** Inputs per `npm run fuzz` run. */
  readonly defaultCount: number;
  /** One input, made from `seed` alone (so a failure replays with `npm run fuzz -- --target <name> --seed <n> --count 1`). */
  check(seed: number): FuzzResult | Promise<FuzzResult>;
  /** Per-input time budget in ms (over it counts as a hang); the runner's default otherwise. */
  readonly budgetMs?: number;
}

export const OK: FuzzResult = { ok: true };
export const fail = (kind: string, detail: string): FuzzResult => ({ ok: false, kind, detail });

/** mulberry32: small, fast, seeded; never Math.random. */
export class Prng {
  private s: number;
  constructor(seed: number) { this.s = (seed ^ 0x9e3779b9) >>> 0; }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

/** Characters and snippets that break parsers: line ends of every kind, quotes, brackets, surrogates, NUL, BOM. */
const NASTY = ['\r', '\n', '\r\n', '\n\r', '\t', ' ', '"', "'", '<', '>', '/', '&', ';', ',', '(', ')', '{', '}', '[', ']', '\\', '=',
  '\uD800', '\uDC00', '\uD83D\uDE00', '\u0000', '\uFEFF', '\u2028', 'é', '@', '#', '$', '--', '//', '/*', '*/', '<!--', '-->', '<![CDATA[', ']]>'];

/**
 * One to `maxOps` random edits of `text`: delete, duplicate or move a slice, insert nasty characters, a
 * token from `vocabulary` or a slice of `donor`, truncate, flip line ends to CRLF or CR.
 */
export function mutate(rng: Prng, text: string, vocabulary: readonly string[] = [], donor = '', maxOps = 4): string {
  let t = text;
  const ops = 1 + rng.int(maxOps);
  for (let k = 0; k < ops; k++) {
    const at = rng.int(t.length + 1);
    const len = Math.min(t.length - at, 1 + rng.int(rng.chance(0.8) ? 16 : 400));
    switch (rng.int(9)) {
      case 0: t = t.slice(0, at) + t.slice(at + len); break;
      case 1: t = t.slice(0, at) + t.slice(at, at + len) + t.slice(at); break;
      case 2: t = t.slice(0, at) + rng.pick(NASTY) + t.slice(at); break;
      case 3: t = vocabulary.length ? t.slice(0, at) + rng.pick(vocabulary) + t.slice(at) : t; break;
      case 4: {
        const d = rng.int(donor.length + 1);
        t = t.slice(0, at) + donor.slice(d, d + 1 + rng.int(200)) + t.slice(at);
        break;
      }
      case 5: t = t.slice(0, at); break;
      case 6: t = rng.chance(0.5) ? t.replace(/\r?\n/g, '\r\n') : t.replace(/\r?\n/g, '\r'); break;
      case 7: {
        const piece = t.slice(at, at + len);
        const rest = t.slice(0, at) + t.slice(at + len);
        const to = rng.int(rest.length + 1);
        t = rest.slice(0, to) + piece + rest.slice(to);
        break;
      }
      default: t = t.slice(0, at) + rng.pick(NASTY).repeat(1 + rng.int(4)) + t.slice(at + (rng.chance(0.5) ? len : 0));
    }
  }
  return t;
}

function listFiles(dir: string, accept: (p: string) => boolean, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') listFiles(p, accept, out); } else if (e.isFile() && accept(p)) out.push(p);
  }
  return out;
}

export interface SeedText { readonly file: string; readonly text: string }

/**
 * Seed texts for a target: files under the repository's `examples/` and `test/fixtures/` (ours) and under
 * the shared corpus folders named (real files, read from $CKDEV_CORPUS or ../shared/corpus when present;
 * never copied into the repository). `minimum` guards a target against running on nothing.
 */
export function seedTexts(accept: (p: string) => boolean, corpusFolders: readonly string[], minimum = 1): SeedText[] {
  const files = [
    ...listFiles(path.join(REPO_ROOT, 'examples'), accept),
    ...listFiles(path.join(REPO_ROOT, 'test', 'fixtures'), accept),
    ...corpusFolders.flatMap((f) => listFiles(path.join(CORPUS_DIR, f), accept)),
  ];
  const seeds = files.map((file) => ({ file: path.relative(REPO_ROOT, file), text: fs.readFileSync(file, 'utf8') }));
  if (seeds.length < minimum) throw new Error(`fuzz: fewer than ${minimum} seed files found`);
  return seeds;
}

/** Whether `corpus` seeds are present (reported by the runner, so a run without the corpus says so). */
export const corpusPresent = (): boolean => fs.existsSync(CORPUS_DIR);

/**
 * Why a finding's span or range is not valid in `text`, or undefined: the span inside the text, the range's
 * lines inside the document and characters inside the line's content (never past its end, never between
 * \r and \n), start before end, and the range where the span is.
 */
export function rangeProblem(text: string, lineStarts: readonly number[], s: Span, r?: Range): string | undefined {
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length)) return `span ${s.start}-${s.end} outside 0-${text.length}`;
  if (!r) return undefined;
  for (const p of [r.start, r.end]) {
    if (!(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lineStarts.length && p.character >= 0)) return `position ${p.line}:${p.character} outside the ${lineStarts.length} lines`;
    if (p.character > lineContentLength(text, lineStarts, p.line)) return `position ${p.line}:${p.character} past the end of the line (${lineContentLength(text, lineStarts, p.line)} characters)`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return 'range ends before it starts';
  return undefined;
}

/** Line starts as VS Code counts lines (\n, \r\n and \r end a line). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) { if (text.charCodeAt(i + 1) === 10) i++; starts.push(i + 1); }
  }
  return starts;
}

function lineContentLength(text: string, starts: readonly number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end - starts[line];
}

/** The first finding with a bad span or range, as a FuzzResult; OK otherwise. */
export function checkFindingRanges(text: string, findings: readonly { ruleId: string; span: Span; range?: Range; related?: readonly { span?: Span; range?: Range; file?: string }[] }[]): FuzzResult {
  const starts = lineStartsOf(text);
  for (const f of findings) {
    const p = rangeProblem(text, starts, f.span, f.range);
    if (p) return fail('bad-range', `${f.ruleId}: ${p}`);
  }
  return OK;
}

/** A short, printable excerpt of an input (for a failure's detail). */
export function excerpt(text: string, at = 0, width = 60): string {
  return JSON.stringify(text.slice(Math.max(0, at - width / 2), at + width / 2));
}

let lastInput = '';

/** Targets call this with each input they make: a failing one is written out by the runner with FUZZ_DUMP=<folder>. */
export function noteInput(text: string): string {
  lastInput = text;
  return text;
}

/** The last input a target noted (the runner writes it as `<target>-<seed>.txt` when FUZZ_DUMP is set). */
export const lastNotedInput = (): string => lastInput;
