import { type AmberConfig, loadConfig } from '../../../lambdas/config/config';

/**
 * The default (Albania) configuration, as a Lambda would load it from an empty environment, except for the
 * SMS rate: unit tests should not wait for a 20-per-second token bucket.
 */
export function testConfig(env: Record<string, string> = {}): AmberConfig {
  return loadConfig({ AMBER_SMS_RATE_PER_SECOND: '100000', ...env });
}
