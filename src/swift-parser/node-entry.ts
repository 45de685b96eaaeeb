/**
 * Entry of the lazily loaded bundle dist/swift-parser.js (esbuild.mjs): web-tree-sitter's JavaScript
 * and the SwiftData reader live only here, so dist/extension.js and dist/cli.js do not grow and do not load it until a Swift
 * file is read (see load-node.ts).
 */
export { createSwiftParser, SWIFT_PARSER_ASSETS } from './create-parser';
export { readSwiftSources } from '../core/model/swift/model-read';
export { syncPlanFromSwift } from '../core/model/sync-read';
