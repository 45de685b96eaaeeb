import type { AttrValue, FieldValue } from './api';

/** UTF-8 length of a string without allocating (strings are written as UTF-8, coredata-model.md §4.3). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Bytes a value takes in a record (assets do not count toward the 1 MB record limit, ckdb.md §3). */
export function valueSize(v: AttrValue | FieldValue | undefined): number {
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'string': return utf8Length(v);
    case 'number': case 'boolean': return 8;
    default: return v.kind === 'bytes' ? v.length : 0;
  }
}

export function fieldsSize(fields: Readonly<Record<string, FieldValue>>): number {
  let n = 0;
  for (const k in fields) n += valueSize(fields[k]);
  return n;
}
