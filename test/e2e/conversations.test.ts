import assert from 'node:assert/strict';
import path from 'node:path';
import { runScripts, scriptFiles } from '../conversations/runner';

/**
 * Every conversation script in test/conversations, each against a fresh service and database, over
 * HTTP and Direct Line, as `npm run conversations` plays them.
 */
describe('conversation scripts (test/conversations/*.yaml)', function () {
  this.timeout(180_000);
  const files = scriptFiles();

  it('finds the scripts', () => {
    assert.ok(files.length >= 5, `expected conversation scripts, found ${files.length}`);
  });

  for (const file of files) {
    it(path.basename(file), async () => {
      const lines: string[] = [];
      const [result] = await runScripts([file], { log: (line) => lines.push(line) });
      assert.ok(result, 'the script did not run');
      assert.ok(result.ok, `${result.title}\n${result.failure ?? lines.join('\n')}`);
    });
  }
});
