import { TABLES, type TableName } from '../../lib/tables';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthAmber({ stage: 'dev' });
  prod = synthAmber({ stage: 'prod' });
});

const tableNames = Object.keys(TABLES) as TableName[];
const idOf = (s: Synthesized, construct: { node: { defaultChild?: unknown } }) =>
  s.stack.getLogicalId(construct.node.defaultChild as never);
const tableResource = (s: Synthesized, name: TableName) =>
  s.template.toJSON().Resources[idOf(s, s.stack.data.tables[name])] as {
    Type: string;
    Properties: Record<string, unknown>;
    DeletionPolicy?: string;
    UpdateReplacePolicy?: string;
  };

describe.each(tableNames)('table %s', (name) => {
  const def = TABLES[name];

  test('keys and indexes come from lib/tables.ts', () => {
    const props = tableResource(dev, name).Properties;
    const keys = [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      ...('sortKey' in def && def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
    ];
    expect(props.KeySchema).toEqual(keys);
    const gsis = (props.GlobalSecondaryIndexes ?? []) as {
      IndexName: string;
      KeySchema: unknown;
      Projection: unknown;
    }[];
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(
      def.globalSecondaryIndexes.map((g) => g.indexName).sort(),
    );
    for (const gsi of def.globalSecondaryIndexes) {
      const deployed = gsis.find((g) => g.IndexName === gsi.indexName);
      expect(deployed?.KeySchema).toEqual([
        { AttributeName: gsi.partitionKey.name, KeyType: 'HASH' },
        ...('sortKey' in gsi && gsi.sortKey ? [{ AttributeName: gsi.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      expect(deployed?.Projection).toEqual({ ProjectionType: 'ALL' });
    }
  });

  test('on demand, point-in-time recovery, encrypted with the customer-managed key', () => {
    expect(tableResource(dev, name).Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [idOf(dev, dev.stack.data.key), 'Arn'] },
      },
    });
  });

  test('dev: destroyed with the stack, no deletion protection', () => {
    const table = tableResource(dev, name);
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
  });

  test('prod: retained, deletion protection on', () => {
    const table = tableResource(prod, name);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });
});

describe('encryption keys', () => {
  test('symmetric keys (tables, topics) rotate; the signing key is ECDSA P-256; prod keys are retained', () => {
    for (const [s, policy] of [
      [dev, 'Delete'],
      [prod, 'Retain'],
    ] as const) {
      const resources = s.template.toJSON().Resources;
      expect(Object.keys(resourcesOfType(s.template, 'AWS::KMS::Key'))).toHaveLength(6);
      const { approvalsKey, opsKey } = s.stack.messaging;
      for (const key of [
        s.stack.data.key,
        approvalsKey,
        opsKey,
        s.stack.inboundSms.key,
        s.stack.resilience.key,
      ]) {
        expect(resources[idOf(s, key)]).toMatchObject({
          Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 },
          DeletionPolicy: policy,
        });
      }
      const signing = resources[idOf(s, s.stack.signing.key)];
      expect(signing).toMatchObject({
        Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', PendingWindowInDays: 30 },
        DeletionPolicy: policy,
      });
      expect(signing.Properties.EnableKeyRotation).toBeFalsy();
    }
  });

  test('the tables have no other key than the data key', () => {
    const dataKey = idOf(dev, dev.stack.data.key);
    for (const table of Object.values(resourcesOfType(dev.template, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties?.SSESpecification).toMatchObject({
        KMSMasterKeyId: { 'Fn::GetAtt': [dataKey, 'Arn'] },
      });
    }
    expect(Object.keys(resourcesOfType(dev.template, 'AWS::DynamoDB::Table'))).toHaveLength(
      tableNames.length,
    );
  });
});

describe('stack', () => {
  test('prod has termination protection, dev does not', () => {
    expect(prod.stack.terminationProtection).toBe(true);
    expect(dev.stack.terminationProtection).toBe(false);
    expect(prod.stack.stackName).toBe('Amber-prod');
  });
});

test('the subscribers table deletes items past their expiresAt (TTL): rate-limit windows, codes never confirmed, removed profiles', () => {
  for (const s of [dev, prod]) {
    expect(tableResource(s, 'subscribers').Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
  }
});
