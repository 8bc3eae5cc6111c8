import assert from 'node:assert/strict';
import { OncePerKey } from '../../../bot/casework/once';

describe('OncePerKey: side effects once per key (a double press)', () => {
  it('runs the work once for two calls at the same time, and both get its result', async () => {
    const once = new OncePerKey<string>();
    let runs = 0;
    const work = async (): Promise<string> => {
      runs++;
      await new Promise((r) => setTimeout(r, 10));
      return 'CMP-2026-00001';
    };
    const a = once.run('key-1', work);
    const b = once.run('key-1', work);
    assert.deepEqual([a.first, b.first], [true, false]);
    assert.deepEqual(await Promise.all([a.result, b.result]), ['CMP-2026-00001', 'CMP-2026-00001']);
    assert.equal(runs, 1);
  });

  it('still knows a key after its work has finished', async () => {
    const once = new OncePerKey<number>();
    await once.run('k', async () => 1).result;
    const again = once.run('k', async () => 2);
    assert.equal(again.first, false);
    assert.equal(await again.result, 1);
  });

  it('runs different keys separately', async () => {
    const once = new OncePerKey<string>();
    assert.equal(await once.run('a', async () => 'A').result, 'A');
    assert.equal(await once.run('b', async () => 'B').result, 'B');
  });

  it('forgets a key whose work failed, so the person can try again', async () => {
    const once = new OncePerKey<string>();
    await assert.rejects(once.run('k', async () => Promise.reject(new Error('Cosmos unavailable'))).result, /Cosmos unavailable/);
    await new Promise((r) => setImmediate(r));
    const retry = once.run('k', async () => 'ok');
    assert.equal(retry.first, true);
    assert.equal(await retry.result, 'ok');
  });

  it('keeps at most maxKeys keys, forgetting the oldest', async () => {
    const once = new OncePerKey<number>(2);
    await once.run('one', async () => 1).result;
    await once.run('two', async () => 2).result;
    await once.run('three', async () => 3).result;
    assert.equal(once.run('one', async () => 10).first, true);
    assert.equal(once.run('three', async () => 30).first, false);
  });
});
