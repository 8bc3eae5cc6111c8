import assert from 'node:assert/strict';
import { TurnQueue, TurnQueueFull } from '../../bot/channels/turn-queue';

describe('TurnQueue', () => {
  it('runs one conversation’s turns one at a time, in the order they were enqueued', async () => {
    const queue = new TurnQueue(10);
    const events: string[] = [];
    const turn = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
    };
    await Promise.all([queue.enqueue('c', turn('a', 30)), queue.enqueue('c', turn('b', 5)), queue.enqueue('c', turn('c', 1))]);
    assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different conversations side by side', async () => {
    const queue = new TurnQueue(10);
    const events: string[] = [];
    const slow = queue.enqueue('one', async () => {
      await new Promise((r) => setTimeout(r, 30));
      events.push('one');
    });
    await queue.enqueue('two', async () => void events.push('two'));
    await slow;
    assert.deepEqual(events, ['two', 'one']);
  });

  it('refuses at once, before queuing, when too many turns are waiting, and accepts again once they are done', async () => {
    const queue = new TurnQueue(2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = queue.enqueue('c', () => gate);
    const second = queue.enqueue('c', async () => undefined);
    assert.throws(() => queue.enqueue('c', async () => undefined), TurnQueueFull);
    release();
    await Promise.all([first, second]);
    assert.equal(queue.size('c'), 0);
    await queue.enqueue('c', async () => undefined);
  });

  it('keeps going after a turn fails, and passes the failure to its caller', async () => {
    const queue = new TurnQueue(5);
    const failed = queue.enqueue('c', async () => {
      throw new Error('boom');
    });
    const next = queue.enqueue('c', async () => 'ran');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'ran');
  });

  it('never starts a task in the tick it was enqueued', () => {
    const queue = new TurnQueue(5);
    let started = false;
    void queue.enqueue('c', async () => void (started = true));
    assert.equal(started, false);
  });
});
