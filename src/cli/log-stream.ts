import { inputLimits, openInputStream, type InputLimits } from './input-file';
import { SyncLogReader, type LogReport, type ReaderOptions } from '../core/logs/reader';

/**
 * Feeds a file or stdin to the core sync-log reader in chunks, decoding UTF-8 as it goes (bytes that are
 * not UTF-8 become U+FFFD and the reader notes the lines), so memory stays bounded for a 200 MB log.
 */
export interface StreamOptions extends ReaderOptions {
  /** Called with the bytes read so far (for a progress line). */
  readonly onProgress?: (bytesRead: number) => void;
}

export async function readLogStream(input: NodeJS.ReadableStream, options: StreamOptions = {}): Promise<LogReport> {
  const reader = new SyncLogReader(options);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let read = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    if (typeof chunk === 'string') reader.push(chunk);
    else {
      read += chunk.length;
      reader.push(decoder.decode(chunk, { stream: true }));
    }
    options.onProgress?.(read);
  }
  reader.push(decoder.decode());
  return reader.finish();
}

/** Logs are streamed, so their default cap is higher than other inputs' (CKDEV_MAX_FILE_SIZE_MB, else 1 GB). */
export const DEFAULT_MAX_LOG_MB = 1024;

/** A log file through the one input reader (regular files only, under the cap; an InputError otherwise). */
export function readLogFile(file: string, options: StreamOptions & { limits?: InputLimits } = {}): Promise<LogReport> {
  const { stream } = openInputStream(file, options.limits ?? inputLimits(undefined, process.env, DEFAULT_MAX_LOG_MB));
  return readLogStream(stream, options);
}
