/**
 * The sandbox's only source of randomness: a seeded PRNG (mulberry32, public domain), so one seed
 * reproduces a whole session. Never Math.random (ARCHITECTURE.md "The sandbox is deterministic").
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
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
    const h = (n: number, w: number): string => n.toString(16).toUpperCase().padStart(w, '0');
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    return `${h(a, 8)}-${h(b >>> 16, 4)}-4${h(b & 0xfff, 3)}-${h(8 | ((c >>> 30) & 3), 1)}${h((c >>> 16) & 0xfff, 3)}-${h(c & 0xffff, 4)}${h(d, 8)}`;
  }
}


/** FNV-1a 32-bit over a string: the digest of event logs (cheap, deterministic, not cryptographic). */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
