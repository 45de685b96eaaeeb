/**
 * A one-byte repair of the prebuilt tree-sitter-swift grammar wasm, applied to its bytes before loading.
 *
 * Why: the grammar's external scanner (alex-pinkus/tree-sitter-swift `src/scanner.c`, 0.7.1, the version
 * `@repomix/tree-sitter-wasms` 0.1.17 builds) creates its state with
 *
 *     return calloc(0, sizeof(struct ScannerState));
 *
 * a zero-byte block. The scanner then keeps its raw-string `#` count there, and the runtime's allocator
 * hands the same bytes to later allocations: measured with web-tree-sitter 0.27, a raw string `#"..."#`
 * parses right in the first file a process parses and is an ERROR node in every later parse (a new Parser
 * does not help; they share the allocator). Calling `calloc(1, 4)` instead gives the state its own four
 * zeroed bytes, which is what the source means; with it, every later parse matches the first
 * (test/unit/swift/grammar-fix.test.ts).
 *
 * How: the compiled create function is exactly `i32.const 0; i32.const 4; call $calloc; end` with no
 * locals. The code section is walked to find that one body (the import index of `env.calloc` read from
 * the import section) and its first constant becomes 1; the byte length does not change, so no section
 * size moves. A grammar build whose bytes differ (a fixed upstream, another compiler) is left untouched:
 * `applied` says which happened, and the test on the shipped file fails when an upgrade stops matching,
 * so the repair is re-checked rather than silently lost.
 *
 * A rebuilt grammar wasm would be the proper fix; this machine has no emscripten or wasi-sdk, and the
 * repair keeps the maintained npm build (see docs/swiftdata.md, "Limits").
 */

export interface GrammarFix {
  readonly bytes: Uint8Array;
  readonly applied: boolean;
}

const SECTION_IMPORT = 2;
const SECTION_CODE = 10;
const I32_CONST = 0x41;
const CALL = 0x10;
const END = 0x0b;
const UTF8 = new TextDecoder();

/** Returns a repaired copy of the grammar's bytes, or the same bytes when the scanner's shape is not found. */
export function fixSwiftGrammar(wasm: Uint8Array): GrammarFix {
  const offset = findCallocZeroConstant(wasm);
  if (offset === undefined) return { bytes: wasm, applied: false };
  const bytes = wasm.slice();
  bytes[offset] = 1;
  return { bytes, applied: true };
}

/** The offset of the `0` in `i32.const 0; i32.const 4; call $calloc; end`, when exactly one body is that. */
function findCallocZeroConstant(wasm: Uint8Array): number | undefined {
  if (!hasWasmHeader(wasm)) return undefined;
  const reader = new ByteReader(wasm, 8);
  let calloc: number | undefined;
  let found: number[] = [];
  while (!reader.atEnd()) {
    const id = reader.byte();
    const size = reader.u32();
    const end = reader.pos + size;
    if (size < 0 || end > wasm.length) return undefined;
    if (id === SECTION_IMPORT) calloc = callocImportIndex(new ByteReader(wasm, reader.pos, end));
    else if (id === SECTION_CODE && calloc !== undefined) found = zeroCallocBodies(new ByteReader(wasm, reader.pos, end), calloc);
    reader.pos = end;
  }
  return found.length === 1 ? found[0] : undefined;
}

function hasWasmHeader(wasm: Uint8Array): boolean {
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  return wasm.length >= 8 && magic.every((b, i) => wasm[i] === b);
}

/** The function index of the `env.calloc` import (imported functions come first in the index space). */
function callocImportIndex(r: ByteReader): number | undefined {
  let functionIndex = 0;
  for (let n = r.u32(); n > 0 && !r.atEnd(); n--) {
    const module = r.name();
    const field = r.name();
    const kind = r.byte();
    if (kind === 0) {
      r.u32(); // type index
      if (module === 'env' && field === 'calloc') return functionIndex;
      functionIndex++;
    } else if (kind === 1) { r.byte(); r.limits(); } // table: element type, limits
    else if (kind === 2) r.limits(); // memory
    else if (kind === 3) { r.byte(); r.byte(); } // global: value type, mutability
    else return undefined; // a kind this walker does not know: leave the grammar alone
  }
  return undefined;
}

/** Offsets of the zero constant in every body that is exactly `() { calloc(0, 4) }`. */
function zeroCallocBodies(r: ByteReader, calloc: number): number[] {
  const offsets: number[] = [];
  for (let n = r.u32(); n > 0 && !r.atEnd(); n--) {
    const size = r.u32();
    if (size < 0) break;
    const body = new ByteReader(r.bytes, r.pos, r.pos + size);
    r.pos += size;
    if (body.byte() !== 0) continue; // local declarations: none
    if (body.byte() !== I32_CONST) continue;
    const zeroAt = body.pos;
    if (body.byte() !== 0) continue;
    if (body.byte() !== I32_CONST || body.byte() !== 4) continue;
    if (body.byte() !== CALL || body.u32() !== calloc) continue;
    if (body.byte() !== END || !body.atEnd()) continue;
    offsets.push(zeroAt);
  }
  return offsets;
}

/** Reads bytes and unsigned LEB128 numbers within [pos, end); reads past the end give -1 (never a match). */
class ByteReader {
  constructor(readonly bytes: Uint8Array, public pos: number, private readonly end = bytes.length) {}

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    return this.pos < this.end ? this.bytes[this.pos++] : -1;
  }

  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      if (b < 0) return -1;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
    return -1;
  }

  name(): string {
    const length = this.u32();
    const start = this.pos;
    this.pos = Math.min(start + Math.max(length, 0), this.end);
    return UTF8.decode(this.bytes.subarray(start, this.pos));
  }

  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}
