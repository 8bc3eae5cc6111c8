import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy in front of the Cosmos-compatible server, for outage tests: `pause()` holds
 * every byte in both directions (a database that stops answering, as when its process is stopped),
 * `resume()` lets them through again, and the target port can change (a fresh server after a crash).
 */
export class PausableProxy {
  private paused = false;
  private readonly sockets = new Set<Socket>();
  private readonly held: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    private targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<PausableProxy> {
    let proxy: PausableProxy | undefined;
    const server = createServer((client) => proxy!.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    proxy = new PausableProxy(server, targetPort);
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  pause(): void {
    this.paused = true;
    for (const s of this.sockets) s.pause();
  }

  resume(): void {
    this.paused = false;
    for (const s of this.sockets) s.resume();
    for (const start of this.held.splice(0)) start();
  }

  /** Points new connections at another port and drops the old ones (the old server is gone). */
  retarget(port: number): void {
    this.targetPort = port;
    for (const s of this.sockets) s.destroy();
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    const start = () => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      if (this.paused) upstream.pause();
    };
    if (this.paused) {
      client.pause();
      this.held.push(start);
    } else start();
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
