import { errorChain } from '../errors';
import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { useLinearEmbeddedQueries } from './embedded-query-fix';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** A container the service needs, with the partition key and retention it is created with. */
export interface ContainerSpec {
  readonly id: string;
  /** Partition key path, e.g. `/pk`. */
  readonly partitionKey: string;
  /** Default time to live in seconds; -1 for "on, no default"; undefined for off. Enforced by real Cosmos only. */
  readonly defaultTtl?: number;
}

export interface CosmosSettings {
  /** Real Cosmos endpoint; when absent an embedded Cosmos-compatible server is started on loopback. */
  readonly endpoint?: string;
  /** Account key; when absent with an endpoint, DefaultAzureCredential (managed identity) is used. */
  readonly key?: string;
  readonly databaseId: string;
  /** Create missing database and containers (local and test); in production infra creates them. */
  readonly createIfMissing: boolean;
  /** Longest one request may take before it fails (ms); default 4000, so an outage is reported in seconds. */
  readonly requestTimeoutMs?: number;
}

export interface CosmosHandle {
  readonly client: CosmosClient;
  readonly database: Database;
  readonly endpoint: string;
  readonly embedded: boolean;
  container(id: string): Container;
  /**
   * Checks the database answers; used by /readyz and after a failed turn. When the service creates
   * its own containers and finds the database gone (an emulator restarted empty), it creates them
   * again, so the service recovers without a restart.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded Cosmos-compatible server (`@vercel/cosmosdb-server`) on a loopback port. */
export interface EmbeddedCosmos {
  readonly endpoint: string;
  readonly key: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** The embedded server accepts any key; this one only exists so the SDK signs requests as usual. */
const EMBEDDED_KEY = 'bG9jYWwtbW9kZS1vbmx5LW5vdC1hLXNlY3JldA==';

export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
  useLinearEmbeddedQueries();
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    key: EMBEDDED_KEY,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Connects to Cosmos through the real SDK: the configured account, or the embedded server when no
 * endpoint is configured. Creates the database and containers when `createIfMissing` is set.
 */
export async function openCosmos(settings: CosmosSettings, specs: readonly ContainerSpec[], options: { shared?: EmbeddedCosmos } = {}): Promise<CosmosHandle> {
  let owned: EmbeddedCosmos | undefined;
  let embedded: EmbeddedCosmos | undefined;
  let endpoint = settings.endpoint;
  let key = settings.key;
  if (!endpoint) {
    // An embedded server handed in (tests sharing one across app instances) stays open on close().
    embedded = options.shared ?? (owned = await startEmbeddedCosmos());
    endpoint = embedded.endpoint;
    key = embedded.key;
  }
  const timeout = settings.requestTimeoutMs ?? 4000;
  const client = new CosmosClient({
    endpoint,
    ...(key ? { key } : { aadCredentials: new DefaultAzureCredential() }),
    connectionPolicy: {
      // The embedded server (or an emulator on loopback) has one region and no discovery; real accounts keep the SDK default.
      ...(embedded || isLoopback(endpoint) ? { enableEndpointDiscovery: false } : {}),
      // Bounded: a request that hangs fails in seconds (the user is told), instead of the SDK's 60 s.
      requestTimeout: timeout,
      // Throttling (429) is retried, but for a few seconds at most, within one turn.
      retryOptions: { maxRetryAttemptCount: 3, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: Math.max(1, Math.ceil(timeout / 1000)) },
    },
    userAgentSuffix: 'send-assistant',
  });

  const database = client.database(settings.databaseId);
  const prepare = async (): Promise<void> => {
    if (!settings.createIfMissing) return;
    await client.databases.createIfNotExists({ id: settings.databaseId });
    for (const spec of specs) {
      await database.containers.createIfNotExists({
        id: spec.id,
        partitionKey: { paths: [spec.partitionKey] },
        ...(spec.defaultTtl !== undefined ? { defaultTtl: spec.defaultTtl } : {}),
      });
    }
  };

  try {
    await prepare();
    const known = new Set(specs.map((s) => s.id));
    let healing: Promise<void> | undefined;
    return {
      client,
      database,
      endpoint,
      embedded: embedded !== undefined,
      container(id: string) {
        if (!known.has(id)) throw new Error(`CosmosHandle.container(): container "${id}" is not registered`);
        return database.container(id);
      },
      async ping() {
        try {
          await database.read();
        } catch (err) {
          if (cosmosStatus(err) !== 404 || !settings.createIfMissing) throw err;
          healing ??= prepare().finally(() => (healing = undefined));
          await healing;
        }
      },
      async close() {
        client.dispose();
        await owned?.close();
      },
    };
  } catch (err) {
    client.dispose();
    await owned?.close();
    throw new Error(`openCosmos(): could not prepare database "${settings.databaseId}" at ${endpoint}`, { cause: err });
  }
}

/** The HTTP status of a Cosmos SDK error (`code` holds it), or undefined for anything else. */
export function cosmosStatus(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    const statusCode = (err as { statusCode?: unknown }).statusCode;
    if (typeof statusCode === 'number') return statusCode;
  }
  return undefined;
}

/** An endpoint on this machine (the embedded server or an emulator in its own process). */
function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * Whether a failure means the database could not be reached or answered too slowly (timeout,
 * refused or reset connection, throttling that outlasted the retries, a 5xx), anywhere in the
 * error's chain. Such a turn is answered with "I can't reach our records", not a generic apology.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return errorChain(err).some((e) => {
    if (typeof e !== 'object' || e === null || !('diagnostics' in e || (e as { name?: unknown }).name === 'TimeoutError')) return false;
    const status = cosmosStatus(e);
    return status === undefined || status === 408 || status === 429 || status === 449 || status >= 500 || typeof (e as { code?: unknown }).code === 'string';
  });
}
