import type { ReadProblem } from '../ir';

/**
 * Turns the bytes of a `contents` file into text, or into one clear problem. Xcode writes UTF-8
 * (`<?xml version="1.0" encoding="UTF-8"?>`, reference coredata-model.md §2.1), so anything else is
 * reported instead of being decoded into garbage.
 */

// TextDecoder is in every runtime we target (Node, VS Code's extension host, browsers), but not in the
// ES2022 library that src/core is type-checked against: declare the little we use.
declare const TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => {
  decode(bytes: Uint8Array): string;
};

export interface DecodedModel {
  /** The text (without a UTF-8 BOM, as VS Code shows it), or undefined when the bytes are not a model. */
  readonly text?: string;
  readonly problem?: ReadProblem;
  /** True when a UTF-8 BOM was removed: offsets in `text` then match VS Code's document, not the bytes. */
  readonly bomStripped: boolean;
}

export const DEFAULT_MAX_FILE_SIZE_MB = 10;

export function maxBytesOf(maxFileSizeMB: number | undefined): number {
  const mb = maxFileSizeMB !== undefined && Number.isFinite(maxFileSizeMB) && maxFileSizeMB > 0 ? maxFileSizeMB : DEFAULT_MAX_FILE_SIZE_MB;
  return Math.floor(mb * 1024 * 1024);
}

export function tooLargeProblem(size: number, maxBytes: number): ReadProblem {
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
  return {
    message: `File too large to lint (${mb(size)} MB; the limit is ${mb(maxBytes)} MB, setting cloudkit.lint.maxFileSizeMB).`,
    span: { start: 0, end: 0 },
    severity: 'warning',
  };
}

const at0 = { start: 0, end: 0 };

export function decodeModelBytes(bytes: Uint8Array, options: { maxFileSizeMB?: number } = {}): DecodedModel {
  const maxBytes = maxBytesOf(options.maxFileSizeMB);
  if (bytes.length > maxBytes) return { problem: tooLargeProblem(bytes.length, maxBytes), bomStripped: false };
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    return { problem: { message: 'This file is UTF-16 encoded; Core Data model files are UTF-8 (Xcode writes encoding="UTF-8"). Re-save it as UTF-8.', span: at0, severity: 'error' }, bomStripped: false };
  }
  // NUL bytes never occur in XML text (XML 1.0 §2.2): a file holding them is binary, not a model.
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) {
      return { problem: { message: 'This file is binary, not a Core Data model (it contains NUL bytes).', span: at0, severity: 'error' }, bomStripped: false };
    }
  }
  const bomStripped = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips the BOM (ignoreBOM false)
    return { text, bomStripped };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      problem: { message: `This file is not valid UTF-8 (first invalid byte at offset ${at}); Core Data model files are UTF-8. Re-save it as UTF-8.`, span: at0, severity: 'error' },
      bomStripped,
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (for the message). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
