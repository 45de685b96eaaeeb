/**
 * One small instance of each hot parser's and reader's own classes, kept alive for the life of the process.
 *
 * Why: V8 specialises optimised code on the objects it ran on (their hidden classes and the kinds of
 * objects their fields hold), and its code depends on them weakly. A parse creates its parser, lexer or
 * reader and drops them when it ends. Once every instance of such a class has died, the next full garbage
 * collection throws away all the optimised code that depended on it (`node --trace-deopt` prints "reason:
 * weak objects" for each function), and the next parse runs in the interpreter until V8 has compiled it
 * again. An editor parses after idle pauses, which is when V8 collects. Measured (bench/measure.ts
 * `compare()`, a collection before each run; issue 17): a 4 MB `.ckdb` parsed in 80-120 ms instead of
 * about 40 ms, with every parser function recompiled on every run; a 50 MB log read in 37 ms instead of 17.
 * An anchor of each class keeps the code. This is our measurement of V8's behaviour (Node 20, V8 11.3),
 * not a documented guarantee: the unit test `shape-anchors.test.ts` watches for it.
 */
const anchors: object[] = [];

const made = new Set<() => object>();

/** Keeps these objects alive for good (one small instance per class; for objects that cost nothing to make). */
export function keepShapesAlive(...objects: readonly object[]): void {
  anchors.push(...objects);
}

/**
 * Makes an anchor with `make` and keeps it, the first time this is called with that `make` (later calls cost a
 * set lookup). Called after a parser's first use rather than when its module loads: making a reader's anchor
 * runs the reader, which cold cost 17 ms of module load (the log reader), but next to nothing once warm.
 */
export function keepShapesOnce(make: () => object): void {
  if (made.has(make)) return;
  made.add(make);
  anchors.push(make());
}
