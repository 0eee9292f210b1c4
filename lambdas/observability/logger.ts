import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Never log names, phone numbers, descriptions or codes: log ids, statuses and
 * counts, and mask phones with maskPhone() when one must be referred to.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'amber' });
