import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The service as its own process (`node --import tsx bot/index.ts`), the way `npm start` runs it:
 * for tests that must see the process survive a request, read everything it logs, and check that
 * it wrote no file (its TMPDIR is a fresh folder of its own).
 */
export class ChildService {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly tmpDir: string,
    readonly url: string,
  ) {}

  static async start(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildService> {
    const tmpDir = mkdtempSync(join(tmpdir(), 'send-assistant-child-'));
    const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'bot/index.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: tmpDir, PORT: '0', LOG_LEVEL: 'info', DEMO_DATA: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`ChildService.start(): no "listening" line within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*SEND Assistant is listening/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`ChildService.start(): the service exited with ${code}:\n${output}`));
      });
    });
    const service = new ChildService(child, tmpDir, url);
    service.output = output;
    child.stdout!.on('data', (c: Buffer) => (service.output += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (service.output += c.toString('utf8')));
    return service;
  }

  /** Everything the process has written to stdout and stderr. */
  get log(): string {
    return this.output;
  }

  /** The process is still running and answers /healthz. */
  async alive(): Promise<boolean> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return false;
    try {
      return (await fetch(`${this.url}/healthz`)).ok;
    } catch {
      return false;
    }
  }

  /** Files the process left in its temporary folder (tsx's own compile cache, `tsx-*`, aside). */
  tmpFiles(): string[] {
    return readdirSync(this.tmpDir).filter((name) => !name.startsWith('tsx-'));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.tmpDir, { recursive: true, force: true });
  }
}
