import assert from 'node:assert/strict';
import type { Request } from 'restify';
import { directLineTokenIssuer } from '../../bot/server/webchat-routes';

function request(headers: Record<string, string>, body: unknown = {}): Request {
  return { header: (name: string) => headers[name.toLowerCase()], body } as unknown as Request;
}

describe('directLineTokenIssuer() (production web chat tokens)', () => {
  it('exchanges the secret on the server for a token bound to a user id the server chose', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const issuer = directLineTokenIssuer({
      secret: 'server-only-secret',
      domain: 'https://europe.directline.botframework.com/v3/directline',
      allowedOrigins: ['https://localoffer.example.org'],
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return new Response(JSON.stringify({ token: 'dl-token', conversationId: 'c1', expires_in: 3600 }), { status: 200 });
      },
    });
    const issued = await issuer.issue(request({ origin: 'https://localoffer.example.org' }, { userId: 'chosen-by-client' }));
    assert.equal(issued.token, 'dl-token');
    assert.match(issued.userId, /^dl_[0-9a-f-]{36}$/);
    assert.notEqual(issued.userId, 'chosen-by-client');
    assert.ok(!JSON.stringify(issued).includes('server-only-secret'), 'the secret never reaches the browser');
    const call = calls[0];
    assert.equal(call?.url, 'https://europe.directline.botframework.com/v3/directline/tokens/generate');
    assert.equal((call?.init.headers as Record<string, string>).Authorization, 'Bearer server-only-secret');
    const sent = JSON.parse(String(call?.init.body)) as { user: { id: string }; trustedOrigins: string[] };
    assert.equal(sent.user.id, issued.userId);
    assert.deepEqual(sent.trustedOrigins, ['https://localoffer.example.org']);
  });

  it('refuses a page on a site that is not allowed, without calling Direct Line', async () => {
    let called = false;
    const issuer = directLineTokenIssuer({
      secret: 's',
      domain: 'https://directline.example',
      allowedOrigins: ['https://localoffer.example.org'],
      fetch: async () => {
        called = true;
        return new Response('{}');
      },
    });
    await assert.rejects(issuer.issue(request({ origin: 'https://evil.example' })), (err: Error & { status?: number }) => err.status === 403);
    assert.equal(called, false);
  });

  it('refuses a request with no Origin when allowed sites are set (a script, not the council page), without calling Direct Line', async () => {
    let called = false;
    const issuer = directLineTokenIssuer({
      secret: 's',
      domain: 'https://directline.example',
      allowedOrigins: ['https://localoffer.example.org'],
      fetch: async () => {
        called = true;
        return new Response('{}');
      },
    });
    await assert.rejects(issuer.issue(request({})), (err: Error & { status?: number }) => err.status === 403);
    assert.equal(called, false);
  });

  it('fails clearly when Direct Line refuses', async () => {
    const issuer = directLineTokenIssuer({ secret: 's', domain: 'https://directline.example', allowedOrigins: [], fetch: async () => new Response('', { status: 403 }) });
    await assert.rejects(issuer.issue(request({})), /Direct Line answered 403/);
  });
});
