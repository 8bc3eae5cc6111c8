import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import { bearerFrom } from '../server/http';

/**
 * Local mode only: how the service's own Bot Connector endpoints (`/local/connector/`) know a call
 * came from the service's adapter. In Azure the adapter signs its replies with the bot's Entra
 * credentials and the channel checks them; here the adapter signs the calls it makes to this
 * service's own connector with a key made fresh per process, and the connector refuses anything
 * else, so nobody can post "bot" messages into someone's transcript.
 *
 * Inbound authentication stays off (`isAuthenticationDisabled`): in local mode the service never
 * hands an unauthenticated /api/messages request to the adapter (messages-route.ts).
 */
export class LocalConnectorAuth extends ServiceClientCredentialsFactory {
  private readonly key = randomBytes(32).toString('base64url');

  /** @param connectorBase the connector's base URL (ends in `/local/connector/`), known once the server listens */
  constructor(private readonly connectorBase: () => string) {
    super();
  }

  async isValidAppId(): Promise<boolean> {
    return true;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return true;
  }

  async createCredentials(): Promise<ServiceClientCredentials> {
    return {
      signRequest: async (request) => {
        // Only calls to this service's own connector carry the key; nothing else ever sees it.
        if (request.url.startsWith(this.connectorBase())) request.headers.set('authorization', `Bearer ${this.key}`);
        return request;
      },
    };
  }

  /** Whether an incoming connector call carries this process's key. */
  verify(authorization: string | undefined): boolean {
    const given = Buffer.from(bearerFrom(authorization) ?? '');
    const expected = Buffer.from(this.key);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
