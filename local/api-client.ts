/**
 * A small client for the platform's HTTP API, used by `npm run demo`, the end-to-end tests and the benchmarks.
 * It only speaks HTTP, so it works against the local platform or any deployed stage that has the local
 * token endpoint.
 */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  ms: number;
}

export interface SmsItem {
  to: string;
  body: string;
  at: string;
  alertId?: string;
  kind?: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; as?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.as) headers.authorization = `Bearer ${await this.token(options.as)}`;
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (an HTML page or CAP XML): keep the text.
    }
    return { status: response.status, body: body as T, ms };
  }

  async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const res = await this.request<{ token: string }>('POST', '/local/token', { body: { username } });
    if (res.status !== 200) throw new Error(`No local token for ${username}: ${res.status}`);
    this.tokens.set(username, res.body.token);
    return res.body.token;
  }

  async sms(phone: string): Promise<SmsItem[]> {
    const res = await this.request<{ items: SmsItem[] }>('GET', `/local/sms?to=${encodeURIComponent(phone)}`);
    return res.body.items;
  }

  /** Subscribes a phone and confirms it with the code read from the SMS outbox. */
  async subscribeAndConfirm(phone: string, counties: string[], language: string): Promise<void> {
    const before = (await this.sms(phone)).length;
    const sub = await this.request('POST', '/subscriptions', { body: { phone, counties, language } });
    if (sub.status !== 202)
      throw new Error(`Subscription refused: ${sub.status} ${JSON.stringify(sub.body)}`);
    const codeSms = (await this.sms(phone)).slice(before).find((m) => !m.alertId);
    const code = codeSms?.body.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error('No confirmation code in the outbox');
    const confirm = await this.request('POST', '/subscriptions/confirm', { body: { phone, code } });
    if (confirm.status !== 200)
      throw new Error(`Confirmation refused: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  }

  /** Polls an alert (as a police user) until `done` holds or the time runs out. */
  async waitForAlert(
    id: string,
    as: string,
    done: (alert: Record<string, unknown>) => boolean,
    timeoutMs = 20_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    let last: Record<string, unknown> = {};
    while (Date.now() < deadline) {
      const res = await this.request('GET', `/alerts/${id}`, { as });
      last = res.body;
      if (res.status === 200 && done(res.body)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Alert ${id} did not reach the expected state; last status ${String(last.status)}`);
  }
}
