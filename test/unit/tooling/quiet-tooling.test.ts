import { Writable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LogLevel } from 'aws-cdk-lib/aws-lambda-nodejs';
import { hideAssetProgress, isAssetProgressLine } from '../../../lib/asset-progress';
import { AMBER_BUNDLING } from '../../../lib/constructs/amber-function';

/** A stderr stand-in that keeps what reaches it. */
function recordingStream(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('cdk synth -q prints only warnings and errors', () => {
  test("aws-cdk-lib's per-asset progress line is dropped; every other line passes", async () => {
    const { stream, written } = recordingStream();
    hideAssetProgress(stream);
    let acknowledged = false;
    stream.write('Bundling asset Amber-dev/Api/SubmitAlert/Code/Stage...\n', () => {
      acknowledged = true;
    });
    stream.write('▲ [WARNING] Import "x" will always be undefined\n');
    stream.write('Error: Bundling asset failed\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(acknowledged).toBe(true);
    expect(written).toEqual([
      '▲ [WARNING] Import "x" will always be undefined\n',
      'Error: Bundling asset failed\n',
    ]);
  });

  test('only the exact progress line matches', () => {
    expect(isAssetProgressLine('Bundling asset Amber-prod/Retention/Handler/Code/Stage...\n')).toBe(true);
    expect(isAssetProgressLine('Bundling asset Amber-prod/Retention/Handler/Code/Stage... failed\n')).toBe(
      false,
    );
    expect(isAssetProgressLine(Buffer.from('Bundling asset A/B...\n'))).toBe(false);
  });

  test('esbuild is told its log level (aws-cdk-lib passes none by default, and esbuild then prints sizes)', () => {
    expect(AMBER_BUNDLING.logLevel).toBe(LogLevel.WARNING);
  });
});

describe("the AWS SDK's Node version notice", () => {
  test('is silenced in tests by the documented switch', () => {
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      new DynamoDBClient({ region: 'eu-central-1' });
      const notices = emitWarning.mock.calls.filter(([warning]) =>
        String(warning).includes('NodeVersionSupportWarning'),
      );
      expect(notices).toEqual([]);
      expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    } finally {
      emitWarning.mockRestore();
    }
  });
});
