import { RESOURCE_ENV } from '../../lambdas/config/config';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber({ stage: 'prod' });
});

test('the rate-limit HMAC key is a generated secret that only the rate-limited public routes can read', () => {
  const secrets = resourcesOfType(synth.template, 'AWS::SecretsManager::Secret');
  const secretId = synth.stack.getLogicalId(synth.stack.rateLimitKey.node.defaultChild as never);
  expect(secrets[secretId]?.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 64 });

  const functions = resourcesOfType(synth.template, 'AWS::Lambda::Function');
  const holders = Object.entries(functions)
    .filter(([, fn]) => JSON.stringify(fn.Properties ?? {}).includes(RESOURCE_ENV.rateLimitSecretArn))
    .map(([id]) => id)
    .sort();
  const idOf = (name: 'subscribe' | 'unsubscribe' | 'subscriptionPages' | 'submitTip') =>
    synth.stack.getLogicalId(synth.stack.api.functions[name].node.defaultChild as never);
  // The code-sending routes, the public site's forms (which send the same codes) and the tips' intake.
  const limited = ['subscribe', 'unsubscribe', 'subscriptionPages', 'submitTip'] as const;
  expect(holders).toEqual(limited.map(idOf).sort());

  const readers = Object.values(resourcesOfType(synth.template, 'AWS::IAM::Policy')).filter((p) =>
    JSON.stringify(p.Properties ?? {}).includes('secretsmanager:GetSecretValue'),
  );
  expect(readers).toHaveLength(limited.length);
  for (const policy of readers) expect(JSON.stringify(policy.Properties)).toContain(secretId);
});
