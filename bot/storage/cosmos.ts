import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { createHttpServer } from '@zeit/cosmosdb-server';
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
}

export interface CosmosHandle {
  readonly client: CosmosClient;
  readonly database: Database;
  readonly endpoint: string;
  readonly embedded: boolean;
  container(id: string): Container;
  /** Checks the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded Cosmos-compatible server (`@zeit/cosmosdb-server`) on a loopback port. */
export interface EmbeddedCosmos {
  readonly endpoint: string;
  readonly key: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** The embedded server accepts any key; this one only exists so the SDK signs requests as usual. */
const EMBEDDED_KEY = 'bG9jYWwtbW9kZS1vbmx5LW5vdC1hLXNlY3JldA==';

export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
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
export async function openCosmos(
  settings: CosmosSettings,
  specs: readonly ContainerSpec[],
  options: { shared?: EmbeddedCosmos } = {},
): Promise<CosmosHandle> {
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
  const client = new CosmosClient({
    endpoint,
    ...(key ? { key } : { aadCredentials: new DefaultAzureCredential() }),
    // The embedded server has one region and no discovery; real accounts keep the SDK default.
    connectionPolicy: embedded ? { enableEndpointDiscovery: false } : {},
    userAgentSuffix: 'send-assistant',
  });

  try {
    const database = settings.createIfMissing
      ? (await client.databases.createIfNotExists({ id: settings.databaseId })).database
      : client.database(settings.databaseId);
    if (settings.createIfMissing) {
      for (const spec of specs) {
        await database.containers.createIfNotExists({
          id: spec.id,
          partitionKey: { paths: [spec.partitionKey] },
          ...(spec.defaultTtl !== undefined ? { defaultTtl: spec.defaultTtl } : {}),
        });
      }
    }
    const known = new Set(specs.map((s) => s.id));
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
        await database.read();
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
