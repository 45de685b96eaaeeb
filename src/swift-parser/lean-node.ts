import type { Tree } from 'web-tree-sitter';
import type { SwiftPoint, SwiftSyntaxNode, SwiftSyntaxTree } from '../core/swift/syntax-node';

/**
 * Syntax nodes read straight from web-tree-sitter's WebAssembly exports.
 *
 * Why: web-tree-sitter's own `Node` writes a node to the runtime's transfer buffer with one generic
 * `setValue` call per number and reads results back with `getValue`, and each node object runs a class
 * initialiser. Reading the 300-file benchmark package, that JavaScript (node initialiser 5.1%, setValue
 * 3.0%, getValue 2.4%, marshalNode 1.7% of the read, plus the collection of the node objects) was a large
 * part of the walk (profile in docs/swiftdata.md, "Reading speed"). These nodes make the same calls
 * into the same runtime with the same transfer-buffer layout, through a typed-array view.
 *
 * That layout is the one web-tree-sitter 0.27.2's own JavaScript uses (`marshalNode`, `unmarshalNode` and
 * `Node.children` in web-tree-sitter.cjs): a node is five 32-bit numbers (id, start index, start row, start
 * column, context); list results are a count and the address of a malloc'd array of nodes, which the caller
 * frees. It is internal to web-tree-sitter, so package.json pins the version, and `leanReadsLikeReference`
 * (lean-check.ts) compares these nodes with web-tree-sitter's own when the parser loads: on any difference
 * the parser keeps web-tree-sitter's nodes.
 */

/**
 * The runtime exports these nodes call (names as the runtime's .wasm exports them), by signature. Each takes the
 * tree's address; the node it is about is the one in the transfer buffer (`LeanNode.put`).
 */
export type TreeSitterExports =
  /** Answer with a node, or a list (count + address), in the transfer buffer. */
  & Record<'ts_tree_root_node_wasm' | 'ts_node_end_point_wasm' | 'ts_node_children_wasm' | 'ts_node_named_children_wasm'
    | 'ts_node_parent_wasm' | 'ts_node_next_sibling_wasm' | 'ts_node_prev_sibling_wasm' | 'ts_node_next_named_sibling_wasm'
    | 'ts_node_prev_named_sibling_wasm' | 'ts_node_descendant_for_index_wasm', (tree: number) => void>
  /** The same, for the child, named child or field given as the second argument. */
  & Record<'ts_node_child_wasm' | 'ts_node_named_child_wasm' | 'ts_node_child_by_field_id_wasm' | 'ts_node_children_by_field_id_wasm',
    (tree: number, n: number) => void>
  /** Answer with a number: a symbol, an offset, a count, or 1 for yes. */
  & Record<'ts_node_symbol_wasm' | 'ts_node_end_index_wasm' | 'ts_node_is_named_wasm' | 'ts_node_is_error_wasm' | 'ts_node_is_missing_wasm'
    | 'ts_node_has_error_wasm' | 'ts_node_child_count_wasm' | 'ts_node_named_child_count_wasm', (tree: number) => number>
  & {
    /** The address of the child's field name (a C string), or 0. */
    readonly ts_node_field_name_for_child_wasm: (tree: number, index: number) => number;
    /** The transfer buffer's address. */
    readonly ts_init: () => number;
    readonly free: (address: number) => void;
  };

/** A WebAssembly memory: its buffer is replaced (and the old one detached) when it grows. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** What the nodes of every tree share: the runtime, its memory, and the grammar's names. */
export class LeanRuntime {
  private heap: Int32Array;
  private bytes: Uint8Array;
  /** The transfer buffer's index in `heap` (web-tree-sitter's TRANSFER_BUFFER / 4). */
  readonly tb: number;
  private readonly fieldIds = new Map<string, number>();
  private readonly fieldNames = new Map<number, string>();

  constructor(
    readonly x: TreeSitterExports,
    readonly memory: WasmMemory,
    /** Node type names by symbol id (web-tree-sitter's `Language.types`). */
    readonly types: readonly (string | undefined)[],
    /** Field names by field id (`Language.fields`; id 0 is no field). */
    readonly fields: readonly (string | null)[],
  ) {
    this.heap = new Int32Array(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
    // ts_init returns the transfer buffer's address and only writes two version numbers into it.
    this.tb = x.ts_init() >> 2;
    fields.forEach((f, id) => { if (f && id > 0) this.fieldIds.set(f, id); });
  }

  /** The memory as 32-bit words, renewed when the runtime grew its memory (the old buffer is then detached and empty). */
  words(): Int32Array {
    if (this.heap.length === 0) this.heap = new Int32Array(this.memory.buffer);
    return this.heap;
  }

  fieldId(name: string): number {
    return this.fieldIds.get(name) ?? 0;
  }

  /** A field name the runtime returned as the address of its static C string. */
  fieldNameAt(address: number): string {
    let name = this.fieldNames.get(address);
    if (name === undefined) {
      if (this.bytes.length === 0) this.bytes = new Uint8Array(this.memory.buffer);
      let end = address;
      while (this.bytes[end] !== 0) end++;
      name = String.fromCharCode(...this.bytes.subarray(address, end));
      this.fieldNames.set(address, name);
    }
    return name;
  }
}

/** One parsed text: web-tree-sitter's tree (which owns the runtime's tree), and the text the node offsets index. */
export class LeanTree implements SwiftSyntaxTree {
  readonly rootNode: SwiftSyntaxNode;
  /** The runtime's address of the tree (web-tree-sitter keeps it at index 0 of its `Tree`). */
  readonly ptr: number;

  constructor(readonly rt: LeanRuntime, /** web-tree-sitter's tree, whose own nodes lean-check.ts compares with these. */ readonly tree: Tree, readonly text: string) {
    this.ptr = (tree as unknown as { readonly 0: number })[0];
    rt.x.ts_tree_root_node_wasm(this.ptr);
    this.rootNode = this.nodeAt(rt.tb)!;
  }

  delete(): void {
    this.tree.delete();
  }

  /** The node written at word index `at` (the transfer buffer or a returned array), or null for a null node. */
  nodeAt(at: number): LeanNode | null {
    const h = this.rt.words();
    const id = h[at];
    return id === 0 ? null : new LeanNode(this, id, h[at + 1], h[at + 2], h[at + 3], h[at + 4]);
  }

  /** A list the runtime left as count + address in the transfer buffer; frees its array. */
  nodeList(): LeanNode[] {
    const h = this.rt.words();
    const count = h[this.rt.tb];
    const address = h[this.rt.tb + 1];
    const out = new Array<LeanNode>(count);
    for (let i = 0; i < count; i++) out[i] = this.nodeAt((address >> 2) + 5 * i)!;
    if (count > 0) this.rt.x.free(address);
    return out;
  }
}

export class LeanNode implements SwiftSyntaxNode {
  private typeId = -1;
  private end = -1;
  private kids: LeanNode[] | undefined;

  constructor(
    private readonly tree: LeanTree,
    private readonly id: number,
    readonly startIndex: number,
    private readonly row: number,
    private readonly column: number,
    private readonly context: number,
  ) {}

  /** Writes this node where the runtime's `_wasm` functions read their node argument; returns the exports. */
  private put(): TreeSitterExports {
    const rt = this.tree.rt;
    const h = rt.words();
    const at = rt.tb;
    h[at] = this.id;
    h[at + 1] = this.startIndex;
    h[at + 2] = this.row;
    h[at + 3] = this.column;
    h[at + 4] = this.context;
    return rt.x;
  }

  private result(): LeanNode | null {
    return this.tree.nodeAt(this.tree.rt.tb);
  }

  /** A runtime function of this node that answers with another node (or none) in the transfer buffer. */
  private nodeBy(call: (tree: number) => void): LeanNode | null {
    this.put();
    call(this.tree.ptr);
    return this.result();
  }

  /** A runtime function of this node that answers yes (1) or no. */
  private flag(call: (tree: number) => number): boolean {
    this.put();
    return call(this.tree.ptr) === 1;
  }

  private get x(): TreeSitterExports {
    return this.tree.rt.x;
  }

  get type(): string {
    if (this.typeId < 0) this.typeId = this.put().ts_node_symbol_wasm(this.tree.ptr);
    return this.tree.rt.types[this.typeId] ?? 'ERROR';
  }

  get endIndex(): number {
    if (this.end < 0) this.end = this.put().ts_node_end_index_wasm(this.tree.ptr);
    return this.end;
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): SwiftPoint {
    return { row: this.row, column: this.column };
  }

  get endPosition(): SwiftPoint {
    this.put().ts_node_end_point_wasm(this.tree.ptr);
    const h = this.tree.rt.words();
    return { row: h[this.tree.rt.tb] >>> 0, column: h[this.tree.rt.tb + 1] >>> 0 };
  }

  get isNamed(): boolean {
    return this.flag(this.x.ts_node_is_named_wasm);
  }

  get isError(): boolean {
    return this.flag(this.x.ts_node_is_error_wasm);
  }

  get isMissing(): boolean {
    return this.flag(this.x.ts_node_is_missing_wasm);
  }

  get hasError(): boolean {
    return this.flag(this.x.ts_node_has_error_wasm);
  }

  get childCount(): number {
    return this.kids ? this.kids.length : this.put().ts_node_child_count_wasm(this.tree.ptr);
  }

  get namedChildCount(): number {
    return this.put().ts_node_named_child_count_wasm(this.tree.ptr);
  }

  child(index: number): SwiftSyntaxNode | null {
    if (this.kids) return this.kids[index] ?? null;
    this.put().ts_node_child_wasm(this.tree.ptr, index);
    return this.result();
  }

  namedChild(index: number): SwiftSyntaxNode | null {
    this.put().ts_node_named_child_wasm(this.tree.ptr, index);
    return this.result();
  }

  /** All children in one call; kept, as web-tree-sitter's `children` is. */
  get children(): readonly SwiftSyntaxNode[] {
    if (!this.kids) {
      this.put().ts_node_children_wasm(this.tree.ptr);
      this.kids = this.tree.nodeList();
    }
    return this.kids;
  }

  get namedChildren(): readonly SwiftSyntaxNode[] {
    this.put().ts_node_named_children_wasm(this.tree.ptr);
    return this.tree.nodeList();
  }

  childForFieldName(fieldName: string): SwiftSyntaxNode | null {
    const field = this.tree.rt.fieldId(fieldName);
    if (field === 0) return null;
    this.put().ts_node_child_by_field_id_wasm(this.tree.ptr, field);
    return this.result();
  }

  childrenForFieldName(fieldName: string): readonly SwiftSyntaxNode[] {
    const field = this.tree.rt.fieldId(fieldName);
    if (field === 0) return [];
    this.put().ts_node_children_by_field_id_wasm(this.tree.ptr, field);
    return this.tree.nodeList();
  }

  fieldNameForChild(index: number): string | null {
    const address = this.put().ts_node_field_name_for_child_wasm(this.tree.ptr, index);
    return address === 0 ? null : this.tree.rt.fieldNameAt(address);
  }

  get parent(): SwiftSyntaxNode | null {
    return this.nodeBy(this.x.ts_node_parent_wasm);
  }

  get nextSibling(): SwiftSyntaxNode | null {
    return this.nodeBy(this.x.ts_node_next_sibling_wasm);
  }

  get previousSibling(): SwiftSyntaxNode | null {
    return this.nodeBy(this.x.ts_node_prev_sibling_wasm);
  }

  get nextNamedSibling(): SwiftSyntaxNode | null {
    return this.nodeBy(this.x.ts_node_next_named_sibling_wasm);
  }

  get previousNamedSibling(): SwiftSyntaxNode | null {
    return this.nodeBy(this.x.ts_node_prev_named_sibling_wasm);
  }

  descendantForIndex(start: number, end = start): SwiftSyntaxNode | null {
    const x = this.put();
    // The range follows the node in the transfer buffer (web-tree-sitter's descendantForIndex).
    const h = this.tree.rt.words();
    h[this.tree.rt.tb + 5] = start;
    h[this.tree.rt.tb + 6] = end;
    x.ts_node_descendant_for_index_wasm(this.tree.ptr);
    return this.result();
  }
}
