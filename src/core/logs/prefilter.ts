/**
 * The one quick test every log entry goes through before the event patterns (events.ts) and the error
 * parsers (error-scanner.ts, message-patterns.ts) look at it: most lines of a real log are chatter that
 * holds neither, and the full patterns cost far more per character than this test.
 *
 * Each word below is a literal that a pattern of events.ts, message-patterns.ts or error-scanner.ts
 * cannot match without (the word a pattern starts with, or the rarest fixed part of it). A word is
 * looked for only where a word starts (after a space, punctuation or the start of the text): V8's regular
 * expression engine then skips most positions cheaply (measured: 3x faster than the same words anywhere,
 * bench/cases/log-read.bench.ts). The bare-CKError shape `"Name" (2/1011)` is looked for on its own, as its
 * closing quote follows a letter. `test/unit/logs/prefilter.test.ts` proves on every corpus excerpt and
 * every format fixture that the reader reports the same with and without this test.
 *
 * Modelling choice: a word glued to the end of another word (`myCKError`) is not looked for; no Apple log
 * prints one (reference/sync-logs.md §2 to §5).
 */
const WORDS: readonly string[] = [
  // error-scanner.ts: `Error Domain=`, `<CKError`, `(CKErrorDomain error n.)`
  'Error Domain=', 'CKError',
  // message-patterns.ts, in its order
  'Cannot create', 'Did not find record type', 'Your request contains', 'record to insert already exists',
  'client oplock', 'subscription is duplicate', 'Zone', 'In order to use CloudKit', 'Partial Failure',
  'CloudKit integration', 'The following', 'Unable to initialize without', 'another instance',
  'pending request', 'deferred by the system', 'Told to tear down', 'Skipping migration',
  'Ignoring remote change', 'FinalDecision',
  // events.ts (its `account` and `push` patterns ignore case: both spellings of their first letter)
  'Validating options', 'Successfully enqueued', 'Failed to set up', 'Never successfully initialized',
  'Beginning automated', 'Finished automatic', 'Finished request', 'resetting internal state',
  'Resetting internal state', 'performResetRequest', 'account', 'Account', 'ACCOUNT', 'CKAccount',
  'received', 'Received', 'RECEIVED', 'didReceive', 'DidReceive', 'APSIncoming', 'apsIncoming',
  'NSPersistentCloudKitContainer', 'eventChangedNotification',
];

/** Characters after which a word starts: white space and the punctuation Apple's descriptions use. */
const BOUNDARY = String.raw`[\s<>"'“”(){}\[\]_.,:;=\-\\/@*+|!?]`;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words as one alternation, shared prefixes factored (`F(?:inished (?:automatic|request)|…)`). */
export function trie(words: readonly string[]): string {
  const groups = new Map<string, string[]>();
  let ends = false;
  for (const w of words) {
    if (!w) { ends = true; continue; }
    const list = groups.get(w[0]) ?? [];
    list.push(w.slice(1));
    groups.set(w[0], list);
  }
  const alts = [...groups].map(([c, rest]) => escape(c) + trie(rest));
  if (alts.length === 0) return '';
  const body = alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
  return ends ? `(?:${body})?` : body;
}

const WORD_TRIE = trie(WORDS);
// The bare CKError's closing quote, straight or curly, then its code: `"Partial Failure" (2/1011)` [L030].
const ANYWHERE = new RegExp(String.raw`${BOUNDARY}${WORD_TRIE}|["”]\s*\(\d`, 'g');
const AT_START = new RegExp(WORD_TRIE, 'y');

/**
 * False when no event pattern and no error parser can match anything in `text.slice(from)` (tested in
 * place: a log line is not sliced for it).
 */
export function mayHoldEventOrError(text: string, from = 0): boolean {
  ANYWHERE.lastIndex = from;
  if (ANYWHERE.test(text)) return true;
  AT_START.lastIndex = from;
  return AT_START.test(text);
}

