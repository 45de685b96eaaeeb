import { cleanValue, matchingClose } from './description-text';
import type { DecodedError } from './types';

/**
 * Parses `Error Domain=<d> Code=<n> "<message>" UserInfo={<key>=<value>, …}` (reference/sync-logs.md §3,
 * [L003] [L007] [L011]). The message may itself quote a whole CKError description with its own quotes
 * (134406 [T64]), so it ends at the last `"` before `UserInfo=`, or at the first `"` that is followed by
 * the end of the sentence when there is no userInfo. Errors inside the message or the userInfo are found
 * by the scanner and attached as `underlying` by position.
 */
const HEAD = /Error Domain=(\S+?) Code=(-?\d+)/y;

export function parseNSError(view: string, text: string, at: number): DecodedError | undefined {
  HEAD.lastIndex = at;
  const m = HEAD.exec(view);
  if (!m) return undefined;
  let i = HEAD.lastIndex;
  let truncated = false;
  let description: string | undefined;
  while (i < view.length && /\s/.test(view[i])) i++;
  const userInfoAt = view.indexOf('UserInfo=', i);
  const nextError = view.indexOf('Error Domain=', i);
  const ownUserInfo = userInfoAt >= 0 && (nextError < 0 || userInfoAt < nextError || view[i] === '"') ? userInfoAt : -1;
  if (view[i] === '"') {
    let close = -1;
    if (ownUserInfo >= 0) close = view.lastIndexOf('"', ownUserInfo);
    if (close <= i) {
      const re = /"(?=\s*(?:$|[…)}\],;]|\.{3}|\n|UserInfo))/g;
      re.lastIndex = i + 1;
      close = re.exec(view)?.index ?? -1;
    }
    if (close <= i) { close = view.length; truncated = true; }
    description = cleanValue(text.slice(i + 1, close));
    i = Math.min(view.length, close + 1);
  }
  let userInfo: Record<string, string> | undefined;
  while (i < view.length && /\s/.test(view[i])) i++;
  if (view.startsWith('UserInfo={', i)) {
    const open = i + 'UserInfo='.length;
    const close = matchingClose(view, open);
    const end = close < 0 ? view.length : close;
    if (close < 0) truncated = true;
    userInfo = readUserInfo(view, text, open + 1, close < 0 ? end : end - 1);
    i = end;
  }
  return {
    domain: m[1], form: 'nserror', code: Number(m[2]), description, partialErrors: [], underlying: [],
    ...(userInfo ? { userInfo } : {}), start: at, end: i, ...(truncated ? { truncated } : {}),
  };
}

/** Top-level `key=value` pairs of a userInfo dictionary, values shortened for display. */
function readUserInfo(view: string, text: string, from: number, to: number): Record<string, string> {
  const starts: { key: string; at: number; valueAt: number }[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = view[i];
    if (c === '{' || c === '(' || c === '<' || c === '[') depth++;
    else if ((c === '}' || c === ')' || c === '>' || c === ']') && depth > 0) depth--;
    if (depth === 0 && (i === from || c === ',')) {
      const at = i === from ? i : i + 1;
      const k = /^\s*([A-Za-z][A-Za-z0-9_]*)=/.exec(view.slice(at, Math.min(to, at + 80)));
      if (k) starts.push({ key: k[1], at, valueAt: at + k[0].length });
    }
  }
  const out: Record<string, string> = {};
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? starts[k + 1].at - 1 : to;
    const v = cleanValue(text.slice(starts[k].valueAt, Math.max(starts[k].valueAt, end)));
    out[starts[k].key] = v.length > 300 ? v.slice(0, 299) + '…' : v;
  }
  return out;
}
