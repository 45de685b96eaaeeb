import type { Finding } from '../../core/findings';
import type { ModelEditor } from '../../core/model/editor';
import type { ModelIR } from '../../core/model/ir';
import type { ModelRead, ModelSource } from '../../core/model/model-source';

/** One linted model document: what the diagnostics, quick fixes, hover and outline are computed from. */
export interface ModelAnalysis {
  readonly source: ModelSource;
  /** The document version it was computed from (undefined: read from disk). */
  readonly version: number | undefined;
  readonly text: string;
  /** What the diagnostics show: computed without fixes (cheaper while typing); fixes come on demand. */
  readonly findings: readonly Finding[];
  /** The model and its editor; read on first use when the findings came from the worker thread. */
  read(): Promise<{ model: ModelIR; editor: ModelEditor }>;
}

export class Analysis implements ModelAnalysis {
  private parsed: Promise<ModelRead> | undefined;

  constructor(readonly source: ModelSource, readonly version: number | undefined, readonly text: string,
    readonly findings: readonly Finding[], private readonly path: string, private readonly maxFileSizeMB: number, read?: ModelRead) {
    if (read) this.parsed = Promise.resolve(read);
  }

  read(): Promise<ModelRead> {
    return (this.parsed ??= Promise.resolve(this.source.read([{ path: this.path, text: this.text }], { maxFileSizeMB: this.maxFileSizeMB })));
  }
}
