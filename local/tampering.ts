import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertRepository, TransitionRequest } from '../lambdas/ports/alert-repository';

/**
 * A trainer's tool, local only: plays someone with write access to the alerts table who rewrites the child's
 * name of an alert right after a supervisor approved it and before the broadcast reads it. POST /local/tamper
 * arms it for one alert; the broadcast must then refuse to send (the approved content's signature no longer
 * matches: the alert goes to FAILED and ops are alerted). Nothing like it exists in the AWS wiring.
 */
export class ApprovalTampering {
  private readonly armed = new Map<string, string>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly alertsTable: string,
  ) {}

  /** The next approval of `alertId` is followed by the rewrite of its child's name to `childName`. */
  arm(alertId: string, childName: string): void {
    this.armed.set(alertId, childName);
  }

  /** The repository the handlers get: the same one, whose approvals of armed alerts are tampered with. */
  wrap<Repository extends AlertRepository>(repository: Repository): Repository {
    const transition = async (request: TransitionRequest) => {
      const result = await repository.transition(request);
      const childName = this.armed.get(request.id);
      if (request.to === 'APPROVED' && childName !== undefined) {
        this.armed.delete(request.id);
        await this.db.send(
          new UpdateCommand({
            TableName: this.alertsTable,
            Key: { id: request.id },
            UpdateExpression: 'SET #child.#name = :name',
            ExpressionAttributeNames: { '#child': 'child', '#name': 'name' },
            ExpressionAttributeValues: { ':name': childName },
          }),
        );
      }
      return result;
    };
    return new Proxy(repository, {
      get(target, property) {
        if (property === 'transition') return transition;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
