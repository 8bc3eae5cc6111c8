import type { Logger } from '../logging';
import { route, type Server } from './http';

/** A readiness check: resolves when the part is usable, rejects with a reason when not. */
export type ReadinessProbe = () => Promise<void>;

export function mountHealth(server: Server, deps: { logger: Logger; probes: Readonly<Record<string, ReadinessProbe>> }): void {
  server.get(
    '/healthz',
    route(deps.logger, async (_req, res) => {
      res.json({ status: 'ok' });
    }),
  );
  server.get(
    '/readyz',
    route(deps.logger, async (_req, res) => {
      const entries = await Promise.all(
        Object.entries(deps.probes).map(async ([name, probe]) => {
          try {
            await withTimeout(probe(), 5000);
            return [name, 'ok'] as const;
          } catch (err) {
            deps.logger.warn({ check: name, reason: err instanceof Error ? err.message : String(err) }, 'readiness check failed');
            return [name, 'failing'] as const;
          }
        }),
      );
      const ready = entries.every(([, s]) => s === 'ok');
      res.status(ready ? 200 : 503);
      res.json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(entries) });
    }),
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
