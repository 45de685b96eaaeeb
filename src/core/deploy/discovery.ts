/**
 * Which `.ckdb` files look like the development and the production schema, by name, when the
 * `cloudkit.schema.*` settings are unset. Names seen in the corpus: `schema-development.ckdb` /
 * `schema-production.ckdb` (WWDCScholars), `schema.ckdb` + `schema-prod-baseline.ckdb` (moolah-native),
 * `CloudKitSchema.production.ckdb` (indigo), `nucleus-development.ckdb`. UNCONFIRMED: our heuristic.
 */
export interface SchemaCandidates<T> {
  readonly dev: T[];
  readonly prod: T[];
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/** Production: a name containing `prod`. Development: one containing `dev`, else `schema.ckdb`, else every other file. */
export function classifySchemaFiles<T>(files: readonly T[], pathOf: (f: T) => string): SchemaCandidates<T> {
  const prod = files.filter((f) => /prod/i.test(baseName(pathOf(f))));
  const rest = files.filter((f) => !prod.includes(f));
  const named = rest.filter((f) => /dev/i.test(baseName(pathOf(f))));
  const schema = rest.filter((f) => /^schema\.ckdb$/i.test(baseName(pathOf(f))));
  return { dev: named.length ? named : schema.length ? schema : rest, prod };
}
