import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../index';
import { formatResult } from '../format';
import type { KnowledgeBase } from '../types';

/**
 * `npm run --silent ask -- --json`   reads questions from stdin, one per line, and writes one JSON
 *                                   object per line, in order, to stdout (nothing else).
 * `npm run ask -- "question"`        prints a readable answer.
 * Options: --today YYYY-MM-DD (for relative dates), --time (print timing to stderr).
 */
interface CliOptions {
  readonly json: boolean;
  readonly time: boolean;
  readonly today: string | undefined;
  readonly questions: readonly string[];
}

function parseArgs(argv: readonly string[]): CliOptions {
  let json = false;
  let time = false;
  let today: string | undefined;
  const questions: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--time') time = true;
    else if (arg === '--today') today = argv[++i];
    else if (arg.startsWith('--today=')) today = arg.slice('--today='.length);
    else if (arg.startsWith('--')) throw new Error(`ask: unknown option ${arg}`);
    else questions.push(arg);
  }
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`ask: --today must be YYYY-MM-DD, got "${today}"`);
  return { json, time, today, questions };
}

async function* stdinLines(): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

function toJsonLine(kb: KnowledgeBase, question: string, today: string | undefined): string {
  const r = kb.ask(question, today ? { today } : {});
  return JSON.stringify({
    question,
    outcome: r.outcome,
    articleId: r.articleId,
    confidence: r.confidence,
    alternatives: r.alternatives,
  });
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv);
  const heapBefore = process.memoryUsage().rss;
  const loadStarted = performance.now();
  const kb = await loadKnowledgeBase({ onWarning: (w) => process.stderr.write(`warning: ${w}\n`) });
  const loadMs = performance.now() - loadStarted;
  const loadMb = (process.memoryUsage().rss - heapBefore) / 1024 / 1024;
  const questions: string[] = [...options.questions];
  if (questions.length === 0) for await (const line of stdinLines()) questions.push(line);

  const started = performance.now();
  const out: string[] = [];
  const each: number[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    if (options.json) out.push(toJsonLine(kb, q, options.today));
    else out.push(`> ${q}\n${formatResult(kb.ask(q, options.today ? { today: options.today } : {}))}\n`);
    each.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
  if (options.time) {
    const sorted = [...each].sort((a, b) => a - b);
    const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2);
    process.stderr.write(
      `loaded in ${loadMs.toFixed(0)} ms (+${loadMb.toFixed(0)} MB resident); answered ${questions.length} questions in ${elapsed.toFixed(1)} ms: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1 - 1e-9)} ms each\n`,
    );
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
