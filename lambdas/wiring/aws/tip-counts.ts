import { DynamoTipCounts } from '../../adapters/dynamodb/tip-counts';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

/** The tip counts of an alert, for the alert view. */
export const tipCounts = new DynamoTipCounts(documentClient, resources.tipsTable);
