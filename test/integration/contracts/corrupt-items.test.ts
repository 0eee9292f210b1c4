import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAlertRepository } from '../../../lambdas/adapters/dynamodb/alert-repository';
import { DynamoDeliveryRepository } from '../../../lambdas/adapters/dynamodb/delivery-repository';
import { DynamoSubscriberRepository } from '../../../lambdas/adapters/dynamodb/subscriber-repository';
import { CorruptItemError } from '../../../lambdas/domain/errors';
import { anActiveAlert } from '../../unit/support/builders';
import { tablesOnDynalite } from '../support/dynalite-tables';

/**
 * Items read back are checked against their schema at the adapter boundary: a corrupt item, or one of a shape
 * the code no longer writes, is a CorruptItemError naming the paths that failed and none of the values.
 */
// Requests to dynalite take milliseconds, or seconds on a busy machine.
jest.setTimeout(30_000);
const dynamo = tablesOnDynalite();
const put = (table: string, item: Record<string, unknown>) =>
  dynamo.documents.send(new PutCommand({ TableName: table, Item: item }));

async function corruptionOf(read: Promise<unknown>): Promise<CorruptItemError> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CorruptItemError);
  return error as CorruptItemError;
}

describe('items that do not match their schema', () => {
  test('an alert of an unknown status, without its broadcast figures: CorruptItemError, no personal data', async () => {
    const { broadcast: _old, ...alert } = anActiveAlert({ caseNumber: 'TR-2024-0901' });
    await put(dynamo.names.alertsTable, { ...alert, status: 'ARCHIVED' });
    const repo = new DynamoAlertRepository(dynamo.documents, dynamo.names.alertsTable);
    const error = await corruptionOf(repo.get(alert.id));
    expect(error.message).toContain('status');
    expect(error.message).toContain('broadcast');
    expect(error.message).not.toContain(alert.child.name);
    expect(error.message).not.toContain('ARCHIVED');
    // Lists go through the same schema.
    await corruptionOf(repo.listByDirectorate(alert.directorate));
  });

  test('an audit entry of an unknown action deep in the history', async () => {
    const alert = anActiveAlert({ caseNumber: 'TR-2024-0902', directorate: 'AL-09' });
    const history = [...alert.history, { ...alert.history[0], action: 'ARCHIVE' }];
    await put(dynamo.names.alertsTable, { ...alert, history });
    const repo = new DynamoAlertRepository(dynamo.documents, dynamo.names.alertsTable);
    expect((await corruptionOf(repo.get(alert.id))).message).toContain('history.1.action');
  });

  test('a subscriber whose counties are not a list', async () => {
    const phone = '+355691234567';
    await put(dynamo.names.subscribersTable, {
      pk: `PHONE#${phone}`,
      sk: 'PROFILE',
      phone,
      status: 'ACTIVE',
      language: 'sq',
      counties: 'AL-11',
      updatedAt: '2026-12-01T10:00:00.000Z',
    });
    const repo = new DynamoSubscriberRepository(dynamo.documents, dynamo.names.subscribersTable);
    const error = await corruptionOf(repo.get(phone));
    expect(error.message).toContain('counties');
    expect(error.message).not.toContain(phone);
  });

  test('a delivery record of an unknown status, read in a page', async () => {
    await put(dynamo.names.deliveriesTable, {
      messageKey: 'corrupt#ALERT',
      phone: '+355691234568',
      language: 'sq',
      audience: 'PUBLIC',
      status: 'LOST',
      attempts: 1,
    });
    const repo = new DynamoDeliveryRepository(dynamo.documents, dynamo.names.deliveriesTable);
    expect((await corruptionOf(repo.page('corrupt#ALERT'))).message).toContain('status');
  });
});
