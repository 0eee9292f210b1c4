import { SnsTipNotifier } from '../../adapters/aws/sns-tip-notifier';
import { snsClient } from '../clients/sns';
import { resources } from './config';

export const tipNotifier = new SnsTipNotifier(snsClient, resources.approvalsTopicArn ?? '');
