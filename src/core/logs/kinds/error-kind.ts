import type { Classification, DecodedError, SourceRef } from '../types';

/**
 * One kind of error the explainer knows: how to recognise it in a decoded error, how it is classified,
 * what it means and what to do, and where that comes from. The tables (ckerror-kinds.ts, cocoa-kinds.ts,
 * message-kinds.ts) hold the kinds; the words are ours, the facts are from the cited sources.
 */
export interface ErrorKind {
  readonly id: string;
  readonly title: string;
  readonly classification: Classification;
  readonly meaning: string;
  readonly action: string;
  readonly sources: readonly SourceRef[];
  readonly matches: (e: DecodedError) => boolean;
  /** A container of other errors (Partial Failure, 134406…): the explanation is that of what it holds. */
  readonly wrapper?: (e: DecodedError) => boolean;
}

const TECHNOTES = 'https://developer.apple.com/documentation/technotes/';
const T64_URL = `${TECHNOTES}tn3164-debugging-the-synchronization-of-nspersistentcloudkitcontainer`;
const T63_URL = `${TECHNOTES}tn3163-understanding-the-synchronization-of-nspersistentcloudkitcontainer`;
const T62_URL = `${TECHNOTES}tn3162-understanding-cloudkit-throttles`;

const anchor = (s: string) => s.replace(/[()]/g, '').replace(/\s+/g, '-');
export const t64 = (section: string): SourceRef => ({ doc: 'TN3164', section, url: `${T64_URL}#${anchor(section)}` });
export const t63 = (section: string): SourceRef => ({ doc: 'TN3163', section, url: `${T63_URL}#${anchor(section)}` });
export const t62 = (section: string): SourceRef => ({ doc: 'TN3162', section, url: `${T62_URL}#${anchor(section)}` });
export const ckDoc = (name: string): SourceRef => ({ doc: 'CKError', section: name, url: `https://developer.apple.com/documentation/cloudkit/ckerror/code/${name}` });
/** A corpus excerpt that shows the error (../shared/corpus/logs/<file>). */
export const corpus = (file: string): SourceRef => ({ doc: 'corpus', section: `logs/${file}` });

export const isCK = (e: DecodedError, code: number, serverCode?: number): boolean =>
  e.domain === 'CKErrorDomain' && e.code === code && (serverCode === undefined || e.serverCode === serverCode);
export const isCocoa = (e: DecodedError, ...codes: number[]): boolean =>
  e.domain === 'NSCocoaErrorDomain' && e.code !== undefined && codes.includes(e.code);
export const text = (e: DecodedError): string => `${e.serverMessage ?? ''} ${e.description ?? ''}`;
export const hasChildren = (e: DecodedError): boolean => e.partialErrors.length > 0 || e.underlying.length > 0;
