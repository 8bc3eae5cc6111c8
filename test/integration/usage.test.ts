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

  it('counts each kind of event by month, in batches written by flush(), and the tasks started and finished by feature', async () => {
    log.record({ kind: 'conversation' });
    log.record({ kind: 'question', outcome: 'answer' });
    log.record({ kind: 'question', outcome: 'no_match' });
    log.record({ kind: 'feedback', helpful: true });
    log.record({ kind: 'dialog_started', feature: 'complaint' });
    await log.flush();
    clock = new Date('2026-12-01T09:00:00Z');
    log.record({ kind: 'feedback', helpful: false });
    log.record({ kind: 'handoff' });
    log.record({ kind: 'dialog_started', feature: 'complaint' });
    assert.equal((await log.summary(['2026-12'])).handoffs, 0, 'nothing is written until a flush');
    log.record({ kind: 'dialog_finished', feature: 'complaint' });
    await log.flush();
    await log.flush();
    const both = await log.summary(['2026-11', '2026-12']);
    assert.equal(both.conversations, 1);
    assert.deepEqual(both.questions, { answer: 1, clarify: 0, no_match: 1, escalate: 0, out_of_scope: 0 });
    assert.deepEqual(both.helpful, { yes: 1, no: 1 });
    assert.equal(both.handoffs, 1);
    assert.deepEqual(both.dialogs, { complaint: { started: 2, finished: 1 } });
    assert.deepEqual((await log.summary(['2026-12'])).helpful, { yes: 0, no: 1 }, 'the month is the UTC month of the event');
  });

  it('refuses an event carrying anything else, such as text or an id', async () => {
    assert.throws(() => log.record({ kind: 'question', outcome: 'answer', question: 'my son Sam' } as never));
    assert.throws(() => log.record({ kind: 'handoff', userId: 'u-1' } as never));
    assert.throws(() => log.record({ kind: 'dialog_started', feature: 'Sam Taylor 14/3/2015' }));
    await log.flush();
    assert.equal((await log.summary(['2026-12'])).handoffs, 1, 'the refused events were not counted');
  });
});
