/**
 * Side-effect import for tests that load handler modules: their `handler` export builds AWS SDK clients at
 * import time. Nothing is sent, but a region keeps the clients from looking one up on the machine.
 */
process.env.AWS_REGION ||= 'eu-central-1';
process.env.POWERTOOLS_LOG_LEVEL ||= 'SILENT';

export {};
