import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ADAPTER_ACCESS,
  type AdapterAccess,
  type AdapterName,
  type AwsResource,
  accessTo,
} from '../../lambdas/adapters/aws-access';
import { API_HANDLERS, type ApiHandlerName, INBOUND_SMS_HANDLER } from '../../lib/api-routes';
import { WORKFLOW_HANDLERS } from '../../lib/constructs/alert-workflow';
import { PROJECT_ROOT } from '../../lib/constructs/amber-function';
import { RETENTION_PURGE_HANDLER } from '../../lib/constructs/retention-purge';
import { asList, type PolicyStatementJson, roleStatements, type Synthesized, synthAmber } from './synth';

/**
 * Every role's actions against the SDK commands its function's code sends, from one declaration
 * (lambdas/adapters/aws-access.ts): what each adapter sends on which resource.
 * 1. Each adapter's declaration matches the SDK commands in its code (and in the adapters it builds).
 * 2. Each function is granted exactly what the adapters its handler wires declare: a missing grant (AWS
 *    would deny the call) or a spare one fails here.
 */

/** The IAM action of each SDK command the adapters use; a command not listed here fails the test. */
const COMMAND_ACTIONS: Readonly<Record<string, string>> = {
  GetCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  TransactWriteCommand: 'dynamodb:TransactWriteItems',
  PublishCommand: 'sns:Publish',
  SignCommand: 'kms:Sign',
  VerifyCommand: 'kms:Verify',
  StartExecutionCommand: 'states:StartExecution',
  SendTaskSuccessCommand: 'states:SendTaskSuccess',
  SendTaskFailureCommand: 'states:SendTaskFailure',
  SendTaskHeartbeatCommand: 'states:SendTaskHeartbeat',
};

const LAMBDAS = path.join(PROJECT_ROOT, 'lambdas');
const ADAPTERS = path.join(LAMBDAS, 'adapters');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return tsFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

/** The text from `start` to its matching closing brace. */
function block(source: string, start: number): string {
  const open = source.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(open, i + 1);
  }
  throw new Error('Unbalanced braces');
}

interface AdapterCode {
  body: string;
  extends?: string;
}

/** The adapter classes and the top-level functions of lambdas/adapters/, by name. */
function adapterCode(): { classes: Map<string, AdapterCode>; functions: Map<string, string> } {
  const classes = new Map<string, AdapterCode>();
  const functions = new Map<string, string>();
  for (const file of tsFiles(ADAPTERS)) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^export class (\w+)(?: extends (\w+))?/gm)) {
      classes.set(m[1] as string, { body: block(source, m.index), ...(m[2] ? { extends: m[2] } : {}) });
    }
    for (const m of source.matchAll(/^(?:export )?(?:async )?function (\w+)/gm)) {
      functions.set(m[1] as string, block(source, m.index));
    }
  }
  return { classes, functions };
}

/** The IAM actions an adapter class's code can cause: its commands, its parent's, and those it builds. */
function actionsInCode(name: string, code = adapterCode(), seen = new Set<string>()): Set<string> {
  const actions = new Set<string>();
  const adapter = code.classes.get(name);
  if (!adapter || seen.has(name)) return actions;
  seen.add(name);
  const texts = [adapter.body];
  // Helper functions it calls (one level: they send commands, they do not call adapters).
  for (const m of adapter.body.matchAll(/\b(\w+)\(/g)) {
    const fn = code.functions.get(m[1] as string);
    if (fn) texts.push(fn);
  }
  for (const text of texts) {
    for (const m of text.matchAll(/new (\w+Command)\(/g)) {
      const action = COMMAND_ACTIONS[m[1] as string];
      if (!action) throw new Error(`${name}: no IAM action known for ${m[1]}`);
      actions.add(action);
    }
  }
  const built = [...adapter.body.matchAll(/new (\w+)\(/g)].map((m) => m[1] as string);
  for (const other of [...built, ...(adapter.extends ? [adapter.extends] : [])]) {
    for (const action of actionsInCode(other, code, seen)) actions.add(action);
  }
  return actions;
}

const declaredActions = (name: AdapterName) =>
  new Set(Object.values(ADAPTER_ACCESS[name] as AdapterAccess).flatMap((access) => access?.actions ?? []));

describe('adapters: each declares the commands its code sends', () => {
  const code = adapterCode();
  const sending = [...code.classes.keys()].filter((name) => actionsInCode(name, code).size > 0);

  test('every adapter that sends a command is declared, and nothing else', () => {
    expect(sending.sort()).toEqual(Object.keys(ADAPTER_ACCESS).sort());
  });

  test.each(Object.keys(ADAPTER_ACCESS) as AdapterName[])('%s', (name) => {
    expect([...declaredActions(name)].sort()).toEqual([...actionsInCode(name, code)].sort());
  });
});

/** The lambdas/ modules a handler imports, directly or not (its bundle's own code). */
function reachedModules(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      const target = path.resolve(path.dirname(file), m[1] as string);
      const resolved = [`${target}.ts`, path.join(target, 'index.ts')].find((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      });
      if (resolved) visit(resolved);
    }
  };
  visit(path.join(PROJECT_ROOT, entry));
  return [...seen];
}

/** The adapters a handler wires: those built in its modules outside lambdas/adapters/ (adapters build their own). */
function wiredAdapters(entry: string): AdapterName[] {
  const wired = new Set<AdapterName>();
  for (const file of reachedModules(entry)) {
    if (file.startsWith(ADAPTERS)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/new (\w+)\(/g)) {
      if (Object.hasOwn(ADAPTER_ACCESS, m[1] as string)) wired.add(m[1] as AdapterName);
    }
  }
  return [...wired].sort();
}

type FunctionName = ApiHandlerName | 'steps' | 'broadcast' | 'sendShard' | 'inboundSms' | 'retentionPurge';

let s: Synthesized;
let fns: Record<FunctionName, [string, LambdaFunction]>;
beforeAll(() => {
  s = synthAmber();
  fns = {
    ...(Object.fromEntries(
      (Object.entries(API_HANDLERS) as [ApiHandlerName, string][]).map(([name, entry]) => [
        name,
        [entry, s.stack.api.functions[name]],
      ]),
    ) as Record<ApiHandlerName, [string, LambdaFunction]>),
    steps: [WORKFLOW_HANDLERS.steps, s.stack.workflow.steps],
    broadcast: [WORKFLOW_HANDLERS.broadcast, s.stack.workflow.broadcast],
    sendShard: [WORKFLOW_HANDLERS.sendShard, s.stack.workflow.sendShard],
    inboundSms: [INBOUND_SMS_HANDLER, s.stack.inboundSms.handler],
    retentionPurge: [RETENTION_PURGE_HANDLER, s.stack.retention.handler],
  };
});

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  s.stack.getLogicalId(construct.node.defaultChild as never);

/** How each resource appears in a policy statement's Resource. */
function resourceRef(resource: AwsResource): unknown {
  const { alerts, subscribers, deliveries, tips } = s.stack.data.tables;
  switch (resource) {
    case 'tipsTable':
      return { 'Fn::GetAtt': [idOf(tips), 'Arn'] };
    case 'alertsTable':
      return { 'Fn::GetAtt': [idOf(alerts), 'Arn'] };
    case 'subscribersTable':
      return { 'Fn::GetAtt': [idOf(subscribers), 'Arn'] };
    case 'deliveriesTable':
      return { 'Fn::GetAtt': [idOf(deliveries), 'Arn'] };
    case 'approvalsTopicArn':
      return { Ref: idOf(s.stack.messaging.approvalsTopic) };
    case 'opsTopicArn':
      return { Ref: idOf(s.stack.messaging.opsTopic) };
    case 'stateMachineArn':
      return { Ref: idOf(s.stack.workflow.stateMachine) };
    case 'contentSigningKeyId':
      return { 'Fn::GetAtt': [idOf(s.stack.signing.key), 'Arn'] };
    case 'phoneNumbers':
      return '*';
  }
}

const mentions = (st: PolicyStatementJson, ref: unknown) =>
  typeof ref === 'string'
    ? asList(st.Resource).includes(ref)
    : JSON.stringify(st.Resource).includes(JSON.stringify(ref));

/** The allowed actions of the service a resource belongs to, and the LeadingKeys conditions on them. */
function granted(statements: PolicyStatementJson[], resource: AwsResource) {
  const prefix = resource.endsWith('Table')
    ? 'dynamodb:'
    : resource === 'contentSigningKeyId'
      ? 'kms:'
      : resource === 'stateMachineArn'
        ? 'states:'
        : 'sns:';
  const matching = statements.filter(
    (st) =>
      st.Effect === 'Allow' &&
      mentions(st, resourceRef(resource)) &&
      asList(st.Action).some((a) => a.startsWith(prefix)),
  );
  return {
    actions: [...new Set(matching.flatMap((st) => asList(st.Action)))].sort(),
    leadingKeys: matching.flatMap((st) =>
      asList(st.Condition?.['ForAllValues:StringEquals']?.['dynamodb:LeadingKeys'] as string[] | undefined),
    ),
  };
}

const FUNCTION_NAMES = [
  ...(Object.keys(API_HANDLERS) as ApiHandlerName[]),
  'steps',
  'broadcast',
  'sendShard',
  'inboundSms',
  'retentionPurge',
] as FunctionName[];
const TABLES: AwsResource[] = ['alertsTable', 'subscribersTable', 'deliveriesTable', 'tipsTable'];
const OTHERS: AwsResource[] = ['approvalsTopicArn', 'opsTopicArn', 'phoneNumbers', 'contentSigningKeyId'];

describe.each(FUNCTION_NAMES)('%s: its role allows what its adapters send', (name) => {
  const statements = () => {
    const [, fn] = fns[name];
    const role = (
      s.template.toJSON().Resources[s.logicalId(fn)].Properties.Role as { 'Fn::GetAtt': [string] }
    )['Fn::GetAtt'][0];
    return roleStatements(s.template, role);
  };
  const adapters = () => wiredAdapters(fns[name][0]);

  test('tables: exactly the actions, on exactly the partitions, its adapters use', () => {
    for (const table of TABLES) {
      const wanted = accessTo(table, adapters());
      expect({ table, ...granted(statements(), table) }).toEqual({ table, ...wanted });
    }
  });

  test('topics, SMS and the signing key: only what its adapters send, and each adapter can send', () => {
    for (const resource of OTHERS) {
      const wanted = accessTo(resource, adapters()).actions;
      const { actions } = granted(statements(), resource);
      // The signing adapter both signs and verifies: a function is granted the one its use case needs.
      expect({ resource, spare: actions.filter((a) => !wanted.includes(a)) }).toEqual({
        resource,
        spare: [],
      });
      expect({ resource, reachable: actions.length > 0 }).toEqual({ resource, reachable: wanted.length > 0 });
    }
  });

  test('workflow: starts or answers tokens only with a workflow adapter, and nothing it does not send', () => {
    const wanted = accessTo('stateMachineArn', adapters()).actions;
    const actions = [
      ...granted(statements(), 'stateMachineArn').actions,
      ...statements()
        .filter((st) => st.Effect === 'Allow' && asList(st.Resource).includes('*'))
        .flatMap((st) => asList(st.Action))
        .filter((a) => a.startsWith('states:')),
    ];
    expect(actions.filter((a) => !wanted.includes(a))).toEqual([]);
    if (wanted.length === 0) expect(actions).toEqual([]);
  });
});

describe('SMS publishing roles', () => {
  test('each role that may publish on * denies publishing to any topic ARN, and publishes to no topic', () => {
    const texting = FUNCTION_NAMES.filter((name) =>
      roleOf(name).some(
        (st) => st.Effect === 'Allow' && asList(st.Action).includes('sns:Publish') && mentions(st, '*'),
      ),
    );
    // The inbound SMS handler texts the acknowledgement of a reply that became a tip; the public site's
    // forms text the codes, as the subscription routes do.
    expect(texting.sort()).toEqual([
      'inboundSms',
      'sendShard',
      'subscribe',
      'subscriptionPages',
      'unsubscribe',
    ]);
    for (const name of texting) {
      const statements = roleOf(name);
      expect({ name, deny: statements.filter((st) => st.Effect === 'Deny') }).toEqual({
        name,
        deny: [
          expect.objectContaining({
            Action: 'sns:Publish',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
          }),
        ],
      });
      const topicAllows = statements.filter(
        (st) => st.Effect === 'Allow' && asList(st.Action).includes('sns:Publish') && !mentions(st, '*'),
      );
      expect({ name, topicAllows }).toEqual({ name, topicAllows: [] });
    }
  });
});

function roleOf(name: FunctionName): PolicyStatementJson[] {
  const [, fn] = fns[name];
  const role = (s.template.toJSON().Resources[s.logicalId(fn)].Properties.Role as { 'Fn::GetAtt': [string] })[
    'Fn::GetAtt'
  ][0];
  return roleStatements(s.template, role);
}
