import { SnsNotifier } from '../../adapters/aws/sns-notifier';
import { snsClient } from '../clients/sns';
import { config, resources } from './config';

export const notifier = new SnsNotifier(
  snsClient,
  resources.approvalsTopicArn ?? '',
  config.publicBaseUrl,
  resources.opsTopicArn ?? '',
);
