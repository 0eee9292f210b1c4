import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { logger } from '../../observability/logger';
import type { SmsQuota } from '../../ports/sms-quota';

/** How long a read value is trusted: a raised quota reaches the next plan within a minute. */
export const SMS_QUOTA_MAX_AGE_SECONDS = 60;
const MAX_RATE = 100_000;

/**
 * The quota from an SSM parameter (a whole number of messages per second), cached for a minute by the
 * Powertools provider. A broadcast must not stop over its pace: an unreadable or invalid value falls back to
 * the configured rate, and says so in the log.
 */
export class SsmSmsQuota implements SmsQuota {
  constructor(
    private readonly provider: Pick<SSMProvider, 'get'>,
    private readonly parameterName: string,
    private readonly fallback: number,
  ) {}

  async ratePerSecond(): Promise<number> {
    try {
      const value = await this.provider.get(this.parameterName, { maxAge: SMS_QUOTA_MAX_AGE_SECONDS });
      const rate = Number(value);
      if (Number.isInteger(rate) && rate >= 1 && rate <= MAX_RATE) return rate;
      logger.error('SMS quota parameter is not a whole number from 1 to 100000: using the configured rate', {
        parameter: this.parameterName,
        fallback: this.fallback,
      });
    } catch (error) {
      logger.error('SMS quota parameter unreadable: using the configured rate', {
        parameter: this.parameterName,
        fallback: this.fallback,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
    return this.fallback;
  }
}
