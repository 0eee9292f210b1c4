import { join } from 'node:path';
import { NATIONAL } from '../lambdas/config/config';
import { GROUPS } from '../lambdas/domain/identity';
import { normalizeMobile } from '../lambdas/domain/phone';
import type { ApprovalRequest, BroadcastStarting, Notifier } from '../lambdas/ports/notifier';
import type { MessageKind, SmsMessage, SmsSendError, SmsSender } from '../lambdas/ports/sms-sender';
import type { TipNotifier, UrgentTips } from '../lambdas/ports/tip-notifier';
import type { LocalUser } from './identities';
import { JsonlFile } from './jsonl-file';
import { type LocalLogger, silentLogger } from './log';

/**
 * SNS stand-ins. Nothing leaves the machine: every SMS and every staff notification becomes one JSON line
 * in the data dir, and the local HTTP server shows them (GET /local/sms, GET /local/notifications) so that
 * a trainer or a test can read the confirmation code or the alert text a phone would have received.
 */

export const SMS_OUTBOX_FILE = 'sms-outbox.jsonl';
export const NOTIFICATIONS_FILE = 'notifications.jsonl';

/** Kinds of SMS that concern an alert: only these carry `alertId` and `kind` in the outbox. */
const ALERT_KINDS: readonly MessageKind[] = ['ALERT', 'UPDATE', 'CANCELLATION', 'TIP_ACKNOWLEDGEMENT'];

export interface OutboxSms {
  /** E.164. */
  to: string;
  body: string;
  at: string;
  alertId?: string;
  kind?: MessageKind;
  encoding: SmsMessage['encoding'];
  segments: number;
}

export interface SmsOutboxOptions {
  dataDir: string;
  /** libphonenumber region used to read national numbers in GET /local/sms?to=… */
  phoneRegion: string;
  now?: () => Date;
  /** Lets a test make the "gateway" refuse a message, as SNS would (throttling, opted-out numbers). */
  failWith?: (message: SmsMessage) => SmsSendError | undefined;
  logger?: LocalLogger;
}

export class SmsOutbox implements SmsSender {
  private readonly file: JsonlFile<OutboxSms>;
  private readonly byPhone = new Map<string, OutboxSms[]>();

  private constructor(private readonly options: SmsOutboxOptions) {
    this.file = new JsonlFile(join(options.dataDir, SMS_OUTBOX_FILE));
  }

  /** Opens the outbox and indexes the messages already in its file. */
  static async open(options: SmsOutboxOptions): Promise<SmsOutbox> {
    const outbox = new SmsOutbox(options);
    const { entries, skipped } = await outbox.file.load();
    for (const entry of entries) outbox.index(entry);
    if (skipped > 0) (options.logger ?? silentLogger).warn('outbox.sms.skippedLines', { skipped });
    return outbox;
  }

  async send(message: SmsMessage): Promise<{ providerMessageId?: string }> {
    const failure = this.options.failWith?.(message);
    if (failure) throw failure;
    const aboutAlert = ALERT_KINDS.includes(message.kind);
    const entry: OutboxSms = {
      to: message.to,
      body: message.body,
      at: (this.options.now?.() ?? new Date()).toISOString(),
      ...(aboutAlert && message.alertId !== undefined ? { alertId: message.alertId } : {}),
      ...(aboutAlert ? { kind: message.kind } : {}),
      encoding: message.encoding,
      segments: message.segments,
    };
    await this.file.append(entry);
    this.index(entry);
    return { providerMessageId: `local-${crypto.randomUUID()}` };
  }

  /** Messages to one phone, oldest first; the number may be in E.164 or national format. */
  messagesTo(phone: string): OutboxSms[] {
    const normalized = normalizeMobile(phone.trim(), this.options.phoneRegion);
    const key = normalized.ok ? normalized.e164 : phone.trim();
    return [...(this.byPhone.get(key) ?? [])];
  }

  close(): Promise<void> {
    return this.file.close();
  }

  private index(entry: OutboxSms): void {
    const list = this.byPhone.get(entry.to);
    if (list) list.push(entry);
    else this.byPhone.set(entry.to, [entry]);
  }
}

/** Kinds of staff notification; new ones (e.g. ops paging before a broadcast) only need a name here. */
export type NotificationKind =
  | 'APPROVAL_REQUESTED'
  | 'APPROVAL_WITHDRAWN'
  | 'BROADCAST_STARTING'
  | 'URGENT_TIPS'
  | (string & {});

/** Ids and kinds only: a notification never carries the child's details. */
export interface OutboxNotification {
  /** A username of local/users.json, or a role such as 'ops'. */
  to: string;
  kind: NotificationKind;
  alertId?: string;
  /** URGENT_TIPS: how many urgent tips since the previous notice of the alert. */
  count?: number;
  at: string;
}

export interface NotificationOutboxOptions {
  dataDir: string;
  /** The seeded users: supervisors to notify are looked up here. */
  users: readonly LocalUser[];
  now?: () => Date;
  logger?: LocalLogger;
}

export class NotificationOutbox implements Notifier, TipNotifier {
  private readonly file: JsonlFile<OutboxNotification>;
  private readonly entries: OutboxNotification[] = [];

  private constructor(private readonly options: NotificationOutboxOptions) {
    this.file = new JsonlFile(join(options.dataDir, NOTIFICATIONS_FILE));
  }

  static async open(options: NotificationOutboxOptions): Promise<NotificationOutbox> {
    const outbox = new NotificationOutbox(options);
    const { entries, skipped } = await outbox.file.load();
    outbox.entries.push(...entries);
    if (skipped > 0) (options.logger ?? silentLogger).warn('outbox.notifications.skippedLines', { skipped });
    return outbox;
  }

  /** Tells the supervisors of the alert's directorate and the national ones (SNS approvals topic in AWS). */
  async approvalRequested(request: ApprovalRequest): Promise<void> {
    await this.toSupervisors(request, 'APPROVAL_REQUESTED');
  }

  /** Tells the same supervisors that the alert was withdrawn before anyone decided. */
  async approvalWithdrawn(request: ApprovalRequest): Promise<void> {
    await this.toSupervisors(request, 'APPROVAL_WITHDRAWN');
  }

  /** Urgent tips, coalesced by the caller: the same supervisors as an approval request, with the count. */
  async urgentTips(notice: UrgentTips): Promise<void> {
    await this.toSupervisors(notice, 'URGENT_TIPS', notice.count);
  }

  private async toSupervisors(
    request: Pick<ApprovalRequest, 'alertId' | 'directorate'>,
    kind: NotificationKind,
    count?: number,
  ): Promise<void> {
    const supervisors = this.options.users.filter(
      (u) =>
        u.groups.includes(GROUPS.supervisors) &&
        (u.directorate === request.directorate || u.directorate === NATIONAL),
    );
    for (const supervisor of supervisors) {
      await this.record({
        to: supervisor.username,
        kind,
        alertId: request.alertId,
        ...(count !== undefined ? { count } : {}),
      });
    }
  }

  /** Pages the on-call ops contact (the SNS ops topic in AWS) before a live broadcast's first SMS. */
  async broadcastStarting(event: BroadcastStarting): Promise<void> {
    await this.record({ to: 'ops', kind: 'BROADCAST_STARTING', alertId: event.alertId });
  }

  /** Writes one notification; the building block for every kind. */
  async record(notification: Omit<OutboxNotification, 'at'>): Promise<OutboxNotification> {
    const entry: OutboxNotification = {
      to: notification.to,
      kind: notification.kind,
      ...(notification.alertId !== undefined ? { alertId: notification.alertId } : {}),
      ...(notification.count !== undefined ? { count: notification.count } : {}),
      at: (this.options.now?.() ?? new Date()).toISOString(),
    };
    await this.file.append(entry);
    this.entries.push(entry);
    return entry;
  }

  /** Oldest first; optionally only those to one recipient. */
  list(filter: { to?: string } = {}): OutboxNotification[] {
    return this.entries.filter((n) => filter.to === undefined || n.to === filter.to);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
