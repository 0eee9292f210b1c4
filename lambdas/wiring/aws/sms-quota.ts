import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SsmSmsQuota } from '../../adapters/aws/ssm-sms-quota';
import { fixedSmsQuota } from '../../ports/sms-quota';
import { config } from './config';

const { ratePerSecond, ratePerSecondParameter } = config.sms;

export const smsQuota = ratePerSecondParameter
  ? new SsmSmsQuota(new SSMProvider(), ratePerSecondParameter, ratePerSecond)
  : fixedSmsQuota(ratePerSecond);
