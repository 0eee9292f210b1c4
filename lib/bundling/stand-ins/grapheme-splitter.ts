/**
 * Stands in for `grapheme-splitter` in the Lambda bundles only (an esbuild alias in
 * lib/constructs/amber-function.ts). sms-segments-calculator splits every SMS into graphemes with it to tell
 * GSM-7 from UCS-2 and count segments; Node's own Intl.Segmenter (Lambda's Node has full ICU) gives the same
 * graphemes without the library's ~23 KB of Unicode tables, parsed at every cold start of the 10 functions that
 * compose SMS. test/unit/bundling/stand-ins.test.ts holds both to the same answers.
 */
let segmenter: Intl.Segmenter | undefined;

export default class GraphemeSplitter {
  splitGraphemes(text: string): string[] {
    // Created on first use, not at module load: nothing but clients is built at cold start.
    segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
    return Array.from(segmenter.segment(text), ({ segment }) => segment);
  }

  countGraphemes(text: string): number {
    return this.splitGraphemes(text).length;
  }
}
