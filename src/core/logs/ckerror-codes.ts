import { CK_CODES } from '../cloudkit/ckerror-codes';

/** CKError codes and the descriptions CloudKit prints for them: the one table in core/cloudkit/ckerror-codes.ts. */
export const CKERROR_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(CK_CODES).map(([code, [, description]]) => [Number(code), description]),
);

/**
 * The client code a server code (CKInternalErrorDomain) was seen with, for descriptions that print only
 * the server code, e.g. `"Service Unavailable" (2022)` [T62] [L016] [L019]. Only server codes seen with
 * one client code are listed (1020 was seen with 12 and 27 [L022] [L023], so it is not).
 */
export const CLIENT_CODE_OF_SERVER_CODE: Readonly<Record<number, number>> = {
  1000: 1, 4000: 1, 1011: 2, 1014: 5, 2022: 6, 2008: 7, 2061: 7, 1002: 9, 2007: 10, 2006: 12, 2015: 12,
  2004: 14, 2001: 15, 2026: 21, 2035: 25, 2036: 26, 2023: 27, 2042: 28,
};

/** A single number in parentheses above this is a server code (`(2001)`), at or below a client code (`(12)`). */
export const LARGEST_CLIENT_CODE = 999;

export function clientCodeFromName(name: string | undefined): number | undefined {
  if (!name) return undefined;
  for (const [code, n] of Object.entries(CKERROR_NAMES)) if (n === name) return Number(code);
  return undefined;
}
