import { XMLBuilder } from 'fast-xml-parser';

/**
 * An element's content for the XML writer: text, or child elements by name (an array repeats the element,
 * in order), with attributes as `@_name` keys. Object key order is document order.
 */
export type XmlContent = string | XmlElement | readonly XmlElement[] | readonly string[];
export interface XmlElement {
  [name: string]: XmlContent | undefined;
}

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
 * Text as it can be written: a stray control character or half surrogate pair pasted into a form must not
 * break the whole document, so those go. Escaping is the writer's job (every "&", "<", ">" and quote).
 */
export function xmlText(text: string): string {
  let out = '';
  for (const char of text) if (isXmlChar(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

const builderOptions = {
  ignoreAttributes: false,
  // Off: the default writes an attribute whose value is "true" without a value, which is not XML.
  suppressBooleanAttributes: false,
  processEntities: true,
} as const;
// Made on first use: a module that only imports this one (the broadcast, for CAP identifiers) then carries
// no XML writer at all, because esbuild drops modules whose top level does nothing.
let compact: XMLBuilder | undefined;
let pretty: XMLBuilder | undefined;
function writer(indent: boolean): XMLBuilder {
  if (indent) {
    pretty ??= new XMLBuilder({ ...builderOptions, format: true, indentBy: '  ' });
    return pretty;
  }
  compact ??= new XMLBuilder(builderOptions);
  return compact;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** One document (or fragment, without `declaration`) from a single root element. */
export function writeXml(
  name: string,
  root: XmlElement,
  options: { declaration?: boolean; indent?: boolean } = {},
): string {
  const body = writer(options.indent ?? false)
    .build({ [name]: root })
    .trimEnd();
  return options.declaration ? `${DECLARATION}\n${body}` : body;
}

/** The message without its XML declaration, to be written inside another document. */
export function withoutDeclaration(xml: string): string {
  return xml.replace(/^\s*<\?xml[^?]*\?>\s*/, '');
}
