import { createAmberApp } from '../../lib/amber-app';
import { isStageName, STAGE_NAMES, STAGES, stageConfig } from '../../lib/stages';
import { OFFLINE_DEPLOY_INPUTS } from './synth';

const noBundling = { 'aws:cdk:bundling-stacks': [] };

describe('stages', () => {
  test('dev and prod, dev by default', () => {
    expect(STAGE_NAMES.sort()).toEqual(['dev', 'prod']);
    expect(stageConfig()).toBe(STAGES.dev);
    expect(stageConfig('prod')).toBe(STAGES.prod);
    expect(isStageName('toString')).toBe(false);
  });

  test('an unknown stage fails loudly', () => {
    expect(() => stageConfig('staging')).toThrow(/Unknown stage "staging"/);
    expect(() => createAmberApp({ context: { ...noBundling, stage: 'qa' } })).toThrow(/Unknown stage "qa"/);
  });

  test('prod keeps its data and logs longer than dev', () => {
    expect(STAGES.prod).toMatchObject({ removalPolicy: 'retain', deletionProtection: true });
    expect(STAGES.dev).toMatchObject({ removalPolicy: 'destroy', deletionProtection: false });
    expect(STAGES.prod.logRetention).toBeGreaterThan(STAGES.dev.logRetention);
  });
});

describe('app', () => {
  test('one environment-agnostic stack per stage, no context lookups', () => {
    for (const stage of STAGE_NAMES) {
      const { app, stack } = createAmberApp({
        context: { ...noBundling, ...(stage === 'prod' ? OFFLINE_DEPLOY_INPUTS : {}), stage },
        appProps: { builtinCloudFormationValidation: false },
      });
      expect(app.node.children.filter((c) => c === stack)).toHaveLength(1);
      expect(stack.stackName).toBe(`Amber-${stage}`);
      expect(stack.environment).toBe('aws://unknown-account/unknown-region');
      const assembly = app.synth();
      expect(assembly.manifest.missing ?? []).toEqual([]);
    }
  });
});
