/**
 * The sandbox's only source of randomness: a seeded PRNG (mulberry32, public domain), so one seed
 * reproduces a whole session. Never Math.random (ARCHITECTURE.md "The sandbox is deterministic").
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
  }

  /** The generator's position, to undo the draws of an input that is then refused (it is not recorded). */
  mark(): number {
    return this.state;
  }

  rewind(mark: number): void {
    this.state = mark >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A 32-bit unsigned integer. */
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** An uppercase UUID (version 4 layout), the shape of Core Data record names (TN3164 logs show bare UUIDs). */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    const x = (n: number, shift: number): string => HEX2[(n >>> shift) & 0xff];
    // One flat string: `+` would build a rope of ~20 nodes per id, kept alive by every record name (the
    // sandbox's memory at 100k objects, issue 17).
    return [x(a, 24), x(a, 16), x(a, 8), x(a, 0), '-', x(b, 24), x(b, 16), '-4', HEX2[(b >>> 8) & 0xff][1], x(b, 0),
      '-', HEX2[0x80 | ((c >>> 24) & 0x3f)], x(c, 16), '-', x(c, 8), x(c, 0), x(d, 24), x(d, 16), x(d, 8), x(d, 0)].join('');
  }
}

const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** FNV-1a 32-bit over a string: the digest of event logs (cheap, deterministic, not cryptographic). */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
