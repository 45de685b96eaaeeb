import type { Range, Span } from '../text/span';
import type { Explanation } from './explain';
import type { DecodedError, EntryHeader } from './types';

/**
 * One error the sync-log reader found, with its explanation and where it sits in the log. Its own module
 * so the reader, sessions and summary can all name it without importing each other in a cycle.
 */
export interface ExplainedError extends Explanation {
  readonly entry: number;
  readonly range: Range;
  readonly span: Span;
  readonly root: DecodedError;
  readonly header: EntryHeader;
}
