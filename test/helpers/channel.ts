import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * Stands in for a Bot Framework channel (Teams, say) in tests: posts activities to the bot's
 * /api/messages and runs a Bot Connector endpoint that captures what the bot sends back.
 * `failNext(429, n)` makes the next n sends fail, to test back-off.
 */
export class TestChannel {
  readonly received: Partial<Activity>[] = [];
  private failures: { status: number; remaining: number } | undefined;
  private counter = 0;

  private constructor(
    private readonly server: Server,
    readonly serviceUrl: string,
  ) {}

  static async start(): Promise<TestChannel> {
    let channel: TestChannel | undefined;
    const server = createServer((req, res) => {
      void readJson(req).then((body) => {
        const c = channel;
        if (!c) return;
        if (c.failures && c.failures.remaining > 0) {
          c.failures.remaining -= 1;
          res.writeHead(c.failures.status, { 'Retry-After': '0' });
          res.end();
          return;
        }
        if (req.method === 'POST' && body && typeof body === 'object') c.received.push(body as Partial<Activity>);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `captured-${++c.counter}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    channel = new TestChannel(server, `http://127.0.0.1:${port}/`);
    return channel;
  }

  failNext(status: number, times: number): void {
    this.failures = { status, remaining: times };
  }

  /** Posts an activity to the bot as this channel would, with serviceUrl pointing back here. */
  async post(botUrl: string, activity: Partial<Activity>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ serviceUrl: this.serviceUrl, timestamp: new Date().toISOString(), ...activity }),
    });
  }

  messages(): Partial<Activity>[] {
    return this.received.filter((a) => a.type === 'message');
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch {
        resolve(null);
      }
    });
  });
}
