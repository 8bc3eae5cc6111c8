import assert from 'node:assert/strict';
import { createRecords } from '../../bot/records';
import { DirectLineClient } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

interface ExtensionResponse {
  composeExtension?: { type: string; text?: string; attachments?: { contentType: string; content: { body: { text: string }[] }; preview?: unknown }[] };
}

describe('Teams "Find a plan" search message extension (composeExtension/query over /api/messages)', function () {
  this.timeout(60_000);
  let service: RunningService;

  before(async () => {
    service = await startService({ DEMO_DATA: 'true' });
  });
  after(async () => {
    await service?.close();
  });

  async function search(query: string, persona: string): Promise<{ status: number; body: ExtensionResponse }> {
    const chat = await DirectLineClient.open(service.url, persona);
    const res = await chat.postToMessages({
      type: 'invoke',
      name: 'composeExtension/query',
      id: `invoke-${Math.random()}`,
      value: { commandId: 'findPlan', parameters: [{ name: 'query', value: query }], queryOptions: { skip: 0, count: 10 } },
    });
    return { status: res.status, body: (await res.json()) as ExtensionResponse };
  }

  it('finds a plan by reference for a caseworker, as a card to insert, and audits the read', async () => {
    const records = createRecords(service.app.cosmos);
    const { status, body } = await search('EHC-000001', 'staff:S001');
    assert.equal(status, 200);
    assert.equal(body.composeExtension?.type, 'result');
    const [attachment] = body.composeExtension?.attachments ?? [];
    assert.equal(attachment?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.ok(attachment?.preview, 'a preview for the result list');
    assert.match(attachment!.content.body.map((b) => b.text).join('\n'), /EHC-000001[\s\S]*week \d+ of 20/);
    const plan = await records.plans.get('EHC-000001');
    const audit = await records.audit.forChild(plan.childId);
    assert.ok(audit.some((e) => e.action === 'plan.read' && e.actor.id === 'S001' && e.channel === 'teams'));
  });

  it('finds plans by part of a child’s name', async () => {
    const records = createRecords(service.app.cosmos);
    const child = await records.children.get('C0042');
    const { body } = await search(`${child.givenName} ${child.familyName.slice(0, 3)}`, 'staff:S007');
    const texts = (body.composeExtension?.attachments ?? []).map((a) => a.content.body.map((b) => b.text).join('\n'));
    assert.ok(
      texts.some((t) => t.includes(`${child.givenName} ${child.familyName}`)),
      texts.join('\n---\n'),
    );
  });

  it('refuses people who are not SEND caseworkers or managers, without searching', async () => {
    for (const persona of ['anonymous', 'parent:P0001', 'staff:S008', 'staff:S010']) {
      const { status, body } = await search('EHC-000001', persona);
      assert.equal(status, 200);
      assert.equal(body.composeExtension?.type, 'message', String(persona));
      assert.match(body.composeExtension?.text ?? '', /Only SEND team caseworkers and managers/);
    }
  });

  it('refuses a search with no token, or a token for another conversation, with 401 or 404 and runs nothing', async () => {
    const records = createRecords(service.app.cosmos);
    const plan = await records.plans.get('EHC-000001');
    const before = (await records.audit.forChild(plan.childId)).length;
    const mine = await DirectLineClient.open(service.url, 'staff:S001');
    const other = await DirectLineClient.open(service.url, 'staff:S007');
    const invoke = { type: 'invoke', name: 'composeExtension/query', value: { commandId: 'findPlan', parameters: [{ name: 'query', value: 'EHC-000001' }] } };
    const none = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...invoke,
        channelId: 'msteams',
        serviceUrl: 'https://x.example/',
        from: { id: 'a' },
        recipient: { id: 'b' },
        conversation: { id: mine.conversationId },
      }),
    });
    assert.equal(none.status, 401);
    const borrowed = await mine.postToMessages({ ...invoke, conversation: { id: other.conversationId } as never });
    assert.equal(borrowed.status, 404, 'a token works only in the conversation it is bound to');
    assert.equal((await records.audit.forChild(plan.childId)).length, before, 'nothing was read');
  });
});
