import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

function runAsk(args: readonly string[], input: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'knowledge/cli/ask.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('ask CLI --json', () => {
  const questions = [
    'what is an ehcp',
    'my son says he wants to kill himself',
    'how do I pay council tax',
    'review',
    'request went in on 3 February 2026, when is the final plan due?',
  ];

  it('writes one JSON object per input line, in order, and nothing else on stdout', () => {
    const { stdout, status, stderr } = runAsk(['--json', '--today', '2026-03-01'], `${questions.join('\n')}\n`);
    assert.equal(status, 0, stderr);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, questions.length);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    parsed.forEach((obj, i) => {
      assert.deepEqual(Object.keys(obj), ['question', 'outcome', 'articleId', 'confidence', 'alternatives']);
      assert.equal(obj['question'], questions[i]);
      assert.ok(['answer', 'clarify', 'no_match', 'escalate', 'out_of_scope'].includes(String(obj['outcome'])));
      assert.ok(obj['articleId'] === null || typeof obj['articleId'] === 'string');
      assert.equal(typeof obj['confidence'], 'number');
      assert.ok(Array.isArray(obj['alternatives']));
    });
    assert.deepEqual(
      parsed.map((o) => [o['outcome'], o['articleId']]),
      [
        ['answer', 'ehcp_overview'],
        ['escalate', null],
        ['out_of_scope', null],
        ['clarify', null],
        ['answer', 'final_plan_20_weeks'],
      ],
    );
  });

  it('prints a readable answer with sources and the review date without --json', () => {
    const { stdout, status } = runAsk(['what is an ehcp'], '');
    assert.equal(status, 0);
    assert.match(stdout, /Sources: /);
    assert.match(stdout, /Last checked: \d{1,2} [A-Z][a-z]+ \d{4}/);
  });
});
