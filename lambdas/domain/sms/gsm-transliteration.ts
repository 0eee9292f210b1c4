import { isGsm7Char } from './measure-sms';

/**
 * Characters the Unicode decomposition below cannot fold, or folds badly. Albanian comes first: ë, Ë and
 * ç are outside GSM 03.38 (Ç is inside), and a single one of them turns a 160-character message into
 * three UCS-2 segments.
 */
const EXPLICIT_FOLDS: Readonly<Record<string, string>> = {
  ë: 'e',
  Ë: 'E',
  ç: 'c',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  '\u00b7': '-',
  ß: 'ss',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'Th',
  ð: 'd',
};

const COMBINING_MARKS = /\p{M}/gu;
const ANY_SPACE = /\s/u;

/** Folds one character that is not GSM-7: an explicit fold, else its base letters, else nothing. */
function foldChar(char: string): string {
  const explicit = EXPLICIT_FOLDS[char];
  if (explicit !== undefined) return explicit;
  // Tabs, no-break and other exotic spaces become a plain space rather than vanishing between two words.
  if (ANY_SPACE.test(char)) return ' ';
  const base = char.normalize('NFD').replace(COMBINING_MARKS, '');
  return [...base].every(isGsm7Char) ? base : '';
}

/**
 * Rewrites text so that it fits the GSM-7 alphabet (basic set and extension table): Albanian letters
 * lose their diacritics, typographic punctuation becomes ASCII, and anything without a sensible
 * fold (emoji, other scripts) is dropped.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    out += EXPLICIT_FOLDS[char] ?? (isGsm7Char(char) ? char : foldChar(char));
  }
  return out;
}
