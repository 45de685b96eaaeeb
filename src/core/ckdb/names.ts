import { needsQuotes } from './keywords';

/**
 * How a name is written in `.ckdb`: quoted when the source quoted it (`quoted` true), or when it must be
 * (reserved word, leading underscore, any character outside `[A-Za-z0-9_]`: reference/ckdb.md §1.4).
 */
export function formatName(name: string, quoted?: boolean): string {
  return quoted || needsQuotes(name) ? `"${name}"` : name;
}
