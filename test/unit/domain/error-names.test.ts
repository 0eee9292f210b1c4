import * as errors from '../../../lambdas/domain/errors';

/**
 * The bundles are minified, so a class's own name is not what it is called there: each error class states
 * its name (test/cdk/bundling.test.ts checks one on a built bundle). A class that forgot would inherit its
 * parent's name, or carry none.
 */
test('every domain error class is named as it is written', () => {
  const classes = Object.entries(errors).filter(
    ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
  ) as [string, new (message: string) => Error][];
  expect(classes.length).toBeGreaterThan(8);
  for (const [exported, ErrorClass] of classes) {
    if (exported === 'DomainError') continue;
    expect(new ErrorClass('x').name).toBe(exported);
  }
});
