import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GROUPS } from '../../../lambdas/domain/identity';
import { smsRateParameterName } from '../../../lib/constructs/alert-workflow';
import { DIRECTORATE_ATTRIBUTE } from '../../../lib/constructs/police-auth';
import { STAGE_NAMES, STAGES } from '../../../lib/stages';

/**
 * docs/operations.md is the first-deploy checklist. Every command in its code blocks that names something of
 * this repository is checked against it, cheaply (no synth): npm scripts, cdk context keys and stages, the
 * SSM parameter, alarm names, Cognito groups and attributes, SNS SMS attributes. A command of another kind
 * fails the test until it is checked here too.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const doc = readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The commands of the ```bash blocks, continuation lines joined, comments dropped. */
function commands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) =>
    block
      .replace(/\s*\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

const scripts = Object.keys(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
);
/** The context keys the CDK app reads (lib/amber-app.ts), plus CDK's own. */
const contextKeys = (() => {
  const source = read('lib/amber-app.ts');
  const keys = [...source.matchAll(/(?:tryGetContext|Context(?:<[^>]+>)?)\((?:app, )?'([A-Za-z]+)'/g)].map(
    (m) => m[1],
  );
  return new Set(keys);
})();
/** Alarm construct ids, by construct: `alarm('Id', …)` in OpsAlarms, `new Alarm(this, 'Id'` elsewhere. */
const opsAlarmIds = new Set(
  [...read('lib/constructs/ops-alarms.ts').matchAll(/alarm\(\s*'([A-Za-z0-9]+)'/g)].map((m) => m[1]),
);
const allAlarmIds = new Set([
  ...opsAlarmIds,
  ...readdirSync(path.join(ROOT, 'lib/constructs')).flatMap((file) =>
    [...read(`lib/constructs/${file}`).matchAll(/new Alarm\(this, '([A-Za-z0-9]+)'/g)].map((m) => m[1]),
  ),
]);
/** The SMS attributes SNS accepts (SetSMSAttributes). */
const SNS_SMS_ATTRIBUTES = new Set([
  'DefaultSenderID',
  'DefaultSMSType',
  'DeliveryStatusIAMRole',
  'DeliveryStatusSuccessSamplingRate',
  'MonthlySpendLimit',
  'UsageReportS3Bucket',
]);

const option = (command: string, name: string) =>
  [...command.matchAll(new RegExp(`${name}[ =]('[^']*'|\\S+)`, 'g'))].map((m) =>
    (m[1] ?? '').replace(/^'|'$/g, ''),
  );

const all = commands(doc);

test('the checklist has commands, and each is of a kind this test checks', () => {
  expect(all.length).toBeGreaterThanOrEqual(10);
  for (const command of all) {
    expect([
      command,
      /^(npm (ci|start|run \S+)|npx cdk (bootstrap|deploy|synth)\b|aws (sns|ssm|cloudwatch|cognito-idp|stepfunctions) )/.test(
        command,
      ),
    ]).toEqual([command, true]);
  }
});

test('npm scripts named in it exist in package.json', () => {
  const named = all.flatMap((c) => [...c.matchAll(/npm run (\S+)/g)].map((m) => m[1]));
  expect(named.length).toBeGreaterThan(0);
  for (const script of named) expect(scripts).toContain(script);
  // Also those named in the text.
  for (const m of doc.matchAll(/`npm run ([a-z0-9:]+)/g)) expect(scripts).toContain(m[1]);
});

test('cdk context keys it passes are read by the app; stages exist', () => {
  const cdk = all.filter((c) => c.startsWith('npx cdk'));
  const keys = cdk.flatMap((c) => [...c.matchAll(/-c ([A-Za-z]+)=/g)].map((m) => m[1]));
  expect(keys).toEqual(
    expect.arrayContaining(['stage', 'publicCertificateArn', 'supervisors', 'onCallEmails']),
  );
  for (const key of keys) expect([key, contextKeys.has(key)]).toEqual([key, true]);
  for (const m of doc.matchAll(/-c ([A-Za-z]+)=/g))
    expect([m[1], contextKeys.has(m[1])]).toEqual([m[1], true]);
  for (const c of cdk) for (const stage of option(c, '-c stage')) expect(STAGE_NAMES).toContain(stage);
});

test('the SMS rate parameter it writes is the one the stack creates', () => {
  const names = all.filter((c) => c.startsWith('aws ssm')).flatMap((c) => option(c, '--name'));
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(STAGE_NAMES.map(smsRateParameterName)).toContain(name);
});

test('alarm names match the alarms of the stack, in the commands and in the runbook table', () => {
  const prefixes = all
    .filter((c) => c.startsWith('aws cloudwatch'))
    .flatMap((c) => option(c, '--alarm-name-prefix'));
  expect(prefixes.length).toBeGreaterThan(0);
  for (const prefix of prefixes) {
    const id = /^Amber-(?:dev|prod)-Alarms([A-Za-z0-9]+)$/.exec(prefix)?.[1];
    expect([prefix, id !== undefined && opsAlarmIds.has(id)]).toEqual([prefix, true]);
  }
  expect(
    all.some((c) => c.startsWith('aws cloudwatch set-alarm-state') && c.includes('--state-value ALARM')),
  ).toBe(true);
  const table = doc.slice(doc.indexOf('| Alarm |'));
  const rows = [...table.matchAll(/^\| `([A-Za-z0-9]+)` \|/gm)].map((m) => m[1]);
  expect(rows.length).toBeGreaterThan(5);
  for (const id of rows) expect([id, allAlarmIds.has(id)]).toEqual([id, true]);
  // And every alarm of the stack is explained there.
  for (const id of allAlarmIds) expect(rows).toContain(id);
});

test('police users: the group and the directorate attribute exist; the username is not an e-mail address', () => {
  const cognito = all.filter((c) => c.startsWith('aws cognito-idp'));
  expect(cognito.length).toBeGreaterThan(0);
  for (const c of cognito) {
    for (const group of option(c, '--group-name')) expect(Object.values(GROUPS)).toContain(group);
    for (const user of option(c, '--username')) expect(user).not.toContain('@');
  }
  expect(cognito.join(' ')).toContain(`Name=custom:${DIRECTORATE_ATTRIBUTE},`);
});

test('SNS SMS attributes it sets are ones SNS knows', () => {
  const sets = all.filter((c) => c.startsWith('aws sns set-sms-attributes'));
  expect(sets.length).toBe(1);
  const attributes = option(sets[0] ?? '', '--attributes')
    .flatMap((a) => a.split(','))
    .map((kv) => kv.split('=')[0]);
  expect(attributes).toEqual(expect.arrayContaining(['DeliveryStatusIAMRole', 'MonthlySpendLimit']));
  for (const a of attributes) expect(SNS_SMS_ATTRIBUTES).toContain(a);
});

test('the stage table states what lib/stages.ts configures', () => {
  const row = (label: string) => {
    const line = doc.split('\n').find((l) => l.startsWith(`| ${label}`));
    return line
      ?.split('|')
      .slice(2, 4)
      .map((cell) => cell.trim());
  };
  expect(row('Code SMS per hour')).toEqual([
    String(STAGES.dev.codeSmsPerHour),
    String(STAGES.prod.codeSmsPerHour),
  ]);
  expect(row('Throttle of each police method')).toEqual(
    [STAGES.dev, STAGES.prod].map(
      (s) => `${s.policeThrottle.rateLimit} rps, burst ${s.policeThrottle.burstLimit}`,
    ),
  );
  expect(row('Public domain')?.[1]).toContain(`\`${STAGES.prod.publicDomain?.domainName}\``);
  expect(row('SMS monthly spend')).toEqual(
    [STAGES.dev, STAGES.prod].map((s) => s.smsMonthlySpendLimitUsd.toLocaleString('en-US')),
  );
});

test('the outputs it names exist; a re-drive starts the workflow with the input it expects', () => {
  const outputs = new Set(
    ['lib/amber-stack.ts', 'lib/constructs/public-domain.ts'].flatMap((file) =>
      [...read(file).matchAll(/new CfnOutput\((?:this|scope), '([A-Za-z]+)'/g)].map((m) => m[1]),
    ),
  );
  const named = [...doc.matchAll(/<([A-Za-z]+) output>|`([A-Za-z]+)` output/g)].map((m) => m[1] ?? m[2]);
  expect(named).toEqual(expect.arrayContaining(['UserPoolId', 'StateMachineArn', 'PublicDomainTarget']));
  for (const name of named) expect([name, outputs.has(name)]).toEqual([name, true]);
  const starts = all.filter((c) => c.startsWith('aws stepfunctions start-execution'));
  expect(starts).toHaveLength(1);
  expect(Object.keys(JSON.parse(option(starts[0] ?? '', '--input')[0] ?? '{}') as object)).toEqual([
    'alertId',
  ]);
});
