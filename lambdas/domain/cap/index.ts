export { buildCapMessage, type CapMessageInput, type ReissuedMessage } from './build-cap-message';
export { AREA_DESC_MAX, type CapArea, capArea } from './cap-area';
export {
  CAP_NAMESPACE,
  type CapReference,
  capIdentifier,
  capReferenceFor,
  capSender,
  formatReferences,
} from './cap-identity';
export { CAP_TEXTS, type CapFacts, type CapTexts, capTextsFor } from './cap-texts';
