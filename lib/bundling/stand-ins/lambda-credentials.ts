import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';

type ProviderInit = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];
type CredentialProvider = ReturnType<typeof fromEnv>;

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (an esbuild alias in
 * lib/constructs/amber-function.ts). Lambda always hands the role's credentials over in environment
 * variables; the container endpoint covers runtimes that serve them over HTTP instead. The SDK's default
 * chain would also bundle SSO, profile files, web identity and IMDS, with the STS and SSO clients behind
 * them: about 130 KB of every bundle that a function never runs. The client memoizes and refreshes what this
 * returns, as it does for the default chain.
 */
export function defaultProvider(init: ProviderInit = {}): CredentialProvider {
  const fromEnvironment = fromEnv(init);
  return async (props) => {
    try {
      return await fromEnvironment(props);
    } catch {
      // Created only now: fromHttp throws at once when no container endpoint is configured.
      return fromHttp(init)(props);
    }
  };
}
