import { resourcesOfType, type Synthesized, synthAmber } from './synth';

let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber({ stage: 'prod' });
});

test('a public document withheld for changed content counts in the ContentIntegrity alarm, from every public function', () => {
  const filters = Object.values(resourcesOfType(synth.template, 'AWS::Logs::MetricFilter'))
    .map((f) => f.Properties ?? {})
    .filter((p) => p.FilterPattern === '{ $.failure = "ContentIntegrityError" }');
  const watched = filters.map((p) => JSON.stringify(p.LogGroupName));
  for (const name of ['publicAlerts', 'publicCap', 'alertPage'] as const) {
    const logGroup = synth.stack.api.functions[name].logGroup;
    const id = synth.stack.getLogicalId(logGroup.node.defaultChild as never);
    expect({ name, watched: watched.some((w) => w.includes(id)) }).toEqual({ name, watched: true });
  }
  for (const p of filters) {
    expect(p.MetricTransformations).toEqual([
      expect.objectContaining({ MetricName: 'ContentIntegrityFailures', MetricNamespace: 'AmberAlert' }),
    ]);
  }
});
