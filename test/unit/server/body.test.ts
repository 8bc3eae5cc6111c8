import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { BodyRefused, checkJsonShape, readJsonBody } from '../../../bot/server/body';

const LIMITS = { maxBytes: 1024, maxDepth: 8, maxMembers: 50 };

function request(body: string | Buffer, headers: Record<string, string>): IncomingMessage {
  const stream = Readable.from([Buffer.isBuffer(body) ? body : Buffer.from(body)]) as unknown as IncomingMessage;
  (stream as { headers: Record<string, string> }).headers = { 'content-length': String(Buffer.byteLength(body)), ...headers };
  return stream;
}

async function refusal(p: Promise<unknown>): Promise<BodyRefused> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BodyRefused) return err;
    throw err;
  }
  throw new Error('expected the body to be refused');
}

describe('readJsonBody()', () => {
  it('parses plain JSON, with or without a charset', async () => {
    assert.deepEqual(await readJsonBody(request('{"a":[1,2]}', { 'content-type': 'application/json; charset=utf-8' }), LIMITS), { a: [1, 2] });
    assert.deepEqual(await readJsonBody(request('{"a":1}', { 'content-type': 'application/vnd.example+json' }), LIMITS), { a: 1 });
  });

  it('reads nothing when there is no body', async () => {
    assert.equal(await readJsonBody(request('', { 'content-length': '0' }), LIMITS), undefined);
  });

  it('refuses a compressed body with 415, whatever it holds', async () => {
    const r = await refusal(readJsonBody(request('not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }), LIMITS));
    assert.equal(r.status, 415);
  });

  it('refuses multipart, forms and text with 415 before reading', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain', '']) {
      const r = await refusal(readJsonBody(request('a=1', type ? { 'content-type': type } : {}), LIMITS));
      assert.equal(r.status, 415, type);
    }
  });

  it('refuses a body over the limit with 413, by its declared length or by what arrives', async () => {
    assert.equal((await refusal(readJsonBody(request('{}', { 'content-type': 'application/json', 'content-length': '5000' }), LIMITS))).status, 413);
    const big = `{"a":"${'x'.repeat(2000)}"}`;
    assert.equal((await refusal(readJsonBody(request(big, { 'content-type': 'application/json', 'content-length': '10' }), LIMITS))).status, 413);
  });

  it('says the body is not valid JSON without echoing the parser, and refuses bytes that are not UTF-8', async () => {
    const r = await refusal(readJsonBody(request('{"a":', { 'content-type': 'application/json' }), LIMITS));
    assert.equal(r.status, 400);
    assert.equal(r.message, 'The request body is not valid JSON.');
    assert.equal((await refusal(readJsonBody(request(Buffer.from([0x7b, 0xff, 0x7d]), { 'content-type': 'application/json' }), LIMITS))).status, 400);
  });
});

describe('checkJsonShape()', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    assert.doesNotThrow(() => checkJsonShape('['.repeat(8) + ']'.repeat(8), LIMITS));
    assert.throws(() => checkJsonShape('['.repeat(9) + ']'.repeat(9), LIMITS), /nested too deeply/);
  });

  it('ignores brackets and commas inside strings, escaped quotes included', () => {
    assert.doesNotThrow(() => checkJsonShape(JSON.stringify({ text: '[[[[[[[[[[,,,,,,"\\' + ','.repeat(100) }), LIMITS));
  });

  it('counts members and list items across the whole body', () => {
    assert.doesNotThrow(() => checkJsonShape(JSON.stringify(Array.from({ length: 40 }, () => 0)), LIMITS));
    assert.throws(() => checkJsonShape(JSON.stringify(Array.from({ length: 60 }, () => 0)), LIMITS), /too many fields/);
  });

  it('refuses a __proto__ key, however it is spelt, but not the word as a value', () => {
    assert.throws(() => checkJsonShape('{"__proto__":{}}', LIMITS), /not allowed/);
    assert.throws(() => checkJsonShape('{"\\u005f_proto__" : {}}', LIMITS), /not allowed/);
    assert.doesNotThrow(() => checkJsonShape('{"text":"__proto__"}', LIMITS));
  });
});
