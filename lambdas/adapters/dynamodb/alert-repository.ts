import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Alert,
  type AlertStatus,
  type AuditEntry,
  type BroadcastSummary,
  OPEN_STATUSES,
} from '../../domain/alert';
import { CaseNumberTakenError, ConcurrentChangeError, ConflictError } from '../../domain/errors';
import type { PurgePlan } from '../../domain/retention';
import type {
  AlertReader,
  AlertRepository,
  AlertRetentionStore,
  EndedAlertsPage,
  ProgressAttribute,
  TransitionRequest,
} from '../../ports/alert-repository';
import { isConditionalCheckFailure } from './conditional';
import { alertItem, caseReservationItem } from './items/alert-item';
import { parseItem } from './items/parse-item';
import { decodeCursor, encodeCursor } from './page-cursor';

type StoredAlert = Alert & { waitToken?: string };
type AlertAttributes = Partial<Omit<Alert, 'id' | 'status' | 'history'>>;

/** Live and exercise case numbers are reserved apart: an exercise never blocks a live submission. */
const caseKey = (caseNumber: string, mode: Alert['mode']) =>
  `${mode === 'EXERCISE' ? 'exercise-case' : 'case'}#${caseNumber.trim().toUpperCase()}`;

/** Builds `SET a = :a, …` for the given attributes, with placeholder names that cannot clash. */
function setClauses(
  set: AlertAttributes,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string[] {
  return Object.entries(set)
    .filter(([, value]) => value !== undefined)
    .map(([key, value], i) => {
      names[`#s${i}`] = key;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
}

/** The condition on the update request's state (and version) of TransitionRequest.updateRequest. */
function updateRequestCondition(
  expected: NonNullable<TransitionRequest['updateRequest']>,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string {
  names['#ur'] = 'updateRequest';
  const states = expected.states.filter((s) => s !== 'NONE');
  const alternatives = expected.states.includes('NONE') ? ['attribute_not_exists(#ur)'] : [];
  if (states.length > 0) {
    // Only when used: DynamoDB refuses a request that names an attribute its expressions do not use.
    names['#urState'] = 'state';
    const placeholders = states.map((state, i) => {
      values[`:urState${i}`] = state;
      return `:urState${i}`;
    });
    alternatives.push(`#ur.#urState IN (${placeholders.join(', ')})`);
  }
  let condition = `(${alternatives.join(' OR ') || 'attribute_exists(#ur)'})`;
  if (expected.version !== undefined) {
    names['#urVersion'] = 'version';
    values[':urVersion'] = expected.version;
    condition += ' AND #ur.#urVersion = :urVersion';
  }
  return condition;
}

/**
 * The reads of the alerts table, on their own so that a read-only function (its role may only read the
 * table) bundles no write code: the public pages, the CAP feed and the police's reads.
 */
export class DynamoAlertReader implements AlertReader {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async get(id: string): Promise<StoredAlert | undefined> {
    if (id.startsWith('case#')) return undefined;
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
    );
    return out.Item ? parseItem(alertItem, out.Item, 'alert') : undefined;
  }

  async listByDirectorate(directorate: string, status?: AlertStatus): Promise<Alert[]> {
    return this.queryAll({
      TableName: this.tableName,
      IndexName: 'byDirectorate',
      KeyConditionExpression: 'directorate = :d',
      ...(status
        ? {
            FilterExpression: '#status = :s',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':d': directorate, ':s': status },
          }
        : { ExpressionAttributeValues: { ':d': directorate } }),
      ScanIndexForward: false,
    });
  }

  async listByStatus(status: AlertStatus): Promise<Alert[]> {
    return this.queryAll({
      TableName: this.tableName,
      IndexName: 'byStatus',
      KeyConditionExpression: '#status = :s',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':s': status },
      ScanIndexForward: false,
    });
  }

  protected async queryAll(input: QueryCommandInput): Promise<Alert[]> {
    const items: Alert[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({ ...input, ExclusiveStartKey: cursor }));
      for (const item of out.Items ?? []) items.push(parseItem(alertItem, item, 'alert'));
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return items;
  }
}

export class DynamoAlertRepository extends DynamoAlertReader implements AlertRepository, AlertRetentionStore {
  private readonly retention = new DynamoAlertRetention(this.db, this.tableName);

  async create(alert: Alert): Promise<void> {
    await this.reserveCaseNumber(caseKey(alert.caseNumber, alert.mode), alert.id);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: alert,
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    );
  }

  /**
   * Case numbers are unique among open alerts of one mode, across directorates. The reservation item names its alert; a reservation whose
   * alert is closed (or was never written) is taken over with a conditional write, so two racing
   * submissions of the same case cannot both win.
   */
  private async reserveCaseNumber(id: string, alertId: string): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id, alertId },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
    const existing = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
    );
    const holder = existing.Item
      ? parseItem(caseReservationItem, existing.Item, 'case reservation').alertId
      : undefined;
    const holderAlert = holder ? await this.get(holder) : undefined;
    if (holderAlert && OPEN_STATUSES.includes(holderAlert.status)) {
      throw new CaseNumberTakenError({ id: holderAlert.id, directorate: holderAlert.directorate });
    }
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id, alertId },
          ConditionExpression: 'alertId = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailure(error))
        throw new ConflictError('Another submission for this caseNumber is in progress');
      throw error;
    }
  }

  async transition(request: TransitionRequest): Promise<StoredAlert> {
    const names: Record<string, string> = {
      '#status': 'status',
      '#history': 'history',
      '#updatedAt': 'updatedAt',
    };
    const values: Record<string, unknown> = {
      ':to': request.to,
      ':entry': [request.entry],
      ':now': request.entry.at,
    };
    const sets = ['#status = :to', '#updatedAt = :now', '#history = list_append(#history, :entry)'];
    sets.push(...setClauses(request.set ?? {}, names, values));
    const from = request.from.map((status, i) => {
      values[`:from${i}`] = status;
      return `:from${i}`;
    });
    let condition = `#status IN (${from.join(', ')})`;
    if (request.notAfter) {
      names['#deadline'] = request.notAfter.attribute;
      values[':deadlineNow'] = request.notAfter.now;
      condition += ' AND #deadline > :deadlineNow';
    }
    if (request.unchanged) {
      names['#mode'] = 'mode';
      values[':mode'] = request.unchanged.mode;
      condition += ' AND #mode = :mode';
    }
    if (request.updateRequest)
      condition += ` AND ${updateRequestCondition(request.updateRequest, names, values)}`;
    if (request.issuedMessages !== undefined) {
      names['#messages'] = 'messages';
      values[':issued'] = request.issuedMessages;
      condition +=
        request.issuedMessages === 0
          ? ' AND (attribute_not_exists(#messages) OR size(#messages) = :issued)'
          : ' AND size(#messages) = :issued';
    }
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: request.id },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `attribute_exists(id) AND ${condition}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return parseItem(alertItem, out.Attributes, 'alert');
    } catch (error) {
      if (isConditionalCheckFailure(error)) {
        throw new ConcurrentChangeError(`Alert is no longer ${request.from.join(' or ')}`);
      }
      throw error;
    }
  }

  async update(id: string, set: AlertAttributes, entry?: AuditEntry): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = setClauses(set, names, values);
    if (entry) {
      names['#history'] = 'history';
      values[':entry'] = [entry];
      sets.push('#history = list_append(#history, :entry)');
    }
    if (sets.length === 0) return;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailure(error)) throw new ConcurrentChangeError(`No alert ${id}`);
      throw error;
    }
  }

  async recordProgress(id: string, at: ProgressAttribute, summary: BroadcastSummary): Promise<boolean> {
    const names: Record<string, string> = { '#sent': 'sent', '#failed': 'failed' };
    const path = at.split('.').map((part, i) => {
      names[`#p${i}`] = part;
      return `#p${i}`;
    });
    const target = path.join('.');
    const parent = path.length > 1 ? ` AND attribute_exists(${path.slice(0, -1).join('.')})` : '';
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: `SET ${target} = :summary`,
          // Stored figures at or below these ones (or none yet): a stale sum never moves them backwards.
          ConditionExpression: `attribute_exists(id)${parent} AND (attribute_not_exists(${target}.#sent) OR (${target}.#sent <= :sent AND ${target}.#failed <= :failed))`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':summary': summary,
            ':sent': summary.sent,
            ':failed': summary.failed,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  async setWaitToken(id: string, status: AlertStatus, token: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET waitToken = :token',
          ConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': token, ':status': status },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  pageUnpurged(status: AlertStatus, createdBefore: string, cursor?: string): Promise<EndedAlertsPage> {
    return this.retention.pageUnpurged(status, createdBefore, cursor);
  }

  purge(id: string, status: AlertStatus, historyLength: number, plan: PurgePlan): Promise<boolean> {
    return this.retention.purge(id, status, historyLength, plan);
  }
}

/**
 * The retention purge's access to the alerts table, on its own so that the purge function bundles (and is
 * granted) only these: a query of the byStatus index and a conditional update.
 */
export class DynamoAlertRetention implements AlertRetentionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async pageUnpurged(status: AlertStatus, createdBefore: string, cursor?: string): Promise<EndedAlertsPage> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :s AND createdAt < :before',
        FilterExpression: 'attribute_not_exists(purgedAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':s': status, ':before': createdBefore },
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => parseItem(alertItem, item, 'alert')),
      ...(out.LastEvaluatedKey ? { next: encodeCursor(out.LastEvaluatedKey) } : {}),
    };
  }

  async purge(id: string, status: AlertStatus, historyLength: number, plan: PurgePlan): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status', '#history': 'history' };
    const values: Record<string, unknown> = { ':status': status, ':length': historyLength };
    const sets = setClauses(plan.set, names, values);
    const removes = plan.remove.map((key, i) => {
      names[`#r${i}`] = key;
      return `#r${i}`;
    });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression:
            'attribute_exists(id) AND #status = :status AND attribute_not_exists(purgedAt) AND size(#history) = :length',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }
}
