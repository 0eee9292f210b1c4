/** The XML 1.0 Char production: anything else cannot be written at all, not even escaped. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/**
 * Text ready for xmlbuilder2 (as in the CAP builder): characters XML cannot hold go, and every "&" is
 * escaped first because xmlbuilder2 leaves entity-shaped text ("&amp;", "&foo;") as it is.
 */
export function xmlText(text: string): string {
  let out = '';
  for (const char of text) if (isXmlChar(char.codePointAt(0) ?? 0)) out += char;
  return out.replaceAll('&', '&amp;');
}

/** The message without its XML declaration, to be written inside another document. */
export function withoutDeclaration(xml: string): string {
  return xml.replace(/^\s*<\?xml[^?]*\?>\s*/, '');
}
