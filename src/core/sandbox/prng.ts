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
    const h = (n: number, shift: number): number => HEX_CODES[(n >>> shift) & 0xf];
    const v = 0x80 | ((c >>> 24) & 0x3f);
    // One flat string made in one call, from the digits' character codes: `+` would build a rope of ~20
    // nodes per id, and joining an array of 20 pieces allocated ~400 bytes per id (the sandbox's memory at
    // 100k objects, issue 17). Layout: 8-4-4-4-12, version nibble 4, variant bits 10.
    return String.fromCharCode(
      h(a, 28), h(a, 24), h(a, 20), h(a, 16), h(a, 12), h(a, 8), h(a, 4), h(a, 0), DASH,
      h(b, 28), h(b, 24), h(b, 20), h(b, 16), DASH, FOUR, h(b, 8), h(b, 4), h(b, 0), DASH,
      h(v, 4), h(v, 0), h(c, 20), h(c, 16), DASH,
      h(c, 12), h(c, 8), h(c, 4), h(c, 0), h(d, 28), h(d, 24), h(d, 20), h(d, 16), h(d, 12), h(d, 8), h(d, 4), h(d, 0),
    );
  }
}

/** Character codes of the upper-case hex digits, and of `-` and `4` (the uuid's version digit). */
const HEX_CODES: readonly number[] = Array.from('0123456789ABCDEF', (ch) => ch.charCodeAt(0));
const DASH = 45;
const FOUR = 52;

/** FNV-1a 32-bit over a string: the digest of event logs (cheap, deterministic, not cryptographic). */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
