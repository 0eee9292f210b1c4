import { SfnWorkflowEngine } from '../../adapters/aws/sfn-workflow-engine';
import { sfnClient } from '../clients/sfn';
import { resources } from './config';

export const workflowEngine = new SfnWorkflowEngine(sfnClient, resources.stateMachineArn);
