import { App, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { createAmberApp } from '../../lib/amber-app';
import type { StageName } from '../../lib/stages';
import { OFFLINE_DEPLOY_INPUTS } from './synth';

/** Every finding of both packs that no `Validations.of(…).acknowledge()` covers, as `rule  path`. */
function unacknowledgedFindings(scope: IConstruct & App): string[] {
  scope.synth();
  return [new AwsSolutionsChecks(scope), new ServerlessChecks(scope)].flatMap((pack) =>
    pack
      .validateScope(scope)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName}  ${r.constructPath}`)),
  );
}

describe.each<StageName>(['dev', 'prod'])('cdk-nag AwsSolutions and Serverless on the %s app', (stage) => {
  test('no unacknowledged finding (acknowledge new ones in lib/nag-acknowledgements.ts, with a reason)', () => {
    const { app } = createAmberApp({
      // dev with two-way SMS (its inbound topic and function), prod as the country profile has it (none).
      context: {
        stage,
        ...(stage === 'prod' ? OFFLINE_DEPLOY_INPUTS : { twoWaySms: true }),
        'aws:cdk:bundling-stacks': [],
      },
      appProps: { builtinCloudFormationValidation: false },
    });
    expect(unacknowledgedFindings(app)).toEqual([]);
  });
});

test('the check does find an unacknowledged finding (a queue without SSL, DLQ or customer key)', () => {
  const app = new App();
  new Queue(new Stack(app, 'Probe'), 'Plain');
  const findings = unacknowledgedFindings(app);
  expect(findings).toEqual(
    expect.arrayContaining([
      'AwsSolutions-SQS3  Probe/Plain/Resource',
      'AwsSolutions-SQS4  Probe/Plain/Resource',
    ]),
  );
});
