import { SnsSmsSender } from '../../adapters/aws/sns-sms-sender';
import { snsClient } from '../clients/sns';
import { config } from './config';

export const smsSender = new SnsSmsSender(snsClient, config.sms);
