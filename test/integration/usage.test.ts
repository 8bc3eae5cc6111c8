import assert from 'node:assert/strict';
import { openCosmos, type CosmosHandle } from '../../bot/storage/cosmos';
import { USAGE_CONTAINER, UsageLog } from '../../bot/usage';

describe('UsageLog: how the assistant is used, counted without personal data (embedded Cosmos)', () => {
  let handle: CosmosHandle;
  let clock = new Date('2026-11-30T23:30:00Z');
  let log: UsageLog;
  before(async () => {
    handle = await openCosmos({ databaseId: 'usage-test', createIfMissing: true }, [USAGE_CONTAINER]);
    log = new UsageLog(handle.container(USAGE_CONTAINER.id), () => clock);
  });
  after(async () => handle?.close());

  it('counts each kind of event by month, and the tasks started and finished by feature', async () => {
    await log.record({ kind: 'conversation' });
    await log.record({ kind: 'question', outcome: 'answer' });
    await log.record({ kind: 'question', outcome: 'no_match' });
    await log.record({ kind: 'feedback', helpful: true });
    await log.record({ kind: 'dialog_started', feature: 'complaint' });
    clock = new Date('2026-12-01T09:00:00Z');
    await log.record({ kind: 'feedback', helpful: false });
    await log.record({ kind: 'handoff' });
    await log.record({ kind: 'dialog_started', feature: 'complaint' });
    await log.record({ kind: 'dialog_finished', feature: 'complaint' });
    const both = await log.summary(['2026-11', '2026-12']);
    assert.equal(both.conversations, 1);
    assert.deepEqual(both.questions, { answer: 1, clarify: 0, no_match: 1, escalate: 0, out_of_scope: 0 });
    assert.deepEqual(both.helpful, { yes: 1, no: 1 });
    assert.equal(both.handoffs, 1);
    assert.deepEqual(both.dialogs, { complaint: { started: 2, finished: 1 } });
    assert.deepEqual((await log.summary(['2026-12'])).helpful, { yes: 0, no: 1 }, 'the month is the UTC month of the event');
  });

  it('refuses an event carrying anything else, such as text or an id', async () => {
    await assert.rejects(log.record({ kind: 'question', outcome: 'answer', question: 'my son Sam' } as never));
    await assert.rejects(log.record({ kind: 'handoff', userId: 'u-1' } as never));
    await assert.rejects(log.record({ kind: 'dialog_started', feature: 'Sam Taylor 14/3/2015' }));
  });
});
