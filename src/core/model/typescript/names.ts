/**
 * Naming rules of generated TypeScript (pure): which names may stand bare, how to quote the others,
 * and how to turn a CloudKit record-type name into an interface name (which can never be quoted).
 */

/** ECMAScript reserved words plus TypeScript's predefined type names: not usable as interface names. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
  'any', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown', 'bigint', 'type',
]);

/** ASCII identifier (what CloudKit names use); anything else is quoted or renamed. */
export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** A property name as written in an interface: bare when it is an identifier name, else a string literal. */
export function quotedPropertyName(name: string): string {
  return isIdentifierName(name) ? name : JSON.stringify(name);
}

/** A valid, unused interface name for `name` (invalid characters → `_`, reserved → suffix), recorded in `taken`. */
export function uniqueTypeName(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (base === '' || /^[0-9]/.test(base)) base = '_' + base;
  if (RESERVED.has(base)) base += '_';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}_${i}`;
  taken.add(candidate);
  return candidate;
}
