import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create } from 'xmlbuilder2';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';
import { CAP_NAMESPACE, type CapReference } from '../../../lambdas/domain/cap';

/** The OASIS CAP 1.2 schema, vendored in standards/ with its copyright notice. */
const XSD_PATH = path.resolve(__dirname, '../../../standards/CAP-v1.2.xsd');
export const CAP_XSD = readFileSync(XSD_PATH, 'utf8');

/** Validates messages against the OASIS schema, all in one xmllint run. */
export function validateCap(messages: readonly string[]): Promise<XMLValidationResult> {
  return validateXML({
    xml: messages.map((contents, i) => ({ fileName: `message-${i}.xml`, contents })),
    schema: [CAP_XSD],
  });
}

interface CapElement {
  localName: string;
  namespaceURI: string | null;
  textContent: string | null;
  childNodes: ArrayLike<unknown>;
}

const isElement = (node: unknown): node is CapElement =>
  typeof node === 'object' && node !== null && (node as { nodeType?: number }).nodeType === 1;

const childElements = (node: CapElement): CapElement[] => Array.from(node.childNodes).filter(isElement);

function rootOf(xml: string): CapElement {
  const root: unknown = create(xml).root().node;
  if (!isElement(root) || root.namespaceURI !== CAP_NAMESPACE) throw new Error('not a CAP 1.2 message');
  return root;
}

/** The names of the root's child elements, in document order. */
export function childNames(xml: string): string[] {
  return childElements(rootOf(xml)).map((e) => e.localName);
}

/** Text of the root's child element `name`, or undefined. */
export function field(xml: string, name: string): string | undefined {
  return childElements(rootOf(xml)).find((e) => e.localName === name)?.textContent ?? undefined;
}

export interface InfoView {
  /** Text of each direct child element, by name; repeated elements keep the first. */
  text: (name: string) => string | undefined;
  names: string[];
  /** `valueName=value` for each eventCode, parameter or area geocode. */
  pairs: (name: 'eventCode' | 'parameter' | 'geocode') => Record<string, string[]>;
  areaDesc: string | undefined;
}

function pairsOf(elements: CapElement[]): Record<string, string[]> {
  const pairs: Record<string, string[]> = {};
  for (const element of elements) {
    const [valueName, value] = childElements(element).map((e) => e.textContent ?? '');
    if (valueName !== undefined) pairs[valueName] = [...(pairs[valueName] ?? []), value ?? ''];
  }
  return pairs;
}

export function infos(xml: string): InfoView[] {
  return childElements(rootOf(xml))
    .filter((e) => e.localName === 'info')
    .map((info) => {
      const children = childElements(info);
      const area = children.find((e) => e.localName === 'area');
      const areaChildren = area ? childElements(area) : [];
      return {
        text: (name) => children.find((e) => e.localName === name)?.textContent ?? undefined,
        names: children.map((e) => e.localName),
        pairs: (name) =>
          pairsOf((name === 'geocode' ? areaChildren : children).filter((e) => e.localName === name)),
        areaDesc: areaChildren.find((e) => e.localName === 'areaDesc')?.textContent ?? undefined,
      };
    });
}

/** The reference to an earlier CAP message, read back from its XML (the platform computes it instead). */
export function capReferenceOf(message: string): CapReference {
  const root: unknown = create(message).root().node;
  const children = isElement(root) && root.namespaceURI === CAP_NAMESPACE ? childElements(root) : [];
  const text = (name: string) => {
    const value = children.find((c) => c.localName === name)?.textContent?.trim();
    if (!value) throw new Error(`Not a CAP 1.2 message: no ${name}`);
    return value;
  };
  return { sender: text('sender'), identifier: text('identifier'), sent: text('sent') };
}
