import { readXcodeProject } from '../../src/core/project/pbxproj';
import { bigPbxproj } from '../../test/unit/project/big-pbxproj';
import { peak, ratio, sized, time } from '../measure';

/**
 * Reads a generated 5 MB project.pbxproj (an app compiling ~22,000 files and a widget, two
 * configurations) into the project model: @bacons/xcode's parse plus our model building and setting
 * locator. Baseline in the same run: a bare tokenizer pass of the same text (one sticky regular expression
 * for old-style plist tokens: strings, words, comments, punctuation), the floor any parser pays.
 */
const TOKEN = /\s+|\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\]|\\.)*"|[A-Za-z0-9_$/:.\-+<>]+|[{}()=;,]/gy;

function tokenize(text: string): number {
  TOKEN.lastIndex = 0;
  let n = 0;
  while (TOKEN.lastIndex < text.length && TOKEN.exec(text) !== null) n++;
  if (TOKEN.lastIndex < text.length) throw new Error(`tokenizer stopped at ${TOKEN.lastIndex}`);
  return n;
}

export async function run(): Promise<object> {
  const big = bigPbxproj(sized(5 * 1024 * 1024, 64 * 1024));
  const tokens = tokenize(big.text);
  const model = readXcodeProject(big.text, 'Big.xcodeproj/project.pbxproj');
  if (model.problems.length || model.targets.length !== 2 || model.targets[0].sources.files.length !== big.files) throw new Error('generated project does not read');
  const tok = await time(() => tokenize(big.text), 5, 1);
  const read = await time(() => readXcodeProject(big.text, 'Big.xcodeproj/project.pbxproj'), 5, 1);
  const mem = await peak(() => readXcodeProject(big.text, 'Big.xcodeproj/project.pbxproj'));
  return {
    input: { chars: big.text.length, MB: Math.round((big.text.length / 1048576) * 100) / 100, files: big.files, tokens },
    tokenizeMs: tok.medianMs,
    readMs: read.medianMs,
    readVsTokenize: ratio(read.medianMs, tok.medianMs),
    readPeakMB: mem.peakMB,
  };
}
