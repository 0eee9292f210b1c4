import { DynamoTipRepository } from '../../adapters/dynamodb/tip-repository';
import { documentClient } from '../clients/dynamodb';
import { resources } from './config';

/** The tips table. */
export const tipRepository = new DynamoTipRepository(documentClient, resources.tipsTable);
