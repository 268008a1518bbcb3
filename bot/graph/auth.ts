import {
  AzureAuthorityHosts,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { isLoopbackUrl, type GraphCredentials } from '../config.js';

export interface GraphAuthentication {
  credential: TokenCredential;
  provider: AuthenticationProvider;
  /** App-only scope: `${origin}/.default` of the Graph base URL. */
  scope: string;
}

// National clouds sign in at their own Entra authority, while the public cloud uses @azure/identity's default.
const authorityHostByGraphHost: Record<string, string> = {
  'graph.microsoft.us': AzureAuthorityHosts.AzureGovernment,
  'dod-graph.microsoft.us': AzureAuthorityHosts.AzureGovernment,
  'microsoftgraph.chinacloudapi.cn': AzureAuthorityHosts.AzureChina,
};

/**
 * Creates the token credential and SDK authentication provider for the configured credentials.
 * Returns undefined for kind 'none', which is only allowed with a loopback base URL (the simulated
 * tenant). Creating a credential contacts nothing: tokens are requested on the first Graph call.
 */
export function createGraphAuthentication(baseUrl: string, credentials: GraphCredentials): GraphAuthentication | undefined {
  const url = new URL(baseUrl);
  if (credentials.kind === 'none') {
    if (!isLoopbackUrl(baseUrl)) {
      throw new Error(`Graph credentials are missing for ${url.origin}: only a loopback GRAPH_BASE_URL may be used without credentials`);
    }
    return undefined;
  }
  if (url.protocol !== 'https:') {
    // The SDK only attaches a token to https URLs, so an http base URL would silently send unauthenticated requests.
    throw new Error(`GRAPH_BASE_URL ${url.origin} must use https when Graph credentials are configured`);
  }

  const credential = createTokenCredential(credentials, authorityHostByGraphHost[url.hostname]);
  const scope = `${url.origin}/.default`;
  const provider = new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] });
  return { credential, provider, scope };
}

function createTokenCredential(credentials: Exclude<GraphCredentials, { kind: 'none' }>, authorityHost: string | undefined): TokenCredential {
  const options = authorityHost === undefined ? {} : { authorityHost };
  switch (credentials.kind) {
    case 'secret':
      return new ClientSecretCredential(credentials.tenantId, credentials.clientId, credentials.clientSecret, options);
    case 'certificate':
      return new ClientCertificateCredential(credentials.tenantId, credentials.clientId, { certificatePath: credentials.certificatePath }, options);
    case 'managedIdentity':
      return credentials.clientId === undefined
        ? new ManagedIdentityCredential(options)
        : new ManagedIdentityCredential({ ...options, clientId: credentials.clientId });
  }
}
