// The package's own types sit behind its `exports` map, which this repo's `moduleResolution: node`
// does not read; esbuild does. Only the entry point we use is declared.
declare module '@bacons/xcode/json' {
  /** Parses project.pbxproj text (old-style plist) into plain objects; throws on malformed input. */
  export function parse(text: string): unknown;
}
