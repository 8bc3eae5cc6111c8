import assert from 'node:assert/strict';
import { createRecords } from '../../bot/records';
import { TestChannel } from '../helpers/channel';
import { localToken, startService, type RunningService } from '../helpers/service';

interface ExtensionResponse {
  composeExtension?: { type: string; text?: string; attachments?: { contentType: string; content: { body: { text: string }[] }; preview?: unknown }[] };
}

describe('Teams "Find a plan" search message extension (composeExtension/query over /api/messages)', function () {
  this.timeout(60_000);
  let service: RunningService;
  let channel: TestChannel;

  before(async () => {
    service = await startService({ DEMO_DATA: 'true' });
    channel = await TestChannel.start();
  });
  after(async () => {
    await channel?.close();
    await service?.close();
  });


  async function search(query: string, persona?: string): Promise<{ status: number; body: ExtensionResponse }> {
    const headers = persona ? { Authorization: `Bearer ${await localToken(service.url, persona)}` } : ({} as Record<string, string>);
    const res = await channel.post(
      service.url,
      {
        type: 'invoke',
        name: 'composeExtension/query',
        id: `invoke-${Math.random()}`,
        channelId: 'msteams',
        from: { id: '29:someone', name: 'Someone' },
        recipient: { id: '28:bot', name: 'SEND Assistant' },
        conversation: { id: 'a:compose' } as never,
        value: { commandId: 'findPlan', parameters: [{ name: 'query', value: query }], queryOptions: { skip: 0, count: 10 } },
      },
      headers,
    );
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
    assert.ok(texts.some((t) => t.includes(`${child.givenName} ${child.familyName}`)), texts.join('\n---\n'));
  });

  it('refuses people who are not SEND caseworkers or managers, without searching', async () => {
    for (const persona of [undefined, 'anonymous', 'parent:P0001', 'staff:S008', 'staff:S010']) {
      const { status, body } = await search('EHC-000001', persona);
      assert.equal(status, 200);
      assert.equal(body.composeExtension?.type, 'message', String(persona));
      assert.match(body.composeExtension?.text ?? '', /Only SEND team caseworkers and managers/);
    }
  });
});
