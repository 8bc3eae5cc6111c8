import assert from 'node:assert/strict';
import { openCosmos, type CosmosHandle } from '../../bot/storage/cosmos';
import { BOT_STATE_CONTAINER, CosmosStateStorage, StateConflictError } from '../../bot/storage/state-storage';
import { CountingCosmos } from '../helpers/cosmos';

describe('CosmosStateStorage (real @azure/cosmos SDK against the embedded server)', () => {
  let cosmos: CountingCosmos;
  let handle: CosmosHandle;
  let storage: CosmosStateStorage;

  before(async () => {
    cosmos = await CountingCosmos.start();
    handle = await openCosmos({ databaseId: 'state-test', createIfMissing: true }, [BOT_STATE_CONTAINER], { shared: cosmos.embedded });
    storage = new CosmosStateStorage(handle.container(BOT_STATE_CONTAINER.id));
  });
  after(async () => {
    await handle.close();
    await cosmos.close();
  });

  it('reads back what it wrote', async () => {
    await storage.write({ 'webchat/bot/conversations/abc': { dialogState: { dialogStack: [{ id: 'x', state: { n: 1 } }] } } });
    const items = await storage.read(['webchat/bot/conversations/abc']);
    assert.deepEqual(items['webchat/bot/conversations/abc']?.dialogState, { dialogStack: [{ id: 'x', state: { n: 1 } }] });
    assert.equal(typeof items['webchat/bot/conversations/abc']?.eTag, 'string');
  });

  it('reads back a key of 400+ characters, as Teams conversation ids produce', async () => {
    const key = `msteams/send-assistant/conversations/a:${'1Xy9-'.repeat(85)}`;
    assert.ok(key.length >= 400, `key is ${key.length} characters`);
    await storage.write({ [key]: { dialogState: { dialogStack: [] }, marker: 'long' } });
    const items = await storage.read([key]);
    assert.equal(items[key]?.marker, 'long');
  });

  it('returns nothing for a key never written', async () => {
    const items = await storage.read(['never/written']);
    assert.deepEqual(items, {});
  });

  it('reads several keys in one round trip of parallel point reads', async () => {
    await storage.write({ 'k/one': { n: 1 }, 'k/two': { n: 2 } });
    const mark = cosmos.mark;
    const items = await storage.read(['k/one', 'k/two']);
    assert.equal(items['k/one']?.n, 1);
    assert.equal(items['k/two']?.n, 2);
    const requests = cosmos.since(mark);
    assert.equal(requests.length, 2);
    assert.ok(requests.every((r) => r.kind === 'read'));
  });

  it('refuses a stale write rather than overwrite another turn', async () => {
    await storage.write({ 'k/stale': { n: 1 } });
    const first = await storage.read(['k/stale']);
    const second = await storage.read(['k/stale']);
    await storage.write({ 'k/stale': { ...first['k/stale'], n: 2 } });
    await assert.rejects(storage.write({ 'k/stale': { ...second['k/stale'], n: 3 } }), StateConflictError);
    const now = await storage.read(['k/stale']);
    assert.equal(now['k/stale']?.n, 2);
  });

  it('refuses to create state another turn created first', async () => {
    await storage.write({ 'k/new': { n: 1 } });
    await assert.rejects(storage.write({ 'k/new': { n: 2 } }), StateConflictError);
  });

  it('deletes, and deleting twice is harmless', async () => {
    await storage.write({ 'k/gone': { n: 1 } });
    await storage.delete(['k/gone']);
    await storage.delete(['k/gone']);
    assert.deepEqual(await storage.read(['k/gone']), {});
  });

  it('stores the state under a hashed id, with the original key kept for support', async () => {
    await storage.write({ 'k/doc': { n: 7 } });
    const id = CosmosStateStorage.idFor('k/doc');
    const { resource } = await handle.container(BOT_STATE_CONTAINER.id).item(id, id).read<{ key: string; state: unknown }>();
    assert.equal(resource?.key, 'k/doc');
    assert.deepEqual(resource?.state, { n: 7 });
  });
});
