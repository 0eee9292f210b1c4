// asl-validator 4 ships JavaScript only (dist/src/validator.js: `module.exports = function validator(…)`).
declare module 'asl-validator' {
  interface AslValidationResult {
    isValid: boolean;
    errors: { 'Error code': string; Message: string }[];
    errorsText(separator?: string): string;
  }
  /** Validates an ASL definition. Note: it sets QueryLanguage on every state of the object it is given. */
  function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidationResult;
  export = validator;
}
