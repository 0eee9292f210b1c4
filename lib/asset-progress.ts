/** The line aws-cdk-lib writes to stderr before bundling each asset (AssetStaging), one per function. */
const ASSET_PROGRESS_LINE = /^Bundling asset \S+\.\.\.\n$/;

export function isAssetProgressLine(chunk: unknown): boolean {
  return typeof chunk === 'string' && ASSET_PROGRESS_LINE.test(chunk);
}

/**
 * Drops aws-cdk-lib's "Bundling asset …" progress lines from stderr, so that `cdk synth -q` prints only
 * warnings and errors. The CLI cannot tell the app it runs quietly, and it shows every stderr line the app
 * writes; esbuild's own output is set by the bundling log level (lib/constructs/amber-function.ts).
 * Everything else written to stderr passes unchanged.
 */
export function hideAssetProgress(stream: NodeJS.WriteStream = process.stderr): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!isAssetProgressLine(chunk)) return write(chunk, ...rest);
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  }) as typeof stream.write;
}
