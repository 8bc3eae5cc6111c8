import type { IncomingMessage } from 'node:http';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/storage/cosmos';

export interface CosmosRequest {
  readonly method: string;
  readonly path: string;
  /** Read (GET, or a POST query), write (POST/PUT/PATCH create, replace, upsert) or delete. */
  readonly kind: 'read' | 'query' | 'write' | 'delete';
}

/**
 * The embedded Cosmos-compatible server with a counter of the HTTP requests that reach it, so tests
 * can measure how many round trips a turn costs. Not a fake: the real SDK talks to the real server.
 */
export class CountingCosmos {
  readonly requests: CosmosRequest[] = [];

  private constructor(readonly embedded: EmbeddedCosmos) {
    embedded.server.on('request', (req: IncomingMessage) => this.requests.push(classify(req)));
  }

  static async start(): Promise<CountingCosmos> {
    return new CountingCosmos(await startEmbeddedCosmos());
  }

  /** Requests since `mark`, for one turn. */
  since(mark: number): CosmosRequest[] {
    return this.requests.slice(mark);
  }

  get mark(): number {
    return this.requests.length;
  }

  close(): Promise<void> {
    return this.embedded.close();
  }
}

function classify(req: IncomingMessage): CosmosRequest {
  const method = req.method ?? 'GET';
  const path = (req.url ?? '').split('?')[0] ?? '';
  const isQuery = String(req.headers['x-ms-documentdb-isquery'] ?? '') === 'true' || String(req.headers['content-type'] ?? '').includes('query+json');
  const upsert = String(req.headers['x-ms-documentdb-is-upsert'] ?? '') === 'true';
  let kind: CosmosRequest['kind'];
  if (method === 'GET') kind = 'read';
  else if (method === 'DELETE') kind = 'delete';
  else if (method === 'POST' && isQuery && !upsert) kind = 'query';
  else kind = 'write';
  return { method, path, kind };
}
